# The smallest useful file: one service, one stage, everything else built in.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d"]
    cidr_block = "10.0.0.0/16"
  }
  artifacts {
    access_logs_bucket = "access-logs-example"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "api" {
}
