package model

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNumericHost: a host made only of numbers is read by resolvers as an
// IPv4 address, whatever form the numbers take.
func TestNumericHost(t *testing.T) {
	tests := []struct {
		host    string
		numeric bool
		read    string // "" when the numbers make no address
	}{
		{"orders.internal.example.com", false, ""},
		{"api-2.example.com", false, ""},
		{"10.20.0.5.example.com", false, ""},
		{"0xfeed.example", false, ""},
		{"1e5", false, ""},
		{"1..2", false, ""},
		{"0xg", false, ""},

		{"010.020.0.5", true, "8.16.0.5"},
		{"134744072", true, "8.8.8.8"},
		{"0x08080808", true, "8.8.8.8"},
		{"0X8.0x8.0x8.0x8", true, "8.8.8.8"},
		{"10.1310725", true, "10.20.0.5"},
		{"10.20.5", true, "10.20.0.5"},
		{"10.20.0.5.", true, "10.20.0.5"},
		{"0x", true, "0.0.0.0"},
		{"00", true, "0.0.0.0"},
		{"4294967295", true, "255.255.255.255"},

		{"08.8.8.8", true, ""},                // 8 is no octal digit
		{"4294967296", true, ""},              // over 32 bits
		{"256.1.1.1", true, ""},               // a byte over 255
		{"1.2.65536", true, ""},               // over the two bytes left
		{"1.2.3.4.5", true, ""},               // five numbers
		{"0x100000000", true, ""},             // over 32 bits
		{"99999999999999999999999", true, ""}, // over 64 bits
		{"1.2.3.256", true, ""},               // the last byte over 255
		{"0x1.0x2.0x3.0x4.", true, "1.2.3.4"}, // absolute
		{"0377.0377.0377.0377", true, "255.255.255.255"},
	}
	for _, tt := range tests {
		read, numeric := numericHost(tt.host)
		want := netip.Addr{}
		if tt.read != "" {
			want = netip.MustParseAddr(tt.read)
		}
		if numeric != tt.numeric || read != want {
			t.Errorf("numericHost(%q) = %v, %v; want %v, %v", tt.host, read, numeric, want, tt.numeric)
		}
	}
}

// TestLastAddr: the broadcast address of a VPC's range.
func TestLastAddr(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{"10.20.0.0/16", "10.20.255.255"},
		{"10.0.0.0/8", "10.255.255.255"},
		{"192.168.4.16/28", "192.168.4.31"},
		{"172.16.1.0/24", "172.16.1.255"},
		{"10.20.1.0/16", "10.20.255.255"}, // host bits set
		{"0.0.0.0/0", "255.255.255.255"},
		{"10.20.0.5/32", "10.20.0.5"},
	}
	for _, tt := range tests {
		if got := lastAddr(netip.MustParsePrefix(tt.prefix)); got != netip.MustParseAddr(tt.want) {
			t.Errorf("lastAddr(%s) = %v, want %s", tt.prefix, got, tt.want)
		}
	}
	if got := lastAddr(netip.MustParsePrefix("fd00::/64")); got.IsValid() {
		t.Errorf("lastAddr(fd00::/64) = %v, want the invalid address", got)
	}
}

