# Cross-account stages: the pipeline's own account must be declared, and a
# stage's listeners must belong to the account it deploys into.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "staging" {
    account_id   = "33333333333" # ERROR: Invalid value for "account_id"
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
  stage "production" {
    account_id       = "222222222222" # ERROR: Invalid value for "account_id"
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef" # ERROR: Invalid value for "listener_arn"
    require_approval = true
  }
}

service "orders" {
}

service "payments" {
  account_id = "111111111111"
  stage "production" {
    test_listener_arn = "arn:aws:elasticloadbalancing:us-east-1:333333333333:listener/app/production/0123456789abcdef/fedcba9876543210" # ERROR: Invalid value for "test_listener_arn"
  }
}
