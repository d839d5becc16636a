package check

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// iamActionsText is the catalogue of IAM actions, a line per service
// prefix: the prefix, then its actions. internal/iamactions writes it.
//
//go:embed iam-actions.txt
var iamActionsText string

// actionCatalogue holds the IAM actions of every service.
type actionCatalogue struct {
	services map[string]*serviceActions // by prefix
	prefixes []string                   // every prefix, sorted
}

// serviceActions are the actions of one service, split from their line
// of the catalogue when a template first names the service.
type serviceActions struct {
	line  string // the actions, separated by spaces
	split func() (names []string, set map[string]bool)
}

// iamActions reads the catalogue once, when a template first needs it.
var iamActions = sync.OnceValue(func() *actionCatalogue {
	c := &actionCatalogue{services: map[string]*serviceActions{}}
	for line := range strings.Lines(iamActionsText) {
		prefix, names, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		if strings.HasPrefix(line, "#") || !ok {
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
