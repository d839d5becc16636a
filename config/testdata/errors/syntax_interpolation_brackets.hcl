# HCL ends an interpolation at the brace that balances its braces, even
# with a bracket left open inside it: the string after it is closed, and
# the errors of later blocks are still reported.
service "orders" {
  branch = "${[}" # ERROR: Invalid expression
}

service "payments" {
  branch = "main" "x" # ERROR: Missing newline after argument
}
