# Derived AWS names that would not fit AWS's limits, and stage names that
# cannot be mapped to logical IDs.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "1st" { # ERROR: Invalid stage name
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    target_groups = ["a-blue", "a-green"]
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "order-management-and-fulfilment" { # ERROR: Invalid value for "target_groups" | Invalid value for "target_groups" | Service name too long | Service name too long
}
