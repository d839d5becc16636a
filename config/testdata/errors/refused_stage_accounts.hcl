# A stage's account refused for its type is unknown: the stage does not
# take the pipeline's account instead, so neither its listener nor the
# ECS service it deploys to is checked against that.
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
    account_id       = "222222222222"
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  stage "production" {
    account_id = 0222222222222 # ERROR: Invalid value for "account_id"
  }
}

service "payments" {
  stage "production" {
    account_id = null # ERROR: Invalid value for "account_id"
  }
}

# In the pipeline's account, its production would deploy to the ECS
# service of its staging.
service "search" {
  stage "production" {
    account_id = ["222222222222"] # ERROR: Invalid value for "account_id"
    cluster    = "staging"
  }
}
