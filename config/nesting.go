package config

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// MaxNesting bounds how deeply brackets, braces, parentheses, strings and
// template interpolations may nest. services.hcl needs about six levels;
// the parser recurses once per level, so millions of levels would exhaust
// the stack.
const MaxNesting = 64

// MaxNumberLength bounds the characters of a number literal. The parser
// takes time that grows with the square of a number's length: a million
// digits take seconds, the 32 MiB a file may hold would take hours.
const MaxNumberLength = 64

// MaxBlockSize bounds the bytes of a top-level block. A service takes a
// kilobyte or two and defaults with every stage a few dozen (up to some
// 700 KiB with every list full of the longest values); the parser
// holds the syntax tree of a block, some twenty times its size, at once.
const MaxBlockSize = 1 << 20

// MaxStringLength bounds the bytes of a quoted string or a heredoc. Values
// in services.hcl are names, ARNs, URLs and paths, a few hundred bytes at
// most; the parser takes seconds and gigabytes for a string of megabytes.
const MaxStringLength = 16 << 10

// MaxOperators bounds the operators (such as !, -, + and ?), template
// directives and index brackets of a file. The parser and the evaluator
// recurse once per operator of a chain such as !!!!true or 1+1+1, so a
// file of them could exhaust the stack. Values in services.hcl are
// literals and need none but the minus of a negative number.
const MaxOperators = 10_000

// MaxTokens bounds the tokens of a file, as HCL's scanner cuts it: names,
// numbers, punctuation, line ends, comments, and each piece of a string
// between its quotes and interpolations. The size limit alone does not
// bound the work: the parser and the formatter build some hundred bytes
// per token, and 32 MiB of blank lines is 33 million tokens, which took
// fmt a minute and 16 GB. The largest file the tool accepts, MaxServices
// services with every feature (internal/gen -full), is 4.5 million tokens
// in 31 MiB (see TestLargestPlatform).
const MaxTokens = 8_000_000

// structure is where a file's top-level items start.
type structure struct {
	// lines are the starts of the lines outside any bracket, string or
	// comment, but for blank lines and lines of a comment: the file may
	// be cut there between top-level items.
	lines []hcl.Pos
	// headers are the starts of the lines, after a bracket that is never
	// closed, that begin as a top-level block does (`service "name" {` or
	// `defaults {` in the first column). Such a line is most likely the
	// block after the one missing its bracket: a guess, good enough to
	// look for more syntax errors from there, never to cut a valid file.
	headers []hcl.Pos
	// unclosed points at the brackets that seem never to be closed,
	// judging by the indentation (see structScanner.checkIndent): a hint
	// to add to the parser's errors, which point where it noticed, at the
	// block around the bracket or at the end of the file.
	unclosed hcl.Diagnostics
	// closers are the diagnostics of closing brackets that close nothing,
	// or another kind of bracket than the one open (see closerNote).
	closers []closerDiag
	// open points at the string, heredoc or template interpolation that
	// the end of the file leaves open, if any: the parser reports it at
	// the end of the file, which says nothing of where it starts.
	open *hcl.Diagnostic
	// tokens is the number of tokens, as HCL's scanner counts them, less
	// the end of the file (see MaxTokens).
	tokens int
}

// items returns lines and headers, in the order of the file.
func (st structure) items() []hcl.Pos {
	// Every header comes after the last line: after a bracket that is
	// never closed, no line is outside brackets.
	return append(st.lines[:len(st.lines):len(st.lines)], st.headers...)
}

