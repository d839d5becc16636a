package emit_test

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
	"testing"

	"pipelines/model"
)

// TestKeyPolicyRegion holds every pipeline template's key policy to the
// region the stack is deployed in: the policy names its regional service
// principals and ARNs through AWS::Region, as the rest of the template
// does, and never the region services.hcl declares. CloudWatch Logs, for
// one, uses the key as logs.<region>.amazonaws.com, and a key whose
// policy names another region's principal makes its log groups fail to
// create.
func TestKeyPolicyRegion(t *testing.T) {
	for _, dir := range caseDirs(t) {
		for _, f := range renderAll(t, loadCase(t, dir)) {
			if path.Base(f.Path) != "pipeline.json" {
				continue
			}
			var tmpl struct {
				Resources map[string]struct {
					Type       string
					Properties struct {
						KeyPolicy json.RawMessage
					}
				}
			}
			if err := json.Unmarshal(f.Data, &tmpl); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			keys := 0
			for id, r := range tmpl.Resources {
				if r.Type != "AWS::KMS::Key" {
					continue
				}
				keys++
				if strings.Contains(string(r.Properties.KeyPolicy), model.Region) {
					t.Errorf("%s: %s's key policy names the region %s rather than ${AWS::Region}", f.Path, id, model.Region)
				}
				var policy struct {
					Statement []struct {
						Sid       string
						Principal json.RawMessage
					}
				}
				if err := json.Unmarshal(r.Properties.KeyPolicy, &policy); err != nil {
					t.Fatalf("%s: %s: %v", f.Path, id, err)
				}
				logs := false
				for _, st := range policy.Statement {
					var principal bytes.Buffer
					if err := json.Compact(&principal, st.Principal); err != nil {
						t.Fatalf("%s: %s: %v", f.Path, id, err)
					}
					if strings.Contains(principal.String(), "logs.") {
						logs = true
						if want := `{"Service":{"Fn::Sub":"logs.${AWS::Region}.amazonaws.com"}}`; principal.String() != want {
							t.Errorf("%s: %s's statement %s has principal %s; want %s", f.Path, id, st.Sid, principal.String(), want)
						}
					}
				}
				if !logs {
					t.Errorf("%s: %s's key policy does not let CloudWatch Logs use the key", f.Path, id)
				}
			}
			if keys != 1 {
				t.Errorf("%s: %d keys; want 1", f.Path, keys)
			}
		}
	}
}
