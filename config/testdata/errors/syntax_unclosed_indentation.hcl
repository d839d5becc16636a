# A bracket never closed is also pointed at where the indentation shows
# that it should have closed, when the parser notices only later.
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
  stage "production" {
    rollback_alarms = [ # ERROR: Unclosed bracket
      "orders-5xx",
      "orders-latency",
  }
}

service "payments" {
  branch = lower("MAIN" # ERROR: Unclosed parenthesis
  build {
    timeout_minutes = 45
  }
}

service "search" { # ERROR: Unclosed configuration block
  build { # ERROR: Unclosed brace
    timeout_minutes = 45

  stage "production" {
    require_approval = true
  }
}

# Indented otherwise than fmt indents: the indentation tells nothing, but
# the next block's header, in the first column, is outside the block.
service "ledger" { # ERROR: Unclosed brace
      branch = "main"
  build {
    timeout_minutes = 45
}

service "quotes" {
}

# A bracket that a line indented otherwise closes is not the one left open:
# the indentation says nothing here.
service "stock" { # ERROR: Unclosed configuration block
  task_roles = ["stock-task",
  "stock-execution"]
  build {
  timeout_minutes = 45
  }
  stage "production" {
    require_approval = true
}