// scanStructure scans src the way the HCL scanner does, far enough to
// know what is code, what is a quoted string, a heredoc or a comment, and
// where template interpolations open and close. It returns where the
// file's top-level items start and which brackets the indentation shows
// unclosed, or a diagnostic when nesting, operators, tokens, services, a
// block's size, or a number's or a string's length go over their limits,
// and for each quoted string that does not end on its line.
func scanStructure(src []byte, filename string) (structure, hcl.Diagnostics) {
	s := structScanner{src: src, line: 1, col: 1, tidy: true}
	s.indent = s.indentation()
	var st structure
	var services serviceCount
	var atHeaders hcl.Diagnostics // brackets the indentation shows closed by a header
	services.line(src, hcl.InitialPos, filename)
	for s.i < len(s.src) && len(s.unterminated) < MaxSyntaxErrors {
		at := hcl.Pos{Line: s.line, Column: s.col, Byte: s.i} // where the step starts
		if d := s.step(filename); d != nil {
			return structure{}, append(s.unterminated, d)
		}
		if s.tokens > MaxTokens {
			return structure{}, hcl.Diagnostics{tooManyTokens(at, filename)}
		}
		if s.blocks > MaxServices+1 {
			// One block more than the services and defaults a file may
			// hold: the file is refused before it is scanned any further,
			// at the first service over the limit, or at this block when
			// the count of lines missed services (after a comment on
			// their line, say).
			if len(s.unterminated) > 0 {
				return structure{}, s.unterminated // the likelier cause
			}
			if services.over != nil {
				return structure{}, hcl.Diagnostics{services.over}
			}
			return structure{}, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Too many services",
				Detail:   fmt.Sprintf("The file declares more than %d services and defaults; a file may declare at most %d services. This block is the first over the limit.", MaxServices, MaxServices),
				Subject: &hcl.Range{Filename: filename, Start: s.outer,
					End: hcl.Pos{Line: s.outer.Line, Column: s.outer.Column + 1, Byte: s.outer.Byte + 1}},
			}}
		}
		if len(s.stack) > 0 && s.i-s.outer.Byte > MaxBlockSize {
			// Checked at every step: a block may run on for megabytes on
			// one line.
			return structure{}, hcl.Diagnostics{s.blockTooLarge(filename, st.headers)}
		}
		if s.i > 0 && s.src[s.i-1] == '\n' && s.i < len(s.src) {
			s.indent = s.indentation()
			switch {
			case len(s.stack) == 0:
				// Every line that starts an item, and of blank and
				// comment lines one a kilobyte: enough to cut at, and
				// not a position per line of a file of blank lines.
				if !s.blankLine() || len(st.lines) == 0 || s.i-st.lines[len(st.lines)-1].Byte >= 1<<10 {
					st.lines = append(st.lines, hcl.Pos{Line: s.line, Column: 1, Byte: s.i})
					services.line(src, st.lines[len(st.lines)-1], filename)
				}
				st.unclosed = s.startItem(st.unclosed, filename)
			case s.inCode() && blockHeader(s.src[s.i:]):
				st.headers = append(st.headers, hcl.Pos{Line: s.line, Column: 1, Byte: s.i})
				if s.suspect != nil {
					st.unclosed = s.startItem(st.unclosed, filename)
					break
				}
				// A block header in the first column is outside every
				// bracket the item left open: each is a guess, kept if
				// the file leaves that bracket open (a block written in
				// another that closes later is not one). When the item
				// is not laid out by fmt, and several are open, which of
				// them lacks its closing bracket is not told by this.
				if open := s.stack[s.base:]; s.tidy || len(open) == 1 {
					for _, f := range open {
						atHeaders = append(atHeaders, unclosedBracket(f, s.line, filename))
					}
				}
				s.base, s.tidy, s.laidOut = len(s.stack), true, false
			}
			s.checkIndent()
		}
	}
	if len(s.unterminated) > 0 {
		return structure{}, s.unterminated
	}
	if services.over != nil {
		return structure{}, hcl.Diagnostics{services.over}
	}
	if s.inCode() {
		st.unclosed = s.startItem(st.unclosed, filename)
	}
	for _, d := range atHeaders {
		if slices.ContainsFunc(s.stack, func(f frame) bool { return f.start == d.Subject.Start }) {
			st.unclosed = append(st.unclosed, d)
		}
	}
	st.unclosed, st.closers = s.closerDiags(st.unclosed, filename)
	st.open = s.openAtEnd(filename)
	st.tokens = s.tokens
	if len(s.stack) == 0 {
		st.headers = nil // every bracket closes: no guess is needed
	} else {
		// Only headers after the outermost construct left open, and after
		// the last line outside brackets, so that items stays in order.
		open := s.stack[0].start.Byte
		if n := len(st.lines); n > 0 {
			open = max(open, st.lines[n-1].Byte)
		}
		i := 0
		for i < len(st.headers) && st.headers[i].Byte <= open {
			i++
		}
		st.headers = st.headers[i:]
	}
	return st, nil
}

// tooManyTokens reports the token at, over MaxTokens.
func tooManyTokens(at hcl.Pos, filename string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Too many tokens",
		Detail: fmt.Sprintf("The file has more than %d tokens (names, numbers, punctuation, line ends, comments and pieces of strings); this one is over the limit. "+
			"A platform of 20,000 services with every setting has about 4.5 million: look for a long run of blank lines, or of anything else, such as one written by a script gone wrong.", MaxTokens),
		Subject: &hcl.Range{Filename: filename, Start: at, End: hcl.Pos{Line: at.Line, Column: at.Column + 1, Byte: at.Byte + 1}},
	}
}

// openAtEnd reports the outermost string or heredoc left open at the end
// of the file, if any: at the interpolation or directive in it that
// nothing closes, or for a quoted string one that a later line closed
// (see frame.split); else at its start.
func (s *structScanner) openAtEnd(filename string) *hcl.Diagnostic {
	q := slices.IndexFunc(s.stack, func(f frame) bool { return f.kind == '"' || f.kind == '<' })
	if q < 0 {
		return nil
	}
	f := s.stack[q]
	for _, g := range s.stack[q+1:] {
		if g.kind == 'i' {
			return s.unclosedTemplateDiag(g.start, openToEnd, filename)
		}
	}
	if f.split.Line > 0 {
		return s.unclosedTemplateDiag(f.split, openOnLine, filename)
	}
	d := &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Unterminated string",
		Detail:   "This string has no closing quote: the file ends first. A quoted string ends on the line it starts; close it with \" there.",
		Subject:  &hcl.Range{Filename: filename, Start: f.start, End: hcl.Pos{Line: f.start.Line, Column: f.start.Column + 1, Byte: f.start.Byte + 1}},
	}
	if f.kind == '<' {
		n := 2 + len(f.marker)
		if s.src[f.start.Byte+2] == '-' {
			n++
		}
		d.Summary = "Unterminated heredoc"
		d.Detail = fmt.Sprintf("This heredoc has no end: no line after it holds only its marker, %s, so it runs to the end of the file. End it with a line that holds only %s.", f.marker, f.marker)
		d.Subject.End = hcl.Pos{Line: f.start.Line, Column: f.start.Column + n, Byte: f.start.Byte + n}
	}
	return d
}

// serviceCount counts the lines outside brackets that start a service
// block, so that a file of a million services is refused before it is
// parsed: the syntax tree of a file takes some twenty times its size, and
// parsing 32 MiB of empty service blocks took seconds and gigabytes only
// to report that there were too many. (A block after a comment on its
// line is not counted here: scanStructure counts top-level braces too.)
type serviceCount struct {
	n    int
	over *hcl.Diagnostic // at the first service over the limit, if any
}

