package check

import (
	"fmt"
	"strings"
	"testing"
)

// statementsOf returns n statements, each allowing s3:GetObject on a
// resource written as res (JSON), as a JSON list.
func statementsOf(n int, res string) string {
	st := make([]string, n)
	for i := range st {
		st[i] = fmt.Sprintf(`{"Sid": "S%04d", "Effect": "Allow", "Action": "s3:GetObject", "Resource": %s}`, i, res)
	}
	return "[" + strings.Join(st, ", ") + "]"
}

// policyOf is a policy document of n statements on res.
func policyOf(n int, res string) string {
	return `{"Version": "2012-10-17", "Statement": ` + statementsOf(n, res) + `}`
}

func TestPolicySizes(t *testing.T) {
	// Compact, a document of 108 statements on the literal ARN takes
	// 10,190 characters, and of 109, 10,284; on the shortest the Fn::Sub
	// can give, 103 take 10,235 and 104, 10,334.
	literal := `"arn:aws:s3:::bucket-x/*"`
	// An account id is always 12 characters; a parameter without
	// MinLength may be empty, and an attribute one character.
	sub := `{"Fn::Sub": "arn:aws:s3:::${AWS::AccountId}${Name}${Bucket.Arn}/*"}`
	role := func(policies string) string {
		return `"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ` + policyOf(1, `"*"`) + `, "Policies": ` + policies + `}}`
	}
	inline := func(n int, res string) string {
		return `[{"PolicyName": "p", "PolicyDocument": ` + policyOf(n, res) + `}]`
	}
	params := `"Parameters": {"EnvironmentSuffix": {"Type": "String", "Default": "dev"}, "Name": {"Type": "String"}}, `
	tmpl := func(resources string) string {
		return `{` + params + `"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}, ` + resources + `}}`
	}
	runRuleCases(t, []ruleCase{
		{name: "inline policies under the quota", rule: "CFN033", template: tmpl(role(inline(108, literal)))},
		{name: "inline policies over the quota", rule: "CFN033", template: tmpl(role(inline(109, literal))), want: []string{"Role CFN033"}},
		{
			name: "inline policies of the role and of policy resources, together over the quota", rule: "CFN033",
			template: tmpl(role(inline(60, literal)) + `, "Extra": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "x", "Roles": [{"Ref": "Role"}], "PolicyDocument": ` + policyOf(60, literal) + `}}`),
			want:     []string{"Role CFN033"},
		},
		{name: "intrinsics at their shortest, under", rule: "CFN033", template: tmpl(role(inline(103, sub)))},
		{name: "intrinsics at their shortest, over", rule: "CFN033", template: tmpl(role(inline(104, sub))), want: []string{"Role CFN033"}},
		{
			name: "a branch under the quota", rule: "CFN033",
			template: `{` + params + `"Conditions": {"Big": {"Fn::Equals": [{"Ref": "Name"}, "big"]}}, "Resources": {` + role(`[{"PolicyName": "p", "PolicyDocument": {"Fn::If": ["Big", `+policyOf(120, literal)+`, `+policyOf(1, literal)+`]}}]`) + `}}`,
		},
		{name: "managed policy over the quota", rule: "CFN033", template: tmpl(`"Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": ` + policyOf(70, literal) + `}}`), want: []string{"Managed CFN033"}},
		{name: "trust policy over the quota", rule: "CFN033", template: tmpl(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ` + policyOf(25, literal) + `}}`), want: []string{"Role CFN033"}},
	})
}

func TestJSONChars(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 2},
		{"arn:aws:s3:::bucket/*", 23},
		{`a"b`, 6},            // \" is two characters
		{`a\b`, 6},            // so is \\
		{"a\nb\tc", 9},        // and \n, \t
		{"a\x01b", 10},        // \u0001 is six
		{"é", 3},              // one character, two bytes
		{"ab😀", 5},            // one character, four bytes
		{"a\xffb", 5},         // an invalid byte is one U+FFFD
		{"résumé\"x\x02", 17}, // ASCII, then a mix
	} {
		if got := jsonChars(tc.s); got != tc.want {
			t.Errorf("jsonChars(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}
