package emit_test

import (
	"encoding/json"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pipelines/model"
)

// nameKinds maps each resource type the templates name to the kind of its
// name in package model.
var nameKinds = map[string]string{
	"AWS::CodeBuild::Project":                      "CodeBuild project name",
	"AWS::CodeDeploy::Application":                 "CodeDeploy application name",
	"AWS::CodeDeploy::DeploymentGroup":             "CodeDeploy deployment group name",
	"AWS::CodePipeline::Pipeline":                  "CodePipeline name",
	"AWS::CodeStarNotifications::NotificationRule": "notification rule name",
	"AWS::Events::Rule":                            "EventBridge rule name",
	"AWS::IAM::Policy":                             "IAM policy name",
	"AWS::IAM::ManagedPolicy":                      "IAM managed policy name",
	"AWS::IAM::Role":                               "IAM role name",
	"AWS::KMS::Alias":                              "KMS alias",
	"AWS::Lambda::Function":                        "Lambda function name",
	"AWS::Logs::LogGroup":                          "log group name",
	"AWS::S3::Bucket":                              "S3 bucket name",
	"AWS::SNS::Topic":                              "SNS topic name",
}

// templateNames returns "kind: name" for every physical name a template
// gives a resource: each top-level property that is an Fn::Sub of the
// EnvironmentSuffix, as every name is.
func templateNames(t *testing.T, file string, data []byte) []string {
	t.Helper()
	var tmpl struct {
		Resources map[string]struct {
			Type       string
			Properties map[string]json.RawMessage
		}
	}
	if err := json.Unmarshal(data, &tmpl); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var names []string
	for id, r := range tmpl.Resources {
		for prop, raw := range r.Properties {
			var sub struct {
				Sub string `json:"Fn::Sub"`
			}
			if json.Unmarshal(raw, &sub) != nil || !strings.Contains(sub.Sub, "${"+model.SuffixParameter+"}") {
				continue
			}
			kind, ok := nameKinds[r.Type]
			if !ok {
				t.Errorf("%s: %s (%s) has the name %q in %s, but no kind of name is known for %s", file, id, r.Type, sub.Sub, prop, r.Type)
			}
			names = append(names, kind+": "+sub.Sub)
		}
	}
	slices.Sort(names)
	return names
}

func modelNames(names []model.PhysicalName) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.Kind + ": " + n.Sub
	}
	slices.Sort(out)
	return out
}

// TestPhysicalNamesMatchTemplates holds the model's lists of physical
// names to the templates: validation checks the lengths and the
// uniqueness of the names in those lists, so a name a template creates and
// the list misses would escape both checks.
func TestPhysicalNamesMatchTemplates(t *testing.T) {
	seen := map[string]bool{} // kinds of names met, to show the cases cover them all
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p := loadCase(t, dir)
			services := map[string]*model.Service{}
			for _, s := range p.Services {
				services[s.Name] = s
			}
			for _, f := range renderAll(t, p) {
				if path.Ext(f.Path) != ".json" {
					continue
				}
				folder, file := path.Split(f.Path)
				var want []string
				if s := services[strings.TrimSuffix(folder, "/")]; s == nil {
					want = nil // its security group is named by a tag
				} else if stage, ok := strings.CutPrefix(strings.TrimSuffix(file, ".json"), "deploy-"); ok {
					want = modelNames(s.DeployNames(stage))
				} else {
					want = modelNames(s.PipelineNames())
				}
				got := templateNames(t, f.Path, f.Data)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: names (-model +template):\n%s", f.Path, diff)
				}
				for _, n := range got {
					seen[n[:strings.Index(n, ":")]] = true
				}
			}
		})
	}
	for typ, kind := range nameKinds {
		if !seen[kind] {
			t.Errorf("no golden case names a %s (%s)", kind, typ)
		}
	}
}

// TestEveryNameHasAScope: the collision check places each name in the
// scope AWS keeps it unique in.
func TestEveryNameHasAScope(t *testing.T) {
	for _, c := range []string{"testdata/crossaccount", "testdata/features"} {
		for _, s := range loadCase(t, c).Services {
			for _, n := range s.PhysicalNames() {
				if n.Scope == 0 {
					t.Errorf("%s: %s %q has no scope", c, n.Kind, n.Sub)
				}
			}
		}
	}
}