// line counts the line starting at start if it starts a service block.
func (c *serviceCount) line(src []byte, start hcl.Pos, filename string) {
	rest := src[start.Byte:]
	blank := len(rest) - len(bytes.TrimLeft(rest, " \t"))
	word := rest[blank:]
	if !bytes.HasPrefix(word, []byte("service")) || !blockHeader(word) {
		return
	}
	if c.n++; c.n != MaxServices+1 {
		return
	}
	// The label, or the word when there is none.
	from, to := blank, blank+len("service")
	at := to + len(rest[to:]) - len(bytes.TrimLeft(rest[to:], " \t"))
	if at < len(rest) && rest[at] == '"' {
		from, to = at, at+1
		for to < len(rest) && rest[to] != '"' && rest[to] != '\n' {
			if rest[to] == '\\' {
				to++
			}
			to++
		}
		to = min(to+1, len(rest))
	}
	pos := func(off int) hcl.Pos {
		return hcl.Pos{Line: start.Line, Column: 1 + off, Byte: start.Byte + off}
	}
	c.over = &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Too many services",
		Detail:   tooManyServices(0),
		Subject:  &hcl.Range{Filename: filename, Start: pos(from), End: pos(to)},
	}
}

// roughTokens estimates the tokens of code: a run of letters and digits
// is one, a quoted string three (its quotes and its text), and any other
// character but a blank one.
func roughTokens(code []byte) int {
	n := 0
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == ' ' || c == '\t' || c == '\r':
		case c == '"':
			n += 3
			for i++; i < len(code) && code[i] != '"' && code[i] != '\n'; i++ {
				if code[i] == '\\' {
					i++
				}
			}
		case isWord(c):
			n++
			for i+1 < len(code) && isWord(code[i+1]) {
				i++
			}
		default:
			n++
		}
	}
	return n
}

// blockHeader reports whether line starts as a top-level block does.
func blockHeader(line []byte) bool {
	for _, kw := range []string{"service", "defaults"} {
		if len(line) > len(kw) && string(line[:len(kw)]) == kw {
			switch line[len(kw)] {
			case ' ', '\t', '"', '{':
				return true
			}
		}
	}
	return false
}

// frame is one open construct: a bracket, a quoted string ("), a heredoc
// (<) or a template interpolation or directive (i).
type frame struct {
	kind   byte
	marker string  // a heredoc's closing marker
	start  hcl.Pos // where it opens
	indent int     // the indentation of the line it opens on
	body   int     // where a string's or heredoc's text starts
	// split is, for a quoted string, where the first interpolation or
	// directive in it opens that a later line closes: valid HCL, but
	// the likely cause when the string then runs past its line.
	split hcl.Pos
}

type structScanner struct {
	src       []byte
	i         int // next byte
	line, col int // of src[i]
	stack     []frame
	operators int
	tokens    int  // scanned so far, as HCL's scanner counts them (see MaxTokens)
	lit       bool // in a piece of a string's text, which is one token
	prev      byte // the last significant byte of code, for index brackets
	indent    int  // the number of spaces that start the current line

	// The item being scanned: a top-level item, or what follows a line
	// taken for a block header after a bracket never closed. Its frames
	// are those of the stack from base on. tidy holds while each line of
	// code in it is indented as hclwrite indents it; suspect is the first
	// of its frames that a line less indented left open, and suspectLine
	// that line.
	base        int
	tidy        bool
	laidOut     bool // a line of the item in a bracket is indented as fmt indents it
	suspect     *frame
	suspectLine int

	outer  hcl.Pos // where the outermost bracket open opens
	blocks int     // the braces opened at the top level: blocks

	// unterminated holds a diagnostic for each quoted string that does
	// not end on its line, up to MaxSyntaxErrors: the scan goes on after
	// one, taking the line's end for the string's.
	unterminated hcl.Diagnostics

	// closers are the first closing brackets, up to MaxSyntaxErrors+1,
	// that close no bracket: none of their kind is open, or another kind
	// is the innermost open.
	closers []closerNote
	// early is the first closing brace, in an item laid out by fmt, that
	// closes a block it is indented deeper than, or on the line of an
	// argument: should a closing brace later close nothing, this one seems
	// the brace too many. A block opened in the first column forgets it.
	early *earlyCloser
}

// closerNote is the closing bracket c at at, which closes nothing: open
// is the innermost bracket open, of another kind, when c seems meant to
// close it, and nil when no bracket of c's kind is open. ownLine is set
// when c starts its line indented as much as the line that opened open.
// early is the closing brace that seems one too many, for a closing brace
// met outside every bracket.
type closerNote struct {
	at      hcl.Pos
	c       byte
	open    *frame
	ownLine bool
	early   *earlyCloser
}

// earlyCloser is a closing brace at at that closes the bracket opened at
// open, though indented as the end of a bracket inside it.
type earlyCloser struct {
	at, open hcl.Pos
	inLine   bool // it follows an argument on its line
}

// closerDiag is the diagnostic of a closing bracket, and the offset of
// what the parser reports in its stead: the bracket itself, or for a brace
// one too many, the brace that then closes nothing.
type closerDiag struct {
	d  *hcl.Diagnostic
	at int
}

// popInterpolation pops the interpolation or directive at k, with the
// frames above it. One that a later line closes than the one it opens on
// is recorded in the quoted string it is in (see frame.split).
func (s *structScanner) popInterpolation(k int) {
	f := s.stack[k]
	if f.start.Line != s.line && k > 0 && s.stack[k-1].kind == '"' && s.stack[k-1].split.Line == 0 {
		s.stack[k-1].split = f.start
	}
	s.stack = s.stack[:k]
}

