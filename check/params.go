package check

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// awsParameterTypes are the AWS-specific parameter types; each may also be
// wrapped in List<...> and in AWS::SSM::Parameter::Value<...>.
var awsParameterTypes = []string{
	"AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
	"AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
	"AWS::EC2::Subnet::Id", "AWS::EC2::VPC::Id", "AWS::EC2::Volume::Id", "AWS::Route53::HostedZone::Id",
}

// idShapes maps AWS-specific parameter types to the schema format that
// describes the shape of their values.
var idShapes = map[string]string{
	"AWS::EC2::VPC::Id":           "AWS::EC2::VPC.Id",
	"AWS::EC2::Subnet::Id":        "AWS::EC2::Subnet.Id",
	"AWS::EC2::SecurityGroup::Id": "AWS::EC2::SecurityGroup.Id",
}

var parameterKeys = []string{
	"AllowedPattern", "AllowedValues", "ConstraintDescription", "Default", "Description",
	"MaxLength", "MaxValue", "MinLength", "MinValue", "NoEcho", "Type",
}

func validParameterType(typ string) bool {
	if inner, ok := strings.CutPrefix(typ, "AWS::SSM::Parameter::Value<"); ok {
		inner, ok = strings.CutSuffix(inner, ">")
		return ok && (inner == "String" || inner == "List<String>" || inner == "CommaDelimitedList" || validAWSType(inner))
	}
	switch typ {
	case "String", "Number", "List<Number>", "CommaDelimitedList", "AWS::SSM::Parameter::Name":
		return true
	}
	return validAWSType(typ)
}

func validAWSType(typ string) bool {
	if inner, ok := strings.CutPrefix(typ, "List<"); ok {
		inner, ok = strings.CutSuffix(inner, ">")
		return ok && slices.Contains(awsParameterTypes, inner)
	}
	return slices.Contains(awsParameterTypes, typ)
}

func (t *template) indexParameters() {
	t.params = map[string]*parameter{}
	section := t.section("Parameters")
	for _, kv := range section.all() {
		name := kv.key
		where := "Parameters." + name
		raw, ok := kv.val.(*object)
		if !ok {
			t.reportf(where, "CFN030", "The parameter is %s; it must be an object with a Type.", jsonKind(kv.val))
			continue
		}
		p := &parameter{name: name, raw: raw}
		p.typ, _ = raw.get("Type").(string)
		t.params[name] = p
	}
}

// checkParameters checks each parameter's declaration and its Default
// against its own constraints.
func checkParameters(t *template) {
	for _, name := range sortedKeys(t.params) {
		p := t.params[name]
		where := "Parameters." + name
		if !isLogicalID(name) {
			t.report(where, "CFN030", "A parameter name must be 1 to 255 ASCII letters and digits.")
		}
		switch {
		case p.raw.get("Type") == nil:
			t.report(where, "CFN030", "The parameter has no Type; use String, Number, CommaDelimitedList or an AWS-specific type such as AWS::EC2::VPC::Id.")
		case !validParameterType(p.typ):
			t.reportf(where, "CFN030", "Type %s is not a parameter type; use String, Number, List<Number>, CommaDelimitedList, an AWS-specific type such as AWS::EC2::VPC::Id or List<AWS::EC2::Subnet::Id>, or an AWS::SSM::Parameter::Value<...> type.", show(p.raw.get("Type")))
		}
		for _, kv := range p.raw.all() {
			key := kv.key
			if !slices.Contains(parameterKeys, key) {
				t.reportf(where, "CFN030", "%q is not a parameter attribute; use one of %s.", key, strings.Join(parameterKeys, ", "))
			}
		}
		checkAttributes(t, p, where)
		if d, ok := p.raw.lookup("Default"); ok {
			checkDefault(t, p, where, d)
		}
	}
}

// maxParameterDescription is the most characters CloudFormation takes in a
// parameter's Description.
const maxParameterDescription = 4000

