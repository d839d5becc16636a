package check

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// everyType is a template with n copies of a resource of every type the
// checks look at, each breaking the checks' rules, plus a chain of
// DependsOn, a condition and an output per copy, a misspelled Ref that
// every copy repeats, and a pipeline with n stages named for approval.
func everyType(n int) string {
	var res, conds, outs, stages, names []string
	add := func(format string, i int) {
		res = append(res, strings.ReplaceAll(format, "%d", fmt.Sprint(i)))
	}
	for i := range n {
		add(`"Key%d": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:CreateGrant", "Resource": "*"}]}}}`, i)
		add(`"Alias%d": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": "alias/x%d", "TargetKeyId": {"Ref": "Key%d"}}}`, i)
		add(`"Bucket%d": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b%d"}}`, i)
		add(`"BucketPolicy%d": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket%d"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}}}`, i)
		add(`"Log%d": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "l%d"}}`, i)
		add(`"Project%d": {"Type": "AWS::CodeBuild::Project", "Properties": {"Name": "p%d", "ServiceRole": "arn:aws:iam::111111111111:role/r", "Artifacts": {"Type": "NO_ARTIFACTS"}, "Environment": {"Type": "LINUX_CONTAINER", "Image": "x", "ComputeType": "BUILD_GENERAL1_LARGE"}, "Source": {"Type": "CODECOMMIT", "Location": "https://u:p@x"}}}`, i)
		add(`"Pipeline%d": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Name": "p%d", "RoleArn": "arn:aws:iam::111111111111:role/r", "ArtifactStore": {"Type": "S3", "Location": "b"}, "Stages": [{"Name": "Source", "Actions": [{"Name": "S", "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "CodeCommit", "Version": "1"}}]}, {"Name": "Deploy", "Actions": [{"Name": "D", "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "ECS", "Version": "1"}}]}]}}`, i)
		add(`"App%d": {"Type": "AWS::CodeDeploy::Application", "Properties": {"ApplicationName": "a%d", "ComputePlatform": "ECS"}}`, i)
		add(`"Group%d": {"Type": "AWS::CodeDeploy::DeploymentGroup", "Properties": {"ApplicationName": {"Ref": "App%d"}, "ServiceRoleArn": "arn:aws:iam::111111111111:role/r"}}`, i)
		add(`"SG%d": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "GroupName": "g%d", "SecurityGroupIngress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]}}`, i)
		add(`"Egress%d": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": {"Ref": "SG%d"}, "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}}`, i)
		add(`"Rule%d": {"Type": "AWS::Events::Rule", "Properties": {"Name": "r%d", "Targets": [{"Id": "t", "Arn": "arn:aws:x"}]}}`, i)
		add(`"Role%d": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r%d", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}, {"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole"}]}, "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"], "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}}`, i)
		add(`"Policy%d": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p%d", "Roles": [{"Ref": "Role%d"}], "Users": ["u"], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:Get*", "Resource": "*"}]}}}`, i)
		add(`"User%d": {"Type": "AWS::IAM::User", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}}`, i)
		add(`"AccessKey%d": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "User%d"}}}`, i)
		add(`"Managed%d": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": "p%d", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}, {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}}}`, i)
		add(`"Function%d": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "f%d", "Runtime": "python2.7", "Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}, "Environment": {"Variables": {"A": "b"}}}}`, i)
		add(`"Permission%d": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": "f", "Action": "lambda:*", "Principal": "*"}}`, i)
		add(`"Typo%d": {"Type": "AWS::S3::Bucke"}`, i)
		add(`"Topic%d": {"Type": "AWS::SNS::Topic", "Condition": "C%d", "DeletionPolicy": "Retain", "DependsOn": "Topic`+fmt.Sprint(i+1)+`", "Properties": {"TopicName": "t%d", "DisplayName": {"Ref": "Topc"}}}`, i)
		conds = append(conds, fmt.Sprintf(`"C%d": {"Fn::Equals": [{"Ref": "Env"}, "x"]}`, i))
		outs = append(outs, fmt.Sprintf(`"O%d": {"Value": {"Fn::GetAtt": ["Topic%d", "TopicArn"]}}`, i, i))
		stages = append(stages, fmt.Sprintf(`{"Name": "S%d", "Actions": [{"Name": "D", "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "ECS", "Version": "1"}}]}`, i))
		names = append(names, fmt.Sprintf(`"S%d"`, i))
	}
	res = append(res, `"Stages": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"RoleArn": "arn:aws:iam::111111111111:role/r", "ArtifactStore": {"Type": "S3", "Location": "b"}, "Stages": [`+strings.Join(stages, ", ")+`]}}`)
	return `{"Metadata": {"Pipelines": {"ApprovalStages": [` + strings.Join(names, ", ") + `]}}, ` +
		`"Parameters": {"Env": {"Type": "String"}}, "Conditions": {` + strings.Join(conds, ", ") + `}, ` +
		`"Resources": {` + strings.Join(res, ",\n") + `}, "Outputs": {` + strings.Join(outs, ", ") + `}}`
}

