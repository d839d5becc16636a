# Stages that deploy to the same ECS service: CodeDeploy allows one
# deployment group per ECS service, so the second stack would fail.
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
    cluster      = "shared"
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

# Its staging deploys to the ECS service "orders" of the cluster "shared",
# as the staging of "orders" does: the value it sets is blamed.
service "orders-v2" {
  stage "staging" {
    ecs_service = "orders" # ERROR: Shared ECS service
  }
}

# Its staging deploys to the ECS service of the staging of "reports",
# declared after it, which takes every value from defaults: the value it
# sets is blamed, not the cluster of defaults, as when it comes after.
service "legacy" {
  stage "staging" {
    ecs_service = "reports" # ERROR: Shared ECS service
  }
}

service "reports" {
}

# Both of its stages deploy to the same ECS service.
service "payments" {
  stage "production" {
    cluster = "shared" # ERROR: Shared ECS service
  }
}

# The same ECS service names in another account do not collide.
service "catalog" {
  stage "staging" {
    account_id   = "222222222222"
    ecs_service  = "orders"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }
}
