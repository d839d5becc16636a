package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
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
		if d, ok := p.raw.lookup("Default"); ok {
			checkDefault(t, p, where, d)
		}
	}
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
		values = strings.Split(text, ",")
	}
	c := newDefaultConstraints(p, len(values) > 1)
	for _, v := range values {
		checkDefaultValue(t, p, where, v, &c)
	}
	if p.typ == "Number" {
		if lo, ok := numberAttr(p.raw, "MinValue"); ok && num < lo {
			t.reportf(where, "CFN031", "Default %s is below MinValue %s.", text, fmtFloat(lo))
		}
		if hi, ok := numberAttr(p.raw, "MaxValue"); ok && num > hi {
			t.reportf(where, "CFN031", "Default %s is above MaxValue %s.", text, fmtFloat(hi))
		}
	}
	if p.typ == "String" {
		n := len([]rune(text))
		if lo, ok := numberAttr(p.raw, "MinLength"); ok && float64(n) < lo {
			t.reportf(where, "CFN031", "Default %s is %d characters long, shorter than MinLength %s.", show(text), n, fmtFloat(lo))
		}
		if hi, ok := numberAttr(p.raw, "MaxLength"); ok && float64(n) > hi {
			t.reportf(where, "CFN031", "Default %s is %d characters long, longer than MaxLength %s.", show(text), n, fmtFloat(hi))
		}
	}
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

func numberAttr(raw *object, key string) (float64, bool) {
	v, ok := raw.lookup(key)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	return f, err == nil
}
