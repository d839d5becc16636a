package model

import (
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"
)

// Email address limits: RFC 5321 (section 4.5.3.1) allows a path of 256
// octets, two of them the angle brackets around the address, and a local
// part (before the @) of 64.
const (
	MaxEmail      = 254
	MaxEmailLocal = 64
)

// emailExample is the address messages give as an example.
const emailExample = "team@example.com"

// emailFlaw says why addr is not an address SNS can send email to, as a
// message's format and arguments; format is "" when it is one. An address
// is a dot-atom local part (RFC 5322, section 3.4.1) and a DNS name of at
// least two labels whose last, the top-level domain, is letters or an
// xn-- form, all in ASCII: SNS, as SES, sends to no internationalized
// address (RFC 6531), and an internationalized domain has an ASCII form.
// Quoted local parts and address literals ("a@[10.0.0.1]") are refused.
func emailFlaw(addr string) (format string, args []any) {
	at := strings.LastIndexByte(addr, '@')
	// ASCII first: the limits below count octets, which are then
	// characters.
	for i := 0; i < len(addr); i++ {
		if addr[i] < utf8.RuneSelf {
			continue
		}
		r, _ := utf8.DecodeRuneInString(addr[i:])
		if at >= 0 && i > at {
			return "%q holds %q, which is not ASCII; write the domain in ASCII, an internationalized one in its xn-- form, such as \"team@xn--mnchen-3ya.de\".", []any{addr, r}
		}
		return "%q holds %q, which is not ASCII; before the @, use ASCII letters, digits and !#$%%&'*+-/=?^_`{|}~, with single dots between them.", []any{addr, r}
	}
	if len(addr) > MaxEmail {
		return "%q is %d characters long; an email address is at most %d characters.", []any{addr, len(addr), MaxEmail}
	}
	if at < 0 || !isDotAtom(addr[:at]) {
		// An address as a mail header writes it, with a name or in angle
		// brackets: say what to keep.
		if a, err := mail.ParseAddress(addr); err == nil && strings.ContainsRune(addr, '<') {
			if f, _ := emailFlaw(a.Address); f == "" {
				return "%q is written as in a mail header; give the address alone, %q.", []any{addr, a.Address}
			}
		}
		if at < 0 {
			return "%q is not an email address such as %q.", []any{addr, emailExample}
		}
		return "%q is not an email address such as %q: %s. Before the @, an address holds letters, digits and !#$%%&'*+-/=?^_`{|}~, with single dots between them.", []any{addr, emailExample, localFlaw(addr[:at])}
	}
	local, domain := addr[:at], addr[at+1:]
	if len(local) > MaxEmailLocal {
		return "The part of %q before the @ is %d characters long; it may be at most %d.", []any{addr, len(local), MaxEmailLocal}
	}
	if domain == "" {
		return "%q has no domain after the @; give an address such as %q.", []any{addr, emailExample}
	}
	if domain[0] == '[' {
		return "%q gives an IP address after the @; give a domain name, as in %q.", []any{addr, emailExample}
	}
	if flaw, label := checkDNSName(domain); flaw != nameOK {
		clause, cargs := flaw.describe(domain, label)
		return "The domain of %q is not valid: " + clause + "; a domain is " + dnsLabelRule + ".", append([]any{addr}, cargs...)
	}
	dot := strings.LastIndexByte(domain, '.')
	if dot < 0 {
		return "The domain of %q, %q, is a single label; give the full domain, such as \"example.com\".", []any{addr, domain}
	}
	if tld := domain[dot+1:]; !all(tld, isLetter) && !hasPrefixFold(tld, "xn--") {
		return "The domain of %q ends in %q; a top-level domain is letters, or the xn-- form of an internationalized one.", []any{addr, tld}
	}
	return "", nil
}

// localFlaw says what keeps local, the ASCII part of an address before
// the @, from being a dot-atom: the characters it may not hold, or where
// its dots are.
func localFlaw(local string) string {
	var bad []string
	for i := 0; i < len(local); i++ {
		if c := local[i]; c != '.' && !isAtext(c) {
			if q := charName(rune(c)); !slices.Contains(bad, q) {
				bad = append(bad, q)
			}
		}
	}
	switch {
	case local == "":
		return "nothing comes before the @"
	case len(bad) > 0:
		return "the part before the @ holds " + joinAnd(bad)
	case local[0] == '.':
		return "it starts with a dot"
	case local[len(local)-1] == '.':
		return "a dot comes right before the @"
	}
	return "the part before the @ has two dots in a row"
}

// joinAnd joins items as a sentence lists them: "a", "a and b", "a, b
// and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// isDotAtom reports whether s is a dot-atom of RFC 5322 in ASCII: atoms
// of letters, digits and !#$%&'*+-/=?^_`{|}~, joined by single dots.
func isDotAtom(s string) bool {
	for {
		atom, rest, more := strings.Cut(s, ".")
		if !all(atom, isAtext) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// isAtext reports whether c may appear in an atom (RFC 5322, section
// 3.2.3), in ASCII.
func isAtext(c byte) bool {
	return isAlnum(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

func isLetter(c byte) bool { return isLower(c) || isUpper(c) }

// hasPrefixFold reports whether s starts with prefix, a lowercase ASCII
// string, in any case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
