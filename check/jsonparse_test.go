package check

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// FuzzDecodeJSON checks that the decoder, through DecodeJSON, agrees with
// encoding/json on which documents are valid and on what they hold, that Template never panics,
// and that TemplateErrors gives Template's errors.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"a": [1, -2.5e3, true, false, null, "x\u00e9\ud83d\ude00\n"]}`,
		`{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "${X}"}}}}}`,
		`[01]`, `{"a" 1}`, `"\ud800"`, `{"a":1,}`, `  {}  `, `{} {}`, `1.`, `-`, `"\x"`,
		// The IAM rules: actions made by functions, nested Subs, managed
		// policies, trust in an account and its conditions.
		`{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"}], "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole", "Condition": {"StringLike": {"aws:PrincipalArn": "*"}}}]}}},
			"P": {"Type": "AWS::IAM::RolePolicy", "Properties": {"RoleName": "r", "PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [{"Fn::Join": ["", ["iam:", "Pass", "Role"]]}, {"Fn::Sub": ["${S}:*", {"S": "s3"}]}], "Resource": {"Fn::Sub": ["${A}${A}", {"A": {"Fn::Sub": ["${B}${B}", {"B": "*"}]}}]}}]}}},
			"B": {"Type": "AWS::S3::Bucke"}}}`,
		// Loops of the LanguageExtensions transform, nested and over a
		// parameter.
		`{"Transform": ["AWS::LanguageExtensions"], "Parameters": {"Names": {"Type": "CommaDelimitedList", "Default": "a, b"}},
			"Conditions": {"Fn::ForEach::C": ["N", {"Ref": "Names"}, {"Is${N}": {"Fn::Equals": ["${N}", "a"]}}]},
			"Resources": {"Fn::ForEach::Topics": ["N", {"Ref": "Names"}, {"Fn::ForEach::Inner": ["K", ["x", "y-z"], {"Topic${N}&{K}": {"Type": "AWS::SNS::Topic", "Condition": "Is${N}", "Properties": {"TopicName": {"Fn::Sub": "t-${N}-${K}"}}}}]}]},
			"Outputs": {"Fn::ForEach::O": ["N", ["a", "b"], {"Out${N}": {"Value": {"Ref": "Topic${N}x"}}}]}}`,
		// Parameter attributes, intrinsic arguments and conditions.
		`{"Transform": "AWS::LanguageExtensions", "Parameters": {"P": {"Type": "String", "AllowedPattern": "^(a|b)[c-z]{2,1}$", "MinLength": "3", "MaxLength": -1, "AllowedValues": "x", "NoEcho": "maybe", "Default": "ab"}},
			"Mappings": {"M": {"K": {"V": "x"}}},
			"Conditions": {"A": {"Fn::And": [{"Condition": "B"}, {"Fn::Not": [{"Condition": "A"}]}]}, "B": {"Fn::Equals": [{"Ref": "P"}, "ab", "c"]}},
			"Resources": {"S": {"Type": "AWS::EC2::Subnet", "Condition": "A", "Properties": {"VpcId": "vpc-0a1b2c3d", "CidrBlock": {"Fn::Select": [-1, {"Fn::Cidr": ["10.0.0.0/16", 300, 33]}]}, "AvailabilityZone": {"Fn::Select": ["1", {"Fn::GetAZs": ""}]}}},
			"F": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::FindInMap": ["M", null, "V", {"DefaultValue": "r"}]}, "Code": {"ZipFile": {"Fn::Join": ["", [{"Fn::Length": [1, 2]}, {"Fn::ToJsonString": {"a": 1}}]]}}, "Runtime": "python3.13", "Handler": "h", "VpcConfig": {"SubnetIds": [{"Ref": "S"}], "SecurityGroupIds": []}}}}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Add(readTestdata(f, "pipeline.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := DecodeJSON(data)
		if valid := json.Valid(data); (err == nil) != valid {
			t.Fatalf("DecodeJSON error %v, but json.Valid = %v", err, valid)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err == nil && dec.Decode(&want) == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("DecodeJSON = %#v, encoding/json = %#v", got, want)
		}
		findings := Template("fuzz.json", data)
		errs := slices.DeleteFunc(findings, func(f Finding) bool { return f.Severity != Error })
		if got := TemplateErrors("fuzz.json", data); !slices.Equal(got, errs) {
			t.Fatalf("TemplateErrors:\n%swant the errors of Template:\n%s", describe(got), describe(errs))
		}
	})
}

func BenchmarkDecodeJSON(b *testing.B) {
	data := string(readTestdata(b, "pipeline.json"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := decodeJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDecodeJSONLatin1(t *testing.T) {
	cases := []struct {
		doc  string
		want bool
	}{
		{string(readTestdata(t, "pipeline.json")), true},
		{`{"a": "caf\u00e9\t\n\r\u0041\/\\"}`, true},
		{`{"a": "\u2019"}`, false},
		{`{"\u0001": 1}`, false},
		{`["\b"]`, false},
		{`["\f"]`, false},
		{`["café"]`, false}, // raw bytes from 0x80 up are not looked into
		{`["\\u2019"]`, true},
	}
	for _, tc := range cases {
		_, _, got, err := decodeJSONKeys(tc.doc)
		if err != nil || got != tc.want {
			t.Errorf("decodeJSONKeys(%.40q) latin1 = %v, %v; want %v", tc.doc, got, err, tc.want)
		}
	}
}
