# Duplicate services, stages and blocks, and undeclared stages.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  network { # ERROR: Duplicate network block
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
  stage "production" { # ERROR: Duplicate stage "production"
  }
}

defaults { # ERROR: Duplicate defaults block
  container_port = "http" # ERROR: Invalid value for "container_port"
}

service "orders" {
}

service "orders" { # ERROR: Duplicate service "orders"
}

service "payments" {
  stage "prod" { # ERROR: Undeclared stage
    cluster = "production"
  }
}
