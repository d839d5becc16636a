package check

import "testing"

// displayName is a template whose topic T has value as its DisplayName,
// with a mapping M and a parameter Index to refer to; sections are more
// top-level members, such as a Transform.
func displayName(value string, sections ...string) string {
	head := `{`
	for _, s := range sections {
		head += s + `, `
	}
	return head + `"Mappings": {"M": {"a": {"K": "v"}}}, "Parameters": {"Index": {"Type": "Number"}},
		"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": ` + value + `}}}}`
}

const withExtensions = `"Transform": ["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"]`

func TestFunctionArguments(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// Fn::Select.
		{name: "select", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [
			{"Fn::Select": [0, ["a"]]}, {"Fn::Select": ["1", ["a", "b"]]}, {"Fn::Select": [1.0, ["a", "b"]]},
			{"Fn::Select": [{"Ref": "Index"}, {"Fn::Split": [",", "a,b"]}]},
			{"Fn::Select": [5, {"Fn::GetAZs": ""}]}]]}`)},
		{name: "select negative index", rule: "CFN018", template: displayName(`{"Fn::Select": [-1, ["a"]]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Select's index is -1; indexes count from 0, so none is negative."}},
		{name: "select index past the end", rule: "CFN018", template: displayName(`{"Fn::Select": ["2", ["a", "b"]]}`),
			want: []string{"T CFN018"},
			msgs: []string{`Properties.DisplayName: Fn::Select's index "2" is past the end of its list of 2 values; the last index is 1.`}},
		{name: "select huge index", rule: "CFN018", template: displayName(`{"Fn::Select": [99999999999999999999, ["a"]]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Select's index 99999999999999999999 is past the end of its list of 1 value; the last index is 0."}},
		{name: "select index not a number", rule: "CFN018", template: displayName(`{"Fn::Select": ["1e9", ["a"]]}`),
			want: []string{"T CFN018"},
			msgs: []string{`Properties.DisplayName: Fn::Select's index "1e9" is not a whole number; the first value is at index 0.`}},
		{name: "select index a fraction", rule: "CFN018", template: displayName(`{"Fn::Select": [0.5, ["a"]]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Select's index 0.5 is not a whole number; the first value is at index 0."}},
		{name: "select from no list", rule: "CFN018", template: displayName(`{"Fn::Select": [0, "a,b"]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Select's second argument is a string; it must be a list, or a function that gives one."}},
		{name: "select from an empty list", rule: "CFN018", template: displayName(`{"Fn::Select": [0, []]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Select selects from an empty list."}},
		{name: "select from a list with null", rule: "CFN018", template: displayName(`{"Fn::Select": [0, ["a", null]]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Select's list holds null at [1]; CloudFormation takes no null values there."}},

		// Fn::Cidr.
		{name: "cidr", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [
			{"Fn::Select": [0, {"Fn::Cidr": ["10.0.0.0/16", 256, 0]}]},
			{"Fn::Select": [0, {"Fn::Cidr": ["10.0.0.0/16", "6", "32"]}]},
			{"Fn::Select": [0, {"Fn::Cidr": ["2001:db8::/56", 1, 128]}]},
			{"Fn::Select": [0, {"Fn::Cidr": [{"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Ref": "Index"}, 64]}]}]]}`)},
		{name: "cidr out of range", rule: "CFN018", template: displayName(`{"Fn::Select": [0, {"Fn::Cidr": ["x", -5, -5]}]}`),
			want: []string{"T CFN018", "T CFN018", "T CFN018"},
			msgs: []string{
				"Properties.DisplayName.Fn::Select[1]: Fn::Cidr's cidrBits is -5; it must be a whole number from 0 to 128.",
				"Properties.DisplayName.Fn::Select[1]: Fn::Cidr's count is -5; it must be a whole number from 1 to 256.",
				`Properties.DisplayName.Fn::Select[1]: Fn::Cidr's ipBlock "x" is not a CIDR block such as 10.0.0.0/16.`,
			}},
		{name: "cidr beyond IPv4", rule: "CFN018", template: displayName(`{"Fn::Select": [0, {"Fn::Cidr": ["10.0.0.0/16", 257, 33]}]}`),
			want: []string{"T CFN018", "T CFN018"},
			msgs: []string{
				"Properties.DisplayName.Fn::Select[1]: Fn::Cidr's cidrBits is 33; it must be a whole number from 0 to 32, the bits of an IPv4 address.",
				"Properties.DisplayName.Fn::Select[1]: Fn::Cidr's count is 257; it must be a whole number from 1 to 256.",
			}},

		// Fn::FindInMap.
		{name: "find in map", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [
			{"Fn::FindInMap": ["M", "a", "K"]}, {"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, {"Fn::FindInMap": ["M", "a", "K"]}]},
			{"Fn::FindInMap": ["M", 1, "K"]}]]}`)},
		{name: "find in map null keys", rule: "CFN018", template: displayName(`{"Fn::FindInMap": ["M", null, []]}`),
			want: []string{"T CFN018", "T CFN018"},
			msgs: []string{
				"Properties.DisplayName: Fn::FindInMap's second-level key is a list; it must be a string, or a Ref or Fn::FindInMap that gives one.",
				"Properties.DisplayName: Fn::FindInMap's top-level key is null; it must be a string, or a Ref or Fn::FindInMap that gives one.",
			}},
		{name: "find in map name an object", rule: "CFN018", template: displayName(`{"Fn::FindInMap": [{"M": "a"}, "a", true]}`),
			want: []string{"T CFN018", "T CFN018"},
			msgs: []string{
				"Properties.DisplayName: Fn::FindInMap's map name is an object; it must be a string, or a Ref or Fn::FindInMap that gives one.",
				"Properties.DisplayName: Fn::FindInMap's second-level key is a boolean; it must be a string, or a Ref or Fn::FindInMap that gives one.",
			}},
		{name: "find in map key from another function", rule: "CFN018", template: displayName(`{"Fn::FindInMap": ["M", {"Fn::Sub": "${AWS::Region}"}, "K"]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::FindInMap's top-level key uses Fn::Sub; only Ref and Fn::FindInMap can give it, unless the template declares the AWS::LanguageExtensions transform."}},
		{name: "find in map default value", rule: "CFN018", template: displayName(`{"Fn::FindInMap": ["M", "a", "K", {"DefaultValue": "x"}]}`),
			want: []string{"T CFN018"},
			msgs: []string{`Properties.DisplayName: Fn::FindInMap takes a fourth argument, {"DefaultValue": value}, only with the AWS::LanguageExtensions transform.`}},
		{name: "find in map with extensions", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [
			{"Fn::FindInMap": ["M", {"Fn::Sub": "${AWS::Region}"}, "K", {"DefaultValue": "x"}]},
			{"Fn::FindInMap": ["M", "a", "K", {"Default": "x"}]}]]}`, withExtensions),
			want: []string{"T CFN018"},
			msgs: []string{`Properties.DisplayName.Fn::Join[1][1]: Fn::FindInMap's fourth argument must be {"DefaultValue": value}.`}},

		// Fn::Join, Fn::Split, Fn::GetAZs, Fn::Base64, Fn::ImportValue.
		{name: "text arguments", rule: "CFN018", template: displayName(`{"Fn::Join": ["-", [
			"a", 5, true, {"Ref": "AWS::Region"},
			{"Fn::Select": [0, {"Fn::Split": [",", {"Fn::ImportValue": {"Fn::Sub": "${AWS::StackName}-x"}}]}]},
			{"Fn::Select": [0, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]},
			{"Fn::Base64": "x"}]]}`)},
		{name: "join values not text", rule: "CFN018", template: displayName(`{"Fn::Join": ["-", ["a", ["b"]]]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Fn::Join's values must be strings, or functions that give one; value [1] is a list."}},
		{name: "split null", rule: "CFN018", template: displayName(`{"Fn::Select": [0, {"Fn::Split": [",", null]}]}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName.Fn::Select[1]: Fn::Split's source string is null; it must be a string, or a function that gives one."}},
		{name: "functions of no text", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [{"Fn::Base64": ["x"]}, {"Fn::ImportValue": {"Name": "x"}}, {"Fn::Select": [0, {"Fn::GetAZs": null}]}]]}`),
			want: []string{"T CFN018", "T CFN018", "T CFN018"},
			msgs: []string{
				"Properties.DisplayName.Fn::Join[1][0]: Fn::Base64 takes the string to encode, or a function that gives one; it is a list.",
				"Properties.DisplayName.Fn::Join[1][1]: Fn::ImportValue takes the name of an export, or a function that gives one; it is an object.",
				`Properties.DisplayName.Fn::Join[1][2].Fn::Select[1]: Fn::GetAZs takes the name of a region, "" for the stack's own, or a function that gives one; it is null.`,
			}},

		// The functions of the AWS::LanguageExtensions transform.
		{name: "language extensions", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [
			{"Fn::ToJsonString": {"a": [1, 2]}}, {"Fn::Length": [1, 2]},
			{"Ref": {"Fn::Sub": "Ind${AWS::NoValue}ex"}}, {"Fn::GetAtt": [{"Fn::Sub": "T"}, "TopicName"]}]]}`, withExtensions)},
		{name: "language extensions missing", rule: "CFN018", template: displayName(`{"Fn::Join": ["", [{"Fn::ToJsonString": {"a": 1}}, {"Fn::Length": [1, 2]}]]}`),
			want: []string{"T CFN018", "T CFN018"},
			msgs: []string{
				`Properties.DisplayName.Fn::Join[1][0]: Fn::ToJsonString needs the AWS::LanguageExtensions transform; add "Transform": "AWS::LanguageExtensions" to the template.`,
				`Properties.DisplayName.Fn::Join[1][1]: Fn::Length needs the AWS::LanguageExtensions transform; add "Transform": "AWS::LanguageExtensions" to the template.`,
			}},
		{name: "ref to a function", rule: "CFN018", template: displayName(`{"Ref": {"Fn::Sub": "Index"}}`),
			want: []string{"T CFN018"},
			msgs: []string{"Properties.DisplayName: Ref takes the name of a parameter, resource or pseudo parameter as a string."}},
	})
}

func TestLiteralInt(t *testing.T) {
	cases := []struct {
		json           string
		n              int64
		literal, whole bool
	}{
		{`3`, 3, true, true},
		{`"3"`, 3, true, true},
		{`" 3 "`, 3, true, true},
		{`-2`, -2, true, true},
		{`2.0`, 2, true, true},
		{`1e2`, 100, true, true},
		{`2.5`, 0, true, false},
		{`"2.0"`, 0, true, false},
		{`"x"`, 0, true, false},
		{`99999999999999999999`, 1<<63 - 1, true, true},
		{`"-99999999999999999999"`, -1 << 63, true, true},
		{`1e400`, 1<<63 - 1, true, true},
		{`null`, 0, true, false},
		{`true`, 0, true, false},
		{`[1]`, 0, true, false},
		{`{"a": 1}`, 0, true, false},
		{`{"Ref": "Index"}`, 0, false, false},
	}
	for _, tc := range cases {
		v, err := decodeJSON(tc.json)
		if err != nil {
			t.Fatal(err)
		}
		n, literal, whole := literalInt(v)
		if n != tc.n || literal != tc.literal || whole != tc.whole {
			t.Errorf("literalInt(%s) = %d, %t, %t; want %d, %t, %t", tc.json, n, literal, whole, tc.n, tc.literal, tc.whole)
		}
	}
}
