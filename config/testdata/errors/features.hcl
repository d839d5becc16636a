# Optional features with bad values: the test project, notifications and
# validation steps.
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
  test {
    buildspec       = "/ci/buildspec-test.yml" # ERROR: Invalid value for "buildspec"
    timeout_minutes = 1 # ERROR: Invalid value for "timeout_minutes"
  }
  notifications {
    emails = ["Platform Team <platform@example.com>", "platform-team"] # ERROR: Invalid value for "emails" | Invalid value for "emails"
  }
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    validation {
      url             = "ftp://staging.internal.example.com/health" # ERROR: Invalid value for "url"
      expected_status = 99 # ERROR: Invalid value for "expected_status"
      timeout_seconds = 301 # ERROR: Invalid value for "timeout_seconds"
    }
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
}

service "payments" {
  notifications {
    emails = [] # ERROR: Invalid value for "emails"
  }
  stage "staging" {
    validation {
      url = "https://192.168.1.10/health" # ERROR: Invalid value for "url"
    }
  }
}

service "search" {
  stage "staging" {
    validation {
      url = "https://search.internal.example.com:99999/health" # ERROR: Invalid value for "url"
    }
  }
}

service "catalog" {
  stage "production" {
    validation { # ERROR: Missing required argument "url"
      expected_status = 204
    }
  }
}