// checkAttributes checks the shape of a parameter's attributes, as the
// Parameters section's reference describes them
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html):
// AllowedPattern a regular expression, AllowedValues a list, MinLength and
// MaxLength whole numbers of characters, MinValue and MaxValue numbers,
// NoEcho a boolean, Description a string of up to 4,000 characters.
func checkAttributes(t *template, p *parameter, where string) {
	if v, ok := p.raw.lookup("AllowedPattern"); ok {
		if pat, isString := v.(string); !isString {
			t.reportf(where, "CFN030", "AllowedPattern is %s; it must be a regular expression, as a string.", jsonKind(v))
		} else if why := patternProblem(pat); why != "" {
			t.reportf(where, "CFN030", "AllowedPattern %s is not a regular expression: %s.", show(pat), why)
		}
	}
	if v, ok := p.raw.lookup("AllowedValues"); ok {
		checkAllowedValues(t, where, v)
	}
	minLen, minOK := lengthAttr(t, p, where, "MinLength")
	maxLen, maxOK := lengthAttr(t, p, where, "MaxLength")
	if minOK && maxOK && minLen > maxLen {
		t.reportf(where, "CFN030", "MinLength %d is greater than MaxLength %d, so no value can satisfy both.", minLen, maxLen)
	}
	lo, loOK := valueAttr(t, p, where, "MinValue")
	hi, hiOK := valueAttr(t, p, where, "MaxValue")
	if loOK && hiOK && lo > hi {
		t.reportf(where, "CFN030", "MinValue %s is greater than MaxValue %s, so no value can satisfy both.", fmtFloat(lo), fmtFloat(hi))
	}
	if v, ok := p.raw.lookup("NoEcho"); ok && !isTrue(v) && !isFalse(v) {
		t.reportf(where, "CFN030", "NoEcho is %s; it must be true or false.", show(v))
	}
	for _, key := range []string{"Description", "ConstraintDescription"} {
		v, ok := p.raw.lookup(key)
		if !ok {
			continue
		}
		s, isString := v.(string)
		if !isString {
			t.reportf(where, "CFN030", "%s is %s; it must be a string.", key, jsonKind(v))
		} else if n := utf8.RuneCountInString(s); key == "Description" && n > maxParameterDescription {
			t.reportf(where, "CFN030", "Description is %d characters long; CloudFormation allows at most 4,000.", n)
		}
	}
}

func checkAllowedValues(t *template, where string, v any) {
	items, isList := v.([]any)
	if !isList {
		t.reportf(where, "CFN030", "AllowedValues is %s; it must be a list of values, such as [\"dev\", \"prod\"].", show(v))
		return
	}
	if len(items) == 0 {
		t.report(where, "CFN030", "AllowedValues is an empty list, so no value is allowed; list the values, or remove it.")
	}
	for i, item := range items {
		switch item.(type) {
		case *object, []any, nil:
			t.reportf(where, "CFN030", "AllowedValues%s is %s; each allowed value must be a string or a number.", indexElem(i), jsonKind(item))
			return // one is enough: the list is malformed
		}
	}
}

// lengthAttr returns a parameter's MinLength or MaxLength, and whether it
// is set and a whole number of characters, 0 or more; it reports one that
// is set and is not.
func lengthAttr(t *template, p *parameter, where, key string) (int, bool) {
	v, ok := p.raw.lookup(key)
	if !ok {
		return 0, false
	}
	n, ok := lengthValue(v)
	if !ok {
		t.reportf(where, "CFN030", "%s is %s; it must be a whole number of characters, 0 or more.", key, show(v))
	}
	return n, ok
}

// valueAttr returns a parameter's MinValue or MaxValue, and whether it is
// set and a number; it reports one that is set and is not.
func valueAttr(t *template, p *parameter, where, key string) (float64, bool) {
	v, ok := p.raw.lookup(key)
	if !ok {
		return 0, false
	}
	f, ok := numberValue(v)
	if !ok {
		t.reportf(where, "CFN030", "%s is %s; it must be a number.", key, show(v))
	}
	return f, ok
}

