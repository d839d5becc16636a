package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/gocty"
)

// checkLiteral requires literal to give, for src, what evaluation and
// conversion give, whenever it gives anything.
func checkLiteral[T any](t *testing.T, src string, wantOK bool) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", src, diags)
	}
	got, ok := literal[T](expr)
	if ok != wantOK {
		t.Errorf("literal(%s): ok = %v, want %v", src, ok, wantOK)
	}
	if !ok {
		return
	}
	var want T
	ty, err := gocty.ImpliedType(want)
	if err != nil {
		t.Fatal(err)
	}
	val, diags := expr.Value(evalContext)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", src, diags)
	}
	conv, err := convert.Convert(val, ty)
	if err == nil {
		err = gocty.FromCtyValue(conv, &want)
	}
	if err != nil {
		t.Fatalf("literal(%s) = %v, but evaluation fails: %v", src, got, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("literal(%s) (-evaluated +literal):\n%s", src, diff)
	}
}

func TestLiteral(t *testing.T) {
	for _, c := range []struct {
		src string
		ok  bool
	}{
		{`"orders"`, true},
		{`""`, true},
		{`"tab\there \"quoted\" \u00e9"`, true},
		{"\"e\u0301\"", true}, // normalized to é
		{`"$${not} %%{an} interpolation"`, true},
		{`"${"x"}"`, false},
		{`"a${"b"}"`, false},
		{`30`, false},
		{`true`, false},
		{"<<EOT\nheredoc\nEOT\n", true},
	} {
		checkLiteral[string](t, c.src, c.ok)
	}
	for _, c := range []struct {
		src string
		ok  bool
	}{
		{`30`, true},
		{`0`, true},
		{`9223372036854775807`, true},
		{`9223372036854775808`, false},
		{`1e3`, true},
		{`1e30`, false},
		{`3.5`, false},
		{`-1`, false},
		{`"30"`, false},
		{`true`, false},
	} {
		checkLiteral[int](t, c.src, c.ok)
	}
	for _, c := range []struct {
		src string
		ok  bool
	}{
		{`true`, true},
		{`false`, true},
		{`"true"`, false},
		{`!false`, false},
		{`null`, false},
	} {
		checkLiteral[bool](t, c.src, c.ok)
	}
	for _, c := range []struct {
		src string
		ok  bool
	}{
		{`["a", "b"]`, true},
		{`["a", "a"]`, true},
		{`[""]`, true},
		{"[\"e\u0301\"]", true},
		{`[]`, false},
		{`["a", 1]`, false},
		{`["a", null]`, false},
		{`["${"a"}"]`, false},
		{`"a"`, false},
	} {
		checkLiteral[[]string](t, c.src, c.ok)
	}
}
