# Defaults switch every optional feature on; one service switches them off
# again, and another keeps them.
defaults {
  account_id = "111111111111"

  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-1f2e3d4c5b6a79801"]
    cidr_block = "10.20.0.0/16"
  }

  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }

  test {}

  notifications {
    emails = ["platform-team@example.com"]
  }

  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true

    validation {
      url = "https://api.internal.example.com/health"
    }
  }
}

service "api" {
  test {
    enabled = false
  }

  notifications {
    enabled = false
  }

  stage "production" {
    validation {
      enabled = false
    }
  }
}

service "web" {
}