// numberValue returns the finite number a JSON number or a numeric string
// holds, as CloudFormation reads MinValue and MaxValue (a template written
// in YAML may quote them).
func numberValue(v any) (float64, bool) {
	var text string
	switch x := v.(type) {
	case json.Number:
		text = x.String()
	case string:
		text = x
	default:
		return 0, false
	}
	f, err := parseNumber(text)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

// lengthValue returns the whole number of characters, 0 or more, that v
// holds, as numberValue reads it.
func lengthValue(v any) (int, bool) {
	f, ok := numberValue(v)
	if !ok || f < 0 || f != math.Trunc(f) || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

func checkDefault(t *template, p *parameter, where string, d any) {
	text, num, isNum := scalarForms(d)
	switch d.(type) {
	case string:
	case *object, []any, nil:
		t.reportf(where, "CFN031", "Default is %s; it must be a string or a number.", jsonKind(d))
		return
	}
	if p.typ == "Number" && !isNum {
		t.reportf(where, "CFN031", "Default %s is not a number, but the parameter's Type is Number.", show(d))
		return
	}
	values := []string{text}
	if p.isList() {
		values = listMembers(text)
	}
	c := newDefaultConstraints(p, len(values) > 1)
	for _, v := range values {
		checkDefaultValue(t, p, where, v, &c)
	}
	// Constraints that are not numbers are reported by checkAttributes.
	if p.typ == "Number" {
		if lo, ok := numberValue(p.raw.get("MinValue")); ok && num < lo {
			t.reportf(where, "CFN031", "Default %s is below MinValue %s.", text, fmtFloat(lo))
		}
		if hi, ok := numberValue(p.raw.get("MaxValue")); ok && num > hi {
			t.reportf(where, "CFN031", "Default %s is above MaxValue %s.", text, fmtFloat(hi))
		}
	}
	if p.typ == "String" {
		n := utf8.RuneCountInString(text)
		if lo, ok := lengthValue(p.raw.get("MinLength")); ok && n < lo {
			t.reportf(where, "CFN031", "Default %s is %s long, shorter than MinLength %d.", show(text), plural(n, "character"), lo)
		}
		if hi, ok := lengthValue(p.raw.get("MaxLength")); ok && n > hi {
			t.reportf(where, "CFN031", "Default %s is %s long, longer than MaxLength %d.", show(text), plural(n, "character"), hi)
		}
	}
}

// plural returns n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// defaultConstraints are a parameter's AllowedPattern and AllowedValues,
// prepared once for all the values of a list default: looking each value up
// in the whole list took time in proportion to their product.
type defaultConstraints struct {
	pattern    string
	re         *pattern // nil when there is no AllowedPattern, or it does not compile
	allowed    []any    // AllowedValues, as written
	hasAllowed bool
	texts      map[string]bool // the texts of AllowedValues that a default can equal; nil for one value
	shown      string          // show(allowed), once a message needs it
}

func newDefaultConstraints(p *parameter, many bool) defaultConstraints {
	var c defaultConstraints
	if pat, ok := p.raw.get("AllowedPattern").(string); ok {
		c.pattern = pat
		c.re = compilePattern("^(?:" + pat + ")$")
	}
	c.allowed, c.hasAllowed = p.raw.get("AllowedValues").([]any)
	if c.hasAllowed && many {
		c.texts = make(map[string]bool, len(c.allowed))
		for _, a := range c.allowed {
			switch a.(type) {
			case *object, []any, nil:
				continue // CloudFormation takes strings; a default is never one of these
			}
			text, _, _ := scalarForms(a)
			c.texts[text] = true
		}
	}
	return c
}

// allows reports whether v is one of AllowedValues.
func (c *defaultConstraints) allows(v string) bool {
	if c.texts != nil {
		return c.texts[v]
	}
	for _, a := range c.allowed {
		switch a.(type) {
		case *object, []any, nil:
			continue // CloudFormation takes strings; a default is never one of these
		}
		if text, _, _ := scalarForms(a); text == v {
			return true
		}
	}
	return false
}

func checkDefaultValue(t *template, p *parameter, where, v string, c *defaultConstraints) {
	if c.re != nil && !c.re.MatchString(v) {
		t.reportf(where, "CFN031", "Default value %s does not match AllowedPattern %s.", show(v), c.pattern)
	}
	if c.hasAllowed && !c.allows(v) {
		if c.shown == "" {
			c.shown = show(c.allowed)
		}
		t.reportf(where, "CFN031", "Default value %s is not one of AllowedValues %s.", show(v), c.shown)
	}
	elem := strings.TrimSuffix(strings.TrimPrefix(p.typ, "List<"), ">")
	if f, ok := idShapes[elem]; ok {
		if msg := checkFormat(f, v); msg != "" {
			t.reportf(where, "CFN031", "Default value %s is not %s.", show(v), msg)
		}
	}
}

// listMembers splits the value of a list parameter into its members, as
// CloudFormation does: at commas, each member space-trimmed
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html,
// CommaDelimitedList).
func listMembers(text string) []string {
	members := strings.Split(text, ",")
	for i, m := range members {
		members[i] = strings.TrimSpace(m)
	}
	return members
}
