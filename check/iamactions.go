package check

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// iamActionsText is the catalogue of IAM actions and of the condition
// keys of AWS services they support. A service has a line of its prefix
// and its actions, then lines of its prefix and a colon, actions joined
// by commas, and the keys those actions support. internal/iamactions
// writes it.
//
//go:embed iam-actions.txt
var iamActionsText string

// actionCatalogue holds the IAM actions of every service.
type actionCatalogue struct {
	services map[string]*serviceActions // by prefix
	prefixes []string                   // every prefix, sorted
}

// serviceActions are the actions of one service, split from their line
// of the catalogue when a template first names the service, and the
// condition keys they support, when a template first puts one in a
// condition of one of its actions.
type serviceActions struct {
	line     string   // the actions, separated by spaces
	keyLines []string // "Action,Action key key": actions and the keys they support
	split    func() (names []string, set map[string]bool)
	keys     func() map[string]*keySet // by action, as written and in lower case
	allKeys  func() *keySet            // the keys of the service's actions
}

// keySet is the condition keys of some actions, as the catalogue writes
// them, split when a template first asks for one of them.
type keySet struct {
	split func() keyIndex
}

// keyIndex is a key set, split: its exact keys are those without a
// variable, as written and in lower case; its patterns, those with one,
// in lower case; its prefixes, the services of its keys, in lower case.
type keyIndex struct {
	exact    map[string]bool
	patterns []string
	prefixes []string
}

// newKeySet returns the key set of keys, separated by spaces.
func newKeySet(keys string) *keySet {
	return &keySet{split: sync.OnceValue(func() keyIndex {
		ki := keyIndex{exact: map[string]bool{}}
		for k := range strings.FieldsSeq(keys) {
			if p, _, _ := strings.Cut(k, ":"); !slices.Contains(ki.prefixes, strings.ToLower(p)) {
				ki.prefixes = append(ki.prefixes, strings.ToLower(p))
			}
			if strings.Contains(k, "${") {
				ki.patterns = append(ki.patterns, strings.ToLower(k))
			} else {
				ki.exact[k] = true
				ki.exact[strings.ToLower(k)] = true
			}
		}
		return ki
	})}
}

// has reports whether the set holds key, letter case aside, or a pattern
// that matches it.
func (ks *keySet) has(key string) bool {
	ki := ks.split()
	// Most sets asked for a key hold none of its service: they are told
	// from its prefix, without reading the rest of it.
	prefix, _, _ := strings.Cut(key, ":")
	if !slices.ContainsFunc(ki.prefixes, func(p string) bool { return strings.EqualFold(p, prefix) }) {
		return false
	}
	if ki.exact[key] {
		return true // as the catalogue writes it, as templates mostly do
	}
	if slices.ContainsFunc(ki.patterns, func(p string) bool { return matchesKeyPattern(key, p) }) {
		return true
	}
	return ki.exact[strings.ToLower(key)]
}

// iamActions reads the catalogue once, when a template first needs it.
var iamActions = sync.OnceValue(func() *actionCatalogue {
	c := &actionCatalogue{services: map[string]*serviceActions{}}
	for line := range strings.Lines(iamActionsText) {
		prefix, names, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		if strings.HasPrefix(line, "#") || !ok {
			continue
		}
		if service, actions, isKeys := strings.Cut(prefix, ":"); isKeys {
			if sa := c.services[service]; sa != nil {
				sa.keyLines = append(sa.keyLines, actions+" "+names)
			}
			continue
		}
		sa := &serviceActions{line: names}
		sa.split = sync.OnceValues(func() ([]string, map[string]bool) {
			names := strings.Fields(sa.line)
			set := make(map[string]bool, len(names))
			for _, n := range names {
				set[n] = true
			}
			return names, set
		})
		sa.keys = sync.OnceValue(func() map[string]*keySet {
			byAction := map[string]*keySet{}
			for _, l := range sa.keyLines {
				actions, keys, _ := strings.Cut(l, " ")
				ks := newKeySet(keys)
				for a := range strings.SplitSeq(actions, ",") {
					byAction[a] = ks
					byAction[strings.ToLower(a)] = ks
				}
			}
			return byAction
		})
		sa.allKeys = sync.OnceValue(func() *keySet {
			all := map[string]bool{}
			for _, l := range sa.keyLines {
				_, keys, _ := strings.Cut(l, " ")
				for k := range strings.FieldsSeq(keys) {
					all[k] = true
				}
			}
			return newKeySet(strings.Join(slices.Sorted(maps.Keys(all)), " "))
		})
		c.prefixes = append(c.prefixes, prefix)
		c.services[prefix] = sa
	}
	slices.Sort(c.prefixes)
	return c
})

// service returns the actions of the service prefix, letter case aside,
// or nil when no service has it.
func (c *actionCatalogue) service(prefix string) *serviceActions {
	if sa := c.services[prefix]; sa != nil {
		return sa
	}
	return c.services[strings.ToLower(prefix)]
}

// knows reports whether action names an IAM action; letter case does not
// matter to IAM.
func (c *actionCatalogue) knows(action string) bool {
	if !isASCII(action) {
		return false // ToLower and EqualFold would take "ſ" for "s"
	}
	prefix, name, _ := strings.Cut(action, ":")
	sa := c.service(prefix)
	if sa == nil {
		return false
	}
	names, set := sa.split()
	if set[name] {
		return true
	}
	// A wildcard is PL002's; no name is one.
	return !isWildcard(name) && slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
}

