# Notification addresses that are not plain email addresses.
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
  notifications {
    emails = ["platform team", "Platform Team <platform@example.com>", "ops@"] # ERROR: Invalid value for "emails" | Invalid value for "emails" | Invalid value for "emails"
  }
}

service "payments" {
  notifications {
    emails = [] # ERROR: Invalid value for "emails"
  }
}

# Addresses SNS cannot send to, or that only look like addresses.
service "search" {
  notifications {
    emails = [
      "a@b",                 # ERROR: Invalid value for "emails"
      "a@[10.0.0.1]",        # ERROR: Invalid value for "emails"
      "a@-example.com",      # ERROR: Invalid value for "emails"
      "a\u200b@example.com", # ERROR: Invalid value for "emails"
      "team@münchen.de",     # ERROR: Invalid value for "emails"
      "team@xn--mnchen-3ya.de",
      "first.last+tag@sub.example.co.uk",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", # ERROR: Invalid value for "emails"
    ]
  }
}