// work checks a template and returns what it found and how many resources,
// statements and suggestion candidates the checks went through.
func work(data string) (findings, steps int) {
	t, ok := parse("t.json", []byte(data))
	if !ok {
		return len(t.findings), 0
	}
	for _, c := range checks {
		c(t)
	}
	steps = t.visited
	for _, s := range []*suggester{t.byName, t.byID} {
		if s != nil {
			steps += s.measured
		}
	}
	return len(t.findings), steps
}

// TestWorkGrowsLinearly checks a template and one twice its size, and
// requires the checks to do no more than twice the work on the second:
// checking a template must take time in proportion to its size.
func TestWorkGrowsLinearly(t *testing.T) {
	const n = 100
	f1, w1 := work(everyType(n))
	f2, w2 := work(everyType(2 * n))
	if f1 < 20*n || f2 < 2*f1-10 {
		t.Fatalf("%d and %d findings; the template should break every rule once per copy", f1, f2)
	}
	if w2 > 2*w1+100 {
		t.Errorf("the checks went through %d items for %d copies of each resource and %d for %d: more than twice as many", w1, n, w2, 2*n)
	}
}

// TestShowIsBounded requires show to take the same effort for a deeply
// nested value as for one half as deep: it only encodes what it shows.
func TestShowIsBounded(t *testing.T) {
	nested := func(depth int) any {
		v, err := decodeJSON(strings.Repeat(`{"Fn::If": ["C", `, depth) + `"x"` + strings.Repeat(`, "y"]}`, depth))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	small, large := nested(200), nested(400)
	a := testing.AllocsPerRun(10, func() { show(small) })
	b := testing.AllocsPerRun(10, func() { show(large) })
	if b > a {
		t.Errorf("show allocates %v times for a value nested 200 deep, %v for one 400 deep", a, b)
	}
}

// showReference is show as it was written first: the whole value encoded,
// then cut.
func showReference(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case json.Number:
		return x.String()
	case nil:
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

func TestShowMatchesMarshal(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `[null, true, false, 1.5e3, -0]`,
		`{"b": 1, "a": [1, 2, {"d": null, "c": "x"}]}`,
		`{"html": "<a href=\"x\">&amp;</a>", "ctl": "\u0001\b\f\n\r\t\u001f", "sep": "\u2028\u2029", "bad": "\ud800"}`,
		`{"k": "` + strings.Repeat("é", 100) + `"}`,
		`["` + strings.Repeat(`\\\"`, 60) + `"]`,
		`{"` + strings.Repeat("<", 30) + `": "` + strings.Repeat("&", 30) + `"}`,
		`[` + strings.Repeat(`[`, 50) + strings.Repeat(`]`, 50) + `]`,
	}
	data := readTestdata(t, "pipeline.json")
	docs = append(docs, string(data))
	var values []any
	var collect func(v any)
	collect = func(v any) {
		values = append(values, v)
		switch x := v.(type) {
		case *object:
			for _, m := range x.all() {
				collect(m.val)
			}
		case []any:
			for _, item := range x {
				collect(item)
			}
		}
	}
	for _, d := range docs {
		v, err := decodeJSON(d)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		collect(v)
	}
	// Invalid UTF-8 cannot come through decodeJSON's test inputs above
	// written as Go literals; add it directly.
	values = append(values, []any{"\xff\xfe" + strings.Repeat("a", 90)}, []any{}, []any(nil), (*object)(nil))
	for _, v := range values {
		if got, want := show(v), showReference(v); got != want {
			t.Errorf("show(%#v) = %q, want %q", v, got, want)
		}
	}
}

func editDistanceReference(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// suggestReference is suggest as it was written first: every candidate
// measured in full.
func suggestReference(name string, candidates []string) string {
	best, bestDist := "", 0
	lower := strings.ToLower(name)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistanceReference(lower, lc)
		if strings.HasPrefix(lc, lower) || strings.HasPrefix(lower, lc) {
			d = min(d, 2)
		}
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > max(2, len(name)/3) {
		return ""
	}
	return best
}

func TestSuggestMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		const letters = "abAB1é"
		b := make([]byte, 0, 16)
		for range rng.IntN(14) {
			i := rng.IntN(len(letters) - 1)
			b = append(b, letters[i])
		}
		return string(b)
	}
	for range 20000 {
		candidates := make([]string, rng.IntN(8))
		for i := range candidates {
			candidates[i] = word()
			if rng.IntN(10) == 0 {
				candidates[i] = ""
			}
		}
		name := word()
		if rng.IntN(2) == 0 && len(candidates) > 0 {
			name = candidates[rng.IntN(len(candidates))] + "xY"[:rng.IntN(3)]
		}
		if got, want := suggest(name, candidates), suggestReference(name, candidates); got != want {
			t.Fatalf("suggest(%q, %q) = %q, want %q", name, candidates, got, want)
		}
		for k := range 6 {
			a, b := word(), word()
			if got, want := boundedEditDistance(a, b, k), min(editDistanceReference(a, b), k+1); got != want {
				t.Fatalf("boundedEditDistance(%q, %q, %d) = %d, want %d", a, b, k, got, want)
			}
		}
	}
}

