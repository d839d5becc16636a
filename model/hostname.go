package model

import (
	"strings"
	"unicode/utf8"
)

// DNS name limits (RFC 1035, section 2.3.4): a name is at most 255
// octets on the wire, which is 253 characters written without a final
// dot, and a label at most 63.
const (
	MaxDNSName  = 253
	MaxDNSLabel = 63
)

// nameFlaw is what keeps a string from being a DNS name of host labels.
type nameFlaw int

const (
	nameOK       nameFlaw = iota
	nameEmpty             // no label at all
	nameTooLong           // over MaxDNSName characters
	labelEmpty            // a dot at the start or the end, or two in a row
	labelTooLong          // over MaxDNSLabel characters
	labelHyphen           // starts or ends with a hyphen
	labelBadChar          // holds something other than a letter, digit or hyphen
)

// checkDNSName checks that name is a DNS name of host labels (RFC 1123,
// section 2.1): labels of 1 to 63 ASCII letters, digits and hyphens, not
// starting or ending with a hyphen, joined by dots, at most 253 characters
// in all. An internationalized name passes in its xn-- form, which is
// such a name. It returns the first flaw found and the label it is in.
func checkDNSName(name string) (flaw nameFlaw, label string) {
	if name == "" {
		return nameEmpty, ""
	}
	if len(name) > MaxDNSName {
		return nameTooLong, ""
	}
	for {
		label, rest, more := strings.Cut(name, ".")
		switch {
		case label == "":
			return labelEmpty, ""
		case len(label) > MaxDNSLabel:
			return labelTooLong, label
		case label[0] == '-' || label[len(label)-1] == '-':
			return labelHyphen, label
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !isAlnum(c) && c != '-' {
				return labelBadChar, label
			}
		}
		if !more {
			return nameOK, ""
		}
		name = rest
	}
}

// describe says what the flaw is, as a clause whose subject is the name
// ("it"), and gives the arguments of its format. name is the whole name.
func (f nameFlaw) describe(name, label string) (format string, args []any) {
	switch f {
	case nameEmpty:
		return "it has no label", nil
	case nameTooLong:
		return "it is %d characters long, over %d", []any{len(name), MaxDNSName}
	case labelEmpty:
		return "it has an empty label (a dot at its start or end, or two dots in a row)", nil
	case labelTooLong:
		return "its label %q is %d characters long, over %d", []any{label, len(label), MaxDNSLabel}
	case labelHyphen:
		if label[0] == '-' {
			return "its label %q starts with a hyphen", []any{label}
		}
		return "its label %q ends with a hyphen", []any{label}
	case labelBadChar:
		return "its label %q holds %q", []any{label, badRune(label)}
	}
	return "", nil
}

// badRune is the first character of s that is not an ASCII letter, digit
// or hyphen.
func badRune(s string) rune {
	for _, r := range s {
		if r >= utf8.RuneSelf || !isAlnum(byte(r)) && r != '-' {
			return r
		}
	}
	return 0
}

// dnsLabelRule says what a DNS name is, to follow a description of what
// is wrong with one.
const dnsLabelRule = "labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots"
