package emit_test

import (
	"encoding/json"
	"path"
	"slices"
	"testing"
)

// TestPipelineRoleInvokesFunctions holds the pipeline role of every
// pipeline with a Lambda invoke action to what CodePipeline documents for
// that action: lambda:InvokeFunction on the function, and
// lambda:ListFunctions, without which the action fails.
func TestPipelineRoleInvokesFunctions(t *testing.T) {
	checked := 0
	for _, dir := range caseDirs(t) {
		for _, f := range renderAll(t, loadCase(t, dir)) {
			if path.Base(f.Path) != "pipeline.json" {
				continue
			}
			var tmpl struct {
				Resources map[string]struct {
					Type       string
					Properties struct {
						Stages []struct {
							Actions []struct {
								ActionTypeID struct {
									Category, Provider string
								} `json:"ActionTypeId"`
							}
						}
						Roles          []map[string]string
						PolicyDocument struct {
							Statement []struct {
								Effect   string
								Action   []string
								Resource json.RawMessage
							}
						}
					}
				}
			}
			if err := json.Unmarshal(f.Data, &tmpl); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			invokes := false
			for _, r := range tmpl.Resources {
				if r.Type != "AWS::CodePipeline::Pipeline" {
					continue
				}
				for _, st := range r.Properties.Stages {
					for _, a := range st.Actions {
						if a.ActionTypeID.Category == "Invoke" && a.ActionTypeID.Provider == "Lambda" {
							invokes = true
						}
					}
				}
			}
			if !invokes {
				continue
			}
			checked++
			granted := map[string]bool{}
			for _, r := range tmpl.Resources {
				if r.Type != "AWS::IAM::Policy" && r.Type != "AWS::IAM::ManagedPolicy" {
					continue
				}
				if !slices.ContainsFunc(r.Properties.Roles, func(ref map[string]string) bool { return ref["Ref"] == "PipelineRole" }) {
					continue
				}
				for _, st := range r.Properties.PolicyDocument.Statement {
					if st.Effect != "Allow" {
						continue
					}
					for _, a := range st.Action {
						switch a {
						case "lambda:InvokeFunction":
							granted[a] = true
						case "lambda:ListFunctions":
							// It takes no resource: only "*" grants it.
							var resources []string
							if json.Unmarshal(st.Resource, &resources) == nil && slices.Contains(resources, "*") {
								granted[a] = true
							}
						}
					}
				}
			}
			for _, a := range []string{"lambda:InvokeFunction", "lambda:ListFunctions"} {
				if !granted[a] {
					t.Errorf("%s: the pipeline has a Lambda invoke action, and its role is not allowed %s", f.Path, a)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no case has a Lambda invoke action")
	}
}