// blankLine reports whether the line at s.i holds only blanks or a line
// comment.
func (s *structScanner) blankLine() bool {
	rest := bytes.TrimLeft(s.src[s.i:], " \t")
	if len(rest) == 0 {
		return true
	}
	switch rest[0] {
	case '\n', '\r', '#':
		return true
	case '/':
		// Not /*: an item may follow the comment on its line.
		return len(rest) > 1 && rest[1] == '/'
	}
	return false
}

// indentation counts the spaces that start the line at s.i.
func (s *structScanner) indentation() int {
	n := 0
	for s.i+n < len(s.src) && s.src[s.i+n] == ' ' {
		n++
	}
	return n
}

// checkIndent compares the indentation of the line starting at s.i with
// the brackets open, as hclwrite (and so pipelines fmt) indents: two
// spaces more than the line that opened the innermost bracket, or as much
// as that line for the line that closes it. A line indented less, in an
// item indented right so far, seems to be outside that bracket: it is the
// suspect, reported if the item ends with a bracket open. A line indented
// more means the item is not laid out by hclwrite, and the indentation
// says nothing.
func (s *structScanner) checkIndent() {
	if !s.tidy || s.suspect != nil || !s.inCode() || s.i+s.indent >= len(s.src) {
		return
	}
	c := s.src[s.i+s.indent]
	switch c {
	case '\n', '\r', '#', '/':
		return // a blank line or a comment
	case '\t':
		s.tidy = false
		return
	}
	if len(s.stack) == s.base {
		if s.indent > 0 {
			s.tidy = false
		}
		return
	}
	top := &s.stack[len(s.stack)-1]
	want := top.indent + 2
	if opener[c] == top.kind {
		want = top.indent
	}
	switch {
	case s.indent == want:
		s.laidOut = true
	case s.indent < want && !s.laidOut:
		// No line of the item has been indented as fmt indents yet: a
		// file written without indentation says nothing by it.
		s.tidy = false
	case s.indent < want:
		f := *top
		s.suspect, s.suspectLine = &f, s.line
	case s.indent > want:
		if opener[c] == top.kind && c == '}' && s.early == nil {
			s.early = &earlyCloser{at: hcl.Pos{Line: s.line, Column: s.indent + 1, Byte: s.i + s.indent}, open: top.start}
		}
		s.tidy = false
	}
}

// startItem ends the item scanned so far, and starts the next one at the
// current line. When the item left a bracket open and the indentation
// pointed at one, it appends a diagnostic for that bracket to unclosed.
func (s *structScanner) startItem(unclosed hcl.Diagnostics, filename string) hcl.Diagnostics {
	if f := s.suspect; f != nil && len(s.stack) > s.base {
		unclosed = append(unclosed, unclosedBracket(*f, s.suspectLine, filename))
	}
	s.base, s.tidy, s.laidOut, s.suspect = len(s.stack), true, false, nil
	return unclosed
}

// closerDiags returns the diagnostics of the closing brackets that close
// nothing, and unclosed without those of the brackets they explain: a
// bracket the end of the file leaves open, after a closing bracket of
// another kind met while it was the innermost, is closed with the wrong
// one, which says more than where the indentation ends it. (A brace may
// be closed later by the one meant for the block around it: it counts as
// left open when the indentation says so.)
func (s *structScanner) closerDiags(unclosed hcl.Diagnostics, filename string) (hcl.Diagnostics, []closerDiag) {
	open := func(p hcl.Pos) bool { return slices.ContainsFunc(s.stack, func(f frame) bool { return f.start == p }) }
	names := map[byte]string{')': "parenthesis", ']': "bracket", '}': "brace"}
	what := map[byte]string{'(': "parenthesis", '[': "list", '{': "block or object"}
	one := func(p hcl.Pos) *hcl.Range {
		return &hcl.Range{Filename: filename, Start: p, End: hcl.Pos{Line: p.Line, Column: p.Column + 1, Byte: p.Byte + 1}}
	}
	var diags []closerDiag
	explained := map[hcl.Pos]bool{}
	reported := map[hcl.Pos]bool{} // brackets the indentation shows unclosed
	for _, d := range unclosed {
		reported[d.Subject.Start] = true
	}
	for _, n := range s.closers {
		if n.open != nil && explained[n.open.start] {
			continue // closed with the wrong bracket: what follows is the bracket's
		}
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Subject: one(n.at)}
		at := n.at.Byte
		switch {
		case n.open != nil && (open(n.open.start) || reported[n.open.start]):
			explained[n.open.start] = true
			want := closer[n.open.kind]
			d.Summary = "Mismatched " + names[n.c]
			if n.ownLine {
				d.Detail = fmt.Sprintf("This %c is where the %s opened at %d:%d ends, going by the indentation, and %c closes it: replace it with %c.",
					n.c, what[n.open.kind], n.open.start.Line, n.open.start.Column, want, want)
			} else {
				d.Detail = fmt.Sprintf("This %[1]c comes before the %[2]s opened at %[3]d:%[4]d is closed, with %[5]c. Replace it with %[5]c if it was meant to close the %[2]s, or write %[5]c before it.",
					n.c, what[n.open.kind], n.open.start.Line, n.open.start.Column, want)
			}
		case n.early != nil:
			d.Summary = "Unmatched closing brace"
			d.Subject = one(n.early.at)
			how := "it is indented as the end of a block inside it"
			if n.early.inLine {
				how = "it follows an argument on its line, where fmt never closes a block"
			}
			d.Detail = fmt.Sprintf("This } closes the block opened at %d:%d, though %s: it seems one } too many, and the } at %d:%d then closes nothing. Remove this one.",
				n.early.open.Line, n.early.open.Column, how, n.at.Line, n.at.Column)
		case n.c == '}' && n.open == nil:
			d.Summary = "Unmatched closing brace"
			d.Detail = "Every bracket before this } is closed already, so it closes nothing. Remove it, unless a { is missing before it, or a } before it closes its block too early."
		default:
			d.Summary = "Unmatched closing " + names[n.c]
			d.Detail = fmt.Sprintf("No %c is open here, so this %c closes nothing. Remove it.", opener[n.c], n.c)
			if n.open != nil {
				d.Detail = fmt.Sprintf("The bracket open here is the %c at %d:%d, which %c closes, so this %c closes nothing. Remove it.",
					n.open.kind, n.open.start.Line, n.open.start.Column, closer[n.open.kind], n.c)
			}
		}
		diags = append(diags, closerDiag{d: d, at: at})
	}
	unclosed = slices.DeleteFunc(unclosed, func(d *hcl.Diagnostic) bool { return explained[d.Subject.Start] })
	return unclosed, diags
}

