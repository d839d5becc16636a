# A missing required value does not hide the other problems of the
# services that lack it, and the checks that need it are not run.
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
  stage "production" { # ERROR: Missing required argument "listener_arn"
    cluster          = "production"
    require_approval = true
  }
}

service "orders" {
  account_id = "12345678901" # ERROR: Invalid value for "account_id"
  build {
    compute_type = "BUILD_GENERAL1_LARGE" # ERROR: Policy violation in "compute_type"
  }
  stage "production" {
    test_listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/prod/0123456789abcdef/0123456789abcdef"
    validation {
      url = "https://10.30.0.5/health" # ERROR: Invalid value for "url"
    }
  }
}

service "Payments" { # ERROR: Invalid service name
}
