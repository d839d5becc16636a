# Health checks with a bad URL, status or timeout.
defaults {
  account_id = "111111111111"
  network {
    vpc_id     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-1f2e3d4c5b6a79801"]
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
    validation {
      url             = "ftp://orders.internal.example.com/health" # ERROR: Invalid value for "url"
      expected_status = 700 # ERROR: Invalid value for "expected_status"
      timeout_seconds = 900 # ERROR: Invalid value for "timeout_seconds"
    }
  }
}

service "payments" {
  stage "production" {
    validation {
      url = "https://user:secret@payments.internal.example.com/health" # ERROR: Invalid value for "url"
    }
  }
}

# Hosts that resolvers read as IPv4 addresses, though they are not written
# in dotted-decimal form: 8.16.0.5 and 8.8.8.8, outside the VPC's range.
service "search" {
  stage "production" {
    validation {
      url = "http://010.020.0.5/" # ERROR: Invalid value for "url"
    }
  }
}

service "catalog" {
  stage "production" {
    validation {
      url = "http://134744072/" # ERROR: Invalid value for "url"
    }
  }
}

service "ledger" {
  stage "production" {
    validation {
      url = "http://0x08080808/" # ERROR: Invalid value for "url"
    }
  }
}

# Hosts that are neither a DNS name nor an address of a host in the VPC's
# range 10.20.0.0/16.
service "billing" {
  stage "staging" {
    validation {
      url = "http://:8080/health" # ERROR: Invalid value for "url"
    }
  }
  stage "production" {
    validation {
      url = "http://a!b$c/" # ERROR: Invalid value for "url"
    }
  }
}

service "ledger-eu" {
  stage "staging" {
    validation {
      url = "https://10.20.0.0/" # ERROR: Invalid value for "url"
    }
  }
  stage "production" {
    validation {
      url = "https://10.20.255.255/" # ERROR: Invalid value for "url"
    }
  }
}

service "catalog-eu" {
  stage "staging" {
    validation {
      url = "https://../x" # ERROR: Invalid value for "url"
    }
  }
  stage "production" {
    validation {
      url = "https://xn--mnchen-3ya.internal.example.com./health"
    }
  }
}
