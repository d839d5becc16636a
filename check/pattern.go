package check

import (
	"regexp"
	"regexp/syntax"
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
