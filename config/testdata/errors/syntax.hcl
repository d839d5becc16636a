# A syntax error stops before decoding.
defaults {
  region = "us-east-1 # ERROR: Unterminated string
}