func TestLineIndex(t *testing.T) {
	data := []byte("a\nbc\n\ndef\n")
	li := newLineIndex(data)
	for offset := range len(data) + 3 {
		l1, c1 := li.position(offset)
		l2, c2 := position(data, offset)
		if l1 != l2 || c1 != c2 {
			t.Errorf("offset %d: lineIndex gives %d:%d, position %d:%d", offset, l1, c1, l2, c2)
		}
	}
}

// TestSuggestionsHaveABudget: a suggester stops comparing once it has
// looked at suggestBudget candidates, so a template of thousands of
// distinct typos is checked in bounded time; until then, it suggests.
func TestSuggestionsHaveABudget(t *testing.T) {
	candidates := make([]string, 4096)
	for i := range candidates {
		candidates[i] = fmt.Sprintf("Resource%05d", i)
	}
	s := newSuggester(candidates)
	if got := s.closest("Resource00007x"); got != "Resource00007" {
		t.Fatalf("closest = %q, want Resource00007", got)
	}
	for i := range 4 * suggestBudget / len(candidates) {
		s.closest(fmt.Sprintf("Typo%05d", i))
	}
	if s.measured > suggestBudget+len(candidates) {
		t.Errorf("measured %d candidates; the budget is %d", s.measured, suggestBudget)
	}
	if got := s.closest("Resource00008x"); got != "" {
		t.Errorf("past the budget, closest = %q, want none", got)
	}
}

// TestNestedSubsAreMeasuredOnce: a policy whose Resource is an Fn::Sub
// naming a variable twice, whose value is such a Sub, and so on 20 deep,
// is sized in work proportional to its depth, not to 2^20.
func TestNestedSubsAreMeasuredOnce(t *testing.T) {
	template := func(depth int) string {
		v := `{"Fn::Sub": "x"}`
		for range depth {
			v = `{"Fn::Sub": ["${A}${A}", {"A": ` + v + `}]}`
		}
		return `{"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
			"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "Role"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ` + v + `}]}}}}}`
	}
	_, small := work(template(10))
	_, large := work(template(20))
	if large > 3*small {
		t.Errorf("checking Subs 10 deep took %d steps, 20 deep %d: the work grows faster than the depth", small, large)
	}
}
