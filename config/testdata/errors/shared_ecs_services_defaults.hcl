# Stages that share an ECS service because of a value of defaults: the
# value is blamed once, with the services that inherit it.
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
  # Every service that keeps both deploys its staging to the same ECS
  # service.
  stage "staging" {
    cluster      = "staging"
    ecs_service  = "web" # ERROR: Shared ECS service
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
  stage "qa" {
    cluster      = "shared"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/qa/0123456789abcdef/0123456789abcdef"
  }
  # Every service's qa and production deploy to the ECS service named
  # after it, in the same cluster.
  stage "production" {
    cluster          = "shared" # ERROR: Shared ECS service
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
}

service "payments" {
}

service "search" {
  stage "staging" {
    ecs_service = "search"
  }
}

service "catalog" {
  stage "staging" {
    cluster = "catalog"
  }
}
