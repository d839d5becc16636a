package check

import (
	"strings"
	"testing"
)

// params wraps the body of a Parameters object in a template.
func params(body string) string {
	return `{"Parameters": {` + body + `}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`
}

func TestParameterAttributes(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "well formed", rule: "CFN030", template: params(`
			"Name": {"Type": "String", "Default": "ab", "AllowedPattern": "[a-z]+", "AllowedValues": ["ab", "cd"], "MinLength": 1, "MaxLength": "8",
				"NoEcho": "true", "Description": "The name.", "ConstraintDescription": "lower-case letters"},
			"Count": {"Type": "Number", "Default": 2, "MinValue": "1", "MaxValue": 5.5, "NoEcho": false},
			"Equal": {"Type": "String", "MinLength": 3, "MaxLength": 3},
			"Yaml": {"Type": "Number", "AllowedValues": [1, 2]},
			"Long": {"Type": "String", "Description": "` + strings.Repeat("d", 4000) + `"}`)},
		{name: "pattern that does not compile", rule: "CFN030", template: params(`"P": {"Type": "String", "Default": "a", "AllowedPattern": "("}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{`AllowedPattern "(" is not a regular expression: a group opened with ( is never closed.`}},
		{name: "pattern only Java knows", rule: "CFN03", template: params(`"P": {"Type": "String", "Default": "a", "AllowedPattern": "(?<=a)b|a*+"}`)},
		{name: "pattern not a string", rule: "CFN030", template: params(`"P": {"Type": "String", "AllowedPattern": ["[a-z]+"]}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{"AllowedPattern is a list; it must be a regular expression, as a string."}},
		{name: "allowed values not a list", rule: "CFN030", template: params(`"P": {"Type": "String", "AllowedValues": "x"}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{`AllowedValues is "x"; it must be a list of values, such as ["dev", "prod"].`}},
		{name: "allowed values empty", rule: "CFN030", template: params(`"P": {"Type": "String", "AllowedValues": []}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{"AllowedValues is an empty list, so no value is allowed; list the values, or remove it."}},
		{name: "allowed value null", rule: "CFN030", template: params(`"P": {"Type": "String", "AllowedValues": ["a", null, {}]}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{"AllowedValues[1] is null; each allowed value must be a string or a number."}},
		{name: "lengths not numbers", rule: "CFN030", template: params(`"P": {"Type": "String", "MinLength": "x", "MaxLength": -1}`),
			want: []string{"Parameters.P CFN030", "Parameters.P CFN030"},
			msgs: []string{
				"MaxLength is -1; it must be a whole number of characters, 0 or more.",
				`MinLength is "x"; it must be a whole number of characters, 0 or more.`,
			}},
		{name: "length a fraction", rule: "CFN030", template: params(`"P": {"Type": "String", "MaxLength": 2.5}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{"MaxLength is 2.5; it must be a whole number of characters, 0 or more."}},
		{name: "values not numbers", rule: "CFN030", template: params(`"P": {"Type": "Number", "MinValue": "x", "MaxValue": true}`),
			want: []string{"Parameters.P CFN030", "Parameters.P CFN030"},
			msgs: []string{"MaxValue is true; it must be a number.", `MinValue is "x"; it must be a number.`}},
		{name: "minimum above maximum", rule: "CFN030", template: params(`"L": {"Type": "String", "MinLength": 5, "MaxLength": 3}, "V": {"Type": "Number", "MinValue": 2, "MaxValue": "1.5"}`),
			want: []string{"Parameters.L CFN030", "Parameters.V CFN030"},
			msgs: []string{
				"MinLength 5 is greater than MaxLength 3, so no value can satisfy both.",
				"MinValue 2 is greater than MaxValue 1.5, so no value can satisfy both.",
			}},
		{name: "no echo not a boolean", rule: "CFN030", template: params(`"P": {"Type": "String", "NoEcho": "maybe"}`),
			want: []string{"Parameters.P CFN030"},
			msgs: []string{`NoEcho is "maybe"; it must be true or false.`}},
		{name: "descriptions", rule: "CFN030", template: params(`"P": {"Type": "String", "Description": "` + strings.Repeat("d", 4001) + `", "ConstraintDescription": 5}`),
			want: []string{"Parameters.P CFN030", "Parameters.P CFN030"},
			msgs: []string{"ConstraintDescription is a number; it must be a string.", "Description is 4001 characters long; CloudFormation allows at most 4,000."}},
		// A constraint that is no number is reported once, by CFN030, and
		// the Default is not measured against it.
		{name: "default against a malformed constraint", rule: "CFN031", template: params(`"P": {"Type": "String", "Default": "5", "MaxLength": -1}`)},
		// CloudFormation trims the members of a list: AWS's own examples
		// write ", " between them.
		{name: "list default with spaces", rule: "CFN031", template: params(`"P": {"Type": "CommaDelimitedList", "AllowedValues": ["test", "dev", "prod"], "Default": "test, dev, prod"},
			"S": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-0a1b2c3d, subnet-1a2b3c4d"}`)},
		{name: "list default with a member not allowed", rule: "CFN031", template: params(`"P": {"Type": "CommaDelimitedList", "AllowedValues": ["test", "dev"], "Default": "test, prod"}`),
			want: []string{"Parameters.P CFN031"}},
		{name: "default of one character", rule: "CFN031", template: params(`"P": {"Type": "String", "Default": "5", "MaxLength": 0, "MinLength": "2"}`),
			want: []string{"Parameters.P CFN031", "Parameters.P CFN031"},
			msgs: []string{
				`Default "5" is 1 character long, longer than MaxLength 0.`,
				`Default "5" is 1 character long, shorter than MinLength 2.`,
			}},
	})
}

func TestPatternProblem(t *testing.T) {
	cases := []struct {
		pattern, want string
	}{
		// Valid in Java, and in RE2.
		{`[a-z0-9]{1,8}`, ""},
		{`^(dev|prod)$`, ""},
		{`\d+\.\d+`, ""},
		// Valid in Java only: RE2 refuses them, so they are let through.
		{`(?<=a)b`, ""},
		{`(?=a)a`, ""},
		{`a*+`, ""},
		{`a{2}+`, ""},
		{`(a)\1`, ""},
		{`a{1001}`, ""},
		{`\p{javaLowerCase}+`, ""},
		{`[[:alpha:]]`, ""},
		{`\h`, ""},
		{`(?x) a b # spaced`, ""},
		{`[a[b](]`, ""}, // one class holding another, in Java
		// Errors in Java as well.
		{`(`, "a group opened with ( is never closed"},
		{`(a|b`, "a group opened with ( is never closed"},
		{`a)`, "a ) closes no group"},
		{`[a-z`, "the character class [a-z has no closing ]"},
		{`ab\`, "it ends in a lone backslash"},
		{`*a`, "* has nothing before it to repeat"},
		{`a|+`, "+ has nothing before it to repeat"},
		{`a**`, "the quantifiers ** repeat a repetition"},
		{`a{2,1}`, "the repetition {2,1} has a minimum above its maximum"},
		{`[z-a]`, "the range z-a runs backwards"},
		{`\Q(\E)`, "a ) closes no group"},
	}
	for _, tc := range cases {
		if got := patternProblem(tc.pattern); got != tc.want {
			t.Errorf("patternProblem(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}
