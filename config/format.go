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
	// The file checks of Load, so that fmt refuses what validate refuses
	// before looking at the syntax.
	for _, check := range []func([]byte, string) *hcl.Diagnostic{checkUTF8, checkLineEnds} {
		if d := check(src, filename); d != nil {
			return nil, hcl.Diagnostics{d}
		}
	}
	st, d := scanStructure(src, filename)
	if d != nil {
		return nil, hcl.Diagnostics{d}
	}
	_, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		diags = append(diags, laterSyntaxErrors(src, filename, st.items(), diags)...)
		return nil, sortDiagnostics(diags)
	}
	return hclwrite.Format(src), nil
}