// unclosedBracket is the diagnostic of the bracket f, never closed, which
// the indentation ends before line.
func unclosedBracket(f frame, line int, filename string) *hcl.Diagnostic {
	name := map[byte]string{'(': "parenthesis", '[': "bracket", '{': "brace"}[f.kind]
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Unclosed " + name,
		Detail: fmt.Sprintf("Nothing closes this %c. Going by the indentation, what it holds ends before line %d: close it there with %c.",
			f.kind, line, closer[f.kind]),
		Subject: &hcl.Range{Filename: filename, Start: f.start,
			End: hcl.Pos{Line: f.start.Line, Column: f.start.Column + 1, Byte: f.start.Byte + 1}},
		Extra: endsBefore(line),
	}
}

// endsBefore is the line before which an unclosed bracket's contents end,
// going by the indentation: the parser, reading on, reports there what
// follows as missing a separator.
type endsBefore int

// advance moves past n bytes, keeping line and column (in characters).
func (s *structScanner) advance(n int) {
	for ; n > 0 && s.i < len(s.src); n-- {
		switch c := s.src[s.i]; {
		case c == '\n':
			s.line, s.col = s.line+1, 1
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte
			s.col++
		}
		s.i++
	}
}

func (s *structScanner) at(str string) bool {
	return len(s.src)-s.i >= len(str) && string(s.src[s.i:s.i+len(str)]) == str
}

// closeInterpolation handles a } that does not close the innermost
// bracket. Inside an interpolation, HCL's scanner counts braces only, so
// the } closes the nearest brace, or the interpolation itself, with the
// brackets left open above it. Elsewhere it closes nothing.
func (s *structScanner) closeInterpolation() {
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch s.stack[i].kind {
		case '(', '[':
			continue
		case 'i':
			s.popInterpolation(i)
		case '{':
			if s.inInterpolation(i) {
				s.stack = s.stack[:i]
			}
		}
		return
	}
}

// inInterpolation reports whether the frame at i is inside an
// interpolation.
func (s *structScanner) inInterpolation(i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s.stack[j].kind {
		case 'i':
			return true
		case '"', '<':
			return false
		}
	}
	return false
}

// inCode reports whether the scanner is in code: in brackets only, not in
// a string, a heredoc or an interpolation.
func (s *structScanner) inCode() bool {
	for _, f := range s.stack {
		if f.kind != '(' && f.kind != '[' && f.kind != '{' {
			return false
		}
	}
	return true
}

func (s *structScanner) top() byte {
	if len(s.stack) == 0 {
		return 0
	}
	return s.stack[len(s.stack)-1].kind
}

func (s *structScanner) push(f frame, filename string) *hcl.Diagnostic {
	if len(s.stack) == 0 {
		s.outer = f.start
		if f.kind == '{' {
			s.blocks++
		}
	}
	s.stack = append(s.stack, f)
	if len(s.stack) <= MaxNesting {
		return nil
	}
	return s.diag(filename, "Nesting too deep", fmt.Sprintf(
		"Brackets, braces, parentheses, strings and template interpolations nest more than %d levels deep here. services.hcl needs only a few levels; simplify the expression.", MaxNesting))
}

// blockTooLarge reports the outermost bracket open, which has run on for
// more than MaxBlockSize. When a line in it starts as a top-level block
// does (one of headers), the bracket most likely lacks its closing one:
// that is what is reported.
func (s *structScanner) blockTooLarge(filename string, headers []hcl.Pos) *hcl.Diagnostic {
	d := &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Block too large",
		Detail: fmt.Sprintf("What this opens runs on for more than %d KiB, to line %d; a service block takes a kilobyte or two, and defaults with every stage a few dozen. Remove what does not belong in it, or close it where it should end.",
			MaxBlockSize>>10, s.line),
		Subject: &hcl.Range{Filename: filename, Start: s.outer,
			End: hcl.Pos{Line: s.outer.Line, Column: s.outer.Column + 1, Byte: s.outer.Byte + 1}},
	}
	for _, h := range headers {
		if h.Byte > s.outer.Byte {
			kind := s.stack[0].kind
			name := map[byte]string{'(': "parenthesis", '[': "bracket", '{': "brace"}[kind]
			if name == "" {
				break
			}
			d.Summary = "Unclosed " + name
			d.Detail = fmt.Sprintf("Nothing closes this %c before line %d, which starts as a top-level block does, and what it opens runs on for more than %d KiB. Close it with %c before line %d.",
				kind, h.Line, MaxBlockSize>>10, closer[kind], h.Line)
			break
		}
	}
	return d
}

func (s *structScanner) operator(filename string) *hcl.Diagnostic {
	s.operators++
	if s.operators <= MaxOperators {
		return nil
	}
	return s.diag(filename, "Too many operators", fmt.Sprintf(
		"The file has more than %d operators (such as !, -, + or ?), template directives and index brackets; this one is over the limit. Values in services.hcl are literals: write them out.", MaxOperators))
}

