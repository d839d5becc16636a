package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// ruleCase is one template and the findings of one rule it must produce.
type ruleCase struct {
	name     string
	rule     string // a rule ID or ID prefix; findings of other rules are ignored
	template string
	want     []string // "Resource RULE", sorted as Template sorts findings
	msgs     []string // when set, the messages of those findings, in the same order
}

// doc wraps resources (the body of a Resources object) in a template that
// declares the EnvironmentSuffix parameter.
func doc(resources string) string {
	return `{"Parameters": {"EnvironmentSuffix": {"Type": "String", "Default": "dev"}}, "Resources": {` + resources + `}}`
}

// keyed adds a KMS key named Key to resources.
func keyed(resources string) string {
	return doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "kms:DescribeKey", "Resource": "*"}]}}}, ` + resources)
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got, msgs []string
			var all []Finding
			findings := Template("t.json", []byte(tc.template))
			for _, f := range findings {
				if strings.HasPrefix(f.Rule, tc.rule) {
					got = append(got, f.Resource+" "+f.Rule)
					msgs = append(msgs, f.Message)
					all = append(all, f)
				}
			}
			assertErrorsOnly(t, []byte(tc.template), findings)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings of %s = %q, want %q\n%s", tc.rule, got, tc.want, describe(all))
			}
			if tc.msgs != nil && !slices.Equal(msgs, tc.msgs) {
				t.Errorf("messages of %s:\n%s\nwant\n\t%s", tc.rule, describe(all), strings.Join(tc.msgs, "\n\t"))
			}
		})
	}
}

// assertErrorsOnly checks that TemplateErrors gives the Error findings
// of findings, Template's findings of data, in their order.
func assertErrorsOnly(t *testing.T, data []byte, findings []Finding) {
	t.Helper()
	want := slices.DeleteFunc(slices.Clone(findings), func(f Finding) bool { return f.Severity != Error })
	if got := TemplateErrors("t.json", data); !slices.Equal(got, want) {
		t.Errorf("TemplateErrors:\n%swant the errors of Template:\n%s", describe(got), describe(want))
	}
}

// TestTemplateErrorsOfRealTemplates: TemplateErrors gives the errors of
// Template on templates with findings of every severity, and none on a
// template with warnings alone.
func TestTemplateErrorsOfRealTemplates(t *testing.T) {
	clean := readTestdata(t, "pipeline.json")
	if fs := TemplateErrors("t.json", clean); len(fs) != 0 {
		t.Errorf("TemplateErrors of a clean template:\n%s", describe(fs))
	}
	for _, change := range []string{
		`"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObjects", "s3:*", "ec2:DescribeInstances"], "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}}}}`,
		`"Resources": {"L": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFuncton", "FunctionName": "f", "Principal": "s3.amazonaws.com"}}}`,
	} {
		data := []byte(`{` + change + `}`)
		findings := Template("t.json", data)
		if !slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == Warning }) {
			t.Errorf("no warning in %s", data)
		}
		assertErrorsOnly(t, data, findings)
	}
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRealisticTemplateIsClean(t *testing.T) {
	fs := Template("pipeline.json", readTestdata(t, "pipeline.json"))
	if len(fs) != 0 {
		t.Errorf("got %d findings, want none:\n%s", len(fs), describe(fs))
	}
}

// TestTemplatesShareNoState checks templates one after another, as build
// does on each of its workers, and requires each to give the findings it
// gives when checked alone: the memory one parse leaves for the next must
// carry nothing over.
func TestTemplatesShareNoState(t *testing.T) {
	clean := readTestdata(t, "pipeline.json")
	broken := bytes.Replace(clean, []byte(`"BUILD_GENERAL1_SMALL"`), []byte(`"BUILD_GENERAL1_LARGE"`), 1)
	small := []byte(`{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Missing"}}}}}`)
	docs := [][]byte{clean, broken, small}
	want := make([]string, len(docs))
	for i, doc := range docs {
		want[i] = describe(Template("t.json", doc))
	}
	if want[1] == "" || want[2] == "" {
		t.Fatalf("the broken templates give no findings")
	}
	// Objects of more than 16 members get an index of their keys when
	// first looked up: one with other keys in the same slots must not
	// find the first one's.
	for _, prefix := range []string{"Alpha", "Bravo"} {
		var conditions []string
		for i := range 20 {
			conditions = append(conditions, fmt.Sprintf(`"%s%d": {"Fn::Equals": ["a", "b"]}`, prefix, i))
		}
		doc := []byte(`{"Conditions": {` + strings.Join(conditions, ", ") + `},
			"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Condition": "` + prefix + `5"}}}`)
		got := describe(Template("t.json", doc))
		if strings.Contains(got, "CFN023") {
			t.Errorf("the condition %s5 is not found:\n%s", prefix, got)
		}
		docs = append(docs, doc)
		want = append(want, got)
	}
	for round := range 3 {
		for _, i := range []int{2, 0, 3, 1, 4, 0, 2, 4, 1, 3} {
			if got := describe(Template("t.json", docs[i])); got != want[i] {
				t.Errorf("round %d, template %d: findings\n%s\nwant\n%s", round, i, got, want[i])
			}
		}
	}
}

