package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// Template is a CloudFormation template. Field order is output order.
type Template struct {
	AWSTemplateFormatVersion string               `json:"AWSTemplateFormatVersion"`
	Description              string               `json:"Description"`
	Metadata                 *Metadata            `json:"Metadata,omitempty"`
	Parameters               map[string]Parameter `json:"Parameters,omitempty"`
	Rules                    map[string]Rule      `json:"Rules,omitempty"`
	Conditions               map[string]Fn        `json:"Conditions,omitempty"`
	Resources                map[string]Resource  `json:"Resources"`
	Outputs                  map[string]Output    `json:"Outputs,omitempty"`
}

// encode writes t as encoding/json does, following the field tags above.
func (t *Template) encode(e *encodeState) {
	if t == nil {
		e.put(append(e.bytes(), "null"...))
		return
	}
	n := 0
	e.field(&n, "AWSTemplateFormatVersion")
	e.string(t.AWSTemplateFormatVersion)
	e.field(&n, "Description")
	e.string(t.Description)
	if t.Metadata != nil {
		e.field(&n, "Metadata")
		e.value(t.Metadata)
	}
	if len(t.Parameters) > 0 {
		e.field(&n, "Parameters")
		encodeMapOf(e, t.Parameters)
	}
	if len(t.Rules) > 0 {
		e.field(&n, "Rules")
		encodeMapOf(e, t.Rules)
	}
	if len(t.Conditions) > 0 {
		e.field(&n, "Conditions")
		encodeMapOf(e, t.Conditions)
	}
	e.field(&n, "Resources")
	encodeMapOf(e, t.Resources)
	if len(t.Outputs) > 0 {
		e.field(&n, "Outputs")
		encodeMapOf(e, t.Outputs)
	}
	e.close('{', '}', n)
}

// Rule checks parameter values before CloudFormation creates anything:
// when RuleCondition holds, every assertion must.
type Rule struct {
	RuleCondition Value       `json:"RuleCondition,omitempty"`
	Assertions    []Assertion `json:"Assertions"`
}

func (r Rule) encode(e *encodeState) {
	n := 0
	if r.RuleCondition != nil {
		e.field(&n, "RuleCondition")
		e.value(r.RuleCondition)
	}
	e.field(&n, "Assertions")
	e.value(r.Assertions)
	e.close('{', '}', n)
}

// Assertion is a rule's condition on parameter values, with the message
// CloudFormation shows when it fails.
type Assertion struct {
	Assert            Value  `json:"Assert"`
	AssertDescription string `json:"AssertDescription"`
}

// Not negates a condition.
func Not(condition Value) Fn { return Fn{"Fn::Not", []any{condition}} }

// Contains holds when a member of a list equals value; for rules only.
func Contains(list Value, value string) Fn {
	return Fn{"Fn::Contains", []any{list, value}}
}

// Metadata records what the generator meant, for pipelines check.
type Metadata struct {
	Pipelines TemplateInfo `json:"Pipelines"`
}

// TemplateInfo names the service (and stage) a template belongs to, what
// kind of template it is ("pipeline", "deploy" or "vpc-endpoints"), the
// account its stack is deployed in, and the deploy stages that must be
// approved by hand. pipelines plan reads the account: a template that
// moves to another account is a new stack there, not an update.
type TemplateInfo struct {
	Generator      string   `json:"Generator"`
	Service        string   `json:"Service,omitempty"`
	Kind           string   `json:"Kind"`
	Account        string   `json:"Account,omitempty"`
	Stage          string   `json:"Stage,omitempty"`
	ApprovalStages []string `json:"ApprovalStages,omitempty"`
}

// Parameter is a template parameter.
type Parameter struct {
	Type                  string   `json:"Type"`
	Description           string   `json:"Description"`
	Default               *string  `json:"Default,omitempty"`
	AllowedPattern        string   `json:"AllowedPattern,omitempty"`
	AllowedValues         []string `json:"AllowedValues,omitempty"`
	MinLength             int      `json:"MinLength,omitempty"`
	MaxLength             int      `json:"MaxLength,omitempty"`
	ConstraintDescription string   `json:"ConstraintDescription,omitempty"`
}

func (p Parameter) encode(e *encodeState) {
	n := 0
	e.field(&n, "Type")
	e.string(p.Type)
	e.field(&n, "Description")
	e.string(p.Description)
	if p.Default != nil {
		e.field(&n, "Default")
		e.string(*p.Default)
	}
	e.optString(&n, "AllowedPattern", p.AllowedPattern)
	e.optStrings(&n, "AllowedValues", p.AllowedValues)
	e.optInt(&n, "MinLength", p.MinLength)
	e.optInt(&n, "MaxLength", p.MaxLength)
	e.optString(&n, "ConstraintDescription", p.ConstraintDescription)
	e.close('{', '}', n)
}

