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

# S3 reserves bucket names ending in -s3alias, --ol-s3, --x-s3 and
# --table-s3, and the artifact bucket's name ends with "-" and the suffix:
# a suffix holds no two hyphens in a row, and its last group is not
# s3alias, in validation and in the parameter's AllowedPattern alike.
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