func (s *structScanner) diag(filename, summary, detail string) *hcl.Diagnostic {
	start := hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}
	end := hcl.Pos{Line: s.line, Column: s.col + 1, Byte: s.i + 1}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   detail,
		Subject:  &hcl.Range{Filename: filename, Start: start, End: end},
	}
}

// step scans one token or character.
func (s *structScanner) step(filename string) *hcl.Diagnostic {
	var d *hcl.Diagnostic
	switch s.top() {
	case '"':
		d = s.quoted(filename)
	case '<':
		d = s.heredoc(filename)
	default:
		return s.code(filename)
	}
	if d != nil {
		return d
	}
	if top := s.top(); top == '"' || top == '<' {
		return s.checkLength(s.stack[len(s.stack)-1], s.i, filename)
	}
	return nil
}

// checkLength refuses the string or heredoc f when its text, up to end,
// is over MaxStringLength: checked as it is scanned, so that a string
// that never ends is refused early, and when it closes, so that its
// interpolations count too.
func (s *structScanner) checkLength(f frame, end int, filename string) *hcl.Diagnostic {
	if end-f.body <= MaxStringLength {
		return nil
	}
	what := "string"
	if f.kind == '<' {
		what = "heredoc"
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "String too long",
		Detail: fmt.Sprintf("This %s is longer than %d bytes. Values in services.hcl are names, ARNs, URLs and paths, none that long; check for a missing closing quote or marker.",
			what, MaxStringLength),
		Subject: &hcl.Range{Filename: filename, Start: f.start, End: hcl.Pos{Line: f.start.Line, Column: f.start.Column + 1, Byte: f.start.Byte + 1}},
	}
}

func (s *structScanner) code(filename string) *hcl.Diagnostic {
	if s.i > 0 && s.src[s.i-1] == '\n' && s.unclosedInHeredoc(filename) {
		return nil
	}
	c := s.src[s.i]
	if c == ' ' || c == '\t' || c == '\r' {
		// Indentation and other blanks, in one step: none of them ends a
		// line, so no line start is skipped.
		for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\r') {
			s.i++
			s.col++
		}
		return nil
	}
	// Anything else is one token: a name, a number, a bracket, an
	// operator, a line end, a comment, a quote or a heredoc's first line.
	s.tokens++
	s.lit = false
	prev := s.prev
	if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
		s.prev = c
	}
	switch {
	case c == '#' || s.at("//"):
		// The comment and the line end after it are one token, counted
		// as the line end.
		s.tokens--
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.advance(1)
		}
		return nil
	case s.at("/*"):
		start := s.i
		s.advance(2)
		for s.i < len(s.src) && !s.at("*/") {
			s.advance(1)
		}
		if s.i == len(s.src) {
			// A comment never closed is no comment to HCL's scanner: it
			// reads on after the slash, as code. The scan goes on as if
			// it were one, but counts those tokens.
			s.tokens += roughTokens(s.src[start+1:])
		}
		s.advance(2)
		return nil
	case c == '"':
		start := hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}
		s.advance(1)
		return s.push(frame{kind: '"', start: start, body: s.i}, filename)
	case s.at("<<"):
		if marker, n := heredocStart(s.src[s.i:]); n > 0 {
			if d := s.push(frame{kind: '<', marker: marker, start: hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}, body: s.i + n}, filename); d != nil {
				return d
			}
			s.advance(n)
			return nil
		}
		s.advance(1)
		return s.operator(filename)
	case c == '(' || c == '[' || c == '{':
		if c == '[' && (isWord(prev) || prev == ']' || prev == ')' || prev == '}' || prev == '"') {
			if d := s.operator(filename); d != nil { // an index, as in x[0]
				return d
			}
		}
		if c == '{' && len(s.stack) == 0 && s.indent == 0 {
			s.early = nil // a block of its own
		}
		if d := s.push(frame{kind: c, start: hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}, indent: s.indent}, filename); d != nil {
			return d
		}
		s.advance(1)
		return nil
	case c == ')' || c == ']' || c == '}':
		// Only the bracket it closes: a stray one, which the parser
		// reports, must not close the block around it here. But HCL's
		// scanner ends an interpolation at the brace that balances its
		// braces, whatever brackets are open in it: so does this one.
		top := s.top()
		first := s.col == s.indent+1 // the first on its line
		if s.inCode() && top != opener[c] && len(s.closers) <= MaxSyntaxErrors {
			n := closerNote{at: hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}, c: c}
			var f frame // the innermost bracket open
			if top != 0 {
				f = s.stack[len(s.stack)-1]
			}
			ownLine := first && s.indent == f.indent
			kindOpen := slices.ContainsFunc(s.stack, func(f frame) bool { return f.kind == opener[c] })
			// Another kind of bracket is open, and this one is where its
			// closing bracket would be: on the line of its last item, in
			// a list or parenthesis or an object of one line, or on a
			// line of its own indented as the bracket's line. Any other
			// one first on its line, when a bracket of its kind is open,
			// closes an outer bracket early: what the indentation says of
			// the bracket open is told instead.
			switch {
			case top == 0:
				n.early = s.early
			case ownLine || !first && (top != '{' || f.start.Line == s.line || kindOpen):
				n.open, n.ownLine = &f, ownLine
			case kindOpen:
				n.c = 0
			}
			if n.c != 0 {
				s.closers = append(s.closers, n)
			}
		}
		if top == '{' && c == '}' && !first && s.tidy && s.early == nil && s.stack[len(s.stack)-1].start.Line < s.line {
			// A block that closes on the line of an argument, which fmt
			// never writes: maybe a brace too many.
			s.early = &earlyCloser{at: hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}, open: s.stack[len(s.stack)-1].start, inLine: true}
		}
		if top == opener[c] || c == '}' && top == 'i' {
			if f := s.suspect; f != nil && s.stack[len(s.stack)-1].start == f.start && s.indent >= f.indent {
				// The bracket the indentation took for unclosed closes
				// after all, on a line indented as much as its own: the
				// item is laid out otherwise, and the indentation says
				// nothing. (A line indented less closes an outer bracket,
				// and this one only as the bracket it lacks.)
				s.suspect, s.tidy = nil, false
			}
			if top == 'i' {
				s.popInterpolation(len(s.stack) - 1)
			} else {
				s.stack = s.stack[:len(s.stack)-1]
			}
		} else if c == '}' {
			s.closeInterpolation()
		}
		s.advance(1)
		return nil
	case isWordStart(c):
		for s.advance(1); s.i < len(s.src) && (isWord(s.src[s.i]) || s.src[s.i] == '-'); s.advance(1) {
		}
		s.prev = 'a'
		return nil
	case '0' <= c && c <= '9':
		start := *s // its position, for the diagnostic
		for s.advance(1); s.i < len(s.src); s.advance(1) {
			if c := s.src[s.i]; !isWord(c) && c != '.' && !((c == '-' || c == '+') && (s.src[s.i-1] == 'e' || s.src[s.i-1] == 'E')) {
				break
			}
		}
		s.prev = '0'
		if s.col-start.col > MaxNumberLength { // characters: a number is on one line
			return start.diag(filename, "Number too long", fmt.Sprintf(
				"This number is written with more than %d characters; numbers in services.hcl (ports, timeouts, counts) need a few digits.", MaxNumberLength))
		}
		return nil
	case c == '!' || c == '?' || c == '+' || c == '-' || c == '*' || c == '/' || c == '%' ||
		c == '&' || c == '|' || c == '<' || c == '>' || s.at("=="):
		s.advance(1)
		return s.operator(filename)
	}
	s.advance(1)
	return nil
}

