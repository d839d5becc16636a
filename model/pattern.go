package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern is a regular expression with an equivalent matcher written by
// hand. Validation matches dozens of values per service, and on 10,000
// services the regexp engine took more than a tenth of a load; the
// matchers take a small part of that. The expression stays the
// definition: a test checks that both agree.
type pattern struct {
	re    *regexp.Regexp
	match func(s string) bool
	// chars, when set, are the bytes the pattern allows anywhere: a
	// value with another is refused for it, which a message can name.
	chars func(c byte) bool
	// hint, when set, says better than chars what is wrong with a
	// value, as held does, or returns "".
	hint func(s string) string
}

func newPattern(expr string, match func(string) bool) pattern {
	return pattern{re: regexp.MustCompile(expr), match: match}
}

// allowing returns p with the bytes it allows anywhere.
func (p pattern) allowing(chars func(c byte) bool) pattern {
	p.chars = chars
	return p
}

// MatchString reports whether s matches the pattern.
func (p pattern) MatchString(s string) bool { return p.match(s) }

// hinting returns p with a hint (see pattern.hint).
func (p pattern) hinting(hint func(s string) string) pattern {
	p.hint = hint
	return p
}

// held says which character of s the pattern allows nowhere, the first,
// as a clause to follow a message's main one (": it holds 'O'"); "" when
// every character is allowed somewhere, or the pattern does not say.
func (p pattern) held(s string) string {
	if p.hint != nil {
		if h := p.hint(s); h != "" {
			return h
		}
	}
	if p.chars == nil {
		return ""
	}
	return heldChar(s, p.chars)
}

// heldChar says which character of s chars does not allow, the first, as
// pattern.held does.
func heldChar(s string, chars func(c byte) bool) string {
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf && unicode.IsPrint(r):
			// It may look like an ASCII character: say which it is.
			return fmt.Sprintf(": it holds %q (%U), which is not ASCII", r, r)
		case r >= utf8.RuneSelf:
			return fmt.Sprintf(": it holds %q, which is not ASCII", r)
		case !chars(byte(r)):
			return ": it holds " + charName(r)
		}
	}
	return ""
}

// Byte classes. The patterns' classes are ASCII, so a byte of a
// multi-byte character, or an invalid one, is in none of them, as the
// character is in none for the regexp engine.
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || 'a' <= c && c <= 'f' }
func isAlnum(c byte) bool { return isLower(c) || isUpper(c) || isDigit(c) }

func isLowerAlnum(c byte) bool { return isLower(c) || isDigit(c) }

// Classes of the bytes patterns allow anywhere (see pattern.allowing).
func isLowerAlnumOrHyphen(c byte) bool { return isLowerAlnum(c) || c == '-' }
func isNameChar(c byte) bool           { return isAlnum(c) || c == '_' || c == '-' }
func isCodeCommitChar(c byte) bool     { return isNameChar(c) || c == '.' }
func isECRChar(c byte) bool            { return isLowerAlnum(c) || c == '.' || c == '_' || c == '-' || c == '/' }
func isTargetGroupChar(c byte) bool    { return isAlnum(c) || c == '-' }
func isBucketChar(c byte) bool         { return isLowerAlnum(c) || c == '.' || c == '-' }
func isPathChar(c byte) bool           { return isCodeCommitChar(c) || c == '/' }

// all reports whether s is not empty and every byte of it is in class.
func all(s string, class func(byte) bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !class(s[i]) {
			return false
		}
	}
	return true
}

// segments reports whether s is one or more parts joined by '/', each of
// which ok accepts.
func segments(s string, ok func(string) bool) bool {
	for {
		part, rest, found := strings.Cut(s, "/")
		if !ok(part) {
			return false
		}
		if !found {
			return true
		}
		s = rest
	}
}

// hexID matches prefix and then 8 or 17 lowercase hex digits.
func hexID(prefix string) func(string) bool {
	return func(s string) bool {
		id, ok := strings.CutPrefix(s, prefix)
		return ok && (len(id) == 8 || len(id) == 17) && all(id, isHex)
	}
}

// hyphenFlaw is the hint of a pattern of lowercase letters and digits in
// words joined by single hyphens: how a value of those characters alone
// breaks it, as ": it ends with a hyphen". letterFirst asks for a letter
// first. The hint is "" for a value with another character, which the
// pattern's classes name instead.
func hyphenFlaw(letterFirst bool) func(s string) string {
	return func(s string) string {
		switch {
		case s == "" || heldChar(s, isLowerAlnumOrHyphen) != "":
			return ""
		case s[0] == '-':
			return ": it starts with a hyphen"
		case s[len(s)-1] == '-':
			return ": it ends with a hyphen"
		case strings.Contains(s, "--"):
			return ": it holds two hyphens in a row"
		case letterFirst && isDigit(s[0]):
			return ": it starts with a digit"
		}
		return ""
	}
}

