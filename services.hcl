# Every service's CI/CD pipeline. `pipelines build` turns this file into one
# CloudFormation template per service in out/. Values set in a service win
# over defaults; blocks merge attribute by attribute; lists replace.

defaults {
  environment_suffix = "dev"
  region             = "us-east-1"
  account_id         = "111111111111" # the account the pipelines run in
  branch             = "main"
  container_port     = 8080

  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-0f9e8d7c6b5a43210"]
    cidr_block = "10.20.0.0/16"
  }

  build {
    compute_type    = "BUILD_GENERAL1_SMALL"
    image           = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    buildspec       = "buildspec.yml"
    timeout_minutes = 30
  }

  artifacts {
    expire_days            = 90
    noncurrent_expire_days = 30
    access_logs_bucket     = "s3-access-logs-111111111111-us-east-1"
  }

  logs {
    retention_days = 30
  }

  notifications { # an SNS topic for approvals and pipeline events
    emails = ["platform-team@example.com"]
  }

  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
  }

  stage "production" {
    account_id       = "222222222222" # another account: cross-account deployment
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

# Orders: its own task roles only, a slower build followed by its tests, a
# health check after each staging deployment, and production in the
# payments cluster with explicit target groups and a rollback alarm.
service "orders" {
  repository     = "orders-service"
  ecr_repository = "orders"
  container_name = "orders"
  task_roles     = ["orders-task", "ecs/orders-execution"] # the only roles its tasks may get

  build {
    timeout_minutes = 45
  }

  test {
    buildspec       = "buildspec-test.yml"
    timeout_minutes = 20
  }

  stage "staging" {
    validation {
      url             = "https://orders.staging.internal.example.com/health"
      expected_status = 200
      timeout_seconds = 10
    }
  }

  stage "production" {
    cluster         = "production-payments"
    rollback_alarms = ["orders-prod-5xx"]
    ecs_service     = "orders"
    target_groups   = ["orders-prod-blue", "orders-prod-green"]
  }
}

# Payments: its own branch, and an approval before staging too.
service "payments" {
  branch = "release"

  stage "staging" {
    require_approval = true
    rollback_alarms  = ["payments-staging-errors"]
  }

  stage "production" {
    rollback_alarms   = ["payments-prod-5xx", "payments-prod-latency"]
    test_listener_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/fedcba9876543210"
  }
}

# Catalog: defaults only.
service "catalog" {
}

# Search: a larger image build from an ECR base image, in a different port,
# and no notifications.
service "search" {
  container_port = 9200

  notifications {
    enabled = false
  }

  build {
    image                   = "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:2024.11"
    buildspec               = "ci/buildspec.yml"
    timeout_minutes         = 60
    base_image_repositories = ["base-images/opensearch"]
  }
}
