# The files a deploy stage reads from the build output: its task
# definition, its AppSpec and imageDetail.json are three files.
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
    # One file for both, which the service below sets apart.
    task_definition_path = "deploy/staging.json"
    appspec_path         = "deploy/staging.json"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  stage "staging" {
    appspec_path = "deploy/appspec-staging.yaml"
  }
  stage "production" {
    task_definition_path = "imageDetail.json" # ERROR: Invalid value for "task_definition_path"
  }
}

service "payments" {
  stage "staging" {
    task_definition_path = "deploy/taskdef-staging.json"
  }
  stage "production" {
    appspec_path = "imageDetail.json" # ERROR: Invalid value for "appspec_path"
  }
}

# The service sets the task definition's path to that of the AppSpec.
service "search" {
  stage "staging" {
    task_definition_path = "deploy/appspec-staging.yaml"
    appspec_path         = "deploy/appspec-staging.yaml" # ERROR: Invalid value for "appspec_path"
  }
  stage "production" {
    task_definition_path = "appspec-production.yaml" # ERROR: Invalid value for "task_definition_path"
  }
}

# A file named otherwise, or in a folder, is not the image's.
service "catalog" {
  stage "staging" {
    task_definition_path = "deploy/imageDetail.json"
    appspec_path         = "imagedetail.json"
  }
}
