go test fuzz v1
[]byte("# A syntax error stops before decoding.\ndefaults {\n  region = \"us-east-1 # ERROR: Invalid multi-line string | Unterminated template string\n} # ERROR: Invalid multi-line string\n")
