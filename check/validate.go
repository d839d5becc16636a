package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// checkSchemas validates every resource's Properties against its type's
// schema.
func checkSchemas(t *template) {
	for id, r := range t.each() {
		if r.typ == "" {
			continue
		}
		if r.schema == nil {
			if !r.misspelled && !strings.HasPrefix(r.typ, "Custom::") && registryTypePattern.MatchString(r.typ) {
				t.reportf(id, "CFN004", "There is no schema for %s here, so its properties are not checked; check the type name or add its schema to check/schemas.", r.typ)
			}
			continue
		}
		props := r.props
		if props == nil {
			if _, set := r.raw.lookup("Properties"); set {
				continue // reported by CFN003
			}
			props = &object{}
		}
		vd := &validator{t: t, resource: id, typeName: r.typ, path: []string{"Properties"}}
		vd.validate(props, r.schema.root)
		t.findings = append(t.findings, vd.findings(t)...)
		checkReadOnly(t, r)
	}
}

// checkReadOnly reports read-only properties that a template sets.
func checkReadOnly(t *template, r *resource) {
	for _, segs := range r.schema.readOnly {
		var visit func(v any, i int, path string)
		visit = func(v any, i int, path string) {
			if i == len(segs) {
				t.reportf(r.id, "CFN016", "%s is read-only (CloudFormation sets it); remove it, and read it with Fn::GetAtt if you need it.", path)
				return
			}
			if segs[i] == "*" {
				for j, item := range list(v) {
					visit(item, i+1, fmt.Sprintf("%s[%d]", path, j))
				}
				return
			}
			next := get(v, segs[i])
			if next == nil {
				return
			}
			visit(next, i+1, path+"."+segs[i])
		}
		visit(r.props, 0, "Properties")
	}
}

type violation struct {
	rule string
	msg  string
}

// validator checks one value against a schema and collects violations.
type validator struct {
	t        *template
	resource string
	typeName string
	path     []string // path elements; list indexes are "[n]"
	out      []violation
	n        int  // violations found, also when quiet
	quiet    bool // only count violations: no messages, no paths
}

func (vd *validator) findings(t *template) []Finding {
	fs := make([]Finding, 0, len(vd.out))
	for _, v := range vd.out {
		fs = append(fs, Finding{File: t.file, Resource: strings.Clone(vd.resource), Rule: v.rule, Severity: severityOf(v.rule), Message: v.msg})
	}
	return fs
}

func (vd *validator) where() string {
	if vd.quiet {
		return ""
	}
	var b strings.Builder
	for i, p := range vd.path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func (vd *validator) fail(rule, format string, args ...any) {
	vd.n++
	if !vd.quiet {
		vd.out = append(vd.out, violation{rule, fmt.Sprintf(format, args...)})
	}
}

func (vd *validator) push(elem string) { vd.path = append(vd.path, elem) }
func (vd *validator) pop()             { vd.path = vd.path[:len(vd.path)-1] }

func (vd *validator) validate(v any, s *schema) {
	if s == nil {
		return
	}
	if s.ref != nil {
		vd.validate(v, s.ref)
	}
	if fn, arg, ok := intrinsic(v); ok {
		vd.intrinsicValue(fn, arg, s)
		return
	}
	if s.types != 0 && !typeOK(v, s.types) {
		if v == nil {
			vd.fail("CFN012", "%s is null; CloudFormation rejects null values, so remove it or give it %s.", vd.where(), s.types.describe())
		} else {
			vd.fail("CFN012", "%s is %s, but it must be %s.", vd.where(), jsonKind(v), s.types.describe())
		}
		return
	}
	switch x := v.(type) {
	case *object:
		vd.object(x, s)
	case []any:
		vd.array(x, s)
	default:
		vd.scalar(v, s)
	}
	vd.combinators(v, s)
}

// typeOK applies CloudFormation's coercions: numbers and booleans given as
// strings are accepted, and scalars are accepted where a string is expected.
func typeOK(v any, ts typeSet) bool {
	switch x := v.(type) {
	case *object:
		return ts&tObject != 0
	case []any:
		return ts&tArray != 0
	case string:
		return ts&tString != 0 ||
			(ts&tNumber != 0 && isNumber(x)) ||
			(ts&tInteger != 0 && isInteger(x)) ||
			(ts&tBoolean != 0 && (x == "true" || x == "false"))
	case json.Number:
		return ts&(tNumber|tString) != 0 || (ts&tInteger != 0 && isInteger(x.String()))
	case bool:
		return ts&(tBoolean|tString) != 0
	case nil:
		return ts&tNull != 0
	}
	return false
}

// parseNumber parses s, less surrounding blanks, as strconv.ParseFloat
// does. Text that cannot be a number is turned down before ParseFloat, which
// would allocate an error for it.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || !strings.ContainsRune("0123456789+-.iInN", rune(s[0])) {
		return 0, errNotNumber
	}
	return strconv.ParseFloat(s, 64)
}

