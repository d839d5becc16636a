# Production deploys into another account. Ledger also deploys its staging
# into a third account, so its pipeline's account holds no deployment at all.
defaults {
  account_id = "111111111111"

  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-0f9e8d7c6b5a43210"]
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
  task_roles = ["orders-task", "ecs/orders-execution"]

  stage "production" {
    rollback_alarms   = ["orders-prod-5xx"]
    test_listener_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/fedcba9876543210"
  }
}

service "ledger" {
  stage "staging" {
    account_id   = "333333333333"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:333333333333:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
}
