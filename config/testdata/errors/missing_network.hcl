# Defaults without a network block: every required network value is missing.
defaults { # ERROR: Missing required argument "cidr_block" | Missing required argument "subnet_ids" | Missing required argument "vpc_id"
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
