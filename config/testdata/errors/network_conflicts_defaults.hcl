# The first services in the file set a network of their own that the
# services after them, which take theirs from defaults, disagree with:
# the values they set are blamed, not those of defaults.
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
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  network {
    cidr_block = "10.30.0.0/16" # ERROR: Invalid value for "cidr_block"
  }
}

# Keeps the subnets of defaults, in another VPC.
service "payments" {
  network {
    vpc_id = "vpc-1a1b2c3d4e5f67890" # ERROR: Invalid value for "vpc_id"
  }
}

service "search" {
}

service "catalog" {
}