// mutate decodes the realistic template, applies change and encodes it.
func mutate(t *testing.T, change func(res map[string]any)) []byte {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(readTestdata(t, "pipeline.json"), &root); err != nil {
		t.Fatal(err)
	}
	change(root["Resources"].(map[string]any))
	out, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func props(res map[string]any, id string) map[string]any {
	return res[id].(map[string]any)["Properties"].(map[string]any)
}

// TestMutations changes one thing in the realistic template and expects
// exactly the findings that change causes, of any rule.
func TestMutations(t *testing.T) {
	cases := []struct {
		name   string
		change func(res map[string]any)
		want   []string
	}{
		{"versioning typo", func(res map[string]any) {
			p := props(res, "ArtifactBucket")
			p["VersioningConfig"] = p["VersioningConfiguration"]
			delete(p, "VersioningConfiguration")
		}, []string{"ArtifactBucket CFN010", "ArtifactBucket PL040"}},
		{"large compute", func(res map[string]any) {
			props(res, "BuildProject")["Environment"].(map[string]any)["ComputeType"] = "BUILD_GENERAL1_LARGE"
		}, []string{"BuildProject PL030"}},
		{"retained log group", func(res map[string]any) {
			res["BuildLogGroup"].(map[string]any)["DeletionPolicy"] = "Retain"
		}, []string{"BuildLogGroup PL010"}},
		{"key without rotation", func(res map[string]any) {
			delete(props(res, "ArtifactKey"), "EnableKeyRotation")
		}, []string{"ArtifactKey PL050"}},
		{"cycle through the key description", func(res map[string]any) {
			props(res, "ArtifactKey")["Description"] = map[string]any{"Fn::GetAtt": []any{"Pipeline", "Version"}}
		}, []string{"ArtifactBucket CFN025"}},
		{"approval after deploy", func(res map[string]any) {
			stages := props(res, "Pipeline")["Stages"].([]any)
			approve := stages[3].(map[string]any)["Actions"].([]any)[0].(map[string]any)
			approve["RunOrder"] = 3
		}, []string{"Pipeline PL062"}},
		{"no trigger rule", func(res map[string]any) {
			delete(res, "PipelineTriggerRule")
		}, []string{"Pipeline PL061"}},
		{"literal role name", func(res map[string]any) {
			props(res, "PipelineRole")["RoleName"] = "pipeline-role"
		}, []string{"PipelineRole PL011"}},
		{"unencrypted log group", func(res map[string]any) {
			delete(props(res, "BuildLogGroup"), "KmsKeyId")
		}, []string{"BuildLogGroup PL012"}},
		{"log group key by Ref", func(res map[string]any) {
			props(res, "BuildLogGroup")["KmsKeyId"] = map[string]any{"Ref": "ArtifactKey"}
		}, []string{"BuildLogGroup PL012"}},
		{"open egress", func(res map[string]any) {
			props(res, "BuildSecurityGroup")["SecurityGroupEgress"] = []any{
				map[string]any{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"},
			}
		}, []string{"BuildSecurityGroup PL081"}},
		{"wildcard action on every resource", func(res map[string]any) {
			stmt := props(res, "BuildPolicy")["PolicyDocument"].(map[string]any)["Statement"].([]any)[0].(map[string]any)
			stmt["Action"] = "logs:*"
		}, []string{"BuildPolicy PL002"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := Template("pipeline.json", mutate(t, tc.change))
			var got []string
			for _, f := range fs {
				got = append(got, f.Resource+" "+f.Rule)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings = %q, want %q\n%s", got, tc.want, describe(fs))
			}
		})
	}
}

func TestNotATemplate(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"syntax error", "{\n  \"Resources\": {,}\n}", "t.json: Template: CFN001: The file is not valid JSON: line 2, column 17: invalid character ',' looking for beginning of object key string."},
		{"truncated", `{"Resources": {`, "t.json: Template: CFN001: The file is not valid JSON: line 1, column 16: unexpected end of JSON input."},
		{"empty", "", "t.json: Template: CFN001: The file is empty; a template is a JSON object with a Resources section."},
		{"blank", " \r\n\t\n", "t.json: Template: CFN001: The file is empty; a template is a JSON object with a Resources section."},
		{"byte order mark", "\ufeff{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}", "t.json: Template: CFN001: The file starts with a byte order mark (the bytes EF BB BF), which JSON does not allow; save it as UTF-8 without one."},
		{"UTF-16 with a byte order mark", "\xff\xfe{\x00}\x00", "t.json: Template: CFN001: The file starts with the byte order mark of UTF-16 (the bytes FF FE); a template is UTF-8 text: save it as UTF-8."},
		{"UTF-16 big-endian", "\x00{\x00}", "t.json: Template: CFN001: The file holds a NUL byte beside each character, as UTF-16 text does; a template is UTF-8 text: save it as UTF-8."},
		{"UTF-16 little-endian", "{\x00}\x00", "t.json: Template: CFN001: The file holds a NUL byte beside each character, as UTF-16 text does; a template is UTF-8 text: save it as UTF-8."},
		{"YAML", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n", "t.json: Template: CFN001: The file is not valid JSON: line 1, column 1: invalid character 'A' looking for beginning of value; it reads as a YAML template, and check reads JSON templates only: convert it to JSON (cfn-flip does)."},
		{"YAML with a document marker", "---\nResources: {}\n", "t.json: Template: CFN001: The file is not valid JSON: line 1, column 2: invalid character '-' in numeric literal; it reads as a YAML template, and check reads JSON templates only: convert it to JSON (cfn-flip does)."},
		{"list", `[1, 2]`, "t.json: Template: CFN001: The document is a list, not a template object; a template is a JSON object with a Resources section."},
		{"trailing data", `{"Resources": {}} {}`, "t.json: Template: CFN001: The file holds more data after the template object; a template is exactly one JSON object."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := Template("t.json", []byte(tc.data))
			if len(fs) != 1 || fs[0].String() != tc.want || fs[0].Severity != Error {
				t.Errorf("got\n%swant\n\t%s", describe(fs), tc.want)
			}
		})
	}
	// A YAML template named as such, not as a .json file, is told to
	// leave it out too.
	fs := Template("t.yaml", []byte("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"))
	want := "t.yaml: Template: CFN001: The file is not valid JSON: line 1, column 1: invalid character 'R' looking for beginning of value; it reads as a YAML template, and check reads JSON templates only: convert it to JSON (cfn-flip does), or name only the .json files."
	if len(fs) != 1 || fs[0].String() != want {
		t.Errorf("got\n%swant\n\t%s", describe(fs), want)
	}
}

