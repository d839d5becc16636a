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
				`notifications.emails: Invalid value for "emails": "TEAM@example.com" is listed twice; list each address once.`,
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
