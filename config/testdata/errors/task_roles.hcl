# Task roles that are not IAM role names, or are listed twice, by their
# name or, with two paths, by the name they share.
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
  task_roles = ["arn:aws:iam::111111111111:role/orders-task", "orders-task", "orders-task"] # ERROR: Invalid value for "task_roles" | Invalid value for "task_roles"
}

service "payments" {
  task_roles = ["ecs/payments-task", "payments execution"] # ERROR: Invalid value for "task_roles"
}

service "search" {
  task_roles = ["a", "b", "c", "d", "e", "f"] # ERROR: Invalid value for "task_roles"
}

service "catalog" {
  task_roles = ["/leading-slash", "ecs//double"] # ERROR: Invalid value for "task_roles" | Invalid value for "task_roles"
}

service "cart" {
  task_roles = ["ecs/cart-task", "cart-execution"]
}

service "media" {
  task_roles = ["Media-Task", "media-task"] # ERROR: Invalid value for "task_roles"
}

service "ledger" {
  task_roles = ["ledger-task", "ecs/ledger-task", "ecs/ledger-execution"] # ERROR: Invalid value for "task_roles"
}
