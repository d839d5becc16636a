package check

import (
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// The shapes of intrinsic functions' arguments, as the template reference
// gives them: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html.
// A value a function computes is known only on deploy, so an argument that
// is a function is let through; literal arguments are checked.

// checkArgs checks the arguments of the functions that name nothing (Ref,
// Fn::GetAtt, Fn::Sub, Fn::If and Fn::FindInMap name targets, and are
// checked with them).
func (w *refWalker) checkArgs(fn string, arg any) {
	switch fn {
	case "Fn::Join":
		w.join(arg)
	case "Fn::Select":
		w.selectArgs(arg)
	case "Fn::Split":
		args, ok := arg.([]any)
		switch {
		case !ok || len(args) != 2:
			w.fail("CFN018", "Fn::Split takes [\"delimiter\", \"source string\"].")
		case !isString(args[0]):
			w.fail("CFN018", "Fn::Split's delimiter must be a literal string.")
		case notText(args[1]):
			w.fail("CFN018", "Fn::Split's source string is %s; it must be a string, or a function that gives one.", jsonKind(args[1]))
		}
	case "Fn::Cidr":
		w.cidr(arg)
	case "Fn::GetAZs":
		// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html
		if notText(arg) {
			w.fail("CFN018", "Fn::GetAZs takes the name of a region, \"\" for the stack's own, or a function that gives one; it is %s.", jsonKind(arg))
		}
	case "Fn::Base64":
		if notText(arg) {
			w.fail("CFN018", "Fn::Base64 takes the string to encode, or a function that gives one; it is %s.", jsonKind(arg))
		}
	case "Fn::ImportValue":
		if notText(arg) {
			w.fail("CFN018", "Fn::ImportValue takes the name of an export, or a function that gives one; it is %s.", jsonKind(arg))
		}
	case "Fn::Length":
		// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-length.html
		w.needsLanguageExtensions(fn)
		if _, isList := arg.([]any); !isList && !isIntrinsic(arg) {
			w.fail("CFN018", "Fn::Length takes a list.")
		}
	case "Fn::ToJsonString":
		// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html
		w.needsLanguageExtensions(fn)
	}
}

// needsLanguageExtensions reports fn, a function of the
// AWS::LanguageExtensions transform, in a template that does not declare
// it: CloudFormation does not know the function without it.
func (w *refWalker) needsLanguageExtensions(fn string) {
	if !w.t.langExt {
		w.fail("CFN018", "%s needs the AWS::LanguageExtensions transform; add \"Transform\": \"AWS::LanguageExtensions\" to the template.", fn)
	}
}

// join checks [delimiter, [values...]]: the values are joined as text
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html).
func (w *refWalker) join(arg any) {
	args, ok := arg.([]any)
	if !ok || len(args) != 2 {
		w.fail("CFN018", "Fn::Join takes [\"delimiter\", [values...]].")
		return
	}
	if !isString(args[0]) {
		w.fail("CFN018", "Fn::Join's delimiter must be a literal string.")
	}
	values, isList := args[1].([]any)
	if !isList {
		if !isIntrinsic(args[1]) {
			w.fail("CFN018", "Fn::Join's second argument must be a list of values.")
		}
		return
	}
	for i, v := range values {
		if notText(v) {
			w.fail("CFN018", "Fn::Join's values must be strings, or functions that give one; value %s is %s.", indexElem(i), jsonKind(v))
			return // one is enough: the list is malformed
		}
	}
}

// selectArgs checks [index, list]: the index counts from 0 and must be
// inside the list, which holds no nulls
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html).
func (w *refWalker) selectArgs(arg any) {
	args, ok := arg.([]any)
	if !ok || len(args) != 2 {
		w.fail("CFN018", "Fn::Select takes [index, [values...]].")
		return
	}
	n, literal, whole := literalInt(args[0])
	switch {
	case literal && !whole:
		w.fail("CFN018", "Fn::Select's index %s is not a whole number; the first value is at index 0.", show(args[0]))
	case literal && n < 0:
		w.fail("CFN018", "Fn::Select's index is %s; indexes count from 0, so none is negative.", show(args[0]))
	}
	known := literal && whole && n >= 0 // an index to compare with the list's length
	values, isList := args[1].([]any)
	if !isList {
		if !isIntrinsic(args[1]) {
			w.fail("CFN018", "Fn::Select's second argument is %s; it must be a list, or a function that gives one.", jsonKind(args[1]))
		}
		return
	}
	// Fn::If in the list may remove values (AWS::NoValue), never add
	// any: an index past the values written is past them all.
	switch {
	case len(values) == 0:
		w.fail("CFN018", "Fn::Select selects from an empty list.")
	case known && n >= int64(len(values)):
		w.fail("CFN018", "Fn::Select's index %s is past the end of its list of %s; the last index is %d.", show(args[0]), plural(len(values), "value"), len(values)-1)
	}
	if i := slices.Index(values, nil); i >= 0 {
		w.fail("CFN018", "Fn::Select's list holds null at %s; CloudFormation takes no null values there.", indexElem(i))
	}
}

// Fn::Cidr's bounds: count is 1 to 256, and cidrBits the bits of the
// address that each block leaves to hosts, up to 32 for IPv4 and 128 for
// IPv6
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html).
const (
	maxCidrCount = 256
	maxCidrBits  = 128
)