func TestTemplateStructure(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "valid", rule: "CFN002", template: `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`},
		{name: "bad version", rule: "CFN002", template: `{"AWSTemplateFormatVersion": "2010-09-10", "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"Template CFN002"}},
		{name: "no resources", rule: "CFN002", template: `{"Description": "x"}`, want: []string{"Template CFN002"}},
		{name: "empty resources", rule: "CFN002", template: `{"Resources": {}}`, want: []string{"Template CFN002"}},
		{name: "unknown section", rule: "CFN002", template: `{"Resource": {}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"Template CFN002"}},
		{name: "globals of the serverless transform", rule: "CFN002", template: `{"Transform": ["AWS::Serverless-2016-10-31"], "Globals": {"Function": {"Timeout": 30}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`},
		{name: "globals without the serverless transform", rule: "CFN002", template: `{"Transform": "AWS::LanguageExtensions", "Globals": {"Function": {"Timeout": 30}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"Template CFN002"}},
		{name: "resource without type", rule: "CFN003", template: `{"Resources": {"Topic": {"Properties": {}}}}`, want: []string{"Topic CFN003"}},
		{name: "misspelled attribute", rule: "CFN003", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Propertes": {}}}}`, want: []string{"Topic CFN003"}},
		{name: "repeated resource", rule: "CFN001", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}, "Topic": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"Template CFN001"}},
		{name: "repeated key in a tag", rule: "CFN001", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a", "Value": "b", "Key": "c"}]}}}}`, want: []string{"Template CFN001"}},
		{name: "repeated key among many", rule: "CFN001", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {` + strings.Repeat(`"O": {"Value": "x"}, `, 20) + `"P": {"Value": "x"}}}`, want: []string{"Template CFN001"}},
		{name: "deletion policy from a function with the transform", rule: "CFN003", template: `{"Transform": "AWS::LanguageExtensions", "Conditions": {"C": {"Fn::Equals": ["a", "b"]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "DeletionPolicy": {"Fn::If": ["C", "Snapshot", "Delete"]}}}}`},
		{name: "deletion policy from a function without the transform", rule: "CFN003", template: `{"Conditions": {"C": {"Fn::Equals": ["a", "b"]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "DeletionPolicy": {"Fn::If": ["C", "Snapshot", "Delete"]}, "UpdateReplacePolicy": {"Fn::If": ["C", "Delete", "Delete"]}}}}`,
			want: []string{"Topic CFN003", "Topic CFN003"},
			msgs: []string{
				`DeletionPolicy uses Fn::If, which CloudFormation accepts there only with the AWS::LanguageExtensions transform; write "Delete", or declare "Transform": "AWS::LanguageExtensions".`,
				`UpdateReplacePolicy uses Fn::If, which CloudFormation accepts there only with the AWS::LanguageExtensions transform; write "Delete", or declare "Transform": "AWS::LanguageExtensions".`,
			}},
		{name: "version of custom resources", rule: "CFN003", template: `{"Resources": {"A": {"Type": "Custom::Seed", "Version": "1.0", "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:111111111111:function:f"}}, "B": {"Type": "AWS::CloudFormation::CustomResource", "Version": 1.0, "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:111111111111:function:f"}}, "C": {"Type": "Custom::Seed", "Version": ["1.0"], "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:111111111111:function:f"}}, "Topic": {"Type": "AWS::SNS::Topic", "Version": "1.0"}}}`,
			want: []string{"C CFN003", "Topic CFN003"}},
		{name: "bad logical id", rule: "CFN003", template: `{"Resources": {"my-topic": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"my-topic CFN003"}},
		{name: "type without schema", rule: "CFN004", template: `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "C": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:111111111111:function:f"}}}}`, want: []string{"Q CFN004"}},
		{name: "misspelled types", rule: "CFN00", template: `{"Resources": {"A": {"Type": "AWS::S3::Bucke"}, "B": {"Type": "aws::s3::bucket"}, "C": {"Type": "Aws::DynamoDB::Table"}, "D": {"Type": "AWS::CodePipline::Pipline"}, "E": {"Type": "AWZ::SNS::Topic"}, "F": {"Type": "AWS::EC2::VpcEndpoint"}}}`,
			want: []string{"A CFN006", "B CFN006", "C CFN006", "D CFN006", "E CFN006", "F CFN006"}},
		{name: "types without a schema", rule: "CFN00", template: `{"Resources": {"A": {"Type": "AWS::DynamoDB::Table"}, "B": {"Type": "AWS::IoT::Policy"}, "C": {"Type": "AWS::IAM::User"}, "D": {"Type": "Alexa::ASK::Skill"}, "E": {"Type": "MongoDB::Atlas::Cluster"}, "F": {"Type": "MyOrg::Shared::Network::MODULE"}, "G": {"Type": "AWS::IAM::RolePolicy"}, "H": {"Type": "AWS::EC2::VPC"}, "I": {"Type": "Custom::Seed_data@v-2"}}}`,
			want: []string{"A CFN004", "B CFN004", "C CFN004", "D CFN004", "E CFN004", "F CFN004", "G CFN004", "H CFN004"}},
		{name: "malformed types", rule: "CFN00", template: `{"Resources": {"A": {"Type": "AWS::S3:Bucket"}, "B": {"Type": "Custom::a.b"}, "C": {"Type": "AWS::Foo"}, "D": {"Type": "Custom::"}}}`,
			want: []string{"A CFN003", "B CFN003", "C CFN003", "D CFN003"}},
		{name: "export names", rule: "CFN032", template: `{"Parameters": {"Env": {"Type": "String"}}, "Conditions": {"C": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {
			"A": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-topic"}}},
			"B": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-${Env}-topic"}}},
			"C": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "arn"]]}}},
			"D": {"Condition": "C", "Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-topic"}}}}}`},
		{name: "export names CloudFormation refuses", rule: "CFN032", template: `{"Parameters": {"Env": {"Type": "String"}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {
			"A": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-${Env}"}}},
			"B": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Ref": "Env"}]]}}},
			"C": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Sub": "${Topic.TopicName}-${AWS::Region}"}}},
			"D": {"Value": {"Ref": "Topic"}, "Export": {"Name": {"Fn::Join": ["-", [{"Fn::ImportValue": "shared-prefix"}, {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]]}}}}}`,
			want: []string{"Outputs.B CFN032", "Outputs.C CFN032", "Outputs.D CFN032"},
			msgs: []string{
				`Export.Name "${AWS::StackName}-${Env}" is also the export name of Outputs.A; CloudFormation refuses a template whose outputs export one name twice.`,
				`Export.Name depends on the resource Topic, which CloudFormation refuses: an export name is made of text, parameters and pseudo parameters such as ${AWS::StackName}.`,
				`Export.Name depends on Fn::ImportValue and Fn::GetAZs, which CloudFormation refuses: an export name is made of text, parameters and pseudo parameters such as ${AWS::StackName}.`,
			}},
		{name: "output IDs CloudFormation refuses", rule: "CFN032", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"Topic-Arn": {"Value": "x"}, "Fn::If": {"Value": "x"}, "TopicArn": {"Value": "x"}}}`,
			want: []string{"Outputs.Fn::If CFN032", "Outputs.Topic-Arn CFN032"}},
		{name: "output descriptions CloudFormation refuses", rule: "CFN032", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {
			"A": {"Value": "x", "Description": {"Fn::Sub": "${AWS::StackName} topic"}},
			"B": {"Value": "x", "Description": "` + strings.Repeat("d", 1025) + `"},
			"C": {"Value": "x", "Description": "` + strings.Repeat("d", 1024) + `"}}}`,
			want: []string{"Outputs.A CFN032", "Outputs.B CFN032"}},
		{name: "output values that are no string", rule: "CFN032", template: `{"Conditions": {"C": {"Fn::Equals": ["a", "b"]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {
			"List": {"Value": ["a", "b"]},
			"Object": {"Value": {"Name": "a"}},
			"Null": {"Value": null},
			"Zones": {"Value": {"Fn::GetAZs": ""}},
			"Split": {"Value": {"Fn::Split": [",", "a,b"]}},
			"Branch": {"Value": {"Fn::If": ["C", "a", ["b"]]}},
			"Joined": {"Value": {"Fn::Join": [",", {"Fn::GetAZs": ""}]}},
			"Number": {"Value": 3},
			"Attribute": {"Value": {"Fn::GetAtt": ["Topic", "TopicArn"]}}}}`,
			want: []string{"Outputs.Branch CFN032", "Outputs.List CFN032", "Outputs.Null CFN032", "Outputs.Object CFN032", "Outputs.Split CFN032", "Outputs.Zones CFN032"}},
		{name: "output without value", rule: "CFN032", template: `{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"A": {"Description": "x"}, "B": {"Value": "x", "Export": {"Nme": "x"}}}}`, want: []string{"Outputs.A CFN032", "Outputs.B CFN032"}},
	})
}

