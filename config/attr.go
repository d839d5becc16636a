package config

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"

	"pipelines/model"
)

// evalContext is the whole evaluation context of services.hcl: no
// variables and no functions. Values are literals, so a file means the
// same thing on every machine. A reference or a function call is reported
// as unknown, and for expressions and splats are refused before
// evaluation (see checkExpr); operators on literals and conditionals
// evaluate, within the pre-scan's limits.
var evalContext = &hcl.EvalContext{
	Variables: map[string]cty.Value{},
	Functions: map[string]function.Function{},
}

// attr is one attribute's value in one layer of the configuration, with
// where it was written. A zero attr is unset.
type attr[T any] struct {
	val T
	src model.Source
	bad bool // written but not decodable: reported already, and not validated
}

func (a attr[T]) set() bool { return a.src.Layer != 0 }

// or returns a when it is set, base otherwise: the override rule.
func (a attr[T]) or(base attr[T]) attr[T] {
	if a.set() {
		return a
	}
	return base
}

func builtin[T any](v T) attr[T] {
	return attr[T]{val: v, src: model.Source{Layer: model.LayerBuiltin}}
}
func derived[T any](v T) attr[T] {
	return attr[T]{val: v, src: model.Source{Layer: model.LayerDerived}}
}

// stringExamples are values of string attributes whose values look
// nothing like a name, for messages that ask for a string.
var stringExamples = map[string]string{
	"account_id":         "111111111111",
	"branch":             "main",
	"buildspec":          "buildspec.yml",
	"cidr_block":         "10.20.0.0/16",
	"compute_type":       "BUILD_GENERAL1_SMALL",
	"environment_suffix": "dev",
	"image":              "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
	"listener_arn":       "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef",
	"region":             "us-east-1",
	"subnet_ids":         "subnet-0a1b2c3d4e5f67890",
	"url":                "https://orders.internal.example.com/health",
	"vpc_id":             "vpc-0a1b2c3d4e5f67890",
}

// numberExamples are the numbers the messages give for attributes whose
// values are far from 30, the example of every other number.
var numberExamples = map[string]int{
	"container_port":  8080,
	"expected_status": 200,
	"expire_days":     90,
	"timeout_seconds": 10,
}

// typeName describes a Go target type the way a person would ask for
// it, for the attribute called name.
func typeName(ty cty.Type, name string) string {
	switch {
	case ty == cty.String:
		example, ok := stringExamples[name]
		if !ok {
			example = "orders"
		}
		return fmt.Sprintf("a string in double quotes, such as %q", example)
	case ty == cty.Number:
		example, ok := numberExamples[name]
		if !ok {
			example = 30
		}
		return fmt.Sprintf("a whole number, such as %d", example)
	case ty == cty.Bool:
		return "true or false"
	case ty.IsListType():
		return "a list of strings, such as [\"a\", \"b\"]"
	}
	return ty.FriendlyName()
}

// decodeAttr evaluates the attribute called name, if present, into dst.
func decodeAttr[T any](attrs hcl.Attributes, name string, layer model.Layer, dst *attr[T]) hcl.Diagnostics {
	a, ok := attrs[name]
	if !ok {
		return nil
	}
	if v, ok := literal[T](a.Expr); ok {
		*dst = attr[T]{val: v, src: model.Source{Layer: layer, Range: toRange(a.Expr.Range()), Items: itemRanges(a.Expr, v)}}
		return nil
	}
	var v T
	ty, err := gocty.ImpliedType(v)
	if err != nil {
		panic(fmt.Sprintf("config: unsupported attribute type %T", v))
	}
	// A value that cannot be decoded still overrides the layers below, so
	// that no inherited value or "missing" error stands in for it.
	*dst = attr[T]{src: model.Source{Layer: layer, Range: toRange(a.Expr.Range())}, bad: true}
	if diags := checkExpr(name, a.Expr, ty); diags.HasErrors() {
		return diags
	}
	val, diags := a.Expr.Value(evalContext)
	if diags.HasErrors() {
		return explainEval(diags, name, ty)
	}
	bad := func(detail string) hcl.Diagnostics {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Invalid value for %q", name),
			Detail:   detail,
			Subject:  a.Expr.Range().Ptr(),
			Extra:    wantType{ty},
		}}
	}
	if val.IsNull() {
		return bad(fmt.Sprintf("The value is null; %q needs %s. Give one, or remove the attribute to take the value of defaults or the built-in one, where there is one.", name, typeName(ty, name)))
	}
	if !val.IsWhollyKnown() {
		return bad(fmt.Sprintf("The value is not known; %q needs %s.", name, typeName(ty, name)))
	}
	if val.Type() == cty.Number && !numberInRange(val) {
		// Operators over numbers in range can still leave it; converting
		// such a number to a string would take long.
		return bad(fmt.Sprintf("%q needs %s; found a number out of range. %s", name, typeName(ty, name), numberRange))
	}
	conv, err := convert.Convert(val, ty)
	if err == nil {
		err = gocty.FromCtyValue(conv, &v)
	}
	if err != nil {
		diags := bad(fmt.Sprintf("%q needs %s; found %s.", name, typeName(ty, name), describeMismatch(val, ty)))
		// An item of a list written out is pointed at itself.
		if i, _ := mismatchedItem(val, ty); i >= 0 {
			if tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok && len(tuple.Exprs) == val.LengthInt() {
				diags[0].Subject = tuple.Exprs[i].Range().Ptr()
			}
		}
		return diags
	}
	if lit, isLit := a.Expr.(*hclsyntax.LiteralValueExpr); isLit && ty == cty.String && val.Type() == cty.Number {
		// A number where a string is wanted becomes its shortest text: a
		// number written otherwise (011111111111, 1e3) would silently
		// change, losing the leading zero of an account id, say.
		if r := lit.SrcRange; r.End.Byte-r.Start.Byte != len(conv.AsString()) {
			return bad(fmt.Sprintf("This is a number, which reads as %s, not as written; %q needs a string: write the value in double quotes, as you mean it.", conv.AsString(), name))
		}
	}
	*dst = attr[T]{val: v, src: model.Source{Layer: layer, Range: toRange(a.Expr.Range()), Items: itemRanges(a.Expr, v)}}
	return nil
}

