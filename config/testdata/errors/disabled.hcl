# Optional blocks switched off with enabled = false: their values are
# checked as if the blocks were on, and reported where they are written,
# once. Being off, a block needs no required value, and a validation URL
# need not be in the VPC's range.
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
  test {
    enabled         = false
    timeout_minutes = 9999 # ERROR: Invalid value for "timeout_minutes"
  }
  notifications {
    enabled = false
    emails  = ["platform-team@example.com", "ops@@example"] # ERROR: Invalid value for "emails"
  }
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    validation {
      enabled = false
      url     = "https//staging.internal.example.com/health" # ERROR: Invalid value for "url"
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
  test {
    enabled   = false
    buildspec = "../buildspec-test.yml" # ERROR: Invalid value for "buildspec"
  }
  notifications {
    enabled = false
    emails  = []
  }
  stage "production" {
    validation {
      enabled         = false
      url             = "https://192.168.1.10/health"
      expected_status = 2000 # ERROR: Invalid value for "expected_status"
      timeout_seconds = "soon" # ERROR: Invalid value for "timeout_seconds"
    }
  }
}

service "search" {
  notifications {
    enabled = false
  }
  stage "production" {
    validation {
      enabled = false
    }
  }
}
