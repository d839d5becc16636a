# A stray closing bracket does not close the block around it: the block's
# own closing brace is no error, and the next block is read as one.
service "a" {
  branch = ] # ERROR: Invalid expression
  stage "x" {
    cluster = "c"
  }
}

service "b" {
  branch = = "ok" # ERROR: Invalid expression
}