// TestValidateDisabled: the blocks a service switches off are checked by
// the rules of blocks that are on, with their paths and messages, apart
// from the rules only a block that is on can break.
func TestValidateDisabled(t *testing.T) {
	s := &Service{Name: "orders", Network: Network{CIDRBlock: "10.20.0.0/16"}}
	source := func(string) Source { return Source{Layer: LayerService} }
	validation := func(url string) []StageValidation {
		return []StageValidation{{Stage: "production", Validation: Validation{URL: url, ExpectedStatus: 200, TimeoutSeconds: 10}}}
	}
	many := make([]string, MaxEmails+1)
	for i := range many {
		many[i] = fmt.Sprintf("team-%d@example.com", i)
	}
	tests := []struct {
		name string
		off  Disabled
		want []string // "subject: summary: detail"
	}{
		{
			name: "valid",
			off: Disabled{
				Test:          &Test{Buildspec: "buildspec-test.yml", TimeoutMinutes: 30},
				Notifications: &Notifications{Emails: []string{"team@example.com"}},
				Validations:   validation("https://orders.internal.example.com/health"),
			},
		},
		{
			name: "test",
			off:  Disabled{Test: &Test{Buildspec: "ci/./buildspec-test.yml", TimeoutMinutes: 481}},
			want: []string{
				`test.buildspec: Invalid value for "buildspec": "ci/./buildspec-test.yml" is not a valid buildspec path. Give a path relative to the top of the repository, with '/' between folders and no "." or "..", such as "ci/buildspec-test.yml".`,
				`test.timeout_minutes: Invalid value for "timeout_minutes": 481 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			name: "no email address",
			off:  Disabled{Notifications: &Notifications{}},
		},
		{
			name: "too many email addresses",
			off:  Disabled{Notifications: &Notifications{Emails: many}},
			want: []string{
				`notifications.emails: Invalid value for "emails": 101 addresses are given; list 1 to 100 email addresses, or remove the notifications block.`,
			},
		},
		{
			name: "email address twice",
			off:  Disabled{Notifications: &Notifications{Emails: []string{"team@example.com", "TEAM@example.com"}}},
			want: []string{
				`notifications.emails: Invalid value for "emails": "TEAM@example.com" is "team@example.com", listed before, in another case; list each address once.`,
			},
		},
		{
			name: "validation URL of another scheme",
			off:  Disabled{Validations: validation("ftp://orders.internal.example.com/health")},
			want: []string{
				`stage.production.validation.url: Invalid value for "url": "ftp://orders.internal.example.com/health" is not an http or https URL such as "https://orders.internal.example.com/health".`,
			},
		},
		{
			name: "validation URL outside the VPC's range",
			off:  Disabled{Validations: validation("https://192.168.1.10/health")},
		},
		{
			name: "validation status and timeout",
			off: Disabled{Validations: []StageValidation{
				{Stage: "staging", Validation: Validation{URL: "https://10.20.0.10/", ExpectedStatus: 99, TimeoutSeconds: 301}},
			}},
			want: []string{
				`stage.staging.validation.expected_status: Invalid value for "expected_status": 99 is out of range; an HTTP status code must be between 100 and 599.`,
				`stage.staging.validation.timeout_seconds: Invalid value for "timeout_seconds": 301 is out of range; a timeout in seconds must be between 1 and 300.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range s.ValidateDisabled(&tt.off, source) {
				got = append(got, fmt.Sprintf("%s: %s: %s", p.Subject, p.Summary, p.Detail))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// validService returns a valid service, with a stage in the pipeline's
// account and one in another.
func validService() *Service {
	stage := func(name, account, owner string) Stage {
		return Stage{
			Name: name, AccountID: account, Cluster: name, ECSService: "orders",
			ListenerARN:  "arn:aws:elasticloadbalancing:us-east-1:" + owner + ":listener/app/" + name + "/0123456789abcdef/0123456789abcdef",
			TargetGroups: DefaultTargetGroups("orders", name), TaskDefinitionPath: DefaultTaskDefinitionPath(name), AppSpecPath: DefaultAppSpecPath(name),
		}
	}
	s := &Service{
		Name: "orders", EnvironmentSuffix: "dev", Region: Region, AccountID: "111111111111", Branch: "main",
		Repository: "orders", ECRRepository: "orders", ContainerName: "orders", ContainerPort: 80,
		Network:   Network{VPCID: "vpc-0a1b2c3d", SubnetIDs: []string{"subnet-0a1b2c3d"}, CIDRBlock: "10.20.0.0/16", S3PrefixListID: "pl-63a5400a"},
		Build:     Build{ComputeType: ComputeType, Image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0", Buildspec: "buildspec.yml", TimeoutMinutes: 30},
		Artifacts: Artifacts{ExpireDays: 90, NoncurrentExpireDays: 30, AccessLogsBucket: "s3-access-logs-111111111111-us-east-1"},
		Logs:      Logs{RetentionDays: LogRetentionDays},
		Stages:    []Stage{stage("staging", "", "111111111111"), stage("production", "222222222222", "222222222222")},
	}
	s.Stages[1].RequireApproval = true
	return s
}

// TestRefusedValues: a value refused before validation holds a zero value,
// which validation takes for unknown: nothing is reported at it, and the
// checks that need it are left out, rather than run with the zero value,
// or with the value it would otherwise take, in its place.
func TestRefusedValues(t *testing.T) {
	source := func(path string) Source { return Source{Layer: LayerService} }
	tests := []struct {
		name    string
		refused []string
		change  func(s *Service)
		want    []string // "subject: summary"
	}{
		{name: "valid"},
		{
			name:    "a value",
			refused: []string{"build.timeout_minutes"},
			change:  func(s *Service) { s.Build.TimeoutMinutes = 0 },
		},
		{
			name:    "the last stage's approval",
			refused: []string{"stage.production.require_approval"},
			change:  func(s *Service) { s.Stages[1].RequireApproval = false },
		},
		{
			// Not the pipeline's account, which its listener is not of.
			name:    "a stage's account",
			refused: []string{"stage.production.account_id"},
			change:  func(s *Service) { s.Stages[1].AccountID = "" },
		},
		{
			name:   "a stage's account, not refused",
			change: func(s *Service) { s.Stages[1].AccountID = "" },
			want:   []string{`stage.production.listener_arn: Invalid value for "listener_arn"`},
		},
		{
			// Declared, if not known: a stage's account needs no other.
			name:    "the pipeline's account",
			refused: []string{"account_id"},
			change:  func(s *Service) { s.AccountID = "" },
		},
		{
			name:   "the pipeline's account, not refused",
			change: func(s *Service) { s.AccountID = "" },
			want:   []string{`stage.production.account_id: Invalid value for "account_id"`},
		},
		{
			// Whether a stage deploys into another account decides which
			// names there are: with the pipeline's account unknown, the
			// stage's cross-account role may not exist.
			name:    "the pipeline's account, and names that may be too long",
			refused: []string{"account_id"},
			change: func(s *Service) {
				s.AccountID = ""
				s.Stages[1].Name = "production-in-europe-frankfurt"
				s.Stages[1].TargetGroups = []string{"blue", "green"}
				s.Stages[1].TaskDefinitionPath, s.Stages[1].AppSpecPath = "taskdef.json", "appspec.yaml"
			},
		},
		{
			name: "the pipeline's account, and names that are too long, not refused",
			change: func(s *Service) {
				s.AccountID = ""
				s.Stages[1].Name = "production-in-europe-frankfurt"
				s.Stages[1].TargetGroups = []string{"blue", "green"}
				s.Stages[1].TaskDefinitionPath, s.Stages[1].AppSpecPath = "taskdef.json", "appspec.yaml"
			},
			want: []string{
				`stage.production-in-europe-frankfurt.account_id: Invalid value for "account_id"`,
				`service: Service name too long`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validService()
			if tt.change != nil {
				tt.change(s)
			}
			s.Refused = tt.refused
			var got []string
			for _, p := range s.Validate(source) {
				got = append(got, p.Subject+": "+p.Summary)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAlarmNameProblem: an alarm name the pipeline cannot watch is told
// which character, with its code point, or what else is wrong.
func TestAlarmNameProblem(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"orders-prod-5xx", ""},
		{"latence élevée", ""},
		{"", "it is 0 characters; CloudWatch allows 1 to 255"},
		{"orders-*", "IAM reads '*' in an ARN as a wildcard"},
		{"latency?", "IAM reads '?' in an ARN as a wildcard"},
		{"errors-${env}", "IAM reads '$' in a policy as the start of a variable, such as ${aws:username}"},
		{"遅延", "it holds '遅' (U+9045), which IAM refuses in a policy"},
		{"a\u0085b", `it holds '\u0085' (U+0085), which IAM refuses in a policy`},
		{"errors ", "it starts or ends with a space"},
	}
	for _, tt := range tests {
		if got := alarmNameProblem(tt.name); got != tt.want {
			t.Errorf("alarmNameProblem(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestReservedBucketName: the starts and ends S3 refuses in the name of a
// general purpose bucket are found at the start and the end only.
func TestReservedBucketName(t *testing.T) {
	for _, tt := range []struct {
		name, part string
		start      bool
	}{
		{"xn--logs", "xn--", true},
		{"sthree-logs", "sthree-", true},
		{"amzn-s3-demo-logs", "amzn-s3-demo-", true},
		{"logs-s3alias", "-s3alias", false},
		{"logs--ol-s3", "--ol-s3", false},
		{"logs--x-s3", "--x-s3", false},
		{"logs--table-s3", "--table-s3", false},
		{"logs.mrap", ".mrap", false},
		{"logs", "", false},
		{"logs-xn--sthree-s3alias-1", "", false},
		{"mrap.logs", "", false},
		{"my-sthree-logs", "", false},
	} {
		part, start := reservedBucketName(tt.name)
		if part != tt.part || start != tt.start {
			t.Errorf("reservedBucketName(%q) = %q, %v; want %q, %v", tt.name, part, start, tt.part, tt.start)
		}
	}
}

// TestAccountIn: only a run of exactly 12 digits, between non-digits, that
// is another account of the file, names an account.
func TestAccountIn(t *testing.T) {
	accounts := map[string]bool{"111111111111": true, "222222222222": true}
	for _, tt := range []struct{ name, want string }{
		{"s3-access-logs-111111111111-us-east-1", "111111111111"},
		{"111111111111-logs", "111111111111"},
		{"logs.222222222222", "222222222222"},
		{"logs-333333333333", ""},  // no account of the file
		{"logs-1111111111111", ""}, // 13 digits
		{"logs-11111111111", ""},   // 11 digits
		{"logs-444444444444", ""},  // the service's own
		{"logs-444444444444-111111111111", "111111111111"},
		{"logs", ""},
	} {
		if got := accountIn(tt.name, "444444444444", accounts); got != tt.want {
			t.Errorf("accountIn(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
