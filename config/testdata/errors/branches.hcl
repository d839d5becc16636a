# Branch names git or CodeCommit refuse.
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
  branch = "feature/../main" # ERROR: Invalid value for "branch"
}

service "payments" {
  branch = "release.lock" # ERROR: Invalid value for "branch"
}

service "search" {
  branch = "-main" # ERROR: Invalid value for "branch"
}

service "catalog" {
  branch = "my branch" # ERROR: Invalid value for "branch"
}

service "ledger" {
  branch = ".hidden" # ERROR: Invalid value for "branch"
}

service "billing" {
  branch = "release/v2.lock/hotfix" # ERROR: Invalid value for "branch"
}

service "shipping" {
  branch = "release." # ERROR: Invalid value for "branch"
}

service "accounts" {
  branch = "HEAD" # ERROR: Invalid value for "branch"
}

# The pipeline watches refs/heads/<branch>: the branch's name is enough.
service "invoices" {
  branch = "refs/heads/main" # ERROR: Invalid value for "branch"
}

# Valid names git and CodeCommit accept.
service "reports" {
  branch = "feature/JIRA-123_fix.v2"
}
