# More subnets in one VPC than us-east-1 has Availability Zones: builds may
# use them all, but an interface endpoint takes one subnet per zone, so
# the endpoints' SubnetIds get no default.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d", "subnet-1a1b2c3d", "subnet-2a1b2c3d", "subnet-3a1b2c3d"]
    cidr_block = "10.0.0.0/16"
  }
  artifacts {
    access_logs_bucket = "access-logs-example"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "api" {
}

service "worker" {
  network {
    subnet_ids = ["subnet-3a1b2c3d", "subnet-4a1b2c3d", "subnet-5a1b2c3d", "subnet-6a1b2c3d"]
  }
}