var errNotNumber = errors.New("not a number")

func isNumber(s string) bool {
	f, err := parseNumber(s)
	return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

func isInteger(s string) bool {
	f, err := parseNumber(s)
	return err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
}

// valueKind is what an intrinsic function produces.
type valueKind int

const (
	kindAny valueKind = iota
	kindScalar
	kindList
)

func (t *template) intrinsicKind(fn string, arg any) valueKind {
	switch fn {
	case "Fn::Join", "Fn::Sub", "Fn::Base64", "Fn::ImportValue", "Fn::Length", "Fn::ToJsonString":
		return kindScalar
	case "Fn::Split", "Fn::GetAZs", "Fn::Cidr":
		return kindList
	case "Ref":
		name, _ := arg.(string)
		if p := t.params[name]; p != nil && p.isList() {
			return kindList
		}
		if name == "AWS::NotificationARNs" {
			return kindList
		}
		return kindScalar
	case "Fn::GetAtt":
		return t.attributeKind(arg)
	}
	return kindAny // Fn::Select, Fn::FindInMap
}

// attributeKind is what an Fn::GetAtt gives, as the schema of the
// resource's type declares the attribute: a list, a scalar, or, for an
// object, an attribute the schema does not describe or a resource of a type
// without a schema, anything.
func (t *template) attributeKind(arg any) valueKind {
	res, attr, ok := getAttArg(arg)
	r := t.resources[res]
	if !ok || r == nil || r.schema == nil || !r.schema.attrs[attr] {
		return kindAny
	}
	s := r.schema.root
	for seg := range strings.SplitSeq(attr, ".") {
		s = propertySchema(s, seg)
		if s == nil {
			return kindAny
		}
	}
	switch ts := effectiveTypes(s); {
	case ts == tArray:
		return kindList
	case ts != 0 && ts&(tArray|tObject) == 0:
		return kindScalar
	}
	return kindAny
}

// propertySchema returns the schema of property name of an object schema,
// following $ref, or nil.
func propertySchema(s *schema, name string) *schema {
	for ; s != nil; s = s.ref {
		if p := s.properties[name]; p != nil {
			return p
		}
	}
	return nil
}

func effectiveTypes(s *schema) typeSet {
	ts := s.types
	for r := s.ref; r != nil; r = r.ref {
		ts |= r.types
	}
	return ts
}

func (vd *validator) intrinsicValue(fn string, arg any, s *schema) {
	if fn == "Fn::If" {
		args, ok := arg.([]any)
		if !ok || len(args) != 3 {
			return // reported by CFN018
		}
		for _, b := range args[1:] {
			if !isNoValue(b) {
				vd.validate(b, s)
			}
		}
		return
	}
	ts := effectiveTypes(s)
	if ts == 0 {
		return
	}
	switch vd.t.intrinsicKind(fn, arg) {
	case kindScalar:
		if ts&(tString|tNumber|tInteger|tBoolean) == 0 {
			vd.fail("CFN012", "%s uses %s, which produces a string, but it must be %s.", vd.where(), fn, ts.describe())
		}
	case kindList:
		if ts&tArray == 0 {
			vd.fail("CFN012", "%s uses %s, which produces a list, but it must be %s.", vd.where(), fn, ts.describe())
		}
	}
}

func (vd *validator) object(m *object, s *schema) {
	present := func(k string) bool {
		v, ok := m.lookup(k)
		return ok && !isNoValue(v)
	}
	for _, kv := range m.all() {
		k, val := kv.key, kv.val
		if isNoValue(val) {
			continue
		}
		vd.push(k)
		switch ps, known := s.properties[k]; {
		case known:
			vd.validate(val, ps)
		case vd.matchPattern(k, val, s):
		case s.additional != nil:
			vd.validate(val, s.additional)
		case s.noAdditional:
			vd.unknownProperty(k, s)
		}
		vd.pop()
	}
	for _, r := range s.required {
		if !present(r) {
			vd.fail("CFN011", "%s is missing the required property %s.", vd.where(), r)
		}
	}
	vd.exclusive(m, s.requiredXor, present)
	if len(s.requiredOr) > 0 && countPresent(s.requiredOr, present) == 0 {
		vd.fail("CFN011", "%s needs at least one of %s.", vd.where(), strings.Join(s.requiredOr, ", "))
	}
	for k, deps := range s.depRequired {
		if !present(k) {
			continue
		}
		for _, d := range deps {
			if !present(d) {
				vd.fail("CFN011", "%s sets %s, which requires %s as well.", vd.where(), k, d)
			}
		}
	}
	for k, deps := range s.depExcluded {
		if !present(k) {
			continue
		}
		for _, d := range deps {
			if present(d) && vd.t.together(setWhen(m.get(k)), setWhen(m.get(d))) {
				a, b := min(k, d), max(k, d)
				vd.fail("CFN017", "%s sets both %s and %s, which exclude each other; keep one.", vd.where(), a, b)
			}
		}
	}
}

func countPresent(keys []string, present func(string) bool) int {
	n := 0
	for _, k := range keys {
		if present(k) {
			n++
		}
	}
	return n
}

// exclusive checks a cfn-lint requiredXor list of the object m: exactly one
// must be set. Values that Fn::If sets in opposite cases of one condition
// are never set together.
func (vd *validator) exclusive(m *object, keys []string, present func(string) bool) {
	if len(keys) == 0 {
		return
	}
	var set [][]guard
	for _, k := range keys {
		if present(k) {
			set = append(set, setWhen(m.get(k)))
		}
	}
	if len(set) == 0 {
		vd.fail("CFN011", "%s needs exactly one of %s.", vd.where(), strings.Join(keys, ", "))
		return
	}
	for i := range set {
		for j := range i {
			if vd.t.together(set[j], set[i]) {
				vd.fail("CFN017", "%s sets more than one of %s; keep exactly one.", vd.where(), strings.Join(keys, ", "))
				return
			}
		}
	}
}

// setWhen returns the guards under which v, the value of a property, sets
// it: none for a value always set, and the condition of each Fn::If whose
// other branch is AWS::NoValue, such as C true for
// {"Fn::If": ["C", value, {"Ref": "AWS::NoValue"}]}.
func setWhen(v any) []guard {
	var gs []guard
	for {
		fn, arg, _ := intrinsic(v)
		args, _ := arg.([]any)
		if fn != "Fn::If" || len(args) != 3 {
			return gs
		}
		cond, _ := args[0].(string)
		switch {
		case cond == "":
			return gs
		case isNoValue(args[2]) && !isNoValue(args[1]):
			gs, v = append(gs, guard{cond, true}), args[1]
		case isNoValue(args[1]) && !isNoValue(args[2]):
			gs, v = append(gs, guard{cond, false}), args[2]
		default:
			return gs
		}
	}
}

func (vd *validator) matchPattern(k string, val any, s *schema) bool {
	for _, pp := range s.patternProps {
		if pp.re.MatchString(k) {
			vd.validate(val, pp.s)
			return true
		}
	}
	return false
}

func (vd *validator) unknownProperty(k string, s *schema) {
	if vd.quiet {
		vd.n++ // skip the costly suggestion
		return
	}
	where := vd.where()
	if strings.HasPrefix(k, forEachPrefix) { // with the transform, loops are expanded
		vd.fail("CFN018", "%s: %s", where, noTransform)
		return
	}
	if len(s.propNames) == 0 {
		vd.fail("CFN010", "%s is not a valid property; this object takes no properties.", where)
		return
	}
	if sug := suggest(k, s.propNames); sug != "" {
		vd.fail("CFN010", "%s is not a valid property of %s; did you mean %s?", where, vd.typeName, sug)
		return
	}
	if len(s.propNames) <= 12 {
		vd.fail("CFN010", "%s is not a valid property of %s; valid properties here are %s.", where, vd.typeName, strings.Join(s.propNames, ", "))
		return
	}
	vd.fail("CFN010", "%s is not a valid property of %s; check the spelling against the resource schema.", where, vd.typeName)
}

func (vd *validator) array(items []any, s *schema) {
	n := 0
	for _, item := range items {
		if !isNoValue(item) {
			n++
		}
	}
	if s.minItems >= 0 && n < s.minItems {
		vd.fail("CFN015", "%s has %d items; it needs at least %d.", vd.where(), n, s.minItems)
	}
	if s.maxItems >= 0 && n > s.maxItems {
		vd.fail("CFN015", "%s has %d items; it allows at most %d.", vd.where(), n, s.maxItems)
	}
	if s.uniqueItems && len(items) > 1 {
		vd.uniqueItems(items)
	}
	for _, key := range s.uniqueKeys {
		vd.uniqueKey(items, key)
	}
	if s.items == nil {
		return
	}
	for i, item := range items {
		if isNoValue(item) {
			continue
		}
		vd.push(indexElem(i))
		vd.validate(item, s.items)
		vd.pop()
	}
}

func (vd *validator) uniqueItems(items []any) {
	seen := make(map[string]int, len(items))
	for i, item := range items {
		key, ok := canonical(item)
		if !ok {
			continue
		}
		if first, dup := seen[key]; dup {
			where := vd.where()
			vd.fail("CFN015", "%s[%d] repeats %s[%d]; the items must be unique.", where, i, where, first)
			continue
		}
		seen[key] = i
	}
}

// canonical returns a comparable form of a literal value: two values have
// the same form exactly when they are equal JSON (objects compare without
// regard to key order). ok is false for values that hold intrinsic
// functions.
func canonical(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return "s" + x, true
	case json.Number:
		return "n" + x.String(), true
	}
	if hasIntrinsic(v) {
		return "", false
	}
	return string(appendCanonical(nil, v)), true
}

