package emit_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"pipelines/check"
	"pipelines/config"
	"pipelines/model"
)

// IAM's limits on policy size, in characters without whitespace: all the
// inline policies of a role together, one managed policy, and a role's
// trust policy (by default).
const (
	maxRoleInlinePolicies = 10240
	maxManagedPolicy      = 6144
	maxTrustPolicy        = 2048
)

// TestPolicySizesWithinIAMLimits renders the largest pipeline validation
// accepts, with every list full and every name and parameter as long as
// allowed, and checks that each role's policies stay within IAM's limits
// once CloudFormation has resolved them. Over a limit, the stack fails to
// create.
func TestPolicySizesWithinIAMLimits(t *testing.T) {
	for _, cross := range []bool{false, true} {
		t.Run(fmt.Sprintf("cross-account=%v", cross), func(t *testing.T) {
			src := largestServices(cross, model.MaxStages, 3)
			p, diags := config.Load(fstest.MapFS{"services.hcl": {Data: []byte(src)}}, "services.hcl")
			if diags.HasErrors() {
				t.Fatalf("the largest input is invalid: %s", diags.Error())
			}
			files := renderAll(t, p)
			largestInline, largestManaged := 0, 0
			defer func() { t.Logf("largest: %d inline, %d managed", largestInline, largestManaged) }()
			for _, f := range files {
				if !strings.HasSuffix(f.Path, ".json") || strings.HasPrefix(f.Path, "shared/") {
					continue
				}
				// Every check but the template's size, which the largest
				// input passes on purpose (build refuses it).
				for _, fd := range check.Template(f.Path, f.Data) {
					if fd.Severity == check.Error && fd.Rule != "CFN005" {
						t.Errorf("%s", fd)
					}
				}
				inline, managed, trust := resolvedPolicySizes(t, f.Path, f.Data)
				for role, n := range trust {
					if n > maxTrustPolicy {
						t.Errorf("%s: the trust policy of %s holds %d characters; IAM allows %d", f.Path, role, n, maxTrustPolicy)
					}
				}
				for role, n := range inline {
					largestInline = max(largestInline, n)
					if n > maxRoleInlinePolicies {
						t.Errorf("%s: the inline policies of %s hold %d characters; IAM allows %d", f.Path, role, n, maxRoleInlinePolicies)
					}
				}
				for id, n := range managed {
					largestManaged = max(largestManaged, n)
					if n > maxManagedPolicy {
						t.Errorf("%s: managed policy %s holds %d characters; IAM allows %d", f.Path, id, n, maxManagedPolicy)
					}
				}
			}
		})
	}
}

