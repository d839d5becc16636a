package check

import (
	"strings"
	"testing"
)

func TestStaticString(t *testing.T) {
	pseudo := map[string]string{"AWS::Partition": "aws"}
	cases := []struct {
		name, value string
		want        string
		ok          bool
	}{
		{"literal", `"s3:*"`, "s3:*", true},
		{"sub without variables", `{"Fn::Sub": "s3:*"}`, "s3:*", true},
		{"sub with literal variables", `{"Fn::Sub": ["${S}:${ Op }", {"S": "s3", "Op": {"Fn::Sub": "Get*"}}]}`, "s3:Get*", true},
		{"sub escape", `{"Fn::Sub": "${!S}:*"}`, "${S}:*", true},
		{"sub pseudo parameter", `{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/X"}`, "arn:aws:iam::aws:policy/X", true},
		{"sub unknown variable", `{"Fn::Sub": "${Service}:*"}`, "", false},
		{"sub variable from a ref", `{"Fn::Sub": ["${S}:*", {"S": {"Ref": "Service"}}]}`, "", false},
		{"sub unclosed", `{"Fn::Sub": "${S:*"}`, "", false},
		{"join", `{"Fn::Join": ["", ["s3:", "*"]]}`, "s3:*", true},
		{"join of functions", `{"Fn::Join": [":", [{"Fn::Sub": "kms"}, {"Fn::Join": ["", ["Re", "Encrypt*"]]}]]}`, "kms:ReEncrypt*", true},
		{"join with pseudo ref", `{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/X"]]}`, "arn:aws:iam::aws:policy/X", true},
		{"join with other ref", `{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Region"}]]}`, "", false},
		{"join with a list ref", `{"Fn::Join": ["", {"Ref": "Actions"}]}`, "", false},
		{"other function", `{"Fn::Select": [0, ["s3:*"]]}`, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := decodeJSON(tc.value)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := staticString(v, pseudo)
			if got != tc.want || ok != tc.ok {
				t.Errorf("staticString(%s) = %q, %v; want %q, %v", tc.value, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestStaticStringIsBounded: variables that name nested Fn::Sub functions
// many times make text, or a number of values to go through, that grows
// exponentially with the nesting; past a fixed budget the value is unknown.
func TestStaticStringIsBounded(t *testing.T) {
	for _, leaf := range []string{`"x"`, `""`} {
		v := leaf
		for range 5 {
			v = `{"Fn::Sub": ["` + strings.Repeat("${A}", 64) + `", {"A": ` + v + `}]}`
		}
		doc, err := decodeJSON(v)
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := staticString(doc, nil); ok {
			t.Errorf("staticString of %s nested 5 deep gave %d bytes; want unknown", leaf, len(s))
		}
	}
}
