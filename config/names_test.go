package config_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestServiceNamesAreSafeFolders: a service's name is the folder of its
// templates in out/, so a name that could leave out/, nest, or differ
// from another only by case is refused, with its reason.
func TestServiceNamesAreSafeFolders(t *testing.T) {
	const why = `. Use lowercase letters and digits, starting with a letter, in words joined by single hyphens, such as "orders-api". The name is also the folder of the service's templates in out/, and part of its AWS names.`
	src := base + `service "orders" {}
service "Orders" {}
service "../x" {}
service "a/b" {}
service "/etc" {}
service "." {}
`
	_, diags := loadString(t, src)
	want := []string{
		`23:9: Invalid service name: "Orders" is not a valid service name: it holds 'O'` + why,
		`24:9: Invalid service name: "../x" is not a valid service name: it holds '.'` + why,
		`25:9: Invalid service name: "a/b" is not a valid service name: it holds '/'` + why,
		`26:9: Invalid service name: "/etc" is not a valid service name: it holds '/'` + why,
		`27:9: Invalid service name: "." is not a valid service name: it holds '.'` + why,
	}
	if diff := cmp.Diff(want, diagDetails(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestNameCollisions: services whose AWS names collide are reported on
// the later one's name, citing the earlier one, once every service is
// loaded.
func TestNameCollisions(t *testing.T) {
	const defaults = `defaults {
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
`
	tests := []struct {
		name     string
		services string // from line 23
		want     []string
	}{
		{
			name:     "different names",
			services: "service \"orders\" {}\nservice \"payments\" {}\n",
		},
		{
			name:     "a service and a stage joined alike",
			services: "service \"orders-prod\" {}\n\nservice \"orders\" {}\n",
			want: []string{
				`25:9: Duplicate AWS names: Service "orders" would create AWS names that service "orders-prod", declared at services.hcl:23:9, creates too: ` +
					`the CodeDeploy application "codedeploy-orders-prod-eu-${EnvironmentSuffix}" in account 222222222222 in us-east-1, ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"orders" with its stage "prod-eu" and "orders-prod" with its stage "eu" spell the same names. ` +
					`AWS allows each of these names only once where it is created, so whichever stack is created second would fail. Rename one of the two services.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadString(t, defaults+tt.services)
			if diff := cmp.Diff(tt.want, diagDetails(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