func TestQuotas(t *testing.T) {
	topic := `"Topic": {"Type": "AWS::SNS::Topic"}`
	// entries writes n members of a section, from a format with the
	// member's number.
	entries := func(n int, format string) string {
		e := make([]string, n)
		for i := range e {
			e[i] = fmt.Sprintf(format, i)
		}
		return strings.Join(e, ", ")
	}
	outputs := func(n int) string { return entries(n, `"O%d": {"Value": "x"}`) }
	topics := func(n int) string { return entries(n, `"Topic%d": {"Type": "AWS::SNS::Topic"}`) }
	params := func(n int) string { return entries(n, `"P%d": {"Type": "String"}`) }
	mappings := func(n int) string { return entries(n, `"M%d": {"K": {"V": "x"}}`) }
	// padded is a template of exactly size bytes.
	padded := func(size int) string {
		head, tail := `{"Resources": {`+topic+`}, "Metadata": {"Pad": "`, `"}}`
		return head + strings.Repeat("x", size-len(head)-len(tail)) + tail
	}
	runRuleCases(t, []ruleCase{
		{name: "200 outputs", rule: "CFN005", template: `{"Resources": {` + topic + `}, "Outputs": {` + outputs(200) + `}}`},
		{name: "201 outputs", rule: "CFN005", template: `{"Resources": {` + topic + `}, "Outputs": {` + outputs(201) + `}}`, want: []string{"Template CFN005"}},
		{name: "500 resources", rule: "CFN005", template: `{"Resources": {` + topics(500) + `}}`},
		{name: "501 resources", rule: "CFN005", template: `{"Resources": {` + topics(501) + `}}`, want: []string{"Template CFN005"}},
		{name: "200 parameters", rule: "CFN005", template: `{"Resources": {` + topic + `}, "Parameters": {` + params(200) + `}}`},
		{name: "201 parameters", rule: "CFN005", template: `{"Resources": {` + topic + `}, "Parameters": {` + params(201) + `}}`, want: []string{"Template CFN005"}},
		{name: "200 mappings", rule: "CFN005", template: `{"Resources": {` + topic + `}, "Mappings": {` + mappings(200) + `}}`},
		{name: "201 mappings", rule: "CFN005", template: `{"Resources": {` + topic + `}, "Mappings": {` + mappings(201) + `}}`, want: []string{"Template CFN005"}},
		{name: "1,000,000 bytes", rule: "CFN005", template: padded(1_000_000)},
		{name: "1,000,001 bytes", rule: "CFN005", template: padded(1_000_001), want: []string{"Template CFN005"}},
	})
}