func (s *structScanner) quoted(filename string) *hcl.Diagnostic {
	switch c := s.src[s.i]; {
	case c == '\\' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n':
		s.text()
		s.advance(2)
	case c == '"':
		if d := s.checkLength(s.stack[len(s.stack)-1], s.i, filename); d != nil {
			return d
		}
		s.stack = s.stack[:len(s.stack)-1]
		s.prev = '"'
		s.tokens++
		s.lit = false
		s.advance(1)
	case c == '\n':
		// The parser would read on to the next quote and report every
		// line after this one, a million errors for a large file. The
		// line's end is taken for the string's, and the scan goes on
		// to find the others.
		q, open := s.unclosedTemplate(len(s.stack) - 1)
		if open.Line > 0 {
			// An interpolation left open reads the string's closing
			// quote as the start of a string inside it: that string,
			// and the one around the interpolation, end here.
			s.unterminated = append(s.unterminated, s.unclosedTemplateDiag(open, openOnLine, filename))
		} else {
			start := s.stack[q].start
			detail := "This string has no closing quote on its line. A quoted string ends on the line it starts; for text of several lines, use a heredoc (<<EOT)."
			if line := bytes.TrimRight(s.src[start.Byte:s.i], "\r"); bytes.HasSuffix(line, []byte(`\"`)) &&
				(len(line)-len(bytes.TrimRight(line[:len(line)-1], `\`))-1)%2 == 1 {
				// An odd number of backslashes before the last quote: the
				// last one escapes it.
				detail = `This string has no closing quote on its line: the \" that ends the line is an escaped quote, part of the string. To end the string with a backslash, write \\ before its closing quote.`
			}
			s.unterminated = append(s.unterminated, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unterminated string",
				Detail:   detail,
				Subject:  &hcl.Range{Filename: filename, Start: start, End: hcl.Pos{Line: start.Line, Column: start.Column + 1, Byte: start.Byte + 1}},
			})
		}
		s.stack = s.stack[:q]
		s.prev = '"'
	default:
		if s.plain() {
			return nil
		}
		return s.template(filename)
	}
	return nil
}

// text counts the token of a string's text that the character at s.i is
// part of: a piece of it, up to an interpolation, a directive or the end
// of the string, or in a heredoc the end of the line, is one token.
func (s *structScanner) text() {
	if !s.lit {
		s.tokens++
		s.lit = true
	}
}

// plain moves past a run of characters of a quoted string that need no
// look: not a backslash, a quote, a newline or the start of a template
// sequence. It reports whether there were any.
func (s *structScanner) plain() bool {
	start := s.i
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' || c == '"' || c == '\n' || c == '$' || c == '%':
			if s.i > start {
				s.text()
			}
			return s.i > start
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte
			s.col++
		}
		s.i++
	}
	if s.i > start {
		s.text()
	}
	return s.i > start
}

// unclosedTemplate looks at the quoted string at k, whose line ends: a
// quote after an interpolation or directive that is never closed, as in
// "a${b", starts a string inside it rather than ending the string around
// it. It returns the outermost quoted string that the line's end ends, at
// q, and where the interpolation or directive to blame opens: the
// outermost left open that way, or one of the string that a later line
// closed (see frame.split); open is the zero Pos when there is none, and
// q is k.
func (s *structScanner) unclosedTemplate(k int) (q int, open hcl.Pos) {
	q = k
	for j := k - 1; j > 0; j-- {
		switch s.stack[j].kind {
		case '(', '[', '{':
			continue
		case 'i':
			if s.stack[j-1].kind == '"' {
				q, open = j-1, s.stack[j].start
				j--
				continue
			}
		}
		break
	}
	if open.Line == 0 {
		open = s.stack[q].split
	}
	return q, open
}

