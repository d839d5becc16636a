# The names a stage's templates create, and in which account, depend on
# its account: refused for its type, it is unknown, and the service's
# names are not compared with other services'.
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
  stage "eu" {
    cluster      = "eu"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/eu/0123456789abcdef/0123456789abcdef"
  }
  stage "prod-eu" {
    account_id       = "222222222222"
    cluster          = "prod-eu"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/prod-eu/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "web-prod" {
}

# In the pipeline's account, its stage "prod-eu" would create the
# CodeDeploy role of stage "eu" of service "web-prod".
service "web" {
  stage "prod-eu" {
    account_id = null # ERROR: Invalid value for "account_id"
  }
}
