# References, function calls, for expressions and splats: values are literals.
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
  branch         = var.branch # ERROR: Unknown variable in "branch"
  container_name = upper("orders") # ERROR: Call to unknown function in "container_name"
  ecr_repository = "orders-" + 1 # ERROR: Invalid operand in "ecr_repository"
  network {
    subnet_ids = [for s in ["subnet-0a1b2c3d4e5f67890"] : s] # ERROR: Unsupported expression in "subnet_ids"
  }
  stage "production" {
    rollback_alarms = var.alarms[*].name # ERROR: Unsupported expression in "rollback_alarms"
    cluster         = "production-${env}" # ERROR: Unknown variable in "cluster"
  }
}
