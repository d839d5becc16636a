# Invalid stage names whose target groups and file paths are derived: only
# the names are reported, once each, and not the values made of them in
# every service.
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
  stage "prod eu" { # ERROR: Invalid stage name
    cluster      = "production-eu"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
  }
  # A Cyrillic "о" in "prod-us".
  stage "prоd-us" { # ERROR: Invalid stage name
    cluster          = "production-us"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    appspec_path     = "appspec prod-us.yaml" # ERROR: Invalid value for "appspec_path"
    require_approval = true
  }
}

service "orders" {}

service "payments" {}

service "invoices" {}