// cidr checks [ipBlock, count, cidrBits].
func (w *refWalker) cidr(arg any) {
	args, ok := arg.([]any)
	if !ok || len(args) != 3 {
		w.fail("CFN018", "Fn::Cidr takes [ipBlock, count, cidrBits].")
		return
	}
	addrBits := maxCidrBits
	if !isIntrinsic(args[0]) {
		s, _ := args[0].(string)
		block, err := netip.ParsePrefix(s)
		if err != nil {
			w.fail("CFN018", "Fn::Cidr's ipBlock %s is not a CIDR block such as 10.0.0.0/16.", show(args[0]))
		} else {
			addrBits = block.Addr().BitLen()
		}
	}
	if n, literal, whole := literalInt(args[1]); literal && (!whole || n < 1 || n > maxCidrCount) {
		w.fail("CFN018", "Fn::Cidr's count is %s; it must be a whole number from 1 to %d.", show(args[1]), maxCidrCount)
	}
	if n, literal, whole := literalInt(args[2]); literal && (!whole || n < 0 || n > int64(addrBits)) {
		what := fmt.Sprintf("it must be a whole number from 0 to %d", addrBits)
		if addrBits == 32 {
			what += ", the bits of an IPv4 address"
		}
		w.fail("CFN018", "Fn::Cidr's cidrBits is %s; %s.", show(args[2]), what)
	}
}

// findInMapFns are the functions that may give a key of Fn::FindInMap
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html);
// the AWS::LanguageExtensions transform allows any function that resolves
// to a key, and a default value after the keys
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap-enhancements.html).
var findInMapFns = []string{"Fn::FindInMap", "Ref"}

// findInMapKeys names Fn::FindInMap's first three arguments.
var findInMapKeys = [3]string{"map name", "top-level key", "second-level key"}

// findInMap checks [MapName, TopLevelKey, SecondLevelKey], and the
// {"DefaultValue": value} the AWS::LanguageExtensions transform allows
// after them, and that the mapping is declared.
func (w *refWalker) findInMap(arg any) {
	args, ok := arg.([]any)
	if !ok || len(args) < 3 || len(args) > 4 {
		w.fail("CFN018", "Fn::FindInMap takes [\"MapName\", \"TopLevelKey\", \"SecondLevelKey\"].")
		return
	}
	if len(args) == 4 {
		m, isObject := args[3].(*object)
		_, hasDefault := m.lookup("DefaultValue")
		switch {
		case !w.t.langExt:
			w.fail("CFN018", "Fn::FindInMap takes a fourth argument, {\"DefaultValue\": value}, only with the AWS::LanguageExtensions transform.")
		case !isObject || !hasDefault || m.len() != 1:
			w.fail("CFN018", "Fn::FindInMap's fourth argument must be {\"DefaultValue\": value}.")
		}
	}
	for i, key := range args[:3] {
		fn, _, isFn := intrinsic(key)
		switch {
		case notText(key) || isBool(key):
			w.fail("CFN018", "Fn::FindInMap's %s is %s; it must be a string, or a Ref or Fn::FindInMap that gives one.", findInMapKeys[i], jsonKind(key))
		case isFn && !w.t.langExt && !slices.Contains(findInMapFns, fn):
			w.fail("CFN018", "Fn::FindInMap's %s uses %s; only Ref and Fn::FindInMap can give it, unless the template declares the AWS::LanguageExtensions transform.", findInMapKeys[i], fn)
		}
	}
	name, ok := args[0].(string)
	if !ok {
		return
	}
	if _, declared := w.t.mappings.lookup(name); !declared {
		w.fail("CFN020", "Fn::FindInMap names mapping %q, which is not declared in the Mappings section.", name)
	}
}

// notText reports whether v can never give the text an argument needs:
// null, a list, or an object that is not a function. Numbers and booleans
// can (CloudFormation reads them as their text), and so, as far as these
// checks go, can every function.
func notText(v any) bool {
	switch v.(type) {
	case nil, []any:
		return true
	case *object:
		return !isIntrinsic(v)
	}
	return false
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

func isBool(v any) bool {
	_, ok := v.(bool)
	return ok
}

// literalInt reads an index or a count: a JSON number, or a string of
// digits as CloudFormation's own examples write them ("1"). literal is
// false for a function, whose value is known only on deploy; whole is
// false for a literal that is no whole number. A whole number beyond the
// range of int64 reads as its nearest bound.
func literalInt(v any) (n int64, literal, whole bool) {
	var text string
	switch x := v.(type) {
	case json.Number:
		text = string(x)
	case string:
		text = strings.TrimSpace(x)
	case *object:
		if isIntrinsic(x) {
			return 0, false, false
		}
		return 0, true, false
	default:
		return 0, true, false
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err == nil {
		return n, true, true
	}
	if _, isNumber := v.(json.Number); !isNumber {
		// A string is read as an integer, digits only, or not at all.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return saturate(strings.HasPrefix(text, "-")), true, true
		}
		return 0, true, false
	}
	f, err := strconv.ParseFloat(text, 64)
	switch {
	case err != nil && !math.IsInf(f, 0):
		return 0, true, false
	case math.IsInf(f, 0) || math.Abs(f) >= math.MaxInt64:
		return saturate(f < 0), true, true
	case f != math.Trunc(f):
		return 0, true, false
	}
	return int64(f), true, true
}

func saturate(negative bool) int64 {
	if negative {
		return math.MinInt64
	}
	return math.MaxInt64
}
