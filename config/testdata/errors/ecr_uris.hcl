# An ECR repository is named by its name alone. An image URI, which the
# pattern of a repository name accepts once its tag is left out, names a
# repository no one created: the build could neither push nor pull.
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
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
  ecr_repository = "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders" # ERROR: Invalid value for "ecr_repository"
  build {
    base_image_repositories = [
      "base-images/python",
      "111111111111.dkr.ecr.us-east-1.amazonaws.com/base-images/node", # ERROR: Invalid value for "base_image_repositories"
      "111111111111.dkr.ecr.us-east-1.amazonaws.com/base-images/java:21", # ERROR: Invalid value for "base_image_repositories"
    ]
  }
}

service "payments" {
  # Dots are allowed in a repository name.
  ecr_repository = "payments.api/v1"
}
