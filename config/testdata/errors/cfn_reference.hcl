# CloudFormation's ${AWS::...} references, pasted from a template: HCL
# reads them as interpolations, which services.hcl does not offer.
defaults {
  account_id = "111111111111"
  branch     = "release-${AWS::AccountId}" # ERROR: CloudFormation reference in a string
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
  }
}

# HCL stops at the first syntax error of a block: this one is in another.
service "orders" {
  stage "production" {
    rollback_alarms = ["orders-${AWS::StackName}-5xx"] # ERROR: CloudFormation reference in a string
  }
}
