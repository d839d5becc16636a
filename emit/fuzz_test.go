package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"pipelines/check"
	"pipelines/config"
)

// fuzzTemplate is a services.hcl whose values FuzzRender varies.
const fuzzTemplate = `defaults {
  account_id = "111111111111"
  network {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d"]
    cidr_block = "10.0.0.0/16"
  }
  artifacts {
    access_logs_bucket = "access-logs-example"
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

service NAME {
  branch         = BRANCH
  container_name = CONTAINER
  container_port = PORT
  build {
    timeout_minutes = TIMEOUT
  }
  TEST
  stage "production" {
    cluster         = CLUSTER
    rollback_alarms = [ALARM]
  }
}
`

// hclString writes s as an HCL string literal, escaped for templates.
func hclString(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// FuzzRender varies a few values of a service through services.hcl and
// renders it: the template must be valid JSON holding the values as
// given, render to the same bytes twice, be exactly what encoding/json
// writes, and pass every rule of package check, as each template of the
// service must.
func FuzzRender(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, branch, container string, port, timeout int, cluster, alarm string, test bool) {
		r := strings.NewReplacer(
			"NAME", hclString(name), "BRANCH", hclString(branch), "CONTAINER", hclString(container),
			"PORT", fmt.Sprint(port), "TIMEOUT", fmt.Sprint(timeout),
			"CLUSTER", hclString(cluster), "ALARM", hclString(alarm),
		)
		src := r.Replace(fuzzTemplate)
		if test {
			src = strings.Replace(src, "TEST", "test {}", 1)
		} else {
			src = strings.Replace(src, "TEST", "", 1)
		}
		fsys := fstest.MapFS{"services.hcl": {Data: []byte(src)}}
		p, diags := config.Load(fsys, "services.hcl")
		if diags.HasErrors() {
			return
		}
		s := p.Services[0]
		tmpl, err := pipelineTemplate(s)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		files, err := Render(s)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		for _, file := range files {
			if strings.HasSuffix(file.Path, ".json") {
				for _, finding := range check.Template(file.Path, file.Data) {
					t.Error(finding.String())
				}
			}
		}
		data := files[0].Data
		if want := stdEncode(t, tmpl); !bytes.Equal(data, want) {
			t.Fatalf("Encode differs from encoding/json:\n%s\n%s", data, want)
		}
		var doc struct {
			Parameters map[string]any
			Resources  map[string]struct {
				Type       string
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		var generic any
		json.Unmarshal(data, &generic)
		for _, ref := range subReferences(generic) {
			name, _, _ := strings.Cut(ref, ".")
			_, param := doc.Parameters[name]
			_, res := doc.Resources[name]
			if !param && !res && !strings.HasPrefix(ref, "AWS::") {
				t.Errorf("Fn::Sub refers to ${%s}, which the template does not declare", ref)
			}
		}
		rule := doc.Resources["SourceChangeRule"].Properties["EventPattern"].(map[string]any)
		// Strings are as loaded (in NFC, as cty holds them).
		if got, want := rule["detail"].(map[string]any)["referenceName"].([]any)[0], s.Branch; got != want {
			t.Errorf("the rule watches branch %q, want %q", got, want)
		}
		group := doc.Resources["ProductionDeploymentGroup"].Properties["AlarmConfiguration"].(map[string]any)
		if got, want := group["Alarms"].([]any)[0].(map[string]any)["Name"], s.Stage("production").RollbackAlarms[0]; got != want {
			t.Errorf("the deployment group watches alarm %q, want %q", got, want)
		}
		p2, _ := config.Load(fsys, "services.hcl")
		again, err := Render(p2.Services[0])
		if err != nil || !bytes.Equal(again[0].Data, data) {
			t.Fatalf("rendering twice gave different bytes (%v)", err)
		}
	})
}

// subReferences returns the names every Fn::Sub in v refers to as ${Name};
// ${!Name} is a literal.
func subReferences(v any) []string {
	var refs []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "Fn::Sub" {
				for rest := s; ; {
					_, after, ok := strings.Cut(rest, "${")
					if !ok {
						break
					}
					name, tail, _ := strings.Cut(after, "}")
					if !strings.HasPrefix(name, "!") {
						refs = append(refs, name)
					}
					rest = tail
				}
				continue
			}
			refs = append(refs, subReferences(x)...)
		}
	case []any:
		for _, x := range v {
			refs = append(refs, subReferences(x)...)
		}
	}
	return refs
}

// FuzzEncodeString holds the string encoder to encoding/json on any
// bytes.
func FuzzEncodeString(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, s)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if want := bytes.TrimSuffix(buf.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
