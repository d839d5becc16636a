# An interpolation or directive left open in a quoted string reads the
# string's closing quote as the start of a string inside it: it is
# reported once, where it opens, not as two strings without an end.
defaults {
  branch = "main-${x" # ERROR: Unclosed template interpolation
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
}

service "orders" {
  repository = "orders-%{x" # ERROR: Unclosed template directive
  # Written as literals, they are no interpolation or directive.
  container_name = "a$${b%%{c"
}

service "payments" {
  branch = "a${"b # ERROR: Unclosed template interpolation
}

# Closed on a later line, as HCL allows, with the string left without an
# end on its own.
service "search" {
  branch = "a${b # ERROR: Unclosed template interpolation
}
}
