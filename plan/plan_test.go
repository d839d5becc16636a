package plan

import (
	"encoding/json"
	"flag"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// doc parses a template written in tests.
func doc(t *testing.T, src string) Doc {
	t.Helper()
	if src == "" {
		return nil
	}
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("parse %s: %v", src, err)
	}
	return d
}

// createOnly is a small table in the registry's form.
func createOnly(resourceType string) []string {
	return map[string][]string{
		"AWS::S3::Bucket":         {"/properties/BucketName"},
		"AWS::EC2::SecurityGroup": {"GroupName", "VpcId"},
		"AWS::EC2::VPCEndpoint":   {"/properties/DnsOptions/PrivateDnsPreference"},
		"AWS::Test::Wild":         {"Items.*.Id"},
	}[resourceType]
}

func num(s string) json.Number { return json.Number(s) }

func TestCompareResources(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Resource
	}{
		{
			name: "equal",
			old:  `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}}}}`,
			new:  `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}}}}`,
		},
		{
			name: "added and removed",
			old:  `{"Resources": {"Old": {"Type": "AWS::Logs::LogGroup"}, "Role": {"Type": "AWS::IAM::Role"}}}`,
			new:  `{"Resources": {"New": {"Type": "AWS::Logs::LogGroup"}, "Role": {"Type": "AWS::IAM::Role"}}}`,
			want: []Resource{
				{LogicalID: "New", Type: "AWS::Logs::LogGroup", Action: Create},
				{LogicalID: "Old", Type: "AWS::Logs::LogGroup", Action: Delete},
			},
		},
		{
			name: "absent old template",
			new:  `{"Resources": {"Role": {"Type": "AWS::IAM::Role"}, "Log": {"Type": "AWS::Logs::LogGroup"}}}`,
			want: []Resource{
				{LogicalID: "Log", Type: "AWS::Logs::LogGroup", Action: Create},
				{LogicalID: "Role", Type: "AWS::IAM::Role", Action: Create, Security: true},
			},
		},
		{
			name: "changed in place",
			old:  `{"Resources": {"P": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"ComputeType": "BUILD_GENERAL1_SMALL"}, "TimeoutInMinutes": 30}}}}`,
			new:  `{"Resources": {"P": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"ComputeType": "BUILD_GENERAL1_MEDIUM"}, "TimeoutInMinutes": 45}}}}`,
			want: []Resource{{LogicalID: "P", Type: "AWS::CodeBuild::Project", Action: Update, Changes: []Change{
				{Kind: Modify, Path: "Properties.Environment.ComputeType", Old: "BUILD_GENERAL1_SMALL", New: "BUILD_GENERAL1_MEDIUM"},
				{Kind: Modify, Path: "Properties.TimeoutInMinutes", Old: num("30"), New: num("45")},
			}}},
		},
		{
			name: "create-only property replaces",
			old:  `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a", "Tags": []}}}}`,
			new:  `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b", "Tags": [{"Key": "k", "Value": "v"}]}}}}`,
			want: []Resource{{LogicalID: "B", Type: "AWS::S3::Bucket", Action: Replace, Changes: []Change{
				{Kind: Modify, Path: "Properties.BucketName", Old: "a", New: "b", Replacement: true},
				{Kind: Add, Path: "Properties.Tags[0]", New: map[string]any{"Key": "k", "Value": "v"}},
			}}},
		},
		{
			name: "adding a create-only property replaces",
			old:  `{"Resources": {"G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "d"}}}}`,
			new:  `{"Resources": {"G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "d", "VpcId": "vpc-1"}}}}`,
			want: []Resource{{LogicalID: "G", Type: "AWS::EC2::SecurityGroup", Action: Replace, Security: true, Changes: []Change{
				{Kind: Add, Path: "Properties.VpcId", New: "vpc-1", Replacement: true},
			}}},
		},
		{
			name: "nested create-only property under an added block",
			old:  `{"Resources": {"E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {}}}}`,
			new:  `{"Resources": {"E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"DnsOptions": {"PrivateDnsPreference": "ALL_DOMAINS"}}}}}`,
			want: []Resource{{LogicalID: "E", Type: "AWS::EC2::VPCEndpoint", Action: Replace, Changes: []Change{
				{Kind: Add, Path: "Properties.DnsOptions", New: map[string]any{"PrivateDnsPreference": "ALL_DOMAINS"}, Replacement: true},
			}}},
		},
		{
			name: "block added without the create-only property",
			old:  `{"Resources": {"E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {}}}}`,
			new:  `{"Resources": {"E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"DnsOptions": {"DnsRecordIpType": "ipv4"}}}}}`,
			want: []Resource{{LogicalID: "E", Type: "AWS::EC2::VPCEndpoint", Action: Update, Changes: []Change{
				{Kind: Add, Path: "Properties.DnsOptions", New: map[string]any{"DnsRecordIpType": "ipv4"}},
			}}},
		},
		{
			name: "wildcard create-only path",
			old:  `{"Resources": {"W": {"Type": "AWS::Test::Wild", "Properties": {"Items": [{"Id": "a", "Size": 1}]}}}}`,
			new:  `{"Resources": {"W": {"Type": "AWS::Test::Wild", "Properties": {"Items": [{"Id": "b", "Size": 2}]}}}}`,
			want: []Resource{{LogicalID: "W", Type: "AWS::Test::Wild", Action: Replace, Changes: []Change{
				{Kind: Remove, Path: "Properties.Items[0]", Old: map[string]any{"Id": "a", "Size": num("1")}, Replacement: true},
				{Kind: Add, Path: "Properties.Items[0]", New: map[string]any{"Id": "b", "Size": num("2")}, Replacement: true},
			}}},
		},
		{
			name: "type change replaces",
			old:  `{"Resources": {"X": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p"}}}}`,
			new:  `{"Resources": {"X": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyName": "p"}}}}`,
			want: []Resource{{LogicalID: "X", Type: "AWS::IAM::ManagedPolicy", Action: Replace, Security: true, Changes: []Change{
				{Kind: Modify, Path: "Type", Old: "AWS::IAM::Policy", New: "AWS::IAM::ManagedPolicy", Replacement: true},
			}}},
		},
		{
			name: "key policy is security-relevant",
			old:  `{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [{"Sid": "Admin", "Action": ["kms:Create*"]}]}}}}}`,
			new:  `{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [{"Sid": "Admin", "Action": ["kms:Create*", "kms:Decrypt"]}]}}}}}`,
			want: []Resource{{LogicalID: "K", Type: "AWS::KMS::Key", Action: Update, Security: true, Changes: []Change{
				{Kind: Add, Path: "Properties.KeyPolicy.Statement[0].Action[1]", New: "kms:Decrypt"},
			}}},
		},
		{
			name: "other key properties are not security-relevant",
			old:  `{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"Description": "a"}}}}`,
			new:  `{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"Description": "b"}}}}`,
			want: []Resource{{LogicalID: "K", Type: "AWS::KMS::Key", Action: Update, Changes: []Change{
				{Kind: Modify, Path: "Properties.Description", Old: "a", New: "b"},
			}}},
		},
		{
			name: "security flags",
			old: `{"Resources": {
				"BP": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "b"}},
				"TP": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": ["a"]}},
				"LP": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunction"}},
				"AL": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": "alias/a"}},
				"LG": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 30}}}}`,
			new: `{"Resources": {
				"BP": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "c"}},
				"TP": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": ["b"]}},
				"LP": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunctionUrl"}},
				"AL": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": "alias/b"}},
				"LG": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 60}}}}`,
			want: []Resource{
				{LogicalID: "AL", Type: "AWS::KMS::Alias", Action: Update, Security: true, Changes: []Change{{Kind: Modify, Path: "Properties.AliasName", Old: "alias/a", New: "alias/b"}}},
				{LogicalID: "BP", Type: "AWS::S3::BucketPolicy", Action: Update, Security: true, Changes: []Change{{Kind: Modify, Path: "Properties.Bucket", Old: "b", New: "c"}}},
				{LogicalID: "LG", Type: "AWS::Logs::LogGroup", Action: Update, Changes: []Change{{Kind: Modify, Path: "Properties.RetentionInDays", Old: num("30"), New: num("60")}}},
				{LogicalID: "LP", Type: "AWS::Lambda::Permission", Action: Update, Security: true, Changes: []Change{{Kind: Modify, Path: "Properties.Action", Old: "lambda:InvokeFunction", New: "lambda:InvokeFunctionUrl"}}},
				{LogicalID: "TP", Type: "AWS::SNS::TopicPolicy", Action: Update, Security: true, Changes: []Change{{Kind: Modify, Path: "Properties.Topics[0]", Old: "a", New: "b"}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(doc(t, tt.old), doc(t, tt.new), createOnly, nil)
			if diff := cmp.Diff(tt.want, got.Resources); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNamedLists checks that elements of named lists match by name, so
// that an insertion is one added element and not a cascade of changes.
func TestNamedLists(t *testing.T) {
	pipeline := func(stages string) string {
		return `{"Resources": {"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Stages": [` + stages + `]}}}}`
	}
	const (
		source  = `{"Name": "Source", "Actions": [{"Name": "Source", "Configuration": {"BranchName": "main"}}]}`
		build   = `{"Name": "Build", "Actions": [{"Name": "Build"}]}`
		approve = `{"Name": "Approve", "Actions": [{"Name": "Approve"}]}`
		deploy  = `{"Name": "Deploy", "Actions": [{"Name": "Deploy"}]}`
	)
	tests := []struct {
		name     string
		old, new string
		want     []Change
	}{
		{
			name: "inserted stage",
			old:  pipeline(source + "," + build + "," + deploy),
			new:  pipeline(source + "," + build + "," + approve + "," + deploy),
			want: []Change{{Kind: Add, Path: "Properties.Stages[2]", New: mustJSON(approve)}},
		},
		{
			name: "removed stage",
			old:  pipeline(source + "," + approve + "," + build + "," + deploy),
			new:  pipeline(source + "," + build + "," + deploy),
			want: []Change{{Kind: Remove, Path: "Properties.Stages[1]", Old: mustJSON(approve)}},
		},
		{
			name: "change inside a moved stage uses its new index",
			old:  pipeline(source + "," + build),
			new:  pipeline(approve + "," + strings.Replace(source, "main", "release", 1) + "," + build),
			want: []Change{
				{Kind: Add, Path: "Properties.Stages[0]", New: mustJSON(approve)},
				{Kind: Modify, Path: "Properties.Stages[1].Actions[0].Configuration.BranchName", Old: "main", New: "release"},
			},
		},
		{
			name: "reordered stages",
			old:  pipeline(source + "," + build + "," + deploy),
			new:  pipeline(source + "," + deploy + "," + build),
			want: []Change{{Kind: Reorder, Path: "Properties.Stages", Old: []any{"Source", "Build", "Deploy"}, New: []any{"Source", "Deploy", "Build"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(doc(t, tt.old), doc(t, tt.new), nil, nil)
			if len(got.Resources) != 1 {
				t.Fatalf("got %d changed resources, want 1", len(got.Resources))
			}
			if diff := cmp.Diff(tt.want, got.Resources[0].Changes); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListMatching(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Change
	}{
		{
			name: "tags by key",
			old:  `[{"Key": "A", "Value": "1"}, {"Key": "C", "Value": "3"}]`,
			new:  `[{"Key": "A", "Value": "1"}, {"Key": "B", "Value": "2"}, {"Key": "C", "Value": "4"}]`,
			want: []Change{
				{Kind: Add, Path: "L[1]", New: map[string]any{"Key": "B", "Value": "2"}},
				{Kind: Modify, Path: "L[2].Value", Old: "3", New: "4"},
			},
		},
		{
			name: "statements by sid",
			old:  `[{"Sid": "Read", "Action": ["s3:GetObject"]}, {"Sid": "Write", "Action": ["s3:PutObject"]}]`,
			new:  `[{"Sid": "Write", "Action": ["s3:PutObject"]}]`,
			want: []Change{{Kind: Remove, Path: "L[0]", Old: map[string]any{"Sid": "Read", "Action": []any{"s3:GetObject"}}}},
		},
		{
			name: "scalars insert in the middle",
			old:  `["a", "b", "d"]`,
			new:  `["a", "b", "c", "d"]`,
			want: []Change{{Kind: Add, Path: "L[2]", New: "c"}},
		},
		{
			name: "scalars replaced in place",
			old:  `["a", "b", "d"]`,
			new:  `["a", "x", "d", "e"]`,
			want: []Change{
				{Kind: Modify, Path: "L[1]", Old: "b", New: "x"},
				{Kind: Add, Path: "L[3]", New: "e"},
			},
		},
		{
			name: "unnamed objects pair by position",
			old:  `[{"Effect": "Allow", "Action": "a"}]`,
			new:  `[{"Effect": "Deny", "Action": "a"}]`,
			want: []Change{{Kind: Modify, Path: "L[0].Effect", Old: "Allow", New: "Deny"}},
		},
		{
			name: "duplicate names fall back to order",
			old:  `[{"Name": "x", "V": 1}, {"Name": "x", "V": 2}]`,
			new:  `[{"Name": "x", "V": 1}, {"Name": "x", "V": 3}]`,
			want: []Change{{Kind: Modify, Path: "L[1].V", Old: num("2"), New: num("3")}},
		},
		{
			name: "object replaced by scalar",
			old:  `{"Fn::Sub": "x"}`,
			new:  `"x"`,
			want: []Change{{Kind: Modify, Path: "L", Old: map[string]any{"Fn::Sub": "x"}, New: "x"}},
		},
		{
			name: "odd keys are quoted",
			old:  `{"a.b": 1, "": 2}`,
			new:  `{"a.b": 2, "": 3}`,
			want: []Change{
				{Kind: Modify, Path: `L[""]`, Old: num("2"), New: num("3")},
				{Kind: Modify, Path: `L["a.b"]`, Old: num("1"), New: num("2")},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d differ
			d.value(path{{key: "L"}}, mustJSON(tt.old), true, mustJSON(tt.new), true)
			if diff := cmp.Diff(tt.want, d.finish()); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompareEntriesAndOther(t *testing.T) {
	old := doc(t, `{"Description": "one", "Parameters": {"A": {"Default": "x"}, "B": {}}, "Outputs": {"O": {"Value": "v"}}, "Resources": {}}`)
	new := doc(t, `{"Description": "two", "Parameters": {"A": {"Default": "y"}, "C": {}}, "Outputs": {"O": {"Value": "v"}}, "Resources": {}}`)
	got := Compare(old, new, nil, nil)
	want := &Template{
		Parameters: []Entry{
			{Name: "A", Kind: Modify, Changes: []Change{{Kind: Modify, Path: "Default", Old: "x", New: "y"}}},
			{Name: "B", Kind: Remove},
			{Name: "C", Kind: Add},
		},
		Other: []Change{{Kind: Modify, Path: "Description", Old: "one", New: "two"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got.Empty() {
		t.Error("Empty() = true for templates that differ")
	}
	if !Compare(old, old, nil, nil).Empty() {
		t.Error("Empty() = false for equal templates")
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		s    Summary
		want string
	}{
		{Summary{}, "Plan: 0 to add, 0 to change, 0 to destroy."},
		{Summary{Add: 2, Change: 5, Replace: 1, Security: 3}, "Plan: 2 to add, 5 to change (1 replacement), 0 to destroy; 3 security-relevant changes."},
		{Summary{Change: 2, Replace: 2, Destroy: 1, Security: 1}, "Plan: 0 to add, 2 to change (2 replacements), 1 to destroy; 1 security-relevant change."},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.s, got, tt.want)
		}
	}

	var s Summary
	s.Count(&Template{Resources: []Resource{
		{Action: Create, Security: true}, {Action: Update}, {Action: Replace, Security: true}, {Action: Delete},
	}})
	if want := (Summary{Add: 1, Change: 2, Replace: 1, Destroy: 1, Security: 2}); s != want {
		t.Errorf("Count: got %+v, want %+v", s, want)
	}
}

func TestParse(t *testing.T) {
	for _, src := range []string{``, `[]`, `{"Resources": []}`, `{} {}`, `{"a":`} {
		if _, err := Parse([]byte(src)); err == nil {
			t.Errorf("Parse(%q): no error", src)
		}
	}
	// The error says where the document breaks, as an editor counts.
	for _, tc := range []struct{ src, want string }{
		{"", "not a JSON document: the file is empty"},
		{" \n\t", "not a JSON document: the file is empty"},
		{"\xef\xbb\xbf{}", "not a JSON document: it starts with a byte order mark (EF BB BF), which JSON does not allow"},
		{"{not json", "not a JSON document: line 1, column 2: invalid character 'n' looking for beginning of object key string"},
		{"{\n  \"a\": 1,\n  \"b\": tru\n}", "not a JSON document: line 3, column 11: invalid character '\\n' in literal true (expecting 'e')"},
		{"{\"Resources\": \n", "not a JSON document: line 2, column 1: the file ends inside a value"},
		{"{}\n  x", "not a JSON document: line 2, column 3: data after the top-level value"},
		{"{}}", "not a JSON document: line 1, column 3: data after the top-level value"},
		{"{\"a\": 1}\n]", "not a JSON document: line 2, column 1: data after the top-level value"},
	} {
		_, err := Parse([]byte(tc.src))
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q): %v; want %s", tc.src, err, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		v    string
		want string
	}{
		{`"a<b>&c"`, `"a<b>&c"`},
		{`12.50`, `12.50`},
		{`[true, null, "x"]`, `[true,null,"x"]`},
		{`{"Value": "v", "Key": "k"}`, `{"Key":"k","Value":"v"}`},
		{`{"Actions": [], "Name": "Deploy", "Id": "i"}`, `{"Name":"Deploy","Id":"i","Actions":[]}`},
		{`{"Effect": "Allow", "Sid": "S", "Action": "a"}`, `{"Sid":"S","Action":"a","Effect":"Allow"}`},
	}
	for _, tt := range tests {
		if got := Format(mustJSON(tt.v)); got != tt.want {
			t.Errorf("Format(%s) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"eleven char", 10, "eleven…har"},
		{"ééééééééééé", 5, "ééé…é"},
		{"ab", 1, "…"},
		{`{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-task"}`, 40, `{"Fn::Sub":"arn:${AWS::Par…orders-task"}`},
	}
	for _, tt := range tests {
		if got := Shorten(tt.s, tt.max); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}

	pairs := []struct {
		old, new         string
		max              int
		wantOld, wantNew string
	}{
		{`"a"`, `"b"`, 60, `"a"`, `"b"`},
		{
			`"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"`,
			`"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/fedcba9876543210"`,
			60,
			`…9abcdef/0123456789abcdef"`,
			`…9abcdef/fedcba9876543210"`,
		},
		{
			`"` + strings.Repeat("a", 70) + `"`,
			`"b` + strings.Repeat("a", 69) + `"`,
			20,
			`"aaaaaaaaaaaa…aaaaa"`,
			`"baaaaaaaaaaa…aaaaa"`,
		},
	}
	for _, tt := range pairs {
		o, n := ShortenPair(tt.old, tt.new, tt.max)
		if o != tt.wantOld || n != tt.wantNew {
			t.Errorf("ShortenPair(%s, %s, %d) = %s, %s; want %s, %s", tt.old, tt.new, tt.max, o, n, tt.wantOld, tt.wantNew)
		}
	}
}

func mustJSON(s string) any {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		panic(err)
	}
	return v
}

// update is accepted so that "go test ./... -update" runs; this package has
// no golden files.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")

// TestParameterDefaults: a new default changes the resources that use the
// parameter, as a deployment passing the defaults changes them.
func TestParameterDefaults(t *testing.T) {
	const tmpl = `{
		"Parameters": {"VpcId": {"Type": "AWS::EC2::VPC::Id", "Default": %q}, "Other": {"Type": "String", "Default": "o"}},
		"Resources": {
			"Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"VpcId": {"Ref": "VpcId"}, "GroupDescription": "g"}},
			"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": {"Statement": [{"Resource": {"Fn::Sub": ["arn:aws:ec2:*:*:vpc/${V}", {"V": {"Ref": "VpcId"}}]}}]}}},
			"Project": {"Type": "AWS::CodeBuild::Project", "Properties": {"VpcConfig": {"VpcId": {"Fn::Sub": "${VpcId}"}}, "Name": {"Ref": "Other"}}},
			"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}},
			"Shadow": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": ["${VpcId}", {"VpcId": "literal"}]}}}
		}
	}`
	old := doc(t, fmt.Sprintf(tmpl, "vpc-1"))
	new := doc(t, fmt.Sprintf(tmpl, "vpc-2"))
	all := func(string) bool { return true }
	got := Compare(old, new, createOnly, all).Resources
	change := func(path string, replacement bool) Change {
		return Change{Kind: Modify, Path: path, Old: "vpc-1", New: "vpc-2", Replacement: replacement, Parameter: "VpcId"}
	}
	want := []Resource{
		{LogicalID: "Group", Type: "AWS::EC2::SecurityGroup", Action: Replace, Security: true, Changes: []Change{change("Properties.VpcId", true)}},
		{LogicalID: "Policy", Type: "AWS::IAM::Policy", Action: Update, Security: true, Changes: []Change{change("Properties.PolicyDocument.Statement[0].Resource.Fn::Sub[1].V", false)}},
		{LogicalID: "Project", Type: "AWS::CodeBuild::Project", Action: Update, Changes: []Change{change("Properties.VpcConfig.VpcId", false)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	if got := Compare(old, old, createOnly, all); !got.Empty() {
		t.Errorf("equal templates differ: %+v", got)
	}
}

// TestParameterEffectsInDocumentOrder: a value a new default changes is
// listed among the resource's other changes where the template has it.
func TestParameterEffectsInDocumentOrder(t *testing.T) {
	const tmpl = `{
		"Parameters": {"VpcId": {"Type": "AWS::EC2::VPC::Id", "Default": %q}},
		"Resources": {"Project": {"Type": "AWS::CodeBuild::Project", "Properties": {
			"Artifacts": {"Type": %q}, "VpcConfig": {"VpcId": {"Ref": "VpcId"}}, "Tags": [{"Key": "k", "Value": %q}]}}}
	}`
	old := doc(t, fmt.Sprintf(tmpl, "vpc-1", "NO_ARTIFACTS", "a"))
	new := doc(t, fmt.Sprintf(tmpl, "vpc-2", "CODEPIPELINE", "b"))
	got := Compare(old, new, createOnly, func(string) bool { return true }).Resources
	var paths []string
	for _, r := range got {
		for _, c := range r.Changes {
			paths = append(paths, c.Path)
		}
	}
	want := []string{"Properties.Artifacts.Type", "Properties.Tags[0].Value", "Properties.VpcConfig.VpcId"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

// TestPathSteps: a path reads back as the steps it was written from.
func TestPathSteps(t *testing.T) {
	for _, p := range []path{
		nil,
		path{}.key("Properties").key("Stages").index(3).key("Actions").index(0).key("Name"),
		path{}.key("Tags").key("a.b").key(`say "hi"`).index(12),
		path{}.key("").index(0).key("Fn::Sub"),
	} {
		if got := pathSteps(p.String()); !slices.Equal(got, p) && len(got)+len(p) > 0 {
			t.Errorf("pathSteps(%q) = %v, want %v", p.String(), got, p)
		}
	}
}

// TestEqualIsDeepEqual holds equal to reflect.DeepEqual on JSON values
// that differ in every way a template's may.
func TestEqualIsDeepEqual(t *testing.T) {
	docs := []string{
		`null`, `true`, `false`, `0`, `1`, `1.0`, `"1"`, `""`, `"a"`, `[]`, `{}`, `[null]`, `[1, 2]`, `[2, 1]`, `[1, 2, 3]`,
		`{"a": 1}`, `{"a": 1.0}`, `{"a": "1"}`, `{"b": 1}`, `{"a": 1, "b": 2}`, `{"a": [1, {"b": null}]}`, `{"a": [1, {"b": false}]}`,
		`{"a": null}`, `{"b": null}`, `{"a": null, "b": 1}`, `{"b": null, "c": 1}`,
		`{"Fn::Sub": "role-${AWS::Region}"}`, `{"Fn::Sub": ["role-${X}", {"X": "a"}]}`, `{"Fn::Sub": ["role-${X}", {"X": "b"}]}`,
	}
	var values []any
	for _, d := range docs {
		var v any
		dec := json.NewDecoder(strings.NewReader(d))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		values = append(values, v)
	}
	values = append(values, map[string]any(nil), []any(nil), Doc(nil), Doc{}, Doc{"a": json.Number("1")})
	for _, a := range values {
		for _, b := range values {
			if got, want := equal(a, b), reflect.DeepEqual(a, b); got != want {
				t.Errorf("equal(%#v, %#v) = %v, reflect.DeepEqual says %v", a, b, got, want)
			}
		}
	}
}

// TestReplacementEffects: a replaced resource takes a new ID, so the
// resources that refer to it change though they read the same, and are
// replaced in turn where the reference is create-only, and so on.
func TestReplacementEffects(t *testing.T) {
	const tmpl = `{
		"Resources": {
			"Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"VpcId": %q, "GroupDescription": "g"}},
			"Function": {"Type": "AWS::Lambda::Function", "Properties": {"VpcConfig": {"SecurityGroupIds": [{"Fn::GetAtt": ["Group", "GroupId"]}]}}},
			"Permission": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": {"Ref": "Function"}, "SourceArn": {"Fn::Sub": "arn:aws:ec2:*:*:security-group/${Group}"}}},
			"Added": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Group"}}},
			"Alone": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "t"}}
		}
	}`
	old := doc(t, fmt.Sprintf(tmpl, "vpc-1"))
	new := doc(t, fmt.Sprintf(tmpl, "vpc-2"))
	delete(section(old, "Resources"), "Added")
	lambdaCreateOnly := func(typ string) []string {
		switch typ {
		case "AWS::Lambda::Function":
			return []string{"VpcConfig.SecurityGroupIds"}
		case "AWS::Lambda::Permission":
			return []string{"FunctionName"}
		}
		return createOnly(typ)
	}
	got := Compare(old, new, lambdaCreateOnly, nil).Resources
	ref := func(path, name string, v any, replacement bool) Change {
		return Change{Kind: Modify, Path: path, Old: v, New: v, Replaced: name, Replacement: replacement}
	}
	want := []Resource{
		{LogicalID: "Added", Type: "AWS::SNS::Topic", Action: Create},
		{LogicalID: "Function", Type: "AWS::Lambda::Function", Action: Replace, Changes: []Change{
			ref("Properties.VpcConfig.SecurityGroupIds[0]", "Group", mustJSON(`{"Fn::GetAtt": ["Group", "GroupId"]}`), true),
		}},
		{LogicalID: "Group", Type: "AWS::EC2::SecurityGroup", Action: Replace, Security: true, Changes: []Change{
			{Kind: Modify, Path: "Properties.VpcId", Old: "vpc-1", New: "vpc-2", Replacement: true},
		}},
		{LogicalID: "Permission", Type: "AWS::Lambda::Permission", Action: Replace, Security: true, Changes: []Change{
			ref("Properties.FunctionName", "Function", mustJSON(`{"Ref": "Function"}`), true),
			ref("Properties.SourceArn", "Group", mustJSON(`{"Fn::Sub": "arn:aws:ec2:*:*:security-group/${Group}"}`), false),
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}

// TestKeptNames marks the replacements CloudFormation refuses: of a
// resource whose physical name is set and stays the same.
func TestKeptNames(t *testing.T) {
	policyCreateOnly := func(typ string) []string {
		if typ == "AWS::IAM::ManagedPolicy" {
			return []string{"ManagedPolicyName", "Description"}
		}
		return createOnly(typ)
	}
	const tmpl = `{
		"Parameters": {"Suffix": {"Type": "String", "Default": %q}},
		"Resources": {
			"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": {"Fn::Sub": "policy-${Suffix}"}, "Description": %q}},
			"Renamed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": %q, "Description": %q}},
			"Unnamed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Description": %q}},
			"Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "g", "VpcId": %q}}
		}
	}`
	for _, c := range []struct {
		name     string
		old, new []any
		deployed bool
		want     map[string]string // logical ID: KeepsName, of every replaced resource
		summary  string
	}{
		{"descriptions change", []any{"dev", "a", "r", "a", "a", "vpc-1"}, []any{"dev", "b", "r", "b", "b", "vpc-1"}, false,
			map[string]string{"Policy": "ManagedPolicyName", "Renamed": "ManagedPolicyName", "Unnamed": ""},
			"Plan: 0 to add, 3 to change (3 replacements, 2 of which CloudFormation refuses), 0 to destroy; 3 security-relevant changes."},
		{"names change too", []any{"dev", "a", "r", "a", "a", "vpc-1"}, []any{"qa", "b", "r2", "b", "a", "vpc-2"}, true,
			map[string]string{"Policy": "", "Renamed": "", "Group": ""},
			"Plan: 0 to add, 3 to change (3 replacements), 0 to destroy; 3 security-relevant changes."},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := doc(t, fmt.Sprintf(tmpl, c.old...))
			new := doc(t, fmt.Sprintf(tmpl, c.new...))
			deployed := func(string) bool { return c.deployed }
			d := Compare(old, new, policyCreateOnly, deployed)
			got := map[string]string{}
			for _, r := range d.Resources {
				if r.Action == Replace {
					got[r.LogicalID] = r.KeepsName
				}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("replacements and the names they keep (-want +got):\n%s", diff)
			}
			var s Summary
			s.Count(d)
			if s.String() != c.summary {
				t.Errorf("summary %q, want %q", s.String(), c.summary)
			}
		})
	}
}

// TestReplacedOutputs: an output that names a replaced resource gives the
// new resource's ID once it is created, though it reads the same.
func TestReplacedOutputs(t *testing.T) {
	const tmpl = `{
		"Resources": {"Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"VpcId": %q, "GroupDescription": "g"}}},
		"Outputs": {
			"GroupId": {"Value": {"Fn::GetAtt": ["Group", "GroupId"]}},
			"Both": {"Value": {"Fn::Sub": "${Group}"}, "Description": %q},
			"Other": {"Value": "x"}%s
		}
	}`
	old := doc(t, fmt.Sprintf(tmpl, "vpc-1", "a", ""))
	new := doc(t, fmt.Sprintf(tmpl, "vpc-2", "b", `, "Added": {"Value": {"Ref": "Group"}}`))
	got := Compare(old, new, createOnly, nil).Outputs
	ref := func(path string, v string) Change {
		return Change{Kind: Modify, Path: path, Old: mustJSON(v), New: mustJSON(v), Replaced: "Group"}
	}
	want := []Entry{
		{Name: "Added", Kind: Add},
		{Name: "Both", Kind: Modify, Changes: []Change{
			{Kind: Modify, Path: "Description", Old: "a", New: "b"},
			ref("Value", `{"Fn::Sub": "${Group}"}`),
		}},
		{Name: "GroupId", Kind: Modify, Changes: []Change{ref("Value", `{"Fn::GetAtt": ["Group", "GroupId"]}`)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
	}
}
