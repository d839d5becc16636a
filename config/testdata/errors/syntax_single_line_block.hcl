# An argument on the line of its block's opening brace makes a block of
# one line, which must close there. Each is told where the argument goes
# instead, with its name.
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
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  stage "production" { cluster = "production-orders" # ERROR: Invalid single-argument block definition
    ecs_service = "orders"
  }
}

service "payments" {
  build { buildspec = <<EOT
ci/buildspec.yml
# ERROR ON NEXT LINE: Invalid single-argument block definition
EOT
  }
}

service "catalog" {
  build { timeout_minutes = 45 }
}
