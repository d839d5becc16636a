package config

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Format returns src in canonical HCL layout: the indentation, spacing
// and alignment of hclwrite, as terraform fmt writes them. It refuses
// input with syntax errors, returning their diagnostics and no bytes, so
// that a broken file is never rewritten.
func Format(src []byte, filename string) ([]byte, hcl.Diagnostics) {
	// The checks of Load, so that fmt refuses what validate refuses, at
	// the same places, before looking at the syntax.
	st, diags := checkSource(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	_, diags = hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		diags = moreSyntaxErrors(src, filename, st, diags)
		return nil, sortDiagnostics(explain(diags, src))
	}
	return hclwrite.Format(src), nil
}