// wantType, as the Extra of a diagnostic of a value refused for its type,
// is the type its attribute needs: explain suggests a value of that type.
type wantType struct{ ty cty.Type }

// itemRanges returns the ranges of the elements of a list value v written
// as a list literal, one for each element; nil otherwise.
func itemRanges[T any](expr hcl.Expression, v T) []model.Range {
	list, isList := any(v).([]string)
	tuple, isTuple := expr.(*hclsyntax.TupleConsExpr)
	if !isList || !isTuple || len(tuple.Exprs) != len(list) || len(list) == 0 {
		return nil
	}
	items := make([]model.Range, len(list))
	for i, e := range tuple.Exprs {
		items[i] = toRange(e.Range())
	}
	return items
}

// literal returns the value of expr when it is a plain literal of T's
// type: a quoted string without interpolation, a whole number, true or
// false, or a non-empty list of such strings. Nearly every value of a
// file is one, and reading it directly gives what decodeAttr's
// evaluation and conversion give, at a fraction of the cost. ok is false
// for anything else, which decodeAttr evaluates.
func literal[T any](expr hcl.Expression) (v T, ok bool) {
	switch p := any(&v).(type) {
	case *string:
		*p, ok = literalString(expr)
	case *int:
		lit, isLit := expr.(*hclsyntax.LiteralValueExpr)
		if !isLit || !plain(lit.Val, cty.Number) {
			return v, false
		}
		i, acc := lit.Val.AsBigFloat().Int64()
		if acc != big.Exact || int64(int(i)) != i {
			return v, false
		}
		*p, ok = int(i), true
	case *bool:
		lit, isLit := expr.(*hclsyntax.LiteralValueExpr)
		if !isLit || !plain(lit.Val, cty.Bool) {
			return v, false
		}
		*p, ok = lit.Val.True(), true
	case *[]string:
		tuple, isTuple := expr.(*hclsyntax.TupleConsExpr)
		if !isTuple || len(tuple.Exprs) == 0 {
			return v, false
		}
		list := make([]string, len(tuple.Exprs))
		for i, e := range tuple.Exprs {
			if list[i], ok = literalString(e); !ok {
				return v, false
			}
		}
		*p = list
	}
	return v, ok
}

// literalString returns the value of a quoted string without
// interpolation, normalized as evaluation normalizes it.
func literalString(expr hcl.Expression) (string, bool) {
	t, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok || len(t.Parts) != 1 {
		return "", false
	}
	lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || !plain(lit.Val, cty.String) {
		return "", false
	}
	return cty.NormalizeString(lit.Val.AsString()), true
}

// plain reports whether v is a known, non-null, unmarked value of type ty.
func plain(v cty.Value, ty cty.Type) bool {
	return !v.IsMarked() && v.Type() == ty && v.IsKnown() && !v.IsNull()
}

func toRange(r hcl.Range) model.Range {
	return model.Range{
		Filename: r.Filename,
		Start:    model.Pos{Line: r.Start.Line, Column: r.Start.Column, Byte: r.Start.Byte},
		End:      model.Pos{Line: r.End.Line, Column: r.End.Column, Byte: r.End.Byte},
	}
}

