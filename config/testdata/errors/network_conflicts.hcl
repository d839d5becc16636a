# Services that disagree about a VPC: its range, or which VPC a subnet is in.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
}

service "payments" {
  network {
    cidr_block = "10.30.0.0/16" # ERROR: Invalid value for "cidr_block"
  }
}

service "search" {
  network {
    vpc_id     = "vpc-1a1b2c3d4e5f67890"
    subnet_ids = [
      "subnet-1a1b2c3d4e5f67890",
      "subnet-0a1b2c3d4e5f67890", # ERROR: Invalid value for "subnet_ids"
    ]
  }
}

# The range of defaults, in another VPC: no conflict.
service "ledger" {
  network {
    vpc_id     = "vpc-2a1b2c3d4e5f67890"
    subnet_ids = ["subnet-2a1b2c3d4e5f67890"]
  }
}

service "billing" {
  network {
    vpc_id     = "vpc-3a1b2c3d4e5f67890"
    subnet_ids = ["subnet-3a1b2c3d4e5f67890"]
    cidr_block = "10.50.0.0/16"
  }
}

# Inherits the range of defaults, which is not that of the VPC it sets.
service "audit" {
  network {
    vpc_id     = "vpc-3a1b2c3d4e5f67890" # ERROR: Invalid value for "vpc_id"
    subnet_ids = ["subnet-3a1b2c3d4e5f67890"]
  }
}

# Overrides the range that every other service in the VPC of defaults
# takes from defaults: its own value is blamed, not that of defaults.
service "ledger-v2" {
  network {
    cidr_block = "10.60.0.0/16" # ERROR: Invalid value for "cidr_block"
  }
}

# Sets a VPC but keeps the subnets of defaults, which are in another.
service "reports" {
  network {
    vpc_id = "vpc-4a1b2c3d4e5f67890" # ERROR: Invalid value for "vpc_id"
  }
}
