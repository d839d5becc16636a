# Identifiers that do not have AWS's shapes.
defaults {
  account_id         = "11111111111" # ERROR: Invalid value for "account_id"
  environment_suffix = "Dev_1" # ERROR: Invalid value for "environment_suffix"
  branch             = "feature..x" # ERROR: Invalid value for "branch"
  network {
    vpc_id     = "vpc-XYZ" # ERROR: Invalid value for "vpc_id"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "sn-123", "subnet-0a1b2c3d4e5f67890"] # ERROR: Invalid value for "subnet_ids" | Invalid value for "subnet_ids"
    cidr_block = "10.20.0.1/16" # ERROR: Invalid value for "cidr_block"
    s3_prefix_list_id = "pl-zz" # ERROR: Invalid value for "s3_prefix_list_id"
  }
  build {
    image     = "node:20" # ERROR: Invalid value for "image"
    buildspec = "../buildspec.yml" # ERROR: Invalid value for "buildspec"
    timeout_minutes = 3000 # ERROR: Invalid value for "timeout_minutes"
  }
  artifacts {
    expire_days        = 0 # ERROR: Invalid value for "expire_days"
    access_logs_bucket = "Logs_Bucket" # ERROR: Invalid value for "access_logs_bucket"
  }
  notifications {
    emails = ["platform-team", "a@example.com", "a@example.com"] # ERROR: Invalid value for "emails" | Invalid value for "emails"
  }
  stage "production" {
    cluster          = "prod cluster" # ERROR: Invalid value for "cluster"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
    target_groups    = ["only-one"] # ERROR: Invalid value for "target_groups"
    rollback_alarms  = ["a", "a"] # ERROR: Invalid value for "rollback_alarms"
  }
}

service "orders" {
  repository     = "orders.git" # ERROR: Invalid value for "repository"
  ecr_repository = "Orders" # ERROR: Invalid value for "ecr_repository"
  container_port = 70000 # ERROR: Invalid value for "container_port"
}

service "Bad_Name" { # ERROR: Invalid service name
}

service "shared" { # ERROR: Invalid service name
}

service "search" {
  build {
    base_image_repositories = ["Base Images", "base/python", "base/python"] # ERROR: Invalid value for "base_image_repositories" | Invalid value for "base_image_repositories"
  }
}
