# Service names that are not lowercase words joined by hyphens: they would not be safe or distinct folder names in out/.
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
}

service "Orders" { # ERROR: Invalid service name
}

service "../x" { # ERROR: Invalid service name
}

service "a/b" { # ERROR: Invalid service name
}

service "orders_v2" { # ERROR: Invalid service name
}

service "-orders" { # ERROR: Invalid service name
}

service "orders--api" { # ERROR: Invalid service name
}

service "2fa" { # ERROR: Invalid service name
}

service "" { # ERROR: Invalid service name
}

# Names Windows keeps for devices: their folders could not exist there.
service "con" { # ERROR: Invalid service name
}

service "lpt1" { # ERROR: Invalid service name
}

service "com10" {
}
