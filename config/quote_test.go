package config

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestHCLQuote: a quoted value reads back, as HCL, as the value.
func TestHCLQuote(t *testing.T) {
	for _, s := range []string{
		"", "plain", `say "hi"`, `back\slash`, "a\nb\r\tc",
		"a${b}", "a%{b}", "a$${b", "a%%{b", "${", "%{", "$", "%", "{",
		"nbsp\u00a0zero\u200bwidth", "bell\a", "del\x7f", "\U0001F600", "\U000E0001",
	} {
		q := hclQuote(s)
		expr, diags := hclsyntax.ParseExpression([]byte(q), "value", hcl.InitialPos)
		if diags.HasErrors() {
			t.Errorf("hclQuote(%q) = %s, which does not parse: %v", s, q, diags)
			continue
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() || v.AsString() != s {
			t.Errorf("hclQuote(%q) = %s, which reads back as %q (%v)", s, q, v.AsString(), diags)
		}
	}
}
