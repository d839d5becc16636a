package config

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// literalsOnly is the sentence added to every problem of evaluating an
// expression: what the evaluation context (evalContext) holds.
const literalsOnly = " Values in services.hcl are literals: there are no variables, no functions, no for expressions and no splats, so the file means the same on every machine. Write the value itself, such as \"main\" or [\"a\", \"b\"]."

// checkExpr reports the constructs of expr that evalContext does not
// support beyond variables and functions, which evaluation reports: for
// expressions (also as %{for} template directives) and splats. Over
// literals they would work, but they are never needed, and nested ones
// multiply work.
func checkExpr(name string, expr hcl.Expression) hcl.Diagnostics {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	var diags hcl.Diagnostics
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		what := ""
		switch n.(type) {
		case *hclsyntax.ForExpr:
			what = "A for expression"
		case *hclsyntax.SplatExpr:
			what = "A splat expression"
		default:
			return nil
		}
		if len(diags) == 0 {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  fmt.Sprintf("Unsupported expression in %q", name),
				Detail:   what + " is not supported." + literalsOnly,
				Subject:  n.Range().Ptr(),
			})
		}
		return nil
	})
	return diags
}

// explainEval adds to evaluation problems (an unknown variable or
// function) what the evaluation context holds.
func explainEval(diags hcl.Diagnostics) hcl.Diagnostics {
	for _, d := range diags {
		switch d.Summary {
		case "Unknown variable", "Call to unknown function", "Variables not allowed", "Function calls not allowed":
			d.Detail += literalsOnly
		}
	}
	return diags
}