func fromRange(r model.Range) hcl.Range {
	return hcl.Range{
		Filename: r.Filename,
		Start:    hcl.Pos{Line: r.Start.Line, Column: r.Start.Column, Byte: r.Start.Byte},
		End:      hcl.Pos{Line: r.End.Line, Column: r.End.Column, Byte: r.End.Byte},
	}
}

// settings collects a service's effective values with their sources while
// it is lowered into the model, when they are recorded.
type settings []model.Setting

func (s *settings) add(path, value string, src model.Source) {
	*s = append(*s, model.Setting{Path: path, Value: value, Source: src})
}

func (l *lowerer) str(path string, a attr[string]) string {
	l.poisoned(path, a.bad, a.src)
	if l.off {
		l.offValue(path, a.src)
	} else if l.record {
		l.settings.add(path, hclQuote(a.val), l.locate(path, a.src))
	}
	return a.val
}

func (l *lowerer) int(path string, a attr[int]) int {
	l.poisoned(path, a.bad, a.src)
	if l.off {
		l.offValue(path, a.src)
	} else if l.record {
		l.settings.add(path, strconv.Itoa(a.val), l.locate(path, a.src))
	}
	return a.val
}

func (l *lowerer) bool(path string, a attr[bool]) bool {
	l.poisoned(path, a.bad, a.src)
	if l.off {
		l.offValue(path, a.src)
	} else if l.record {
		l.settings.add(path, strconv.FormatBool(a.val), l.locate(path, a.src))
	}
	return a.val
}

func (l *lowerer) list(path string, a attr[[]string]) []string {
	l.poisoned(path, a.bad, a.src)
	if l.off {
		l.offValue(path, a.src)
	} else if l.record {
		q := make([]string, len(a.val))
		for i, v := range a.val {
			q[i] = hclQuote(v)
		}
		l.settings.add(path, "["+strings.Join(q, ", ")+"]", l.locate(path, a.src))
	}
	return a.val
}

// poisoned records the path and range of a value that failed to decode:
// validation problems there are not reported, since the decode error says
// it all, and validation takes the value for unknown (see
// model.Service.Refused).
func (l *lowerer) poisoned(path string, bad bool, src model.Source) {
	if bad {
		l.bad = append(l.bad, src.Range)
		l.refused = append(l.refused, path)
	}
}

// locate gives built-in and derived values a place to blame: a derived
// value comes from the service's name, so its label; a built-in one from
// the innermost enclosing block the user wrote.
func (l *lowerer) locate(path string, src model.Source) model.Source {
	switch src.Layer {
	case model.LayerDerived:
		src.Range = toRange(l.serviceName)
	case model.LayerBuiltin:
		src.Range = toRange(l.blame(path))
	}
	return src
}

// duplicateBlock reports a block that may appear once per body.
func duplicateBlock(block *hcl.Block, first *hcl.Block) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Duplicate %s block", block.Type),
		Detail: fmt.Sprintf("%s was already declared at %s. Merge the two into one block.",
			article(block.Type), toRange(first.DefRange)),
		Subject: block.DefRange.Ptr(),
	}
}

// article names a block of type typ with the indefinite article that fits
// it: "A network block", "An artifacts block". No block type of the file
// starts with a vowel letter that is not sounded as one.
func article(typ string) string {
	if typ != "" && strings.ContainsRune("aeiouAEIOU", rune(typ[0])) {
		return "An " + typ + " block"
	}
	return "A " + typ + " block"
}

// missing reports a required attribute that no layer sets. Blaming the
// innermost defaults block that could hold it makes the message the same
// for every service, so it is reported once.
func missing(path string, where hcl.Range) *hcl.Diagnostic {
	block, name := "", path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		block, name = path[:i], path[i+1:]
	}
	detail := fmt.Sprintf("The %q attribute is required. Set it in defaults, or in each service.", name)
	if block != "" {
		detail = fmt.Sprintf("The %q attribute is required in the %s block. Set it in defaults, or in each service.", name, blockDisplay(block))
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Missing required argument %q", name),
		Detail:   detail,
		Subject:  where.Ptr(),
	}
}

// blockDisplay writes a block path the way it reads in services.hcl:
// "stage.production.validation" is `stage "production" validation`.
func blockDisplay(path string) string {
	parts := strings.Split(path, ".")
	for i := 0; i < len(parts); i++ {
		if parts[i] == "stage" && i+1 < len(parts) {
			parts[i+1] = strconv.Quote(parts[i+1])
			i++
		}
	}
	return strings.Join(parts, " ")
}
