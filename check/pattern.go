package check

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// pattern is a compiled schema pattern. The patterns templates meet most
// are one character class repeated between anchors, such as
// ^[a-zA-Z0-9_-]{1,64}$ or ^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$. Those are matched by a table of ASCII
// bytes, the class's ranges and a count of characters, many times faster
// than the regexp engine; every other pattern is matched by its regexp,
// compiled when it is first needed: the schemas hold hundreds of patterns,
// most of which a template never meets, and compiling them all took most of
// the time it takes to load the schemas.
type pattern struct {
	re    func() *regexp.Regexp
	class *charClass // set when the whole pattern is ^class{min,max}$
	min   int
	max   int // -1: no upper bound
}

// charClass is a set of characters: a table for ASCII and the sorted
// inclusive ranges of regexp/syntax for the rest.
type charClass struct {
	ascii  [utf8.RuneSelf]bool
	ranges []rune // lo, hi pairs
}

func (c *charClass) has(r rune) bool {
	for i := 0; i < len(c.ranges); i += 2 {
		if r < c.ranges[i] {
			return false
		}
		if r <= c.ranges[i+1] {
			return true
		}
	}
	return false
}

// newPattern parses src, in Go's RE2 syntax; the regexp, when the pattern
// needs one, is compiled on first use. It fails for what RE2 cannot
// express, such as look-arounds.
func newPattern(src string) (*pattern, error) {
	tree, err := syntax.Parse(src, syntax.Perl) // as regexp.Compile parses it
	if err != nil {
		return nil, err
	}
	p := &pattern{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })}
	if tree.Op != syntax.OpConcat || len(tree.Sub) != 3 ||
		tree.Sub[0].Op != syntax.OpBeginText || tree.Sub[2].Op != syntax.OpEndText {
		return p, nil
	}
	rep := tree.Sub[1]
	for rep.Op == syntax.OpCapture {
		rep = rep.Sub[0]
	}
	switch rep.Op {
	case syntax.OpStar:
		p.min, p.max = 0, -1
	case syntax.OpPlus:
		p.min, p.max = 1, -1
	case syntax.OpQuest:
		p.min, p.max = 0, 1
	case syntax.OpRepeat:
		p.min, p.max = rep.Min, rep.Max
	default:
		return p, nil
	}
	item := rep.Sub[0]
	for item.Op == syntax.OpCapture {
		item = item.Sub[0]
	}
	var ranges []rune
	switch item.Op {
	case syntax.OpCharClass:
		ranges = item.Rune
	case syntax.OpAnyCharNotNL:
		ranges = []rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune}
	case syntax.OpAnyChar:
		ranges = []rune{0, utf8.MaxRune}
	default:
		return p, nil
	}
	c := &charClass{ranges: ranges}
	for b := range utf8.RuneSelf {
		c.ascii[b] = c.has(rune(b))
	}
	p.class = c
	return p, nil
}

