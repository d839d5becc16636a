# Characters that change the direction of text, in a comment or a value:
# the line would read otherwise in a review than it parses.
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
    require_approval = true # ‮ false ⁦ # ERROR: Bidirectional text control | Bidirectional text control
  }
}

service "orders" {
  branch = "main‏" # ERROR: Bidirectional text control
  # an Arabic letter mark, alone: ؜ # ERROR: Bidirectional text control
}