// largestServices writes a services.hcl with one service at every limit
// that makes a policy or the template longer: the stages given (at most
// model.MaxStages), with names of stageLen characters, each with a test
// listener, the most rollback alarms and a health check; the longest
// service name those stage names allow, and the longest other names and
// paths; the most base image repositories, task roles and emails.
func largestServices(cross bool, stages, stageLen int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "defaults {\n  account_id = \"111111111111\"\n  environment_suffix = %q\n", strings.Repeat("s", model.SuffixMaxLength))
	roles := make([]string, model.MaxTaskRoles)
	for i := range roles {
		// A path and a 64-character name, MaxTaskRole characters in all.
		roles[i] = fmt.Sprintf("%q", strings.Repeat("p", model.MaxTaskRole-65)+"/"+fmt.Sprintf("r%02d", i)+strings.Repeat("t", 61))
	}
	fmt.Fprintf(&b, "  task_roles = [%s]\n", strings.Join(roles, ", "))
	subnets := make([]string, model.MaxSubnets)
	for i := range subnets {
		subnets[i] = fmt.Sprintf("%q", fmt.Sprintf("subnet-%017x", i))
	}
	fmt.Fprintf(&b, "  network {\n    vpc_id = \"vpc-0a1b2c3d4e5f67890\"\n    subnet_ids = [%s]\n    cidr_block = \"10.20.0.0/16\"\n  }\n", strings.Join(subnets, ", "))
	repos := make([]string, model.MaxBaseImageRepositories)
	for i := range repos {
		repos[i] = fmt.Sprintf("%q", fmt.Sprintf("r%02d", i)+strings.Repeat("x", model.ECRRepositoryMax-3))
	}
	fmt.Fprintf(&b, "  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/%s:%s\"\n    base_image_repositories = [%s]\n  }\n",
		strings.Repeat("i", model.ECRRepositoryMax), strings.Repeat("t", 128), strings.Join(repos, ", "))
	fmt.Fprintf(&b, "  artifacts {\n    access_logs_bucket = %q\n  }\n", "s3-access-logs-"+strings.Repeat("l", 63-15))
	emails := make([]string, model.MaxEmails)
	for i := range emails {
		// The longest address: a 64-character local part and a domain
		// of labels, 254 characters in all.
		local := fmt.Sprintf("e%02d", i) + strings.Repeat("l", 61)
		domain := strings.Repeat("d", 63) + "." + strings.Repeat("d", 63) + "." + strings.Repeat("d", 254-len(local)-1-2*64-4) + ".com"
		emails[i] = fmt.Sprintf("%q", local+"@"+domain)
	}
	fmt.Fprintf(&b, "  notifications {\n    emails = [%s]\n  }\n", strings.Join(emails, ", "))
	account := "111111111111"
	for i := range stages {
		stage := fmt.Sprintf("s%02d", i) + strings.Repeat("x", stageLen-3)
		// Quotes, which JSON escapes, make the longest alarm ARNs; names
		// need only differ within a stage, by a first letter of Latin-1,
		// two bytes in UTF-8.
		alarms := make([]string, model.MaxRollbackAlarms)
		for j := range alarms {
			alarms[j] = fmt.Sprintf("%q", string(rune('À'+j))+strings.Repeat(`"`, 254))
		}
		fmt.Fprintf(&b, "  stage %q {\n", stage)
		if cross {
			account = fmt.Sprintf("2222222222%02d", i)
			fmt.Fprintf(&b, "    account_id = %q\n", account)
		}
		listener := func(last string) string {
			return fmt.Sprintf("arn:aws:elasticloadbalancing:us-east-1:%s:listener/app/%s/0123456789abcdef/0123456789abcde%s", account, strings.Repeat("l", 32), last)
		}
		fmt.Fprintf(&b, "    cluster = %q\n    ecs_service = %q\n", strings.Repeat("c", model.ECSNameMax), stage+strings.Repeat("e", model.ECSNameMax-len(stage)))
		fmt.Fprintf(&b, "    listener_arn = %q\n    test_listener_arn = %q\n", listener("f"), listener("e"))
		fmt.Fprintf(&b, "    target_groups = [%q, %q]\n", fmt.Sprintf("b%02d", i)+strings.Repeat("b", 29), fmt.Sprintf("g%02d", i)+strings.Repeat("g", 29))
		fmt.Fprintf(&b, "    task_definition_path = %q\n    appspec_path = %q\n", strings.Repeat("t", 255), strings.Repeat("a", 255))
		fmt.Fprintf(&b, "    rollback_alarms = [%s]\n    require_approval = true\n", strings.Join(alarms, ", "))
		url := "https://10.20.0.5:65535/" // a port other than 443: one more egress rule
		fmt.Fprintf(&b, "    validation {\n      url = %q\n    }\n  }\n", url+strings.Repeat("h", model.MaxValidationURL-len(url)))
	}
	b.WriteString("}\n\n")
	// The longest service name every derived name allows: the artifact
	// bucket's name allows 26 characters, and the roles of a stage
	// ("role-<service>-<stage>-codedeploy-<suffix>", and
	// "...-crossaccount-..." in another account) 36 or 34 for the
	// service's and the stage's together.
	both := 36
	if cross {
		both = 34
	}
	name := "p" + strings.Repeat("x", min(26, both-stageLen)-1)
	fmt.Fprintf(&b, "service %q {\n  repository = %q\n  ecr_repository = %q\n  container_name = %q\n  branch = %q\n  build {\n    buildspec = %q\n  }\n  test {\n    buildspec = %q\n  }\n}\n",
		name, strings.Repeat("r", model.CodeCommitRepositoryMax), strings.Repeat("e", model.ECRRepositoryMax), strings.Repeat("n", 255),
		strings.Repeat("b", 256), strings.Repeat("s", 255), strings.Repeat("u", 255))
	return b.String()
}

