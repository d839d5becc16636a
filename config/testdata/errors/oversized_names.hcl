# Service names whose AWS names would not fit AWS's limits with the
# longest EnvironmentSuffix.
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

service "inventory-reservation-service" { # ERROR: Service name too long | Service name too long
  stage "production" {
    target_groups = ["inventory-blue", "inventory-green"]
  }
  stage "staging" {
    target_groups = ["inventory-stg-blue", "inventory-stg-green"]
  }
}

service "customer-notification-preferences" { # ERROR: Service name too long | Service name too long | Service name too long
  stage "production" {
    target_groups = ["notify-blue", "notify-green"]
  }
  stage "staging" {
    target_groups = ["notify-stg-blue", "notify-stg-green"]
  }
}