// upperHex is the hint of a hexID pattern: an id whose hex digits hold
// uppercase letters is told that they must be lowercase, and what it is
// then, when that is an id.
func upperHex(prefix string) func(string) string {
	return func(s string) string {
		id, ok := strings.CutPrefix(s, prefix)
		lower := strings.ToLower(id)
		if !ok || id == lower || !all(lower, isHex) {
			return ""
		}
		if !hexID(prefix)(prefix + lower) {
			return ": its hex digits must be lowercase"
		}
		return fmt.Sprintf(": its hex digits must be lowercase, as in %q", prefix+lower)
	}
}

// ^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$
func isServiceName(s string) bool {
	if s == "" || !isLower(s[0]) || s[len(s)-1] == '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '-' && s[i-1] == '-' || c != '-' && !isLowerAlnum(c) {
			return false
		}
	}
	return true
}

// ^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$
func isStageName(s string) bool {
	if s == "" || !isLower(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '-' {
			if i+1 == len(s) || !isLower(s[i+1]) {
				return false
			}
		} else if !isLowerAlnum(c) {
			return false
		}
	}
	return true
}

// SuffixPattern: groups of [a-z0-9] joined by single hyphens, the last
// one not s3alias.
func isSuffix(s string) bool {
	return all(s, func(c byte) bool { return isLowerAlnum(c) || c == '-' }) && s[0] != '-' && s[len(s)-1] != '-' &&
		!strings.Contains(s, "--") && s[strings.LastIndexByte(s, '-')+1:] != reservedSuffixGroup
}

// suffixFlaw is the hint of the suffix pattern.
func suffixFlaw(s string) string {
	if h := hyphenFlaw(false)(s); h != "" {
		return h
	}
	if s != "" && heldChar(s, isLowerAlnumOrHyphen) == "" && s[strings.LastIndexByte(s, '-')+1:] == reservedSuffixGroup {
		return fmt.Sprintf(": the artifact bucket's name would end in %q, which S3 reserves for access point aliases and refuses", "-"+reservedSuffixGroup)
	}
	return ""
}

// ^[0-9]{12}$
func isAccountID(s string) bool { return len(s) == 12 && all(s, isDigit) }

// ^[\w.-]+$
func isCodeCommitName(s string) bool {
	return all(s, func(c byte) bool { return isAlnum(c) || c == '_' || c == '.' || c == '-' })
}

// ^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$
func isECRName(s string) bool {
	return segments(s, func(part string) bool {
		if part == "" || !isLowerAlnum(part[0]) || !isLowerAlnum(part[len(part)-1]) {
			return false
		}
		for i := 1; i < len(part); i++ {
			c := part[i]
			if isLowerAlnum(c) {
				continue
			}
			if c != '.' && c != '_' && c != '-' || !isLowerAlnum(part[i-1]) {
				return false
			}
		}
		return true
	})
}

// ^[a-zA-Z0-9_-]+$
func isECSName(s string) bool {
	return all(s, func(c byte) bool { return isAlnum(c) || c == '_' || c == '-' })
}

// ^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$
func isTargetGroupName(s string) bool {
	return len(s) <= 32 && all(s, func(c byte) bool { return isAlnum(c) || c == '-' }) && s[0] != '-' && s[len(s)-1] != '-'
}

// ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$
func isBucketName(s string) bool {
	return len(s) >= 3 && len(s) <= 63 && all(s, func(c byte) bool { return isLowerAlnum(c) || c == '.' || c == '-' }) &&
		isLowerAlnum(s[0]) && isLowerAlnum(s[len(s)-1])
}

// ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$
func isIPLike(s string) bool {
	parts := 0
	for {
		part, rest, found := strings.Cut(s, ".")
		if !all(part, isDigit) {
			return false
		}
		parts++
		if !found {
			return parts == 4
		}
		s = rest
	}
}

// ^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$
func isPath(s string) bool {
	return segments(s, func(part string) bool {
		return all(part, func(c byte) bool { return isAlnum(c) || c == '.' || c == '_' || c == '-' })
	})
}

// ^aws/codebuild/[a-z0-9._-]+:[A-Za-z0-9._-]+$
func isCuratedImage(s string) bool {
	rest, ok := strings.CutPrefix(s, "aws/codebuild/")
	if !ok {
		return false
	}
	name, tag, ok := strings.Cut(rest, ":")
	return ok && all(name, func(c byte) bool { return isLowerAlnum(c) || c == '.' || c == '_' || c == '-' }) &&
		all(tag, func(c byte) bool { return isAlnum(c) || c == '.' || c == '_' || c == '-' })
}

// ^[A-Za-z0-9_-]{1,255}$
func isContainerName(s string) bool { return len(s) <= 255 && isECSName(s) }

