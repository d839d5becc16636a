# Stage names that cannot become pipeline stage names and logical IDs, those
# of the stages every pipeline has, and those told apart by hyphens alone.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  artifacts {
    access_logs_bucket = "s3-access-logs-111111111111-us-east-1"
  }
  stage "Staging" { # ERROR: Invalid stage name
    cluster       = "staging"
    listener_arn  = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    target_groups = ["a-blue", "a-green"]
  }
  stage "prod_eu" { # ERROR: Invalid stage name
    cluster       = "production"
    listener_arn  = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    target_groups = ["b-blue", "b-green"]
  }
  stage "production-in-the-european-union-west" { # ERROR: Invalid stage name
    cluster          = "production-eu"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    target_groups    = ["c-blue", "c-green"]
    require_approval = true
  }
  stage "build" { # ERROR: Reserved stage name
    cluster       = "build"
    listener_arn  = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/build/0123456789abcdef/0123456789abcdef"
    target_groups = ["d-blue", "d-green"]
  }
  # Reserved only for services with a test block: one of two here.
  stage "test" { # ERROR: Reserved stage name
    cluster          = "test"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/test/0123456789abcdef/0123456789abcdef"
    target_groups    = ["e-blue", "e-green"]
    require_approval = true
  }
  # Names that differ from another's only in their hyphens.
  stage "prod-eu" {
    cluster       = "production-central"
    listener_arn  = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    target_groups = ["f-blue", "f-green"]
  }
  stage "prodeu" { # ERROR: Stage names alike
    cluster       = "production-west"
    listener_arn  = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    target_groups = ["g-blue", "g-green"]
  }
  stage "sou-rce" { # ERROR: Stage names alike
    cluster          = "source"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/source/0123456789abcdef/0123456789abcdef"
    target_groups    = ["h-blue", "h-green"]
    require_approval = true
  }
}

service "orders" {
}

service "payments" {
  test {}
}