// defaultOf is a parameter's default: none for "", which no parameter
// here accepts as a value.
func defaultOf(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// emptyDefault is the default of a parameter that may be left empty.
func emptyDefault() *string { return new(string) }

// Resource is a template resource.
type Resource struct {
	Type                string   `json:"Type"`
	Condition           string   `json:"Condition,omitempty"`
	DependsOn           []string `json:"DependsOn,omitempty"`
	Properties          any      `json:"Properties"`
	DeletionPolicy      string   `json:"DeletionPolicy,omitempty"`
	UpdateReplacePolicy string   `json:"UpdateReplacePolicy,omitempty"`
}

func (r Resource) encode(e *encodeState) {
	n := 0
	e.field(&n, "Type")
	e.string(r.Type)
	e.optString(&n, "Condition", r.Condition)
	e.optStrings(&n, "DependsOn", r.DependsOn)
	e.field(&n, "Properties")
	e.value(r.Properties)
	e.optString(&n, "DeletionPolicy", r.DeletionPolicy)
	e.optString(&n, "UpdateReplacePolicy", r.UpdateReplacePolicy)
	e.close('{', '}', n)
}

// Output is a template output.
type Output struct {
	Description string `json:"Description"`
	Condition   string `json:"Condition,omitempty"`
	Value       Value  `json:"Value"`
}

func (o Output) encode(e *encodeState) {
	n := 0
	e.field(&n, "Description")
	e.string(o.Description)
	e.optString(&n, "Condition", o.Condition)
	e.field(&n, "Value")
	e.value(o.Value)
	e.close('{', '}', n)
}

// Value is a property value that may be an intrinsic function: a string, a
// number, a bool, a slice, a struct or a Fn.
type Value = any

// Fn is an intrinsic function call, rendered as {"Fn::Name": argument}.
type Fn struct {
	name string
	arg  any
}

// MarshalJSON renders the call as a one-key object, keeping <, > and &
// literal like the rest of a template.
func (f Fn) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{f.name: f.arg}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// encode writes the call as MarshalJSON does.
func (f Fn) encode(e *encodeState) {
	e.element('{', 0)
	e.key(f.name)
	e.value(f.arg)
	e.close('{', '}', 1)
}

// Ref refers to a parameter, a resource or a pseudo parameter.
func Ref(name string) Fn { return Fn{"Ref", name} }

// GetAtt reads an attribute of a resource.
func GetAtt(resource, attribute string) Fn {
	return Fn{"Fn::GetAtt", [2]string{resource, attribute}}
}

// Sub substitutes ${Name} references in s.
func Sub(s string) Fn { return Fn{"Fn::Sub", s} }

// Or holds when one of the named conditions does: two to ten of them,
// which the builder's condition checks.
func Or(conditions ...string) Fn {
	args := make([]ConditionRef, len(conditions))
	for i, c := range conditions {
		args[i] = ConditionRef{Condition: c}
	}
	return Fn{"Fn::Or", args}
}

// ConditionRef names a condition inside another.
type ConditionRef struct {
	Condition string `json:"Condition"`
}

// Equals compares two values, in a condition.
func Equals(a, b Value) Fn { return Fn{"Fn::Equals", []any{a, b}} }

// Join concatenates values with sep.
func Join(sep string, values ...Value) Fn { return Fn{"Fn::Join", []any{sep, values}} }

// Arn builds an ARN in the template's partition, region and account:
// Arn("s3", "", "", "my-bucket") is arn:${AWS::Partition}:s3:::my-bucket.
// Region and account are "${AWS::Region}" and "${AWS::AccountId}" unless
// given; "-" leaves them empty.
func Arn(service, region, account, resource string) Fn {
	if region == "" {
		region = "${AWS::Region}"
	}
	if account == "" {
		account = "${AWS::AccountId}"
	}
	if region == "-" {
		region = ""
	}
	if account == "-" {
		account = ""
	}
	return Sub("arn:${AWS::Partition}:" + service + ":" + region + ":" + account + ":" + resource)
}

// Tag is a resource tag.
type Tag struct {
	Key   string `json:"Key"`
	Value Value  `json:"Value"`
}

func (t Tag) encode(e *encodeState) {
	n := 0
	e.field(&n, "Key")
	e.string(t.Key)
	e.field(&n, "Value")
	e.value(t.Value)
	e.close('{', '}', n)
}

// logicalID builds a PascalCase alphanumeric logical ID from name parts,
// each split at hyphens: logicalID("deployment-group", "prod-eu") is
// "DeploymentGroupProdEu". Stage names are validated so that this mapping
// is injective.
func logicalID(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		start := true // at the first character of a word
		for _, r := range p {
			switch {
			case r == '-':
				start = true
				continue
			case start:
				r = unicode.ToUpper(r)
				start = false
			}
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				b.WriteByte(byte(r))
			}
		}
	}
	return b.String()
}

// Encode renders v as the project's one JSON form: two-space indent,
// HTML characters kept literal, and a trailing newline.
// It writes exactly what json.Encoder writes with SetEscapeHTML(false)
// and SetIndent("", "  "), in one pass (see encode.go).
func Encode(v any) ([]byte, error) {
	data, err := encodeIndented(v)
	if err != nil {
		return nil, fmt.Errorf("encode template: %w", err)
	}
	return data, nil
}