func isListenerARN(s string) bool {
	_, _, ok := parseListenerARN(s)
	return ok
}

// isLoadBalancerName reports whether name has the shape Elastic Load
// Balancing gives a load balancer's name: 1 to 32 letters, digits and
// hyphens, not starting or ending with a hyphen.
func isLoadBalancerName(name string) bool {
	return len(name) >= 1 && len(name) <= 32 && name[0] != '-' && name[len(name)-1] != '-' &&
		all(name, func(c byte) bool { return isAlnum(c) || c == '-' })
}

// internalLoadBalancer reports whether the load balancer of arn, a
// listener ARN, has a name that starts with "internal-", which Elastic
// Load Balancing allows no load balancer.
func internalLoadBalancer(arn string) bool {
	_, rest, ok := strings.Cut(arn, ":listener/")
	if !ok {
		return false
	}
	_, name, _ := strings.Cut(rest, "/") // after the type
	const internal = "internal-"
	return len(name) >= len(internal) && strings.EqualFold(name[:len(internal)], internal)
}

// listenerFlaw says what part of arn keeps it from being a listener ARN,
// as a clause that follows a colon; "" when it is one.
func listenerFlaw(arn string) string {
	const partition = "arn:aws:elasticloadbalancing:"
	rest, ok := strings.CutPrefix(arn, partition)
	if !ok {
		return "it does not start with " + partition
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 3 {
		return "it does not hold a Region and an account, each followed by ':'"
	}
	region, account, resource := parts[0], parts[1], parts[2]
	switch {
	case !all(region, func(c byte) bool { return isLowerAlnum(c) || c == '-' }) || region == "":
		return fmt.Sprintf("its Region, %q, is not a Region's code such as us-east-1", region)
	case !isAccountID(account):
		return fmt.Sprintf("its account, %q, is not 12 digits", account)
	case strings.HasPrefix(resource, "loadbalancer/"):
		return "it is the ARN of a load balancer; give the ARN of its listener, which starts with \"listener/\" after the account"
	case strings.HasPrefix(resource, "targetgroup/"):
		return "it is the ARN of a target group; give the ARN of the listener that forwards to it, which starts with \"listener/\" after the account"
	case strings.HasPrefix(resource, "listener-rule/"):
		return "it is the ARN of a listener rule; give the ARN of the listener, without the rule"
	}
	rest, ok = strings.CutPrefix(resource, "listener/")
	if !ok {
		return "it names no listener: \"listener/\" must follow the account"
	}
	parts = strings.Split(rest, "/")
	switch {
	case parts[0] != "app" && parts[0] != "net":
		return fmt.Sprintf("its load balancer type, %q, is neither app (Application) nor net (Network), the types CodeDeploy shifts traffic on", parts[0])
	case len(parts) < 2 || !isLoadBalancerName(parts[1]):
		name := ""
		if len(parts) >= 2 {
			name = parts[1]
		}
		return fmt.Sprintf("its load balancer name, %q, is not 1 to 32 letters, digits and hyphens, starting and ending with a letter or digit", name)
	case internalLoadBalancer(arn):
		return fmt.Sprintf("its load balancer name, %q, starts with \"internal-\", which no load balancer's name may", parts[1])
	case len(parts) != 4 || len(parts[2]) != 16 || len(parts[3]) != 16 || !all(parts[2], isHex) || !all(parts[3], isHex):
		return "it does not end in the load balancer's id and the listener's id after the name, 16 lowercase hexadecimal digits each, such as /0123456789abcdef/0123456789abcdef"
	}
	return ""
}

// parseListenerARN matches listenerARNRE and returns its region and
// account, as FindStringSubmatch would.
func parseListenerARN(arn string) (region, account string, ok bool) {
	rest, ok := strings.CutPrefix(arn, "arn:aws:elasticloadbalancing:")
	if !ok {
		return "", "", false
	}
	region, rest, ok = strings.Cut(rest, ":")
	if !ok || !all(region, func(c byte) bool { return isLowerAlnum(c) || c == '-' }) {
		return "", "", false
	}
	account, rest, ok = strings.Cut(rest, ":")
	if !ok || !isAccountID(account) {
		return "", "", false
	}
	rest, ok = strings.CutPrefix(rest, "listener/")
	if !ok {
		return "", "", false
	}
	kind, rest, ok := strings.Cut(rest, "/")
	if !ok || kind != "app" && kind != "net" {
		return "", "", false
	}
	name, rest, ok := strings.Cut(rest, "/")
	if !ok || !isLoadBalancerName(name) {
		return "", "", false
	}
	id1, id2, ok := strings.Cut(rest, "/")
	if !ok || len(id1) != 16 || len(id2) != 16 || !all(id1, isHex) || !all(id2, isHex) {
		return "", "", false
	}
	return region, account, true
}
