# Network identifiers that do not have AWS's shapes.
defaults {
  account_id = "111111111111"
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  network {
    vpc_id            = "vpc-12345" # ERROR: Invalid value for "vpc_id"
    subnet_ids        = ["subnet-0A1B2C3D", "sg-0a1b2c3d"] # ERROR: Invalid value for "subnet_ids" | Invalid value for "subnet_ids"
    cidr_block        = "10.20.0.0/33" # ERROR: Invalid value for "cidr_block"
    s3_prefix_list_id = "pl-63a5400" # ERROR: Invalid value for "s3_prefix_list_id"
  }
}

service "payments" {
  network {
    cidr_block = "2001:db8::/32" # ERROR: Invalid value for "cidr_block"
  }
}

service "search" {
  network {
    cidr_block = "10.0.0.0/8" # ERROR: Invalid value for "cidr_block"
  }
}
