# Two VPCs and two pipeline accounts. Catalog keeps another
# EnvironmentSuffix. Billing runs in the second account, in a VPC of its
# own, and deploys production into the first; shipping runs in the
# second account too, in the first VPC.
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
  test {}
}

service "catalog" {
  environment_suffix = "qa"
}

service "billing" {
  account_id = "444444444444"

  network {
    vpc_id     = "vpc-0b1b2c3d4e5f67890"
    subnet_ids = ["subnet-0b1b2c3d4e5f67890", "subnet-0c9e8d7c6b5a43210"]
    cidr_block = "10.30.0.0/16"
  }

  artifacts {
    access_logs_bucket = "s3-access-logs-444444444444-us-east-1"
  }

  notifications {
    emails = ["billing@example.com"]
  }

  stage "staging" {
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:444444444444:listener/app/staging/0123456789abcdef/0123456789abcdef"

    validation {
      url = "https://billing.internal.example.com/health"
    }
  }

  stage "production" {
    account_id   = "111111111111"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
  }
}

service "shipping" {
  account_id = "444444444444"

  artifacts {
    access_logs_bucket = "s3-access-logs-444444444444-us-east-1"
  }

  stage "staging" {
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:444444444444:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
}