// tracks reports whether the catalogue lists key, of the service of its
// prefix, under some action of that service, and so knows which of its
// actions support it. The reference defines a few keys that it lists
// under no action (codebuild:BuildArn, in the requests made with a
// build's credentials): which actions support those is not known. A key
// listed under some actions is tracked, even where AWS documents it
// elsewhere: aws-marketplace:ProductId is listed under
// aws-marketplace:CreateAgreementRequest and AcceptAgreementRequest only,
// and AWS's own policies use it with aws-marketplace:Subscribe, which
// PL014 reports.
func (c *actionCatalogue) tracks(key string) bool {
	prefix, _, _ := strings.Cut(key, ":")
	sa := c.service(prefix)
	return sa != nil && sa.allKeys().has(key)
}

// supports reports whether action, one the catalogue knows, supports the
// condition key: whether AWS puts the key in the request context of the
// action. Keys, like actions, are matched letter case aside; a key the
// catalogue writes with a variable, as kms:EncryptionContext:${Key},
// stands for every key that replaces the variable with some text.
func (c *actionCatalogue) supports(action, key string) bool {
	ks := c.keysOf(action)
	return ks != nil && ks.has(key)
}

// keysOf returns the condition keys of AWS services that action, one the
// catalogue knows, supports, or nil when it supports none. Actions of a
// line of the catalogue share its set.
func (c *actionCatalogue) keysOf(action string) *keySet {
	prefix, name, _ := strings.Cut(action, ":")
	sa := c.service(prefix)
	if sa == nil {
		return nil
	}
	byAction := sa.keys()
	if ks := byAction[name]; ks != nil {
		return ks
	}
	return byAction[strings.ToLower(name)]
}

// matchesKeyPattern reports whether key is the pattern with each ${Name}
// in it replaced by one or more characters, letter case aside.
func matchesKeyPattern(key, pattern string) bool {
	var literals []string // the text around the variables
	for {
		before, rest, found := strings.Cut(pattern, "${")
		literals = append(literals, before)
		if !found {
			break
		}
		_, after, closed := strings.Cut(rest, "}")
		if !closed {
			return false
		}
		pattern = after
	}
	if len(literals) == 1 {
		return false // no variable: the key itself
	}
	first, last := literals[0], literals[len(literals)-1]
	if len(key) < len(first)+len(last) || !strings.EqualFold(key[:len(first)], first) || !strings.EqualFold(key[len(key)-len(last):], last) {
		return false
	}
	if len(literals) > 2 {
		key = strings.ToLower(key) // the texts between variables are looked for in lower case
	}
	// Each text between variables is found at its leftmost place, a
	// character at least after the text before it.
	middle, at := key[:len(key)-len(last)], len(first)
	for _, lit := range literals[1 : len(literals)-1] {
		if at+1 > len(middle) {
			return false
		}
		i := strings.Index(middle[at+1:], lit)
		if i < 0 {
			return false
		}
		at += 1 + i + len(lit)
	}
	return len(middle) > at // the last variable's character
}

// unknownAction says why the catalogue does not know action, and what it
// may have meant.
func (t *template) unknownAction(c *actionCatalogue, action string) string {
	prefix, name, found := strings.Cut(action, ":")
	if !found {
		return "names no service; an action is written service:Action, such as \"s3:GetObject\"."
	}
	if name == "" {
		return "names no action; an action is written service:Action, such as \"s3:GetObject\"."
	}
	sa := c.service(prefix)
	if sa == nil {
		msg := fmt.Sprintf("names the service prefix %q, which no AWS service has, so it allows or denies nothing", prefix)
		if near := t.suggesterFor("", c.prefixes).closest(prefix); near != "" {
			// Only an action of that service: the name as given, or the
			// closest to it.
			if c.knows(near + ":" + name) {
				return msg + fmt.Sprintf("; did you mean %q?", near+":"+name)
			}
			names, _ := c.services[near].split()
			if a := t.suggesterFor(near, names).closest(name); a != "" {
				return msg + fmt.Sprintf("; did you mean %q?", near+":"+a)
			}
		}
		return msg + "."
	}
	msg := fmt.Sprintf("is not an action of %s, so it allows or denies nothing", strings.ToLower(prefix))
	names, _ := sa.split()
	// A name that begins a few actions, such as kms:ReEncrypt, lost the end
	// of one: those are what it meant, more than a name of the same length.
	var longer []string
	for _, n := range names {
		if len(n) > len(name) && strings.EqualFold(n[:len(name)], name) {
			longer = append(longer, fmt.Sprintf("%q", strings.ToLower(prefix)+":"+n))
		}
	}
	if len(longer) > 0 && len(longer) <= 3 {
		return msg + "; did you mean " + strings.Join(longer, " or ") + "?"
	}
	if near := t.suggesterFor(strings.ToLower(prefix), names).closest(name); near != "" {
		return msg + fmt.Sprintf("; did you mean %q?", strings.ToLower(prefix)+":"+near)
	}
	return msg + "."
}

// suggesterFor returns the template's suggester among a service's actions,
// or among service prefixes for "".
func (t *template) suggesterFor(prefix string, candidates []string) *suggester {
	if t.actionSuggesters == nil {
		t.actionSuggesters = map[string]*suggester{}
	}
	s := t.actionSuggesters[prefix]
	if s == nil {
		s = newSuggester(candidates)
		t.actionSuggesters[prefix] = s
	}
	return s
}

// isASCII reports whether s holds only ASCII characters, as every action
// and condition operator does.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
