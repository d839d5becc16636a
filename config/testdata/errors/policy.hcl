# Values AWS would accept but the platform's policy forbids.
defaults {
  region = "eu-west-1" # ERROR: Policy violation in "region"
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  build {
    compute_type = "BUILD_GENERAL1_LARGE" # ERROR: Policy violation in "compute_type"
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  logs {
    retention_days = 90 # ERROR: Policy violation in "retention_days"
  }
  stage "staging" { # ERROR: Policy violation in "require_approval"
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef" # ERROR: Invalid value for "listener_arn"
  }
}

service "orders" {
  stage "staging" {
    require_approval = false # ERROR: Policy violation in "require_approval"
  }
}

service "payments" {
}
