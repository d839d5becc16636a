# Build images that builds without internet access cannot pull.
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
  build {
    image = "golang:1.26" # ERROR: Invalid value for "image"
  }
}

service "payments" {
  build {
    image = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/build-images:1" # ERROR: Invalid value for "image"
  }
}

service "search" {
  build {
    image = "public.ecr.aws/docker/library/golang:1.26" # ERROR: Invalid value for "image"
  }
}

# ECR image URIs that are malformed, and CodeBuild images for an
# environment other than the projects', LINUX_CONTAINER.
service "billing" {
  build {
    image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images" # ERROR: Invalid value for "image"
  }
}

service "catalog" {
  build {
    image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/Build-images:1" # ERROR: Invalid value for "image"
  }
}

service "checkout" {
  build {
    image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images@sha256:abc" # ERROR: Invalid value for "image"
  }
}

service "inventory" {
  build {
    image = "aws/codebuild/windows-base:2019-3.0" # ERROR: Invalid value for "image"
  }
}

service "ledger" {
  build {
    image = "aws/codebuild/amazonlinux2-aarch64-standard:3.0" # ERROR: Invalid value for "image"
  }
}

service "shipping" {
  build {
    image = "aws/codebuild/standard:7.0"
  }
}

# Names that start as CodeBuild's images do but are none: told what is
# wrong with them, not that they cannot be pulled.
service "tracking" {
  build {
    image = "aws/codebuild/standard" # ERROR: Invalid value for "image"
  }
}

service "returns" {
  build {
    image = "aws/codebuild/standard:7.0 " # ERROR: Invalid value for "image"
  }
}

service "refunds" {
  build {
    image = "AWS/CodeBuild/standard:7.0" # ERROR: Invalid value for "image"
  }
}
