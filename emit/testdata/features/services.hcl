# Every optional feature on: a test project, notifications, and a
# validation step after each deployment (one over HTTPS, one over HTTP on
# another port).
defaults {
  account_id         = "111111111111"
  environment_suffix = "qa"

  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-0f9e8d7c6b5a43210"]
    cidr_block = "10.20.0.0/16"
  }

  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }

  test {
    buildspec       = "ci/buildspec-test.yml"
    timeout_minutes = 20
  }

  notifications {
    emails = ["platform-team@example.com", "orders-oncall@example.com"]
  }

  stage "staging" {
    cluster          = "staging"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    require_approval = true

    validation {
      url             = "http://10.20.4.10:8080/health?check=deep&verbose=1"
      expected_status = 204
      timeout_seconds = 5
    }
  }

  stage "production" {
    account_id       = "222222222222"
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true

    validation {
      url = "https://orders.internal.example.com/health"
    }
  }
}

service "orders" {
}