func TestReferences(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "refs resolve", rule: "CFN020", template: doc(`"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "t-${EnvironmentSuffix}-${AWS::Region}"}}}, "Sub": {"Type": "AWS::SNS::Subscription", "Properties": {"TopicArn": {"Ref": "Topic"}, "Protocol": "email", "Endpoint": {"Ref": "AWS::NoValue"}}}`)},
		{name: "unknown ref", rule: "CFN020", template: doc(`"Sub": {"Type": "AWS::SNS::Subscription", "Properties": {"TopicArn": {"Ref": "Topc"}, "Protocol": "email"}}`), want: []string{"Sub CFN020"}},
		{name: "unknown mapping", rule: "CFN020", template: doc(`"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::FindInMap": ["Names", "a", "b"]}}}`), want: []string{"Topic CFN020"}},
		{name: "condition refers to resource", rule: "CFN020", template: `{"Conditions": {"C": {"Fn::Equals": [{"Ref": "Topic"}, "x"]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"Template CFN020"}},
		{name: "getatt both forms", rule: "CFN021", template: doc(`"Key": {"Type": "AWS::KMS::Key"}, "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["Key", "Arn"]}, "DisplayName": {"Fn::GetAtt": "Key.KeyId"}}}`)},
		{name: "getatt unknown attribute", rule: "CFN021", template: doc(`"Key": {"Type": "AWS::KMS::Key"}, "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["Key", "Name"]}}}`), want: []string{"Topic CFN021"}},
		{name: "getatt unknown resource", rule: "CFN021", template: doc(`"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Fn::GetAtt": "Kee.Arn"}}}`), want: []string{"Topic CFN021"}},
		{name: "getatt nested attribute", rule: "CFN021", template: doc(`"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}}}, "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Fn", "SnapStartResponse.ApplyOn"]}}}`)},
		{name: "getatt extra attribute", rule: "CFN021", template: doc(`"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x"}}, "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["SG", "VpcId"]}}}`)},
		{name: "sub resolves", rule: "CFN022", template: doc(`"Key": {"Type": "AWS::KMS::Key"}, "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Sub": ["${Key.Arn}/${Local}/${!Literal}/${EnvironmentSuffix}", {"Local": "x"}]}}}`)},
		{name: "sub of strings", rule: "CFN022", template: `{"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}, "Vpc": {"Type": "AWS::EC2::VPC::Id"}}, "Resources": {"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": {"Fn::Sub": ["${Vpc} ${List} ${SG.VpcId}", {"List": {"Fn::Join": [",", {"Ref": "Subnets"}]}}]}}}}}`},
		{name: "sub of lists", rule: "CFN022", template: `{"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}, "Names": {"Type": "CommaDelimitedList"}}, "Resources": {"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": {"Fn::Sub": "${Subnets} ${Names} ${AWS::NotificationARNs} ${Endpoint.DnsEntries}"}}},
			"Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": "vpc-0a1b2c3d", "ServiceName": "com.amazonaws.us-east-1.s3"}}}}`,
			want: []string{"SG CFN022", "SG CFN022", "SG CFN022", "SG CFN022"},
			msgs: []string{
				`Properties.GroupDescription: Fn::Sub variable ${AWS::NotificationARNs} is a list, and CloudFormation substitutes only strings; join it with {"Fn::Join": [",", {"Ref": "AWS::NotificationARNs"}]} in the variable map.`,
				`Properties.GroupDescription: Fn::Sub variable ${Endpoint.DnsEntries} is a list, and CloudFormation substitutes only strings; join it with {"Fn::Join": [",", {"Fn::GetAtt": ["Endpoint", "DnsEntries"]}]} in the variable map.`,
				`Properties.GroupDescription: Fn::Sub variable ${Names} is a list, and CloudFormation substitutes only strings; join it with {"Fn::Join": [",", {"Ref": "Names"}]} in the variable map.`,
				`Properties.GroupDescription: Fn::Sub variable ${Subnets} is a list, and CloudFormation substitutes only strings; join it with {"Fn::Join": [",", {"Ref": "Subnets"}]} in the variable map.`,
			}},
		{name: "sub unresolved", rule: "CFN022", template: doc(`"Key": {"Type": "AWS::KMS::Key"}, "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Sub": "${Key.Nope}-${Missing}"}}}`), want: []string{"Topic CFN022", "Topic CFN022"}},
		{name: "resources the serverless transform generates", rule: "CFN02", template: `{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.b", "CodeUri": "s3://b/k", "AutoPublishAlias": "live"}},
			"Topic": {"Type": "AWS::SNS::Topic", "DependsOn": "FnRole", "Properties": {"DisplayName": {"Fn::Sub": "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/ ${FnRole.Arn}"}, "TopicName": {"Ref": "Fn.Alias"}}}}, "Outputs": {"Role": {"Value": {"Fn::GetAtt": ["FnRole", "Arn"]}}, "Missing": {"Value": {"Ref": "Other"}}}}`,
			want: []string{"Outputs.Missing CFN020"}},
		{name: "serverless names without the transform", rule: "CFN02", template: `{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}}}}, "Outputs": {"Role": {"Value": {"Fn::GetAtt": ["FnRole", "Arn"]}}, "Api": {"Value": {"Ref": "ServerlessRestApi"}}}}`,
			want: []string{"Outputs.Api CFN020", "Outputs.Role CFN021"}},
		{name: "undeclared condition", rule: "CFN023", template: doc(`"Topic": {"Type": "AWS::SNS::Topic", "Condition": "IsProd", "Properties": {"DisplayName": {"Fn::If": ["IsDev", "a", "b"]}}}`), want: []string{"Topic CFN023", "Topic CFN023"}},
		{name: "declared condition", rule: "CFN023", template: `{"Parameters": {"Env": {"Type": "String"}}, "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}, "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Condition": "NotProd", "Properties": {"DisplayName": {"Fn::If": ["IsProd", "a", {"Ref": "AWS::NoValue"}]}}}}}`},
		{name: "dependson", rule: "CFN024", template: doc(`"A": {"Type": "AWS::SNS::Topic", "DependsOn": ["B", "EnvironmentSuffix", "C"]}, "B": {"Type": "AWS::SNS::Topic", "DependsOn": "A2"}`), want: []string{"A CFN024", "A CFN024", "B CFN024"}},
		{name: "cycle", rule: "CFN025", template: doc(`"A": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Sub": "${C.TopicName}"}}}, "C": {"Type": "AWS::SNS::Topic", "DependsOn": "A"}, "D": {"Type": "AWS::SNS::Topic", "DependsOn": "D"}`), want: []string{"A CFN025", "D CFN025"}},
		{name: "malformed functions", rule: "CFN018", template: doc(`"A": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Join": ["-"]}, "TopicName": {"Fn::If": ["C", "x"]}, "Tags": [{"Key": {"Fn::Select": [0]}, "Value": {"Fn::Sub": "${Oops"}}]}}`), want: []string{"A CFN018", "A CFN018", "A CFN018", "A CFN018"}},
	})
}

