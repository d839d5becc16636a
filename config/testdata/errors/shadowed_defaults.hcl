# Values of defaults that every service overrides: each is validated as a
# service that inherits it would be, and reported once, where it is
# written, since the next service that does not override it would have
# it. A value some service inherits is reported once, as before. Not
# reported: a value that agrees with what defaults hold only once a
# service sets its own (a listener of another account than the stage's,
# a validation URL outside a range every service overrides, an empty
# list of addresses in a block a service may switch off), a value only
# services give, and the names derived from a service's name.
defaults {
  account_id         = "111111111111"
  environment_suffix = "Dev" # ERROR: Invalid value for "environment_suffix"
  branch             = "refs/heads/main" # ERROR: Invalid value for "branch"
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-0a1b2c3d4e5f67890"] # ERROR: Invalid value for "subnet_ids"
    cidr_block = "10.20.0.0/16"
  }
  build {
    compute_type    = "BUILD_GENERAL1_LARGE" # ERROR: Policy violation in "compute_type"
    timeout_minutes = 9999 # ERROR: Invalid value for "timeout_minutes"
    image           = "ubuntu:22.04" # ERROR: Invalid value for "image"
  }
  test {
    enabled         = false
    timeout_minutes = 1 # ERROR: Invalid value for "timeout_minutes"
  }
  notifications {
    emails = []
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
    expire_days        = 0 # ERROR: Invalid value for "expire_days"
  }
  logs {
    retention_days = 7 # ERROR: Policy violation in "retention_days"
  }
  stage "staging" {
    account_id   = "222222222222"
    cluster      = "staging cluster" # ERROR: Invalid value for "cluster"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    validation {
      url             = "https://192.168.1.10/health"
      expected_status = 2000 # ERROR: Invalid value for "expected_status"
    }
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef" # ERROR: Invalid value for "listener_arn"
    require_approval = false # ERROR: Policy violation in "require_approval"
  }
}

service "orders" {
  environment_suffix = "dev"
  branch             = "main"
  network {
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-1f2e3d4c5b6a79801"]
    cidr_block = "192.168.0.0/16"
  }
  build {
    compute_type    = "BUILD_GENERAL1_SMALL"
    timeout_minutes = 60
    image           = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
  }
  test {
    timeout_minutes = 20
  }
  notifications {
    emails = ["orders-team@example.com"]
  }
  artifacts {
    expire_days = 30
  }
  logs {
    retention_days = 30
  }
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/staging/0123456789abcdef/0123456789abcdef"
    validation {
      expected_status = 200
    }
  }
  stage "production" {
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "payments" {
  environment_suffix = "dev"
  branch             = "main"
  network {
    subnet_ids = ["subnet-0f9e8d7c6b5a43210", "subnet-1f2e3d4c5b6a79801"]
    cidr_block = "192.168.0.0/16"
  }
  build {
    compute_type    = "BUILD_GENERAL1_SMALL"
    timeout_minutes = 30
    buildspec       = "../buildspec.yml" # ERROR: Invalid value for "buildspec"
  }
  test {
    enabled         = false
    timeout_minutes = 20
  }
  notifications {
    enabled = false
  }
  artifacts {
    expire_days = 30
  }
  logs {
    retention_days = 30
  }
  stage "staging" {
    cluster      = "payments-staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/staging/0123456789abcdef/fedcba9876543210"
    validation {
      expected_status = 204
    }
  }
  stage "production" {
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/fedcba9876543210"
    require_approval = true
  }
}
