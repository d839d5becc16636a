# Every quoted string that does not end on its line is reported, each
# at its opening quote.
defaults {
  branch = "main # ERROR: Unterminated string
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
}

service "orders" {
  repository = "orders-service # ERROR: Unterminated string
}

service "search" {
  container_name = "search # ERROR: Unterminated string
}