func TestTypeMessages(t *testing.T) {
	fs := Template("t.json", []byte(`{"Resources": {"A": {"Type": "AWS::S3::Bucke"}, "B": {"Type": "Aws::DynamoDB::Table"}, "C": {"Type": "AWS::S3:Bucket"}, "D": {"Type": "AWS::DynamoDB::Table"}}}`))
	var got []string
	for _, f := range fs {
		got = append(got, f.Severity.String()+" "+f.String())
	}
	want := []string{
		`error t.json: A: CFN006: Type "AWS::S3::Bucke" is not a type CloudFormation knows; did you mean "AWS::S3::Bucket"?`,
		`error t.json: B: CFN006: Type "Aws::DynamoDB::Table" is not a type CloudFormation knows; did you mean "AWS::DynamoDB::Table"?`,
		`error t.json: C: CFN003: Type "AWS::S3:Bucket" is not a resource type; did you mean "AWS::S3::Bucket"?`,
		`warning t.json: D: CFN004: There is no schema for AWS::DynamoDB::Table here, so its properties are not checked; check the type name or add its schema to check/schemas.`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCycleMessage(t *testing.T) {
	fs := Template("t.json", []byte(doc(`"A": {"Type": "AWS::CodeDeploy::Application", "Properties": {"ComputePlatform": {"Ref": "B"}}}, "B": {"Type": "AWS::CodeDeploy::Application", "DependsOn": "A"}`)))
	want := "t.json: A: CFN025: The resources form a dependency cycle: A → B → A; CloudFormation cannot order them, so remove one of these Ref, Fn::GetAtt, Fn::Sub or DependsOn references."
	if len(fs) != 1 || fs[0].String() != want {
		t.Errorf("got\n%swant\n\t%s", describe(fs), want)
	}
}

func TestOutputs(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "output refs", rule: "CFN021", template: `{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["A", "Arn"]}}, "Name": {"Value": {"Fn::GetAtt": ["A", "TopicName"]}}}}`, want: []string{"Outputs.Arn CFN021"}},
		{name: "output unknown ref", rule: "CFN020", template: `{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"X": {"Value": {"Ref": "B"}, "Export": {"Name": {"Ref": "AWS::StackName"}}}}}`, want: []string{"Outputs.X CFN020"}},
	})
}

