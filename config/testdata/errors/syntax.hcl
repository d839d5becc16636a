# A syntax error stops before decoding.
defaults {
  region = "us-east-1 # ERROR: Invalid multi-line string | Unterminated template string
} # ERROR: Invalid multi-line string
