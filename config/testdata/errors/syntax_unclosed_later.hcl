# A bracket that is never closed hides no later syntax error: a line that
# starts a top-level block in the first column is parsed again from there.
# An indented one is not taken for a top-level block.
defaults {
  account_id = "111111111111"
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890" # ERROR: Unclosed bracket
  }
}

service "orders" { # ERROR: Unclosed configuration block
  build { # ERROR: Unclosed brace
    timeout_minutes = 45
}

service "payments" {
  branch = = "main" # ERROR: Invalid expression
}

  service "indented" {
    branch = = "main"
  }

service "search" {
  repository = "search-service"
  branch     = "release/v2" "x" # ERROR: Missing newline after argument
}
