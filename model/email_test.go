package model

import (
	"fmt"
	"strings"
	"testing"
)

// TestEmailFlaw checks which addresses SNS is given, and what the message
// says of the others.
func TestEmailFlaw(t *testing.T) {
	const labelRule = "; a domain is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots."
	const localRule = ". Before the @, an address holds letters, digits and !#$%&'*+-/=?^_`{|}~, with single dots between them."
	local64 := strings.Repeat("l", 64)
	label63 := strings.Repeat("d", 63)
	// 64 + 1 + 189 = 254 characters.
	longest := local64 + "@" + label63 + "." + label63 + "." + label63[:57] + ".com"
	tests := []struct {
		addr string
		want string // "" when valid
	}{
		{addr: "platform-team@example.com"},
		{addr: "team@example.com"},
		{addr: "first.last+tag@sub.example.co.uk"},
		{addr: "Team@Example.COM"},
		{addr: "a!#$%&'*+-/=?^_`{|}~z@example.com"},
		{addr: "ops@1-2.example.com"},
		{addr: "team@xn--mnchen-3ya.de"},
		{addr: "team@example.xn--p1ai"},
		{addr: "team@example.XN--P1AI"},
		{addr: local64 + "@example.com"},
		{addr: "a@" + label63 + ".com"},
		{addr: longest},

		// Length.
		{addr: longest + "m", want: fmt.Sprintf("%q is 255 characters long; an email address is at most 254 characters.", clipped(longest+"m"))},
		{addr: strings.Repeat("x", 10_000) + "@example.com", want: fmt.Sprintf("%q is 10012 characters long; an email address is at most 254 characters.", clipped(strings.Repeat("x", 10_000)))},
		{addr: "a@" + strings.Repeat("b", 250) + ".com", want: fmt.Sprintf("%q is 256 characters long; an email address is at most 254 characters.", clipped("a@"+strings.Repeat("b", 250)+".com"))},
		{addr: local64 + "l@example.com", want: fmt.Sprintf("The part of %q before the @ is 65 characters long; it may be at most 64.", local64+"l@example.com")},

		// ASCII only.
		{addr: "a\u200b@example.com", want: `"a\u200b@example.com" holds '\u200b', which is not ASCII; before the @, use ASCII letters, digits and !#$%&'*+-/=?^_` + "`{|}~" + `, with single dots between them.`},
		{addr: "jörg@example.com", want: `"jörg@example.com" holds 'ö', which is not ASCII; before the @, use ASCII letters, digits and !#$%&'*+-/=?^_` + "`{|}~" + `, with single dots between them.`},
		{addr: "team@münchen.de", want: `"team@münchen.de" holds 'ü', which is not ASCII; write the domain in ASCII, an internationalized one in its xn-- form, such as "team@xn--mnchen-3ya.de".`},
		{addr: strings.Repeat("ü", 200) + "@example.com", want: fmt.Sprintf("%q holds 'ü', which is not ASCII; before the @, use ASCII letters, digits and !#$%%&'*+-/=?^_`{|}~, with single dots between them.", clipped(strings.Repeat("ü", 200)+"@example.com"))},
		{addr: "team@example.com\u00a0", want: `"team@example.com\u00a0" holds '\u00a0', which is not ASCII; write the domain in ASCII, an internationalized one in its xn-- form, such as "team@xn--mnchen-3ya.de".`},

		// Shape.
		{addr: "platform team", want: `"platform team" is not an email address such as "team@example.com".`},
		{addr: "", want: `"" is not an email address such as "team@example.com".`},
		{addr: "Platform Team <platform@example.com>", want: `"Platform Team <platform@example.com>" is written as in a mail header; give the address alone, "platform@example.com".`},
		{addr: "<platform@example.com>", want: `"<platform@example.com>" is written as in a mail header; give the address alone, "platform@example.com".`},
		{addr: `"a b"@example.com`, want: `"\"a b\"@example.com" is not an email address such as "team@example.com": the part before the @ holds '"' and a space` + localRule},
		{addr: "a..b@example.com", want: `"a..b@example.com" is not an email address such as "team@example.com": the part before the @ has two dots in a row` + localRule},
		{addr: ".a@example.com", want: `".a@example.com" is not an email address such as "team@example.com": it starts with a dot` + localRule},
		{addr: "a.@example.com", want: `"a.@example.com" is not an email address such as "team@example.com": a dot comes right before the @` + localRule},
		{addr: "@example.com", want: `"@example.com" is not an email address such as "team@example.com": nothing comes before the @` + localRule},
		{addr: "a@b@example.com", want: `"a@b@example.com" is not an email address such as "team@example.com": the part before the @ holds '@'` + localRule},
		{addr: "a(comment)@example.com", want: `"a(comment)@example.com" is not an email address such as "team@example.com": the part before the @ holds '(' and ')'` + localRule},
		{addr: "${AWS::Region}@example.com", want: `"${AWS::Region}@example.com" is not an email address such as "team@example.com": the part before the @ holds ':'` + localRule},

		// Domain.
		{addr: "ops@", want: `"ops@" has no domain after the @; give an address such as "team@example.com".`},
		{addr: "a@[10.0.0.1]", want: `"a@[10.0.0.1]" gives an IP address after the @; give a domain name, as in "team@example.com".`},
		{addr: "a@[IPv6:2001:db8::1]", want: `"a@[IPv6:2001:db8::1]" gives an IP address after the @; give a domain name, as in "team@example.com".`},
		{addr: "a@b", want: `The domain of "a@b", "b", is a single label; give the full domain, such as "example.com".`},
		{addr: "a@localhost", want: `The domain of "a@localhost", "localhost", is a single label; give the full domain, such as "example.com".`},
		{addr: "a@-example.com", want: `The domain of "a@-example.com" is not valid: its label "-example" starts with a hyphen` + labelRule},
		{addr: "a@example-.com", want: `The domain of "a@example-.com" is not valid: its label "example-" ends with a hyphen` + labelRule},
		{addr: "a@exa_mple.com", want: `The domain of "a@exa_mple.com" is not valid: its label "exa_mple" holds '_'` + labelRule},
		{addr: "a@example..com", want: `The domain of "a@example..com" is not valid: it has an empty label (a dot at its start or end, or two dots in a row)` + labelRule},
		{addr: "a@.example.com", want: `The domain of "a@.example.com" is not valid: it has an empty label (a dot at its start or end, or two dots in a row)` + labelRule},
		{addr: "a@example.com.", want: `The domain of "a@example.com." is not valid: it has an empty label (a dot at its start or end, or two dots in a row)` + labelRule},
		{addr: "a@" + label63 + "d.com", want: `The domain of "a@` + label63 + `d.com" is not valid: its label "` + label63 + `d" is 64 characters long, over 63` + labelRule},
		{addr: "a@example.123", want: `The domain of "a@example.123" ends in "123"; a top-level domain is letters, or the xn-- form of an internationalized one.`},
		{addr: "a@10.0.0.1", want: `The domain of "a@10.0.0.1" ends in "1"; a top-level domain is letters, or the xn-- form of an internationalized one.`},
		{addr: "a@example.c0m", want: `The domain of "a@example.c0m" ends in "c0m"; a top-level domain is letters, or the xn-- form of an internationalized one.`},
	}
	for _, tt := range tests {
		format, args := emailFlaw(tt.addr)
		got := ""
		if format != "" {
			got = fmt.Sprintf(format, clip(args)...)
		}
		if got != tt.want {
			t.Errorf("emailFlaw(%q):\n got %s\nwant %s", clipped(tt.addr), got, tt.want)
		}
	}
	if len(longest) != MaxEmail {
		t.Errorf("the longest address is %d characters, not %d", len(longest), MaxEmail)
	}
}
