# The parser lists an invalid character before the errors it meets while
# parsing, wherever it stands: every block after the earliest error is
# parsed again on its own.
service "a" {
  branch = = "x" # ERROR: Invalid expression
}
service "b" {
  branch = ] # ERROR: Invalid expression
}
service "c" {
  branch = "x" @ # ERROR: Invalid character
}
