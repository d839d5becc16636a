package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// literalsOnly is what is added to every problem of evaluating the value
// of the attribute called name, of type ty: what the evaluation context
// (evalContext) holds, and what the attribute needs.
func literalsOnly(name string, ty cty.Type) string {
	return fmt.Sprintf(" Values in services.hcl are literals: there are no variables, no functions, no for expressions and no splats, so the file means the same on every machine. Write the value itself: %q needs %s.", name, typeName(ty, name))
}

// checkExpr reports the constructs of expr that evalContext does not
// support: variables and functions, wherever they are (evaluation reports
// only those it meets), for expressions (also as %{for} template
// directives) and splats. Over
// literals they would work, but they are never needed, and nested ones
// multiply work. It also reports numbers out of range and divisions by
// zero, which evaluation would let through, and strings that would be
// read as such numbers: as operands, or as the value of an attribute of
// type ty that takes a number.
func checkExpr(name string, expr hcl.Expression, ty cty.Type) hcl.Diagnostics {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	w := &exprChecker{name: name, ty: ty}
	hclsyntax.Walk(e, w)
	diags, divisions := w.diags, w.divisions
	if !slices.ContainsFunc(diags, func(d *hcl.Diagnostic) bool { return strings.HasPrefix(d.Summary, "Unsupported expression") }) {
		// In a for expression, its own variables are no error: it is.
		diags = append(diags, w.refs...)
	}
	if diags.HasErrors() {
		return diags // a for expression, say, could take long to evaluate
	}
	// cty gives x / 0 as an infinity, on which some operations panic, and
	// x % 0 as x. Divisors are literals and operators over them (anything
	// else fails evaluation), cheap to evaluate.
	for _, n := range divisions {
		v, d := n.RHS.Value(evalContext)
		if d.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
			continue
		}
		if v, err := convert.Convert(v, cty.Number); err != nil || v.AsBigFloat().Sign() != 0 {
			continue // a string such as "0" is converted as the operator converts it
		}
		what, detail := "Division by zero", "The right operand of / is zero."
		if n.Op == hclsyntax.OpModulo {
			what, detail = "Remainder of a division by zero", "The right operand of % is zero, and a remainder of a division by zero is undefined."
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("%s in %q", what, name),
			Detail:   detail + " Write the value itself, or divide by something else.",
			Subject:  n.Range().Ptr(),
		})
	}
	return diags
}

// exprChecker walks an expression for checkExpr.
type exprChecker struct {
	name  string
	ty    cty.Type // the attribute's
	diags hcl.Diagnostics
	refs  hcl.Diagnostics // variables and function calls
	// operands counts the operators and index expressions whose operands
	// or keys the walk is in: a string there is read as a number.
	operands  int
	keys      map[hclsyntax.Node]bool // the keys of index expressions
	divisions []*hclsyntax.BinaryOpExpr
}

// isKey reports whether n is the key of an index expression.
func (w *exprChecker) isKey(n hclsyntax.Node) bool {
	if _, scope := n.(hclsyntax.ChildScope); scope || w.keys == nil {
		return false // a ChildScope, which holds a map, is no map key
	}
	return w.keys[n]
}

func (w *exprChecker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if w.isKey(n) {
		w.operands++
	}
	switch n := n.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		// Evaluation reports the variables and functions it meets, but
		// not those of a branch it does not take: as in true ? "main" :
		// var.x, which would be no error as long as the condition holds.
		root := n.Traversal.RootName()
		w.refs = append(w.refs, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Unknown variable in %q", w.name),
			Detail:   fmt.Sprintf("There is no variable named %q.", root) + literalsOnly(w.name, w.ty),
			Subject:  n.Traversal[0].SourceRange().Ptr(),
		})
	case *hclsyntax.FunctionCallExpr:
		w.refs = append(w.refs, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Call to unknown function in %q", w.name),
			Detail:   fmt.Sprintf("There is no function named %q.", n.Name) + literalsOnly(w.name, w.ty),
			Subject:  n.NameRange.Ptr(),
		})
	case *hclsyntax.ForExpr:
		w.diags = appendUnsupported(w.diags, w.name, w.ty, n, "A for expression")
	case *hclsyntax.SplatExpr:
		w.diags = appendUnsupported(w.diags, w.name, w.ty, n, "A splat expression")
	case *hclsyntax.LiteralValueExpr:
		w.diags = appendNumberRange(w.diags, w.name, n.Val, n.Range())
		if n.Val.Type() == cty.String && n.Val.IsKnown() && !n.Val.IsNull() && (w.operands > 0 || w.ty == cty.Number) {
			w.diags = appendNumericString(w.diags, w.name, n.Val.AsString(), n.Range(), w.operands > 0)
		}
	case *hclsyntax.RelativeTraversalExpr:
		// The parser turns a literal index, as in x[1], into a
		// traversal step, which is no node of its own.
		for _, step := range n.Traversal {
			if index, ok := step.(hcl.TraverseIndex); ok {
				w.diags = appendNumberRange(w.diags, w.name, index.Key, index.SrcRange)
			}
		}
	case *hclsyntax.BinaryOpExpr:
		w.operands++
		if n.Op == hclsyntax.OpDivide || n.Op == hclsyntax.OpModulo {
			w.divisions = append(w.divisions, n)
		}
	case *hclsyntax.UnaryOpExpr:
		w.operands++
	case *hclsyntax.IndexExpr:
		if w.keys == nil {
			w.keys = map[hclsyntax.Node]bool{}
		}
		w.keys[n.Key] = true
	}
	return nil
}