// MatchString reports whether s matches the pattern, as the regexp would:
// an invalid UTF-8 byte reads as U+FFFD.
func (p *pattern) MatchString(s string) bool {
	if p.class == nil {
		return p.re().MatchString(s)
	}
	n := 0
	for i := 0; i < len(s); n++ {
		if p.max >= 0 && n == p.max {
			return false
		}
		if c := s[i]; c < utf8.RuneSelf {
			if !p.class.ascii[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !p.class.has(r) {
			return false
		}
		i += size
	}
	return n >= p.min
}

// patternProblem says why pat, a parameter's AllowedPattern, is not a
// regular expression, or returns "" when it is one, or may be.
// CloudFormation reads AllowedPattern as Java does; RE2, in which this
// package parses it, lacks some of Java's syntax (look-arounds, possessive
// quantifiers, back references, Java's escapes and character classes) and
// limits repetition counts to 1,000. So only the errors that Java makes as
// well are reported: an unbalanced parenthesis or bracket, a trailing
// backslash, a quantifier with nothing to repeat or stacked on another, a
// range that runs backwards. Anything else RE2 refuses is let through, and
// a Default is then not matched against the pattern.
func patternProblem(pat string) string {
	if why, ok := problemCache.Load(pat); ok {
		return why.(string)
	}
	why := ""
	if compilePattern("^(?:"+pat+")$") == nil { // the anchored form a Default is matched with
		why = parseProblem(pat)
	}
	// A pattern may be a slice of the template, which the caller reuses
	// once Template returns: the cache keeps a copy.
	problemCache.Store(strings.Clone(pat), why)
	return why
}

// problemCache holds what patternProblem said of each pattern: templates
// repeat the same patterns.
var problemCache sync.Map // string → string

// parseProblem is patternProblem for a pattern RE2 does not compile.
func parseProblem(pat string) string {
	_, err := syntax.Parse(re2Source(pat), syntax.Perl)
	var e *syntax.Error
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code {
	case syntax.ErrMissingParen, syntax.ErrUnexpectedParen, syntax.ErrMissingBracket:
		// Java reads [a[b]c] as one class holding another, where RE2
		// ends the class at the first ]: the two then count parentheses
		// and brackets differently.
		if hasNestedClass(pat) {
			return ""
		}
	}
	switch e.Code {
	case syntax.ErrMissingParen:
		return "a group opened with ( is never closed"
	case syntax.ErrUnexpectedParen:
		return "a ) closes no group"
	case syntax.ErrMissingBracket:
		return fmt.Sprintf("the character class %s has no closing ]", e.Expr)
	case syntax.ErrTrailingBackslash:
		return "it ends in a lone backslash"
	case syntax.ErrMissingRepeatArgument:
		return fmt.Sprintf("%s has nothing before it to repeat", e.Expr)
	case syntax.ErrInvalidRepeatOp:
		// A quantifier followed by + is possessive in Java (a*+, a{2}+).
		if q, ok := strings.CutSuffix(e.Expr, "+"); ok && isQuantifier(q) {
			return ""
		}
		return fmt.Sprintf("the quantifiers %s repeat a repetition", e.Expr)
	case syntax.ErrInvalidRepeatSize:
		// RE2's limit of 1,000 is not Java's; a minimum above the
		// maximum is an error in both.
		if lo, hi, ok := repeatBounds(e.Expr); ok && hi >= 0 && lo > hi {
			return fmt.Sprintf("the repetition %s has a minimum above its maximum", e.Expr)
		}
	case syntax.ErrInvalidCharRange:
		// RE2 also says so of a \p{...} or [:...:] class it does not
		// know, which Java may; a range of two plain characters is clear.
		if lo, hi, ok := strings.Cut(e.Expr, "-"); ok && !strings.Contains(e.Expr, `\`) &&
			utf8.RuneCountInString(lo) == 1 && utf8.RuneCountInString(hi) == 1 {
			return fmt.Sprintf("the range %s runs backwards", e.Expr)
		}
	}
	return ""
}

// isQuantifier reports whether q is one quantifier: *, +, ? or {n}, {n,},
// {n,m}.
func isQuantifier(q string) bool {
	switch q {
	case "*", "+", "?":
		return true
	}
	_, _, ok := repeatBounds(q)
	return ok
}

// repeatBounds parses {n}, {n,} (hi -1) or {n,m}.
func repeatBounds(q string) (lo, hi int, ok bool) {
	inner, open := strings.CutPrefix(q, "{")
	inner, closed := strings.CutSuffix(inner, "}")
	if !open || !closed {
		return 0, 0, false
	}
	a, b, comma := strings.Cut(inner, ",")
	lo, err := strconv.Atoi(a)
	if err != nil || lo < 0 {
		return 0, 0, false
	}
	switch {
	case !comma:
		return lo, lo, true
	case b == "":
		return lo, -1, true
	}
	hi, err = strconv.Atoi(b)
	return lo, hi, err == nil && hi >= 0
}

// hasNestedClass reports whether a [ stands inside a character class of
// pat, outside \Q...\E quotes and escapes.
func hasNestedClass(pat string) bool {
	inClass := false
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == '\\' && strings.HasPrefix(pat[i:], `\Q`):
			end := strings.Index(pat[i+2:], `\E`)
			if end < 0 {
				return false
			}
			i += 2 + end + 1
		case c == '\\':
			i++ // the escaped character
		case c == '[' && inClass:
			return true
		case c == '[':
			inClass = true
			// A ] first in the class, after an optional ^, is a
			// literal.
			if strings.HasPrefix(pat[i+1:], "^") {
				i++
			}
			if strings.HasPrefix(pat[i+1:], "]") {
				i++
			}
		case c == ']':
			inClass = false
		}
	}
	return false
}
