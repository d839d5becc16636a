# Blocks declared twice in one service or stage. The second block's
# arguments are checked too: merged into the first, they would be next.
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
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  build {
  }
  build { # ERROR: Duplicate build block
    timout = 30 # ERROR: Unsupported argument
  }
  stage "production" {
    cluster = "production-a"
  }
  stage "production" { # ERROR: Duplicate stage "production"
    cluster          = "production-b"
    require_approval = "yes" # ERROR: Invalid value for "require_approval"
  }
  stage "staging" {
    validation {
      url = "https://orders.internal.example.com/health"
    }
    validation { # ERROR: Duplicate validation block
      url     = "https://orders.internal.example.com/ready"
      timeout = 5 # ERROR: Unsupported argument
    }
  }
}

service "orders" { # ERROR: Duplicate service "orders"
  brnch = "main" # ERROR: Unsupported argument
}
