# Required values that no layer sets.
defaults { # ERROR: Missing required argument "access_logs_bucket"
  network { # ERROR: Missing required argument "cidr_block" | Missing required argument "vpc_id"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
  }
  stage "production" { # ERROR: Missing required argument "listener_arn"
    cluster          = "production"
    require_approval = true
  }
  notifications { # ERROR: Missing required argument "emails"
  }
}

service "orders" {
}
