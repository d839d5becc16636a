# Blocks with labels they do not take: each is reported at its extra
# labels, and read without them, so that its values are neither missing
# nor left unchecked, and no rule between stages fires for want of it.
defaults {
  account_id = "111111111111"
  network "main" { # ERROR: Extraneous label for network
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-1f2e3d4c5b6a79801"]
    cidr_block = "10.20.0.0/16"
  }
  artifacts "logs" "main" { # ERROR: Extraneous label for artifacts
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
  stage "production" "eu" { # ERROR: Extraneous label for stage
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  build "fast" { # ERROR: Extraneous label for build
    timeout_minutes = 1 # ERROR: Invalid value for "timeout_minutes"
  }
  stage "production" "eu" { # ERROR: Extraneous label for stage
    validation "health" { # ERROR: Extraneous label for validation
      url = "https://orders.internal.example.com/health"
    }
  }
}

service "payments" {}

service "search" {}
