# A block that is never closed.
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

service "orders" { # ERROR: Unclosed brace
  build { # ERROR: Unclosed brace
    timeout_minutes = 45

service "payments" {
}
