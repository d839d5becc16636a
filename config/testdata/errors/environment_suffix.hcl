# Environment suffixes the EnvironmentSuffix parameter would refuse.
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
  environment_suffix = "production-eu" # ERROR: Invalid value for "environment_suffix"
}

service "payments" {
  environment_suffix = "-dev" # ERROR: Invalid value for "environment_suffix"
}

service "search" {
  environment_suffix = "" # ERROR: Invalid value for "environment_suffix"
}

# S3 reserves bucket names ending in -s3alias, --ol-s3 and --x-s3 (and
# --table-s3, which a suffix of 10 characters cannot reach). Only
# validation refuses them: the parameter's AllowedPattern would need a
# lookahead, which Go's regexp, the one pipelines check reads patterns
# with, does not have.
service "catalog" {
  environment_suffix = "s3alias" # ERROR: Invalid value for "environment_suffix"
}

service "cart" {
  environment_suffix = "dev--x-s3" # ERROR: Invalid value for "environment_suffix"
}

service "media" {
  environment_suffix = "s3-alias"
}

service "search-api" {
  environment_suffix = "a--ol-s3" # ERROR: Invalid value for "environment_suffix"
}