func TestParameters(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "valid types", rule: "CFN030", template: `{"Parameters": {
			"A": {"Type": "String"}, "B": {"Type": "Number"}, "C": {"Type": "List<Number>"}, "D": {"Type": "CommaDelimitedList"},
			"E": {"Type": "AWS::EC2::VPC::Id"}, "F": {"Type": "List<AWS::EC2::Subnet::Id>"}, "G": {"Type": "AWS::SSM::Parameter::Value<String>"},
			"H": {"Type": "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>"}, "I": {"Type": "AWS::SSM::Parameter::Name"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`},
		{name: "invalid types", rule: "CFN030", template: `{"Parameters": {"A": {"Type": "string"}, "B": {"Type": "List<String>"}, "C": {"Default": "x"}, "D": {"Type": "String", "Allowed": ["x"]}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`,
			want: []string{"Parameters.A CFN030", "Parameters.B CFN030", "Parameters.C CFN030", "Parameters.D CFN030"}},
		{name: "defaults satisfy constraints", rule: "CFN031", template: `{"Parameters": {
			"Suffix": {"Type": "String", "Default": "dev", "AllowedPattern": "[a-z0-9]{1,8}", "MaxLength": 8},
			"Count": {"Type": "Number", "Default": 3, "MinValue": 1, "MaxValue": "5"},
			"Stage": {"Type": "String", "Default": "prod", "AllowedValues": ["dev", "prod"]},
			"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-0a1b2c3d4e5f67890,subnet-0f9e8d7c"},
			"Vpc": {"Type": "AWS::EC2::VPC::Id", "Default": "vpc-0a1b2c3d"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`},
		{name: "defaults break constraints", rule: "CFN031", template: `{"Parameters": {
			"Suffix": {"Type": "String", "Default": "Dev-1", "AllowedPattern": "[a-z0-9]{1,8}"},
			"Long": {"Type": "String", "Default": "abcdefghij", "MaxLength": 8},
			"Count": {"Type": "Number", "Default": "many"},
			"Big": {"Type": "Number", "Default": 9, "MaxValue": 5},
			"Stage": {"Type": "String", "Default": "qa", "AllowedValues": ["dev", "prod"]},
			"Shape": {"Type": "String", "Default": "{}", "AllowedValues": [{}, [], null]},
			"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-0a1b2c3d4e5f67890,subnet-xyz"},
			"Vpc": {"Type": "AWS::EC2::VPC::Id", "Default": "vpc-1"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`,
			want: []string{"Parameters.Big CFN031", "Parameters.Count CFN031", "Parameters.Long CFN031", "Parameters.Shape CFN031", "Parameters.Stage CFN031", "Parameters.Subnets CFN031", "Parameters.Suffix CFN031", "Parameters.Vpc CFN031"}},
	})
}

func TestRulesTable(t *testing.T) {
	rs := Rules()
	if !slices.IsSortedFunc(rs, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Rules() is not sorted by ID")
	}
	for i, r := range rs {
		if i > 0 && rs[i-1].ID == r.ID {
			t.Errorf("rule %s is listed twice", r.ID)
		}
		if r.Title == "" || r.Rationale == "" {
			t.Errorf("rule %s needs a title and a rationale", r.ID)
		}
		if !strings.HasSuffix(r.Rationale, ".") || (r.Exceptions != "" && !strings.HasSuffix(r.Exceptions, ".")) {
			t.Errorf("rule %s: rationale and exceptions must be sentences", r.ID)
		}
	}
	// Every rule id the code reports is declared: severityOf panics otherwise.
	src, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, r := range rs {
		declared[r.ID] = true
	}
	for _, e := range src {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		data, err := os.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range strings.FieldsFunc(string(data), func(r rune) bool { return r == '"' }) {
			if (strings.HasPrefix(field, "CFN0") || strings.HasPrefix(field, "PL0")) && len(field) <= 6 && !declared[field] {
				t.Errorf("%s reports undeclared rule %s", e.Name(), field)
			}
		}
	}
}

