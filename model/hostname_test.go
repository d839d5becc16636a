package model

import (
	"fmt"
	"strings"
	"testing"
)

// TestCheckDNSName checks the DNS names of host labels that email domains
// and validation URLs need, and what is said of the others.
func TestCheckDNSName(t *testing.T) {
	label63 := strings.Repeat("a", 63)
	longest := label63 + "." + label63 + "." + label63 + "." + label63[:61] // 253 characters
	tests := []struct {
		name string
		want string // the description, "" when valid
	}{
		{name: "example.com"},
		{name: "orders.internal.example.com"},
		{name: "orders"},
		{name: "a"},
		{name: "1e5"},
		{name: "api-2.Example.COM"},
		{name: "xn--mnchen-3ya.de"},
		{name: "a--b.example"},
		{name: label63 + ".example"},
		{name: longest},

		{name: "", want: "it has no label"},
		{name: longest + "a", want: "it is 254 characters long, over 253"},
		{name: ".", want: "it has an empty label (a dot at its start or end, or two dots in a row)"},
		{name: "..", want: "it has an empty label (a dot at its start or end, or two dots in a row)"},
		{name: ".example.com", want: "it has an empty label (a dot at its start or end, or two dots in a row)"},
		{name: "example..com", want: "it has an empty label (a dot at its start or end, or two dots in a row)"},
		{name: "example.com.", want: "it has an empty label (a dot at its start or end, or two dots in a row)"},
		{name: label63 + "a.example", want: fmt.Sprintf("its label %q is 64 characters long, over 63", label63+"a")},
		{name: "-orders.example", want: `its label "-orders" starts with a hyphen`},
		{name: "orders-.example", want: `its label "orders-" ends with a hyphen`},
		{name: "-", want: `its label "-" starts with a hyphen`},
		{name: "a!b$c", want: `its label "a!b$c" holds '!'`},
		{name: "my_service.internal", want: `its label "my_service" holds '_'`},
		{name: "orders.exämple.com", want: `its label "exämple" holds 'ä'`},
		{name: "a b", want: `its label "a b" holds ' '`},
	}
	for _, tt := range tests {
		flaw, label := checkDNSName(tt.name)
		got := ""
		if flaw != nameOK {
			format, args := flaw.describe(tt.name, label)
			got = fmt.Sprintf(format, args...)
		}
		if got != tt.want {
			t.Errorf("checkDNSName(%q): got %q, want %q", tt.name, got, tt.want)
		}
	}
	if len(longest) != MaxDNSName {
		t.Errorf("the longest name is %d characters, not %d", len(longest), MaxDNSName)
	}
}