func (w *exprChecker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	switch n.(type) {
	case *hclsyntax.BinaryOpExpr, *hclsyntax.UnaryOpExpr:
		w.operands--
	}
	if w.isKey(n) {
		w.operands--
	}
	return nil
}

// appendUnsupported adds the problem of an unsupported construct to diags,
// unless they already hold one: one per attribute is enough.
func appendUnsupported(diags hcl.Diagnostics, name string, ty cty.Type, n hclsyntax.Node, what string) hcl.Diagnostics {
	for _, d := range diags {
		if strings.HasPrefix(d.Summary, "Unsupported expression") {
			return diags
		}
	}
	return append(diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Unsupported expression in %q", name),
		Detail:   what + " is not supported." + literalsOnly(name, ty),
		Subject:  n.Range().Ptr(),
	})
}

// appendNumberRange adds to diags the problem of v, when it is a number
// out of range.
func appendNumberRange(diags hcl.Diagnostics, name string, v cty.Value, rng hcl.Range) hcl.Diagnostics {
	if v.Type() != cty.Number || !v.IsKnown() || v.IsNull() || numberInRange(v) {
		return diags
	}
	return append(diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Number out of range in %q", name),
		Detail:   numberRange,
		Subject:  rng.Ptr(),
	})
}

// appendNumericString adds to diags the problem of a string that reads
// as a number HCL would take badly: arithmetic converts a string operand
// to a number, as does an attribute that takes a number its value, so
// "1e100000000" is as costly as 1e100000000, a string of a million
// digits as slow to parse, and "inf" an infinity, on which some
// operations panic. operand tells whether the string is an operand, else
// the value (or part of it) of an attribute that takes a number.
func appendNumericString(diags hcl.Diagnostics, name, s string, rng hcl.Range, operand bool) hcl.Diagnostics {
	t := strings.TrimSpace(s)
	if t == "" || !strings.ContainsAny(t[:1], "0123456789+-.iI") {
		return diags
	}
	read := "This string reads as a number, which operators would use as one. "
	if !operand {
		read = fmt.Sprintf("%q takes a number, and would read this string as one. ", name)
	}
	problem := func(summary, detail string) hcl.Diagnostics {
		return append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("%s in %q", summary, name),
			Detail:   read + detail,
			Subject:  rng.Ptr(),
		})
	}
	if len(t) > MaxNumberLength {
		if strings.Trim(t, "0123456789.eE+-") == "" {
			return problem("Number too long", fmt.Sprintf("It is written with more than %d characters; numbers in services.hcl (ports, timeouts, counts) need a few digits.", MaxNumberLength))
		}
		return diags
	}
	v, err := cty.ParseNumberVal(t)
	switch {
	case err != nil:
		return diags
	case v.AsBigFloat().IsInf():
		return problem("Number out of range", "It is an infinity; numbers in services.hcl (ports, timeouts, counts) are whole numbers smaller than 2^53 (9007199254740992) in magnitude.")
	case !numberInRange(v):
		return problem("Number out of range", numberRange)
	}
	return diags
}

// numberRange says which numbers services.hcl holds.
const numberRange = "Numbers in services.hcl (ports, timeouts, counts) are whole numbers smaller than 2^53 (9007199254740992) in magnitude; this one is far larger, or a fraction far smaller than any."

// numberInRange reports whether a number is smaller than 2^53 in
// magnitude and, unless zero, at least 2^-64: the numbers services.hcl
// holds, and fractions that messages can show. Outside that range, turning
// a number into text, for a message or a string attribute, takes time
// that grows with the square of its exponent: 1e100000000 would take hours.
func numberInRange(v cty.Value) bool {
	f := v.AsBigFloat()
	if f.Sign() == 0 || f.IsInf() {
		return true // checkExpr refuses what makes one: a division by zero, or "inf"
	}
	exp := f.MantExp(nil) // |f| = mant × 2^exp, with 0.5 <= mant < 1
	return exp >= -63 && exp <= 53
}

// explainEval completes the problems of evaluating the value of the
// attribute called name, of type ty, which are HCL's: each summary names
// the attribute, as those of checkExpr do, and each detail says what the
// evaluation context holds (an unknown variable or function) or else what
// the attribute needs.
func explainEval(diags hcl.Diagnostics, name string, ty cty.Type) hcl.Diagnostics {
	for _, d := range diags {
		switch d.Summary {
		case "Unknown variable", "Call to unknown function", "Variables not allowed", "Function calls not allowed":
			d.Detail += literalsOnly(name, ty)
		default:
			d.Detail = strings.TrimSpace(d.Detail)
			if d.Detail != "" && !strings.HasSuffix(d.Detail, ".") {
				d.Detail += "."
			}
			if d.Summary == "Invalid operand" && strings.Contains(d.Detail, "a number is required") {
				d.Detail += " Arithmetic operators take numbers; to join strings, write them as one, such as \"release-2\" for \"release-\" + 2."
			}
			d.Detail = strings.TrimSpace(d.Detail + fmt.Sprintf(" %q needs %s.", name, typeName(ty, name)))
		}
		if !strings.HasSuffix(d.Summary, fmt.Sprintf(" in %q", name)) {
			d.Summary += fmt.Sprintf(" in %q", name)
		}
	}
	return diags
}
