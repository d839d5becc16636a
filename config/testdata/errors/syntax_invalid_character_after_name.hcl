# A character HCL does not know between a name and what follows it is
# reported alone: not also as a missing argument or block definition at
# the name, with the advice to use an equals sign that is there.
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
  branch § = "release" # ERROR: Invalid character
}

service §"catalog" { # ERROR: Invalid character
}

service "payments" {
  build§{ # ERROR: Invalid character
  }
}
