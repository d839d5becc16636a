package model

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// patterns are every hand-matched pattern, by name.
var patterns = map[string]pattern{
	"serviceName": serviceNameRE, "stageName": stageNameRE, "suffix": suffixRE,
	"accountID": accountIDRE, "vpcID": vpcIDRE, "subnetID": subnetIDRE,
	"prefixList": prefixListRE, "listenerARN": listenerARNRE, "codeCommit": codeCommitRE,
	"ecr": ecrRE, "ecsName": ecsNameRE, "targetGroup": targetGroupRE,
	"bucketName": bucketNameRE, "ipLike": ipLikeRE, "path": pathRE, "branch": branchRE,
	"curatedImage": curatedImageRE, "containerName": containerNameRE,
}

// examples are valid values of the patterns, to mutate.
var examples = []string{
	"orders", "orders-api-2", "prod-eu", "dev", "111111111111",
	"vpc-0a1b2c3d", "vpc-0a1b2c3d4e5f67890", "subnet-0a1b2c3d4e5f67890", "pl-63a5400a",
	"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb/0123456789abcdef/0123456789abcdef",
	"arn:aws:elasticloadbalancing:eu-west-1:222222222222:listener/net/n/0123456789abcdef/fedcba9876543210",
	"my_repo.name-1", "base-images/python", "a.b_c-d/e/f", "orders-prod-blue",
	"s3-access-logs-111111111111-us-east-1", "10.20.0.1", "ci/buildspec.yml", "release/v2",
	"aws/codebuild/amazonlinux2-x86_64-standard:5.0", "Container_1", "dev-s3alias",
}

// tokens are the pieces random values are made of.
var tokens = []string{
	"a", "z", "f", "g", "A", "Z", "0", "9", "-", "_", ".", "/", ":", "@", " ", "\n", "é", "\x80", "\x00",
	"s3alias", "s3ali", "-s3alias", "alias", "s3", "-s3", "--ol-s3", "--x-s3", "--table-s3",
	"vpc-", "subnet-", "pl-", "arn:aws:elasticloadbalancing:", "us-east-1", "111111111111", "listener/",
	"app/", "net/", "0123456789abcdef", "01234567", "aws/codebuild/", "..", "--", "./", "/.",
}

// values makes the values the patterns are tried on: edge lengths,
// examples with one byte changed, and random joins of tokens.
func values() []string {
	r := rand.New(rand.NewPCG(1, 2))
	var vals []string
	for n := range 300 {
		vals = append(vals, strings.Repeat("a", n), strings.Repeat("a-", n/2)+"a", strings.Repeat("7", n))
	}
	for n := range 40 {
		vals = append(vals, "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/"+strings.Repeat("b", n)+"/0123456789abcdef/0123456789abcdef")
	}
	for _, name := range []string{"-", "-b", "b-", "b-b", "b--b", "internal-b", strings.Repeat("b-", 16)} {
		vals = append(vals, "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/net/"+name+"/0123456789abcdef/0123456789abcdef")
	}
	alphabet := "aAzZfg09-_./:@ é\x80"
	for _, ex := range examples {
		vals = append(vals, ex)
		for range 500 {
			b := []byte(ex)
			for range 1 + r.IntN(2) {
				i := r.IntN(len(b) + 1)
				c := alphabet[r.IntN(len(alphabet))]
				switch r.IntN(3) {
				case 0:
					b = append(b[:i], append([]byte{c}, b[i:]...)...)
				case 1:
					if i < len(b) {
						b = append(b[:i], b[i+1:]...)
					}
				default:
					if i < len(b) {
						b[i] = c
					}
				}
			}
			vals = append(vals, string(b))
		}
	}
	for range 20_000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		vals = append(vals, b.String())
	}
	return vals
}

// TestPatterns checks that each hand-written matcher agrees with its
// regular expression.
func TestPatterns(t *testing.T) {
	vals := values()
	for name, p := range patterns {
		matched := 0
		for _, s := range vals {
			want := p.re.MatchString(s)
			if got := p.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, want %v", name, s, got, want)
			}
			if want {
				matched++
			}
		}
		if matched < 10 {
			t.Errorf("%s: only %d values match; the test needs better examples", name, matched)
		}
	}
	for _, s := range vals {
		region, account, ok := parseListenerARN(s)
		m := listenerARNRE.re.FindStringSubmatch(s)
		if ok != (m != nil) || ok && (region != m[1] || account != m[2]) {
			t.Errorf("parseListenerARN(%q) = %q, %q, %v; want %q", s, region, account, ok, m)
		}
	}
}

