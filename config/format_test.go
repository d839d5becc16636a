package config_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"pipelines/config"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      string
		wantDiags []string
	}{
		{
			name: "formatted",
			src:  "service \"orders\" {\n  branch = \"main\"\n}\n",
			want: "service \"orders\" {\n  branch = \"main\"\n}\n",
		},
		{
			name: "indentation and alignment",
			src: `defaults {
environment_suffix="dev"
	  branch = "main"
  build {
      timeout_minutes=30 # minutes
  }
}
`,
			want: `defaults {
  environment_suffix = "dev"
  branch             = "main"
  build {
    timeout_minutes = 30 # minutes
  }
}
`,
		},
		{
			name: "lists and comments are kept",
			src:  "service \"a\" {\n  # why\n  stage \"production\" {\n    target_groups = [ \"a\",\"b\" ]\n  }\n}\n",
			want: "service \"a\" {\n  # why\n  stage \"production\" {\n    target_groups = [\"a\", \"b\"]\n  }\n}\n",
		},
		{
			name:      "syntax error",
			src:       "service \"orders\" {\n  branch = \n}\n",
			wantDiags: []string{"2:12: Invalid expression"},
		},
		{
			name:      "unclosed block",
			src:       "defaults {\n",
			wantDiags: []string{"1:10: Unclosed configuration block"},
		},
		{
			name:      "syntax errors in two blocks",
			src:       "service \"orders\" {\n  branch = = 1\n}\nservice \"catalog\" {\n  branch = ]\n}\n",
			wantDiags: []string{"2:12: Invalid expression", "5:12: Invalid expression"},
		},
		{
			// Refused before hclwrite, which builds a few hundred bytes
			// per token.
			name:      "millions of blank lines",
			src:       strings.Repeat("\n", config.MaxTokens+1) + "defaults {\n}\n",
			wantDiags: []string{"8000001:1: Too many tokens"},
		},
		{
			name:      "invalid UTF-8",
			src:       "service \"orders\" {\n  branch = \"m\xffin\"\n}\n",
			wantDiags: []string{"2:14: Invalid UTF-8"},
		},
		{
			name:      "carriage return alone",
			src:       "service \"orders\" {\r  branch = \"main\"\r}\r",
			wantDiags: []string{"1:19: Carriage return without line feed"},
		},
		{
			// Columns count "e" and its combining accent as one, as
			// validate and HCL do.
			name:      "carriage return after a combining accent",
			src:       "service \"cafe\u0301\" {\r}\n",
			wantDiags: []string{"1:17: Carriage return without line feed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := config.Format([]byte(tt.src), "services.hcl")
			if diff := cmp.Diff(tt.wantDiags, diagStrings(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("formatted (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzFormat checks that formatting is idempotent and that what it
// writes still parses. Seeds are in testdata/fuzz/FuzzFormat; run longer
// with go test -run '^$' -fuzz FuzzFormat ./config.
func FuzzFormat(f *testing.F) {
	f.Add([]byte("defaults {\nbranch=\"main\"\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		once, diags := config.Format(src, "services.hcl")
		if diags.HasErrors() {
			return
		}
		if _, d := hclsyntax.ParseConfig(once, "services.hcl", hcl.InitialPos); d.HasErrors() {
			t.Fatalf("formatted output does not parse: %s\n%s", d.Error(), once)
		}
		twice, diags := config.Format(once, "services.hcl")
		if diags.HasErrors() {
			t.Fatalf("formatting formatted output failed: %s", diags.Error())
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("not idempotent:\nonce:\n%s\ntwice:\n%s", once, twice)
		}
	})
}

// TestFormatExplainsAsValidate: fmt words a syntax error as validate does.
func TestFormatExplainsAsValidate(t *testing.T) {
	for _, src := range []string{
		"service \"orders\" {\n  branch \"main\"\n}\n",
		"service \"orders\" {\n  branch = \"a\"\n  branch = \"b\"\n}\n",
		"service \"orders\" {\n  branch = <<EOT\nmain\n",
	} {
		_, formatted := config.Format([]byte(src), "services.hcl")
		_, validated := config.Load(fstest.MapFS{"services.hcl": {Data: []byte(src)}}, "services.hcl")
		details := func(diags hcl.Diagnostics) []string {
			var out []string
			for _, d := range diags {
				out = append(out, d.Summary+": "+d.Detail)
			}
			return out
		}
		if len(formatted) == 0 {
			t.Errorf("%q: fmt reports nothing", src)
		}
		for _, d := range details(formatted) {
			if !slices.Contains(details(validated), d) {
				t.Errorf("%q: fmt says %q, which validate does not", src, d)
			}
		}
	}
}