func appendCanonical(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return strconv.AppendQuote(b, x)
	case json.Number:
		return append(b, x...)
	case bool:
		return strconv.AppendBool(b, x)
	case nil:
		return append(b, "null"...)
	case []any:
		b = append(b, '[')
		for i, item := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanonical(b, item)
		}
		return append(b, ']')
	case *object:
		b = append(b, '{')
		for i, kv := range x.sortedMembers() {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, kv.key)
			b = append(b, ':')
			b = appendCanonical(b, kv.val)
		}
		return append(b, '}')
	}
	return fmt.Appendf(b, "%T", v)
}

func (vd *validator) uniqueKey(items []any, key string) {
	seen := map[string]int{}
	for i, item := range items {
		s, ok := get(item, key).(string)
		if !ok {
			continue
		}
		if first, dup := seen[s]; dup {
			where := vd.where()
			vd.fail("CFN015", "%s[%d].%s %q repeats the %s of %s[%d]; each must be unique.", where, i, key, s, key, where, first)
			continue
		}
		seen[s] = i
	}
}

// hasIntrinsic reports whether v contains an intrinsic function.
func hasIntrinsic(v any) bool {
	switch x := v.(type) {
	case *object:
		if isIntrinsic(x) {
			return true
		}
		for _, kv := range x.all() {
			if hasIntrinsic(kv.val) {
				return true
			}
		}
	case []any:
		for _, item := range x {
			if hasIntrinsic(item) {
				return true
			}
		}
	}
	return false
}

