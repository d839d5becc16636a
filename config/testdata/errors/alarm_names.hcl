# Alarm names an IAM policy cannot name, or names as a pattern.
defaults {
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
    rollback_alarms = [
      "production-5xx",
      "production-*", # ERROR: Invalid value for "rollback_alarms"
      "latency?", # ERROR: Invalid value for "rollback_alarms"
      "errors-$${env}", # ERROR: Invalid value for "rollback_alarms"
      "latence élevée",
      "遅延", # ERROR: Invalid value for "rollback_alarms"
      "errors ", # ERROR: Invalid value for "rollback_alarms"
      "a\u200fb", # ERROR: Invalid value for "rollback_alarms"
      "a\u0085b", # ERROR: Invalid value for "rollback_alarms"
      "", # ERROR: Invalid value for "rollback_alarms"
    ]
  }
}

service "orders" {
}