// resolvedPolicySizes returns the length, as IAM counts it, of every
// policy document of a template once CloudFormation has resolved it:
// inline policies summed by role, managed policies by logical ID, and
// trust policies by role. A
// parameter counts as long as its MaxLength allows, since a deployment may
// override its default; pseudo parameters and resources as long as they
// can be.
func resolvedPolicySizes(t *testing.T, file string, data []byte) (inline, managed, trust map[string]int) {
	t.Helper()
	var tmpl struct {
		Parameters map[string]struct {
			Default   any
			MaxLength int
		}
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(data, &tmpl); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	pseudo := map[string]int{"AWS::AccountId": 12, "AWS::Region": len(model.Region), "AWS::Partition": len("aws"), "AWS::URLSuffix": len("amazonaws.com")}
	var resolve func(v any) any
	name := func(id string) string {
		props := tmpl.Resources[id].Properties
		for _, p := range []string{"RoleName", "BucketName", "Name", "ProjectName", "ApplicationName", "FunctionName", "TopicName", "LogGroupName", "AliasName"} {
			if v, ok := props[p]; ok {
				return resolve(v).(string)
			}
		}
		t.Fatalf("%s: no name for %s", file, id)
		return ""
	}
	arnPrefixes := map[string]string{
		"AWS::S3::Bucket":       "arn:aws:s3:::",
		"AWS::IAM::Role":        "arn:aws:iam::123456789012:role/",
		"AWS::SNS::Topic":       "arn:aws:sns:us-east-1:123456789012:",
		"AWS::Lambda::Function": "arn:aws:lambda:us-east-1:123456789012:function:",
		"AWS::Logs::LogGroup":   "arn:aws:logs:us-east-1:123456789012:log-group:",
	}
	arn := func(id string) string {
		typ := tmpl.Resources[id].Type
		if typ == "AWS::KMS::Key" {
			return "arn:aws:kms:us-east-1:123456789012:key/" + strings.Repeat("k", 36)
		}
		prefix, ok := arnPrefixes[typ]
		if !ok {
			t.Fatalf("%s: no ARN known for %s (%s)", file, id, typ)
		}
		if typ == "AWS::Logs::LogGroup" {
			return prefix + name(id) + ":*"
		}
		return prefix + name(id)
	}
	ref := func(id string) string {
		if n, ok := pseudo[id]; ok {
			return strings.Repeat("p", n)
		}
		if p, ok := tmpl.Parameters[id]; ok {
			return strings.Repeat("v", max(p.MaxLength, len(fmt.Sprint(p.Default))))
		}
		switch tmpl.Resources[id].Type {
		case "AWS::SNS::Topic":
			return arn(id)
		case "AWS::KMS::Key":
			return strings.Repeat("k", 36)
		}
		return name(id)
	}
	subVar := regexp.MustCompile(`\$\{([^}!]+)\}`)
	resolve = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			if len(v) == 1 {
				for fn, arg := range v {
					switch fn {
					case "Ref":
						return ref(arg.(string))
					case "Fn::GetAtt":
						return arn(arg.([]any)[0].(string))
					case "Fn::Sub":
						return subVar.ReplaceAllStringFunc(arg.(string), func(m string) string {
							id := m[2 : len(m)-1]
							if res, ok := strings.CutSuffix(id, ".Arn"); ok {
								return arn(res)
							}
							return ref(id)
						})
					case "Fn::Join":
						parts := arg.([]any)
						var s []string
						for _, p := range parts[1].([]any) {
							s = append(s, resolve(p).(string))
						}
						return strings.Join(s, parts[0].(string))
					}
				}
			}
			out := map[string]any{}
			for k, e := range v {
				out[k] = resolve(e)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, e := range v {
				out[i] = resolve(e)
			}
			return out
		}
		return v
	}
	size := func(doc any) int {
		b, err := json.Marshal(resolve(doc))
		if err != nil {
			t.Fatal(err)
		}
		return len(b)
	}
	inline, managed, trust = map[string]int{}, map[string]int{}, map[string]int{}
	for id, r := range tmpl.Resources {
		switch r.Type {
		case "AWS::IAM::Policy":
			n := size(r.Properties["PolicyDocument"])
			for _, role := range r.Properties["Roles"].([]any) {
				inline[role.(map[string]any)["Ref"].(string)] += n
			}
		case "AWS::IAM::ManagedPolicy":
			managed[id] = size(r.Properties["PolicyDocument"])
		case "AWS::IAM::Role":
			trust[id] = size(r.Properties["AssumeRolePolicyDocument"])
		}
	}
	return inline, managed, trust
}