// TestPatternChars checks that a value a pattern matches is never said
// to hold a character the pattern does not allow: the class of bytes it
// allows anywhere holds every byte of the values it matches.
func TestPatternChars(t *testing.T) {
	vals := values()
	for name, p := range patterns {
		if p.chars == nil {
			continue
		}
		for _, s := range vals {
			if held := p.held(s); held != "" && p.MatchString(s) {
				t.Errorf("%s: %q matches, but is said to hold%s", name, s, held)
			}
		}
	}
	for _, tt := range []struct{ value, want string }{
		{"Orders", ": it holds 'O'"},
		{"orders api", ": it holds a space"},
		{"orders\u00a0", ": it holds '\\u00a0', which is not ASCII"},
		{"１", ": it holds '１' (U+FF11), which is not ASCII"},
		{"-orders", ": it starts with a hyphen"}, // characters allowed, misplaced
		{"orders-", ": it ends with a hyphen"},
		{"orders--api", ": it holds two hyphens in a row"},
		{"1orders", ": it starts with a digit"},
		{"orders-2", ""},
	} {
		if got := serviceNameRE.held(tt.value); got != tt.want {
			t.Errorf("held(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
	// A suffix may start with a digit; its last group may not be s3alias.
	const reserved = `: the artifact bucket's name would end in "-s3alias", which S3 reserves for access point aliases and refuses`
	for _, tt := range []struct{ value, want string }{
		{"dev-", ": it ends with a hyphen"},
		{"-dev", ": it starts with a hyphen"},
		{"1-dev", ""},
		{"d--v", ": it holds two hyphens in a row"},
		{"s3alias", reserved},
		{"dev-s3alias", reserved},
		{"s3alias-dev", ""},
		{"xs3alias", ""},
		{"s3aliases", ""},
		{"s3Alias", ": it holds 'A'"}, // the uppercase letter is the flaw
	} {
		if got := suffixRE.held(tt.value); got != tt.want {
			t.Errorf("suffix held(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
}

// TestUpperHex: an id whose hex digits are uppercase is told they must be
// lowercase, not that it holds a letter as if it were no hex digit.
func TestUpperHex(t *testing.T) {
	for _, tt := range []struct {
		p           pattern
		value, want string
	}{
		{subnetIDRE, "subnet-0A1B2C3D4E5F67890", `: its hex digits must be lowercase, as in "subnet-0a1b2c3d4e5f67890"`},
		{vpcIDRE, "vpc-0A1B2C3D", `: its hex digits must be lowercase, as in "vpc-0a1b2c3d"`},
		{prefixListRE, "pl-63A5400A", `: its hex digits must be lowercase, as in "pl-63a5400a"`},
		{subnetIDRE, "subnet-0A1B", ": its hex digits must be lowercase"}, // too short, as written or not
		{subnetIDRE, "subnet-0G1B2C3D", ": it holds 'G'"},                 // no hex digit in either case
		{subnetIDRE, "SUBNET-0a1b2c3d", ": it holds 'S'"},
		{subnetIDRE, "subnet-0a1b2c3d", ""},
	} {
		if got := tt.p.held(tt.value); got != tt.want {
			t.Errorf("held(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
}

func TestListenerFlaw(t *testing.T) {
	const ids = "/0123456789abcdef/0123456789abcdef"
	tests := []struct{ arn, want string }{
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb" + ids, ""},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/net/n" + ids, ""},
		{"arn:aws-cn:elasticloadbalancing:cn-north-1:111111111111:listener/app/my-alb" + ids, "it does not start with arn:aws:elasticloadbalancing:"},
		{"arn:aws:elasticloadbalancing:us-east-1", "it does not hold a Region and an account, each followed by ':'"},
		{"arn:aws:elasticloadbalancing:US-EAST-1:111111111111:listener/app/my-alb" + ids, `its Region, "US-EAST-1", is not a Region's code such as us-east-1`},
		{"arn:aws:elasticloadbalancing:us-east-1:1111:listener/app/my-alb" + ids, `its account, "1111", is not 12 digits`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/my-alb/0123456789abcdef", `it is the ARN of a load balancer; give the ARN of its listener, which starts with "listener/" after the account`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/blue/0123456789abcdef", `it is the ARN of a target group; give the ARN of the listener that forwards to it, which starts with "listener/" after the account`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener-rule/app/my-alb" + ids + "/0123456789abcdef", "it is the ARN of a listener rule; give the ARN of the listener, without the rule"},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:app/my-alb" + ids, `it names no listener: "listener/" must follow the account`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/gwy/g" + ids, `its load balancer type, "gwy", is neither app (Application) nor net (Network), the types CodeDeploy shifts traffic on`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/-alb" + ids, `its load balancer name, "-alb", is not 1 to 32 letters, digits and hyphens, starting and ending with a letter or digit`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/" + strings.Repeat("a", 33) + ids, `its load balancer name, "` + strings.Repeat("a", 33) + `", is not 1 to 32 letters, digits and hyphens, starting and ending with a letter or digit`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app", `its load balancer name, "", is not 1 to 32 letters, digits and hyphens, starting and ending with a letter or digit`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/internal-alb" + ids, `its load balancer name, "internal-alb", starts with "internal-", which no load balancer's name may`},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb/0123456789abcdef", "it does not end in the load balancer's id and the listener's id after the name, 16 lowercase hexadecimal digits each, such as /0123456789abcdef/0123456789abcdef"},
		{"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb/0123456789ABCDEF/0123456789abcdef", "it does not end in the load balancer's id and the listener's id after the name, 16 lowercase hexadecimal digits each, such as /0123456789abcdef/0123456789abcdef"},
	}
	for _, tt := range tests {
		if got := listenerFlaw(tt.arn); got != tt.want {
			t.Errorf("listenerFlaw(%q)\n got %q\nwant %q", tt.arn, got, tt.want)
		}
		if _, _, ok := parseListenerARN(tt.arn); ok != (tt.want == "") && !strings.Contains(tt.want, "internal-") {
			t.Errorf("parseListenerARN(%q) = %v, but listenerFlaw says %q", tt.arn, ok, tt.want)
		}
	}
	// Every value the pattern refuses has a flaw to tell.
	for _, s := range values() {
		if _, _, ok := parseListenerARN(s); !ok && listenerFlaw(s) == "" {
			t.Errorf("parseListenerARN(%q) refuses it, and listenerFlaw finds nothing wrong", s)
		}
	}
}
