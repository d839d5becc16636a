package model

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// at declares a service at a line of services.hcl, in the pipelines'
// account 111111111111 and VPC vpc-1 unless the test changes them.
func at(line int, name string, stages ...Stage) *Service {
	return &Service{
		Name:      name,
		NameRange: Range{Filename: "services.hcl", Start: Pos{Line: line, Column: 9, Byte: 100 * line}},
		AccountID: "111111111111",
		Region:    Region,
		Network:   Network{VPCID: "vpc-1"},
		Stages:    stages,
	}
}

func TestNameCollisions(t *testing.T) {
	prodEU := Stage{Name: "prod-eu", AccountID: "222222222222"}
	eu := Stage{Name: "eu", AccountID: "222222222222"}
	check := func(st Stage) Stage {
		st.Validation = &Validation{URL: "https://10.20.0.5/health"}
		return st
	}
	inAccount := func(account string, s *Service) *Service {
		s.AccountID = account
		return s
	}
	const rule = ` AWS allows each of these names only once where it is created, so whichever stack is created second would fail. Rename one of the two services.`
	tests := []struct {
		name     string
		services []*Service
		want     []string // "line:col: summary: detail"
	}{
		{
			name:     "service and stage names that join alike",
			services: []*Service{at(1, "orders", prodEU), at(5, "orders-prod", eu)},
			want: []string{
				`5:9: Duplicate AWS names: Service "orders-prod" would create AWS names that service "orders", declared at services.hcl:1:9, creates too: ` +
					`the CodeDeploy application "codedeploy-orders-prod-eu-${EnvironmentSuffix}" in account 222222222222 in us-east-1, ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"orders-prod" with its stage "eu" and "orders" with its stage "prod-eu" spell the same names.` + rule,
			},
		},
		{
			name: "the later service is blamed, whatever the names' order",
			services: []*Service{
				at(9, "orders", prodEU),
				at(5, "orders-prod", eu),
			},
			want: []string{
				`9:9: Duplicate AWS names: Service "orders" would create AWS names that service "orders-prod", declared at services.hcl:5:9, creates too: ` +
					`the CodeDeploy application "codedeploy-orders-prod-eu-${EnvironmentSuffix}" in account 222222222222 in us-east-1, ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"orders" with its stage "prod-eu" and "orders-prod" with its stage "eu" spell the same names.` + rule,
			},
		},
		{
			// Refused, the stage's account is unknown: whether the stage's
			// names are created in the pipeline's account is unknown too.
			name: "a stage's account refused",
			services: []*Service{
				refused(at(1, "orders", Stage{Name: "prod-eu"}), "stage.prod-eu.account_id"),
				at(5, "orders-prod", Stage{Name: "eu"}),
			},
		},
		{
			name: "a stage's account left out, not refused",
			services: []*Service{
				at(1, "orders", Stage{Name: "prod-eu"}),
				at(5, "orders-prod", Stage{Name: "eu"}),
			},
			want: []string{
				`5:9: Duplicate AWS names: Service "orders-prod" would create AWS names that service "orders", declared at services.hcl:1:9, creates too: ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 111111111111. ` +
					`"orders-prod" with its stage "eu" and "orders" with its stage "prod-eu" spell the same names.` + rule,
			},
		},
		{
			// Only the names unique in a region are unknown: IAM roles
			// are unique in their account.
			name: "a region refused",
			services: []*Service{
				refused(inRegion("", at(1, "orders", prodEU)), "region"),
				refused(inRegion("", at(5, "orders-prod", eu)), "region"),
			},
			want: []string{
				`5:9: Duplicate AWS names: Service "orders-prod" would create AWS names that service "orders", declared at services.hcl:1:9, creates too: ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"orders-prod" with its stage "eu" and "orders" with its stage "prod-eu" spell the same names.` + rule,
			},
		},
		{
			name: "stages in different accounts",
			services: []*Service{
				at(1, "orders", prodEU),
				at(5, "orders-prod", Stage{Name: "eu", AccountID: "333333333333"}),
			},
		},
		{
			name: "a service's application and another's stage's, in one account",
			services: []*Service{
				at(1, "orders", prodEU),
				inAccount("222222222222", at(5, "orders-prod-eu", Stage{Name: "staging"})),
			},
			want: []string{
				`5:9: Duplicate AWS names: Service "orders-prod-eu" would create AWS names that service "orders", declared at services.hcl:1:9, creates too: ` +
					`the CodeDeploy application "codedeploy-orders-prod-eu-${EnvironmentSuffix}" in account 222222222222 in us-east-1. ` +
					`"orders-prod-eu" and "orders" with its stage "prod-eu" spell the same names.` + rule,
			},
		},
		{
			name: "validations in the pipelines' account, undeclared",
			services: []*Service{
				inAccount("", at(1, "orders", check(Stage{Name: "prod-eu"}))),
				inAccount("", at(5, "orders-prod", check(Stage{Name: "eu"}))),
			},
			want: []string{
				`5:9: Duplicate AWS names: Service "orders-prod" would create AWS names that service "orders", declared at services.hcl:1:9, creates too: ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in the pipelines' account, ` +
					`the Lambda function "lambda-orders-prod-eu-check-${EnvironmentSuffix}" in the pipelines' account in us-east-1, ` +
					`the IAM role "role-orders-prod-eu-check-${EnvironmentSuffix}" in the pipelines' account and ` +
					`the log group "/aws/lambda/lambda-orders-prod-eu-check-${EnvironmentSuffix}" in the pipelines' account in us-east-1. ` +
					`"orders-prod" with its stage "eu" and "orders" with its stage "prod-eu" spell the same names.` + rule,
			},
		},
		{
			// Security groups are named by a tag, which need not be
			// unique: two accounts sharing a VPC collide on nothing.
			name: "validations in two accounts sharing a VPC",
			services: []*Service{
				at(1, "orders", check(Stage{Name: "prod-eu"})),
				inAccount("333333333333", at(5, "orders-prod", check(Stage{Name: "eu"}))),
			},
		},
		{
			name: "each later service is blamed once, citing the first",
			services: []*Service{
				at(1, "a", Stage{Name: "b-c", AccountID: "222222222222"}),
				at(5, "a-b", Stage{Name: "c", AccountID: "222222222222"}),
				inAccount("222222222222", at(9, "a-b-c", Stage{Name: "staging"})),
			},
			want: []string{
				`5:9: Duplicate AWS names: Service "a-b" would create AWS names that service "a", declared at services.hcl:1:9, creates too: ` +
					`the CodeDeploy application "codedeploy-a-b-c-${EnvironmentSuffix}" in account 222222222222 in us-east-1, ` +
					`the IAM role "role-a-b-c-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-a-b-c-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"a-b" with its stage "c" and "a" with its stage "b-c" spell the same names.` + rule,
				`9:9: Duplicate AWS names: Service "a-b-c" would create AWS names that service "a", declared at services.hcl:1:9, creates too: ` +
					`the CodeDeploy application "codedeploy-a-b-c-${EnvironmentSuffix}" in account 222222222222 in us-east-1. ` +
					`"a-b-c" and "a" with its stage "b-c" spell the same names.` + rule,
			},
		},
		{
			// Stage names are unique in a service, and every stage's name
			// ends in its own purpose: a service cannot collide with
			// itself unless a stage is declared twice, which loading
			// refuses before this check.
			name:     "a stage declared twice",
			services: []*Service{at(1, "orders", prodEU, prodEU)},
			want: []string{
				`1:9: Duplicate AWS names: Service "orders" would create some AWS names twice: ` +
					`the CodeDeploy application "codedeploy-orders-prod-eu-${EnvironmentSuffix}" in account 222222222222 in us-east-1, ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"orders" with its stage "prod-eu" and "orders" with its stage "prod-eu" spell the same names. ` +
					`AWS allows each of these names only once where it is created, so whichever stack is created second would fail. Rename one of the stages.`,
			},
		},
		{
			name: "stages of one service",
			services: []*Service{at(1, "orders",
				check(Stage{Name: "prod"}), check(Stage{Name: "prod-eu", AccountID: "222222222222"}), check(Stage{Name: "eu", AccountID: "222222222222"}),
				check(Stage{Name: "build"}), check(Stage{Name: "deploy", AccountID: "333333333333"}), check(Stage{Name: "check"}))},
		},
		{
			name:     "an invalid service name is reported alone",
			services: []*Service{at(1, "orders", prodEU), at(5, "Orders-prod", eu), at(9, "orders-prod", eu)},
			want: []string{
				`9:9: Duplicate AWS names: Service "orders-prod" would create AWS names that service "orders", declared at services.hcl:1:9, creates too: ` +
					`the CodeDeploy application "codedeploy-orders-prod-eu-${EnvironmentSuffix}" in account 222222222222 in us-east-1, ` +
					`the IAM role "role-orders-prod-eu-codedeploy-${EnvironmentSuffix}" in account 222222222222 and ` +
					`the IAM role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}" in account 222222222222. ` +
					`"orders-prod" with its stage "eu" and "orders" with its stage "prod-eu" spell the same names.` + rule,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Project{Filename: "services.hcl", Services: tt.services}
			problems := func(probs Problems) []string {
				var got []string
				for _, prob := range probs {
					got = append(got, fmt.Sprintf("%d:%d: %s: %s", prob.Range.Start.Line, prob.Range.Start.Column, prob.Summary, prob.Detail))
					if prob.Subject != "service" {
						t.Errorf("problem on %q, want the service's name", prob.Subject)
					}
				}
				return got
			}
			if diff := cmp.Diff(tt.want, problems(p.NameCollisions())); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			// Names are told apart in full, not by their hash alone.
			if diff := cmp.Diff(tt.want, problems(p.nameCollisions(func(nameKey) uint64 { return 0 }))); diff != "" {
				t.Errorf("with every hash equal, problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBucketNamesAreGlobal: a bucket's name is unique across accounts, and
// holds its account's id.
func TestBucketNamesAreGlobal(t *testing.T) {
	bucket := (&Service{Name: "orders"}).ArtifactBucket()
	for _, tt := range []struct {
		account string
		want    nameKey
	}{
		{"111111111111", nameKey{kind: "S3 bucket name", name: "s3-orders-artifacts-111111111111-${EnvironmentSuffix}"}},
		{"", nameKey{kind: "S3 bucket name", name: "s3-orders-artifacts-${AWS::AccountId}-${EnvironmentSuffix}"}},
	} {
		got, ok := keyOf(bucket, tt.account, Region)
		if !ok || got != tt.want {
			t.Errorf("keyOf(bucket, %q) = %+v, %v; want %+v, true", tt.account, got, ok, tt.want)
		}
	}
}

// TestValidateFindsCollisions: Project.Validate checks names across
// services too.
func TestValidateFindsCollisions(t *testing.T) {
	p := &Project{Services: []*Service{
		at(1, "orders", Stage{Name: "prod-eu", AccountID: "222222222222"}),
		at(5, "orders-prod", Stage{Name: "eu", AccountID: "222222222222"}),
	}}
	var got []string
	for _, prob := range p.Validate() {
		if prob.Summary == "Duplicate AWS names" {
			got = append(got, prob.Range.String())
		}
	}
	if diff := cmp.Diff([]string{"services.hcl:5:9"}, got); diff != "" {
		t.Errorf("collisions (-want +got):\n%s", diff)
	}
}

func inRegion(region string, s *Service) *Service {
	s.Region = region
	return s
}
