# Services whose AWS names collide: a service's name joined to a stage's
# spells another service's name joined to another stage's, or another
# service's name alone, in the same account.
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
  stage "eu" {
    account_id   = "222222222222"
    cluster      = "eu"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/eu/0123456789abcdef/0123456789abcdef"
  }
  stage "prod-eu" {
    account_id       = "222222222222"
    cluster          = "prod-eu"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/prod-eu/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}

service "orders" {
}

service "orders-prod" { # ERROR: Duplicate AWS names
}

# Its stages deploy into its own account, 222222222222, where it creates
# the CodeDeploy application of the stage "prod-eu" of "orders".
service "orders-prod-eu" { # ERROR: Duplicate AWS names
  account_id = "222222222222"
  artifacts {
    access_logs_bucket = "s3-access-logs-222222222222-us-east-1"
  }
}

# The same names in different accounts do not collide: the stage "prod-eu"
# of "payments" deploys into 333333333333, the stage "eu" of
# "payments-prod" into 222222222222.
service "payments" {
  stage "prod-eu" {
    account_id   = "333333333333"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:333333333333:listener/app/prod-eu/0123456789abcdef/0123456789abcdef"
  }
}

service "payments-prod" {
}