func (vd *validator) scalar(v any, s *schema) {
	text := scalarText(v)
	if len(s.enum) > 0 && !enumContains(s.enum, text) {
		vd.fail("CFN013", "%s: %s is not allowed; use %s.", vd.where(), show(v), enumList(s.enum))
	}
	if s.hasConst && !enumContains([]any{s.constVal}, text) {
		vd.fail("CFN013", "%s: %s is not allowed; use %s.", vd.where(), show(v), show(s.constVal))
	}
	if (s.minimum != nil || s.maximum != nil) && s.types&(tNumber|tInteger) != 0 {
		if num, err := parseNumber(text); err == nil {
			if s.minimum != nil && num < *s.minimum {
				vd.fail("CFN015", "%s is %s; it must be at least %s.", vd.where(), text, fmtFloat(*s.minimum))
			}
			if s.maximum != nil && num > *s.maximum {
				vd.fail("CFN015", "%s is %s; it must be at most %s.", vd.where(), text, fmtFloat(*s.maximum))
			}
		}
	}
	if _, isString := v.(string); !isString && s.types&tString == 0 {
		return
	}
	if s.pattern != nil && !s.pattern.MatchString(text) {
		vd.fail("CFN014", "%s: %s does not match the pattern %s.", vd.where(), show(text), s.patternSrc)
	}
	if s.format != "" {
		if msg := checkFormat(s.format, text); msg != "" {
			vd.fail("CFN014", "%s: %s is not %s.", vd.where(), show(text), msg)
		}
	}
	if s.minLength < 0 && s.maxLength < 0 {
		return
	}
	n := utf8.RuneCountInString(text)
	if s.minLength >= 0 && n < s.minLength {
		vd.fail("CFN015", "%s is %d characters long; it needs at least %d.", vd.where(), n, s.minLength)
	}
	if s.maxLength >= 0 && n > s.maxLength {
		vd.fail("CFN015", "%s is %d characters long; it allows at most %d.", vd.where(), n, s.maxLength)
	}
}

// scalarText returns the text of a literal scalar.
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case *object, []any:
		return show(v)
	}
	return fmt.Sprint(v)
}

// scalarForms returns a scalar's text and, when it is numeric, its value.
func scalarForms(v any) (text string, num float64, isNum bool) {
	text = scalarText(v)
	f, err := parseNumber(text)
	return text, f, err == nil
}

