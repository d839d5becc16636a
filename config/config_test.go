package config_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"pipelines/config"
	"pipelines/model"
)

// update is accepted so that "go test ./... -update" runs; this package has
// no golden files.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")

// loadString loads src as services.hcl from memory.
func loadString(t *testing.T, src string) (*model.Project, hcl.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{"services.hcl": {Data: []byte(src)}}
	return config.Load(fsys, "services.hcl")
}

// diagStrings renders diagnostics as "line:col: summary" for comparison.
func diagStrings(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		pos := "-"
		if d.Subject != nil {
			pos = fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column)
		}
		out = append(out, fmt.Sprintf("%s: %s", pos, d.Summary))
	}
	return out
}

// base is a valid defaults block that tests add services and overrides to.
const base = `
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
`

func TestMerge(t *testing.T) {
	tests := []struct {
		name    string
		service string
		check   func(t *testing.T, s *model.Service)
	}{
		{
			name:    "defaults only",
			service: `service "catalog" {}`,
			check: func(t *testing.T, s *model.Service) {
				want := &model.Service{
					Name: "catalog", EnvironmentSuffix: "dev", Region: "us-east-1", AccountID: "111111111111", Branch: "main",
					Repository: "catalog", ECRRepository: "catalog", ContainerName: "catalog", ContainerPort: 80, TaskRoles: []string{},
					Network: model.Network{VPCID: "vpc-0a1b2c3d4e5f67890", SubnetIDs: []string{"subnet-0a1b2c3d4e5f67890", "subnet-1f2e3d4c5b6a79801"},
						CIDRBlock: "10.20.0.0/16", S3PrefixListID: "pl-63a5400a"},
					Build: model.Build{ComputeType: "BUILD_GENERAL1_SMALL", Image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
						Buildspec: "buildspec.yml", TimeoutMinutes: 30, BaseImageRepositories: []string{}},
					Artifacts: model.Artifacts{ExpireDays: 90, NoncurrentExpireDays: 30, AccessLogsBucket: "s3-access-logs-111111111111-us-east-1"},
					Logs:      model.Logs{RetentionDays: 30},
					Stages: []model.Stage{
						{Name: "staging", Cluster: "staging", ECSService: "catalog",
							ListenerARN:  "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef",
							TargetGroups: []string{"catalog-staging-blue", "catalog-staging-green"}, RollbackAlarms: []string{},
							TaskDefinitionPath: "taskdef-staging.json", AppSpecPath: "appspec-staging.yaml"},
						{Name: "production", Cluster: "production", ECSService: "catalog",
							ListenerARN:  "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef",
							TargetGroups: []string{"catalog-production-blue", "catalog-production-green"}, RollbackAlarms: []string{},
							RequireApproval: true, TaskDefinitionPath: "taskdef-production.json", AppSpecPath: "appspec-production.yaml"},
					},
				}
				ignore := cmp.FilterPath(func(p cmp.Path) bool {
					f := p.Last().String()
					return f == ".Settings" || f == ".NameRange" || f == ".DefRange"
				}, cmp.Ignore())
				if diff := cmp.Diff(want, s, ignore); diff != "" {
					t.Errorf("merged service (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "block merges attribute by attribute",
			service: `service "orders" {
  build {
    timeout_minutes = 45
  }
}`,
			check: func(t *testing.T, s *model.Service) {
				want := model.Build{ComputeType: "BUILD_GENERAL1_SMALL", Image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0", Buildspec: "buildspec.yml", TimeoutMinutes: 45, BaseImageRepositories: []string{}}
				if diff := cmp.Diff(want, s.Build); diff != "" {
					t.Errorf("build (-want +got):\n%s", diff)
				}
				src := s.Source("build.timeout_minutes")
				if src.Layer != model.LayerService || src.Range.Start.Line != 24 {
					t.Errorf("timeout source = %v at line %d, want service at line 24", src.Layer, src.Range.Start.Line)
				}
				if got := s.Source("network.vpc_id"); got.Layer != model.LayerDefaults || got.Range.Start.Line != 5 {
					t.Errorf("vpc_id source = %v at line %d, want defaults at line 5", got.Layer, got.Range.Start.Line)
				}
			},
		},
		{
			name: "lists replace, never append",
			service: `service "orders" {
  network {
    subnet_ids = ["subnet-0f9e8d7c6b5a43210"]
  }
}`,
			check: func(t *testing.T, s *model.Service) {
				if diff := cmp.Diff([]string{"subnet-0f9e8d7c6b5a43210"}, s.Network.SubnetIDs); diff != "" {
					t.Errorf("subnets (-want +got):\n%s", diff)
				}
				if s.Network.VPCID != "vpc-0a1b2c3d4e5f67890" {
					t.Errorf("vpc_id = %q, want the inherited one", s.Network.VPCID)
				}
			},
		},
		{
			name: "stage override keeps order and other attributes",
			service: `service "orders" {
  stage "production" {
    cluster       = "production-payments"
    target_groups = ["orders-prod-blue", "orders-prod-green"]
  }
}`,
			check: func(t *testing.T, s *model.Service) {
				var names []string
				for _, st := range s.Stages {
					names = append(names, st.Name)
				}
				if diff := cmp.Diff([]string{"staging", "production"}, names); diff != "" {
					t.Errorf("stage order (-want +got):\n%s", diff)
				}
				prod := s.Stage("production")
				if prod.Cluster != "production-payments" || !prod.RequireApproval || prod.ECSService != "orders" {
					t.Errorf("production = %+v, want overridden cluster, inherited approval, derived ECS service", prod)
				}
				if diff := cmp.Diff([]string{"orders-prod-blue", "orders-prod-green"}, prod.TargetGroups); diff != "" {
					t.Errorf("target groups (-want +got):\n%s", diff)
				}
				if s.Stage("staging").Cluster != "staging" {
					t.Errorf("staging cluster changed by a production override")
				}
			},
		},
		{
			name: "optional feature switched off in a service",
			service: `service "orders" {
  test {
    enabled = false
  }
}
service "payments" {
  test {}
}`,
			check: func(t *testing.T, s *model.Service) {
				if s.Test != nil {
					t.Errorf("test = %+v, want nil", s.Test)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := loadString(t, base+tt.service)
			if diags.HasErrors() {
				t.Fatalf("unexpected diagnostics: %v", diagStrings(diags))
			}
			tt.check(t, p.Services[0])
		})
	}
}

func TestServicesSortedByName(t *testing.T) {
	p, diags := loadString(t, base+`service "zeta" {}
service "alpha" {}
service "mid" {}`)
	if diags.HasErrors() {
		t.Fatal(diagStrings(diags))
	}
	var names []string
	for _, s := range p.Services {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"alpha", "mid", "zeta"}, names); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

var errorMarker = regexp.MustCompile(`#\s*ERROR( ON NEXT LINE)?:\s*(.+?)\s*$`)

// TestErrorFixtures loads every testdata/errors/*.hcl file. Each line
// that must be blamed carries "# ERROR: <summary>", or is preceded by a
// line "# ERROR ON NEXT LINE: <summary>" when it cannot hold a comment
// (the line that opens a heredoc); the diagnostics must be exactly
// those, line for line.
func TestErrorFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.hcl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for i, line := range strings.Split(string(src), "\n") {
				if m := errorMarker.FindStringSubmatch(line); m != nil {
					n := i + 1
					if m[1] != "" {
						n++
					}
					for _, summary := range strings.Split(m[2], " | ") {
						want = append(want, fmt.Sprintf("%d: %s", n, summary))
					}
				}
			}
			_, diags := config.Load(os.DirFS("testdata/errors"), filepath.Base(file))
			var got []string
			for _, d := range diags {
				if d.Severity != hcl.DiagError {
					continue
				}
				if d.Subject == nil {
					t.Errorf("diagnostic without a source range: %s", d.Summary)
					continue
				}
				got = append(got, fmt.Sprintf("%d: %s", d.Subject.Start.Line, d.Summary))
				if d.Detail == "" || !strings.HasSuffix(d.Detail, ".") && !strings.HasSuffix(d.Detail, "?") {
					t.Errorf("line %d: detail %q is not a sentence", d.Subject.Start.Line, d.Detail)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
