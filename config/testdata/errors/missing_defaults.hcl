# No defaults block: a service must then set everything itself.
service "orders" { # ERROR: Missing required argument "access_logs_bucket" | Missing stage
  network { # ERROR: Missing required argument "cidr_block" | Missing required argument "subnet_ids"
    vpc_id = "vpc-0a1b2c3d4e5f67890"
  }
}