func enumContains(enum []any, text string) bool {
	for _, e := range enum {
		switch x := e.(type) {
		case string:
			if x == text {
				return true
			}
		case json.Number:
			if x.String() == text {
				return true
			}
			f, err := x.Float64()
			if n, perr := parseNumber(text); err == nil && perr == nil && f == n {
				return true
			}
		case bool:
			if strconv.FormatBool(x) == text {
				return true
			}
		}
	}
	return false
}

func enumList(enum []any) string {
	const limit = 12
	parts := make([]string, 0, min(len(enum), limit))
	for i, e := range enum {
		if i == limit {
			parts = append(parts, fmt.Sprintf("or one of %d more values in the resource schema", len(enum)-limit))
			break
		}
		parts = append(parts, show(e))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "one of " + strings.Join(parts, ", ")
}

func fmtFloat(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

var formatPatterns = map[string]struct {
	re   *regexp.Regexp
	what string
}{
	"AWS::EC2::VPC.Id":           {regexp.MustCompile(`^vpc-([0-9a-f]{8}|[0-9a-f]{17})$`), "a VPC id (vpc- and 8 or 17 hex digits)"},
	"AWS::EC2::Subnet.Id":        {regexp.MustCompile(`^subnet-([0-9a-f]{8}|[0-9a-f]{17})$`), "a subnet id (subnet- and 8 or 17 hex digits)"},
	"AWS::EC2::SecurityGroup.Id": {regexp.MustCompile(`^sg-([0-9a-f]{8}|[0-9a-f]{17})$`), "a security group id (sg- and 8 or 17 hex digits)"},
}

// checkFormat checks the few cfn-lint formats worth checking; it returns
// what the value should be, or "".
func checkFormat(format, text string) string {
	switch format {
	case "ipv4-network":
		if p, err := netip.ParsePrefix(text); err != nil || !p.Addr().Is4() {
			return "an IPv4 CIDR block such as 10.0.0.0/16"
		}
	case "ipv6-network":
		if p, err := netip.ParsePrefix(text); err != nil || !p.Addr().Is6() {
			return "an IPv6 CIDR block such as 2001:db8::/32"
		}
	default:
		if f, ok := formatPatterns[format]; ok && !f.re.MatchString(text) {
			return f.what
		}
	}
	return ""
}

func (vd *validator) combinators(v any, s *schema) {
	for _, sub := range s.allOf {
		vd.validate(v, sub)
	}
	if len(s.anyOf) > 0 {
		vd.anyOf(v, s.anyOf)
	}
	if len(s.oneOf) > 0 {
		vd.oneOf(v, s.oneOf)
	}
}

// try counts the branches v matches and finds the first branch with the
// fewest violations. It only counts: the violations of a branch are
// formatted only when they are reported, by adopt.
func (vd *validator) try(v any, branches []*schema) (matches int, best *schema, bestN int) {
	c := validator{t: vd.t, resource: vd.resource, typeName: vd.typeName, path: vd.path, quiet: true}
	for _, b := range branches {
		c.n = 0
		c.validate(v, b)
		if c.n == 0 {
			matches++
		}
		if best == nil || c.n < bestN {
			best, bestN = b, c.n
		}
	}
	return matches, best, bestN
}

// adopt reports the violations of v against the branch that try chose.
func (vd *validator) adopt(v any, best *schema, n int) {
	if vd.quiet {
		vd.n += n
		return
	}
	vd.validate(v, best)
}

func (vd *validator) anyOf(v any, branches []*schema) {
	matches, best, n := vd.try(v, branches)
	if matches > 0 {
		return
	}
	if keys := requiredOnly(branches); keys != nil {
		vd.fail("CFN011", "%s needs at least one of %s.", vd.where(), strings.Join(keys, ", "))
		return
	}
	vd.adopt(v, best, n)
}

func (vd *validator) oneOf(v any, branches []*schema) {
	matches, best, n := vd.try(v, branches)
	switch {
	case matches == 0:
		vd.adopt(v, best, n)
	case matches > 1:
		vd.fail("CFN017", "%s matches more than one of its allowed forms; keep the properties of exactly one.", vd.where())
	}
}

// requiredOnly returns the property names when every branch only requires
// one property (the {"required": ["X"]} idiom), else nil.
func requiredOnly(branches []*schema) []string {
	var keys []string
	for _, b := range branches {
		if len(b.required) != 1 || b.types != 0 || b.properties != nil || b.ref != nil {
			return nil
		}
		keys = append(keys, b.required[0])
	}
	return keys
}
