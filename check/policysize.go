package check

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// IAM's quotas on the size of policies, in characters without whitespace:
// all the inline policies of a role together, one managed policy, and a
// role's trust policy (2,048 by default; the quota can be raised to 4,096).
const (
	maxRoleInlinePolicies = 10240
	maxManagedPolicy      = 6144
	maxTrustPolicy        = 2048
)

// checkPolicySizes reports the roles and managed policies whose policies
// are over IAM's quotas however CloudFormation resolves them: each
// intrinsic function is counted at the fewest characters it can give (an
// account id at 12, a parameter at its MinLength, an attribute at one), so
// a policy reported is too large with any parameters, and creating it
// fails.
func checkPolicySizes(t *template) {
	inline := map[string]int{} // role → characters of its inline policies
	for id, r := range t.each() {
		if r.props == nil {
			continue
		}
		switch r.typ {
		case "AWS::IAM::Role":
			if n := t.minPolicySize(r.props.get("AssumeRolePolicyDocument")); n > maxTrustPolicy {
				t.reportf(id, "CFN033", "The trust policy is at least %d characters once resolved, without whitespace; IAM allows %d unless the account's quota is raised (to at most 4,096).", n, maxTrustPolicy)
			}
			for _, pol := range list(r.props.get("Policies")) {
				inline[id] += t.minPolicySize(get(pol, "PolicyDocument"))
			}
		case "AWS::IAM::Policy":
			n := t.minPolicySize(r.props.get("PolicyDocument"))
			for _, role := range list(r.props.get("Roles")) {
				if fn, arg, ok := intrinsic(role); ok && fn == "Ref" {
					if name, _ := arg.(string); t.resources[name] != nil {
						inline[name] += n
					}
				}
			}
		case "AWS::IAM::ManagedPolicy":
			if n := t.minPolicySize(r.props.get("PolicyDocument")); n > maxManagedPolicy {
				t.reportf(id, "CFN033", "The policy is at least %d characters once resolved, without whitespace; IAM allows %d in a managed policy.", n, maxManagedPolicy)
			}
		}
	}
	for id := range t.each() {
		if n := inline[id]; n > maxRoleInlinePolicies {
			t.reportf(id, "CFN033", "The role's inline policies (its Policies and the AWS::IAM::Policy resources attached to it) are at least %d characters once resolved, without whitespace; IAM allows %d for all of them. Move statements to a managed policy.", n, maxRoleInlinePolicies)
		}
	}
}

// minPolicySize is the fewest characters the policy document v can take:
// the shortest of its Fn::If branches.
func (t *template) minPolicySize(v any) int {
	least := -1
	for b := range eachBranch(v) {
		if n := t.minSize(decodePolicy(b)); least < 0 || n < least {
			least = n
		}
	}
	return max(least, 0)
}

// minSize is the fewest characters v can take as compact JSON, once
// CloudFormation has resolved its intrinsic functions.
func (t *template) minSize(v any) int {
	switch x := v.(type) {
	case string:
		return jsonChars(x)
	case []any:
		n := 2 + max(len(x)-1, 0) // brackets and commas
		for _, e := range x {
			n += t.minSize(e)
		}
		return n
	case *object:
		if _, _, ok := intrinsic(x); ok {
			return 2 + t.minText(x) // a string, at its shortest
		}
		n, members := 2, 0
		for _, m := range x.all() {
			if fn, arg, ok := intrinsic(m.val); ok && fn == "Ref" && arg == "AWS::NoValue" {
				continue // the member is dropped
			}
			n += jsonChars(m.key) + 1 + t.minSize(m.val)
			members++
		}
		return n + max(members-1, 0)
	case nil:
		return len("null")
	case bool:
		return len(strconv.FormatBool(x))
	default: // a number
		return len(show(x))
	}
}

// minText is the fewest characters of the string an intrinsic function
// gives, without quotes.
func (t *template) minText(v any) int {
	t.visited++
	fn, arg, ok := intrinsic(v)
	if !ok {
		if s, isString := v.(string); isString {
			return textChars(s)
		}
		return 0
	}
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		return t.minRef(name)
	case "Fn::Sub":
		s, vars, ok := subString(arg)
		if !ok {
			return 0
		}
		return t.minSub(s, vars)
	case "Fn::Join":
		args, _ := arg.([]any)
		if len(args) != 2 {
			return 0
		}
		delim, _ := args[0].(string)
		items, _ := args[1].([]any)
		n := len(delim) * max(len(items)-1, 0)
		for _, item := range items {
			n += t.minText(item)
		}
		return n
	case "Fn::If":
		least := -1
		for b := range eachBranch(v) {
			if n := t.minText(b); least < 0 || n < least {
				least = n
			}
		}
		return max(least, 0)
	case "Fn::GetAtt":
		return 1
	}
	return 0
}

// minRef is the fewest characters a Ref to name gives.
func (t *template) minRef(name string) int {
	switch name {
	case "AWS::AccountId":
		return 12
	case "AWS::Partition":
		return len("aws")
	case "AWS::Region":
		return len("us-east-1")
	case "AWS::URLSuffix":
		return len("amazonaws.com")
	}
	if p := t.params[name]; p != nil {
		if lo, ok := lengthValue(p.raw.get("MinLength")); ok {
			return lo
		}
		return 0
	}
	if t.resources[name] != nil {
		return 1
	}
	return 0
}

// minSub is the fewest characters of an Fn::Sub string: its text, with
// each ${Name} at its shortest and each ${!Literal} as ${Literal}. A
// variable's value is measured once however often the string names it:
// measured again each time, Subs nested in each other's variables would
// take time exponential in their depth.
func (t *template) minSub(s string, vars *object) int {
	var measured map[string]int
	n := 0
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return n + textChars(s)
		}
		n += textChars(s[:i])
		s = s[i+2:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return n + textChars("${"+s) // not a variable: text
		}
		name := strings.TrimSpace(s[:end])
		s = s[end+1:]
		switch {
		case strings.HasPrefix(name, "!"):
			n += textChars("${" + name[1:] + "}")
		case vars != nil && vars.get(name) != nil:
			m, ok := measured[name]
			if !ok {
				m = t.minText(vars.get(name))
				if measured == nil {
					measured = map[string]int{}
				}
				measured[name] = m
			}
			n += m
		case strings.Contains(name, "."):
			n++ // an attribute of a resource
		default:
			n += t.minRef(name)
		}
	}
}

// textChars is the number of characters s takes inside a JSON string.
func textChars(s string) int { return jsonChars(s) - 2 }

// jsonChars is the number of characters s takes as a JSON string, quotes
// included: IAM counts characters, not bytes.
func jsonChars(s string) int {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < utf8.RuneSelf && s[i] != '"' && s[i] != '\\' {
		i++ // printable ASCII: one character each
	}
	n := 2 + i
	for _, r := range s[i:] {
		switch {
		case r == '"' || r == '\\' || r == '\n' || r == '\r' || r == '\t' || r == '\b' || r == '\f':
			n += 2
		case r < 0x20:
			n += 6
		default:
			n++
		}
	}
	return n // an invalid byte is one U+FFFD
}