func TestCreateOnlyPaths(t *testing.T) {
	cases := []struct {
		typ  string
		want []string
	}{
		{"AWS::S3::Bucket", []string{"BucketName", "BucketNamePrefix", "BucketNamespace"}},
		{"AWS::ECR::Repository", []string{"RepositoryName", "EncryptionConfiguration", "EncryptionConfiguration.EncryptionType", "EncryptionConfiguration.KmsKey"}},
		{"AWS::KMS::Key", nil},
		{"AWS::SQS::Queue", nil},
	}
	for _, tc := range cases {
		if got := CreateOnlyPaths(tc.typ); !slices.Equal(got, tc.want) {
			t.Errorf("CreateOnlyPaths(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
}

func TestSeverityAndString(t *testing.T) {
	if Error.String() != "error" || Warning.String() != "warning" {
		t.Errorf("severity strings: %q, %q", Error, Warning)
	}
	f := Finding{File: "out/orders.json", Resource: "Bucket", Rule: "PL040", Message: "M."}
	if got := f.String(); got != "out/orders.json: Bucket: PL040: M." {
		t.Errorf("String() = %q", got)
	}
	f = Finding{File: "t\x1b.json", Resource: "T\x1b[2J\x00", Rule: "CFN003", Message: "Ref \"\u202e\" names \xff, not \ufffd\té."}
	if got, want := f.String(), "t\\x1b.json: T\\x1b[2J\\x00: CFN003: Ref \"\\u202e\" names \\xff, not \ufffd\\té."; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	fs := Template("t.json", []byte(doc(`"Q": {"Type": "AWS::SQS::Queue"}`)))
	if len(fs) != 1 || fs[0].Severity != Warning {
		t.Errorf("want one warning, got\n%s", describe(fs))
	}
}

func TestDeterministic(t *testing.T) {
	bad := mutate(t, func(res map[string]any) {
		props(res, "PipelineRole")["RoleName"] = "pipeline-role"
		props(res, "ArtifactKey")["Description"] = map[string]any{"Fn::GetAtt": []any{"Pipeline", "Version"}}
		delete(props(res, "BuildLogGroup"), "KmsKeyId")
	})
	first := fmt.Sprint(Template("x.json", bad))
	for range 20 {
		if got := fmt.Sprint(Template("x.json", bad)); got != first {
			t.Fatalf("findings differ between runs:\n%s\n%s", first, got)
		}
	}
}

func TestTemplates(t *testing.T) {
	files := map[string][]byte{
		"b.json": []byte(`[]`),
		"a.json": readTestdata(t, "pipeline.json"),
		"c.json": []byte(doc(`"Q": {"Type": "AWS::SQS::Queue"}`)),
	}
	read := func(name string) ([]byte, error) {
		if data, ok := files[name]; ok {
			return data, nil
		}
		return nil, fs.ErrNotExist
	}
	findings, err := Templates([]string{"a.json", "b.json", "c.json"}, read)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.File+" "+f.Rule)
	}
	want := []string{"b.json CFN001", "c.json CFN004"}
	if !slices.Equal(got, want) {
		t.Errorf("Templates() = %q, want %q", got, want)
	}

	if _, err := Templates([]string{"a.json", "gone.json", "c.json"}, read); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Templates() with a missing file: error %v, want %v", err, fs.ErrNotExist)
	}
}

func BenchmarkTemplate(b *testing.B) {
	data := readTestdata(b, "pipeline.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if fs := Template("pipeline.json", data); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkTemplates1000 checks 1,000 realistic templates per iteration, on
// GOMAXPROCS workers.
func BenchmarkTemplates1000(b *testing.B) {
	data := readTestdata(b, "pipeline.json")
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("out/service-%04d.json", i)
	}
	read := func(string) ([]byte, error) { return data, nil }
	b.SetBytes(int64(len(data) * len(names)))
	for b.Loop() {
		if fs, err := Templates(names, read); err != nil || len(fs) != 0 {
			b.Fatal(err, fs)
		}
	}
}

// update is accepted so that "go test ./... -update" runs; this package has
// no golden files.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")

// TestCachesKeepNoTemplate: the checks cache what they learn of patterns
// across templates, and build reuses a template's memory once Template
// returns; a cache that kept a slice of the template as a key would see
// the key change under it.
func TestCachesKeepNoTemplate(t *testing.T) {
	doc := []byte(`{"Parameters": {"P": {"Type": "String", "AllowedPattern": "^[a-q]{3,9}(?:-[r-z]+)?$", "Default": "abc"}},
		"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "P"}}}}}`)
	Template("t.json", doc)
	for i := range doc {
		doc[i] = 0x01 // in no pattern
	}
	for name, cache := range map[string]*sync.Map{"problemCache": &problemCache, "patternCache": &patternCache} {
		cache.Range(func(key, _ any) bool {
			if strings.Contains(key.(string), "\x01") {
				t.Errorf("%s holds the key %q, a slice of the template", name, key)
			}
			return true
		})
	}
}
