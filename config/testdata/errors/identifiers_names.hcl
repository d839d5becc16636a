# Names of repositories, containers, clusters, services and target groups that AWS refuses.
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
  repository     = "orders service" # ERROR: Invalid value for "repository"
  ecr_repository = "Orders/API" # ERROR: Invalid value for "ecr_repository"
  container_name = "orders:latest" # ERROR: Invalid value for "container_name"
  stage "production" {
    cluster       = "prod/cluster" # ERROR: Invalid value for "cluster"
    ecs_service   = "orders.api" # ERROR: Invalid value for "ecs_service"
    target_groups = ["-orders-blue", "orders_green"] # ERROR: Invalid value for "target_groups" | Invalid value for "target_groups"
  }
}

service "payments" {
  repository     = "payments.git" # ERROR: Invalid value for "repository"
  ecr_repository = "p" # ERROR: Invalid value for "ecr_repository"
  stage "production" {
    target_groups = ["payments-production-blue-target-group", "payments-production-green"] # ERROR: Invalid value for "target_groups"
  }
}
