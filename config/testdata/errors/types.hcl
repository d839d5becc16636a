# Wrong types, unknown attributes and blocks, references and functions.
defaults { # ERROR: Missing required argument "access_logs_bucket"
  environment_suffix = ["dev"] # ERROR: Invalid value for "environment_suffix"
  branch             = var.branch # ERROR: Unknown variable in "branch"
  container_port     = "eighty" # ERROR: Invalid value for "container_port"
  repository         = "shared" # ERROR: Unsupported argument
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = "subnet-0a1b2c3d4e5f67890" # ERROR: Invalid value for "subnet_ids"
    cidr_block = upper("10.20.0.0/16") # ERROR: Call to unknown function in "cidr_block"
  }
  build {
    timeout_minutes = 12.5 # ERROR: Invalid value for "timeout_minutes"
    timout          = 30 # ERROR: Unsupported argument
  }
  cache { # ERROR: Unsupported block type
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = "yes" # ERROR: Invalid value for "require_approval"
    target_groups    = null # ERROR: Invalid value for "target_groups"
  }
}

service "orders" {
  container_port = 8080
}
