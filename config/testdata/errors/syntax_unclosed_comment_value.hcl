# A block comment that is never closed runs to the end of the file, here
# one after a value.
defaults {
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890"]
    cidr_block = "10.20.0.0/16"
  }
  container_port = 8080 /* the stages come later # ERROR: Unclosed comment
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
}
