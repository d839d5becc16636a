# A value refused for its type is unknown, not absent: the checks that
# need it are left out. A pipeline account that is no string is not an
# undeclared one, so a stage's account is not said to lack it, and the
# listeners are compared with no account in its place.
defaults {
  account_id = 0111111111111 # ERROR: Invalid value for "account_id"
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
    account_id       = "222222222222"
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
}

# Its own pipeline account, refused: the defaults' is not taken instead.
service "payments" {
  account_id = null # ERROR: Invalid value for "account_id"
}