// Why an interpolation or directive is reported unclosed, for
// unclosedTemplateDiag: a clause that follows it.
const (
	openOnLine  = "that is not closed on its line, so the rest of the line, any closing quote included, is read as part of it"
	openToEnd   = "that nothing closes, so the rest of the file is read as part of it"
	openHeredoc = "that is not closed before the line that ends the heredoc, %s, so that line and the ones after it are read as part of it"
)

// unclosedTemplateDiag reports the interpolation or directive opening at
// open, left open as how says (openOnLine, openToEnd or, with the
// heredoc's marker, openHeredoc).
func (s *structScanner) unclosedTemplateDiag(open hcl.Pos, how, filename string) *hcl.Diagnostic {
	what, lit := "interpolation", "$${"
	if open.Byte < len(s.src) && s.src[open.Byte] == '%' {
		what, lit = "directive", "%%{"
	}
	seq := lit[1:]
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Unclosed template " + what,
		Detail:   fmt.Sprintf("This %s starts a template %s %s. Close it with }, or write %s for a literal %s.", seq, what, how, lit, seq),
		Subject:  &hcl.Range{Filename: filename, Start: open, End: hcl.Pos{Line: open.Line, Column: open.Column + 2, Byte: open.Byte + 2}},
	}
}

func (s *structScanner) heredoc(filename string) *hcl.Diagnostic {
	f := s.stack[len(s.stack)-1]
	if end, ok := s.markerLine(f.marker); ok {
		if d := s.checkLength(f, s.i, filename); d != nil {
			return d
		}
		s.stack = s.stack[:len(s.stack)-1]
		s.advance(end - s.i)
		s.prev = 'a'
		s.tokens++
		s.lit = false
		return nil
	}
	return s.template(filename)
}

// markerLine reports whether a line starts at s.i that holds only marker,
// maybe indented: the line that ends a heredoc. end is where the line's
// text ends.
func (s *structScanner) markerLine(marker string) (end int, ok bool) {
	if s.i == 0 || s.src[s.i-1] != '\n' {
		return 0, false
	}
	end = len(s.src)
	if n := bytes.IndexByte(s.src[s.i:], '\n'); n >= 0 {
		end = s.i + n
	}
	// HCL trims the line of white space, as Unicode defines it, on both
	// sides: a no-break space or a vertical tab after the marker ends the
	// heredoc too.
	return end, string(bytes.TrimSpace(s.src[s.i:end])) == marker
}

// unclosedInHeredoc handles a line that starts in an interpolation or
// directive of a heredoc. HCL reads on to the } that closes it, whatever
// the lines: past the heredoc's marker, which it takes for a name, into
// the blocks after it, and reports what it cannot read far from where the
// mistake is. No value of services.hcl spans lines in an interpolation,
// and no name is known in one: a line that holds only the marker ends the
// heredoc, and the interpolation or directive left open is reported where
// it opens. ok tells whether the line was such a line.
func (s *structScanner) unclosedInHeredoc(filename string) (ok bool) {
	h := len(s.stack) - 1
	for h >= 0 && s.stack[h].kind != '<' {
		if s.stack[h].kind == '"' {
			return false
		}
		h--
	}
	if h < 0 || h == len(s.stack)-1 {
		return false
	}
	end, ok := s.markerLine(s.stack[h].marker)
	if !ok {
		return false
	}
	// The outermost left open: the frame just above the heredoc.
	open := s.stack[h+1].start
	s.unterminated = append(s.unterminated, s.unclosedTemplateDiag(open, fmt.Sprintf(openHeredoc, s.stack[h].marker), filename))
	s.stack = s.stack[:h]
	s.advance(end - s.i)
	s.prev = 'a'
	return true
}

// template scans one character of a string or heredoc: ${ and %{ open an
// interpolation or directive, $${ and %%{ are literal.
func (s *structScanner) template(filename string) *hcl.Diagnostic {
	switch {
	case s.at("$${") || s.at("%%{"):
		s.text()
		s.advance(3)
	case s.at("${") || s.at("%{"):
		if s.at("%{") {
			if d := s.operator(filename); d != nil {
				return d
			}
		}
		if d := s.push(frame{kind: 'i', start: hcl.Pos{Line: s.line, Column: s.col, Byte: s.i}}, filename); d != nil {
			return d
		}
		s.advance(2)
		s.prev = '{'
		s.tokens++
		s.lit = false
	default:
		s.text()
		if s.src[s.i] == '\n' {
			s.lit = false // a heredoc's text is a token per line
		}
		s.advance(1)
	}
	return nil
}

// heredocStart returns the marker of a heredoc starting at src ("<<EOT"
// or "<<-EOT", then a newline) and the length of its opening line.
func heredocStart(src []byte) (string, int) {
	i := 2
	if i < len(src) && src[i] == '-' {
		i++
	}
	start := i
	if i >= len(src) || !isWordStart(src[i]) {
		return "", 0
	}
	for i < len(src) && (isWord(src[i]) || src[i] == '-') {
		i++
	}
	marker := string(src[start:i])
	if i < len(src) && src[i] == '\r' {
		i++
	}
	if i >= len(src) || src[i] != '\n' {
		return "", 0
	}
	return marker, i + 1
}

// opener is the bracket each closing bracket closes, and closer the
// other way round.
var (
	opener = [256]byte{')': '(', ']': '[', '}': '{'}
	closer = [256]byte{'(': ')', '[': ']', '{': '}'}
)

func isWordStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
}

func isWord(c byte) bool { return isWordStart(c) || '0' <= c && c <= '9' }
