package config_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"pipelines/model"
)

// featureDefaults switch every optional feature on, and make production
// cross-account.
const featureDefaults = `
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
  test {
    timeout_minutes = 20
  }
  notifications {
    emails = ["platform-team@example.com"]
  }
  stage "staging" {
    cluster      = "staging"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef"
    validation {
      url             = "https://staging.internal.example.com/health"
      timeout_seconds = 5
    }
  }
  stage "production" {
    account_id       = "222222222222"
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}
`

func TestFeatures(t *testing.T) {
	tests := []struct {
		name    string
		service string
		check   func(t *testing.T, s *model.Service)
	}{
		{
			name:    "inherited from defaults",
			service: `service "orders" {}`,
			check: func(t *testing.T, s *model.Service) {
				if diff := cmp.Diff(&model.Test{Buildspec: "buildspec-test.yml", TimeoutMinutes: 20}, s.Test); diff != "" {
					t.Errorf("test (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(&model.Notifications{Emails: []string{"platform-team@example.com"}}, s.Notifications); diff != "" {
					t.Errorf("notifications (-want +got):\n%s", diff)
				}
				want := &model.Validation{URL: "https://staging.internal.example.com/health", ExpectedStatus: 200, TimeoutSeconds: 5}
				if diff := cmp.Diff(want, s.Stage("staging").Validation); diff != "" {
					t.Errorf("staging validation (-want +got):\n%s", diff)
				}
				if s.Stage("production").Validation != nil {
					t.Errorf("production has a validation it does not declare")
				}
				if src := s.Source("stage.staging.validation.expected_status"); src.Layer != model.LayerBuiltin {
					t.Errorf("expected_status comes from %v, want built-in", src.Layer)
				}
				if s.Stage("staging").CrossAccount(s.AccountID) || !s.Stage("production").CrossAccount(s.AccountID) {
					t.Errorf("cross-account: staging %v, production %v; want false, true",
						s.Stage("staging").CrossAccount(s.AccountID), s.Stage("production").CrossAccount(s.AccountID))
				}
			},
		},
		{
			name: "switched off in a service",
			service: `service "orders" {
  test {
    enabled = false
  }
  notifications {
    enabled = false
  }
  stage "staging" {
    validation {
      enabled = false
    }
  }
}`,
			check: func(t *testing.T, s *model.Service) {
				if s.Test != nil || s.Notifications != nil || s.Stage("staging").Validation != nil {
					t.Errorf("test %+v, notifications %+v, validation %+v; want all off", s.Test, s.Notifications, s.Stage("staging").Validation)
				}
			},
		},
		{
			// Values written in a block that is off are validated, and
			// still the service does not get the block.
			name: "switched off in a service, with values",
			service: `service "orders" {
  test {
    enabled         = false
    buildspec       = "ci/buildspec-test.yml"
    timeout_minutes = 45
  }
  notifications {
    enabled = false
    emails  = ["orders-oncall@example.com"]
  }
  stage "staging" {
    validation {
      enabled = false
      url     = "https://orders.internal.example.com/health"
    }
  }
}`,
			check: func(t *testing.T, s *model.Service) {
				if s.Test != nil || s.Notifications != nil || s.Stage("staging").Validation != nil {
					t.Errorf("test %+v, notifications %+v, validation %+v; want all off", s.Test, s.Notifications, s.Stage("staging").Validation)
				}
				// Settings are the values in effect: of a block that is
				// off, only enabled.
				for _, st := range s.Settings {
					switch st.Path {
					case "test.buildspec", "test.timeout_minutes", "notifications.emails", "stage.staging.validation.url":
						t.Errorf("setting %s = %s of a block that is off", st.Path, st.Value)
					}
				}
			},
		},
		{
			name: "overridden attribute by attribute",
			service: `service "orders" {
  notifications {
    emails = ["orders-oncall@example.com"]
  }
  stage "staging" {
    validation {
      url = "http://10.20.4.10:8080/health"
    }
  }
  stage "production" {
    account_id   = "111111111111"
    listener_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    validation {
      url             = "https://orders.internal.example.com/health"
      expected_status = 204
    }
  }
}`,
			check: func(t *testing.T, s *model.Service) {
				if diff := cmp.Diff([]string{"orders-oncall@example.com"}, s.Notifications.Emails); diff != "" {
					t.Errorf("emails replace, never append (-want +got):\n%s", diff)
				}
				want := &model.Validation{URL: "http://10.20.4.10:8080/health", ExpectedStatus: 200, TimeoutSeconds: 5}
				if diff := cmp.Diff(want, s.Stage("staging").Validation); diff != "" {
					t.Errorf("staging validation (-want +got):\n%s", diff)
				}
				want = &model.Validation{URL: "https://orders.internal.example.com/health", ExpectedStatus: 204, TimeoutSeconds: 10}
				if diff := cmp.Diff(want, s.Stage("production").Validation); diff != "" {
					t.Errorf("production validation (-want +got):\n%s", diff)
				}
				if s.Stage("production").CrossAccount(s.AccountID) {
					t.Errorf("production names the pipeline's own account, so it is not cross-account")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := loadString(t, featureDefaults+tt.service)
			if diags.HasErrors() {
				t.Fatalf("unexpected diagnostics: %v", diagStrings(diags))
			}
			tt.check(t, p.Services[0])
		})
	}
}
