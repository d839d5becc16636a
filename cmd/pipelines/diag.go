package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"golang.org/x/text/width"
)

// osFS reads files by their path as the user typed it, relative or
// absolute, so diagnostics name files the way the user did.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(name) }

// writeDiagnostics prints diagnostics in HCL's house style:
//
//	services.hcl:14:23: error: Invalid value for "timeout_minutes"
//	  14 |     timeout_minutes = 1
//	     |                       ^
//	  The value ...
func writeDiagnostics(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics) {
	sources := map[string]*sourceLines{} // each file split into lines once
	for i, d := range diags {
		if i > 0 {
			fmt.Fprintln(w)
		}
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		if d.Subject == nil {
			fmt.Fprintf(w, "%s: %s\n", sev, d.Summary)
		} else {
			r := d.Subject
			fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", r.Filename, r.Start.Line, r.Start.Column, sev, d.Summary)
			if f := files[r.Filename]; f != nil {
				if _, ok := sources[r.Filename]; !ok {
					sources[r.Filename] = splitLines(f.Bytes)
				}
				writeSnippet(w, sources[r.Filename], r)
			}
		}
		if d.Detail != "" {
			for _, line := range strings.Split(wrap(d.Detail, 76), "\n") {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
	}
}

// sourceLines is a file split into lines, with the byte offset each
// starts at.
type sourceLines struct {
	lines  []string
	starts []int
}

func splitLines(src []byte) *sourceLines {
	s := &sourceLines{lines: strings.Split(string(src), "\n")}
	s.starts = make([]int, len(s.lines))
	at := 0
	for i, l := range s.lines {
		s.starts[i] = at
		at += len(l) + 1
	}
	return s
}

// snippetWidth is the most columns of a source line a snippet shows; a
// longer line is cut around the subject, with "..." where it is cut.
const snippetWidth = 100

// writeSnippet prints the subject's first line with a caret line under
// the subject.
func writeSnippet(w io.Writer, src *sourceLines, r *hcl.Range) {
	if r.Start.Line < 1 || r.Start.Line > len(src.lines) {
		return
	}
	text := strings.TrimRight(src.lines[r.Start.Line-1], "\r")
	line := []rune(text)

	// Where the subject starts and ends in line, in runes. Byte offsets
	// say it exactly; columns count grapheme clusters, which are fewer
	// than runes after a combining mark, and serve only for a position
	// whose offset does not fall on its line.
	first, last := -1, -1
	lineStart := src.starts[r.Start.Line-1]
	if from := r.Start.Byte - lineStart; from >= 0 && from <= len(text) && (from == len(text) || utf8.RuneStart(text[from])) {
		first = utf8.RuneCountInString(text[:from])
		if r.End.Line == r.Start.Line && r.End.Byte > r.Start.Byte && r.End.Byte-lineStart <= len(text) {
			last = first + utf8.RuneCountInString(text[from:r.End.Byte-lineStart])
		}
	}
	if first < r.Start.Column-1 {
		// Fewer runes than clusters: the offset is not this position's.
		first, last = -1, -1
	}
	if first < 0 {
		first = min(max(r.Start.Column, 1), len(line)+1) - 1
		if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
			last = min(first+r.End.Column-r.Start.Column, len(line))
		}
	}
	if last < 0 {
		last = max(len(line), first+1) // to the end of the line
	}

	widths := make([]int, len(line))
	for i, c := range line {
		line[i], widths[i] = displayed(c)
	}
	num := fmt.Sprint(r.Start.Line)
	from, to := window(widths, first, snippetWidth)
	before, after := "", ""
	if from > 0 {
		before = "..."
	}
	if to < len(line) {
		after = "..."
	}
	fmt.Fprintf(w, "  %s | %s%s%s\n", num, before, string(line[from:to]), after)

	// The caret line copies tabs so that it lines up under tabs.
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", len(before)))
	for i := from; i < first; i++ {
		if line[i] == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteString(strings.Repeat(" ", widths[i]))
		}
	}
	carets := 0
	for i := first; i < min(last, to); i++ {
		carets += widths[i]
	}
	fmt.Fprintf(w, "  %s | %s%s\n", strings.Repeat(" ", len(num)), pad.String(), strings.Repeat("^", max(carets, 1)))
}

// displayed returns how a terminal should show c, and in how many
// columns: two for wide East Asian characters, none for combining marks
// and joiners. A control or format character (a right-to-left override,
// say) would act on the terminal instead of showing, so U+FFFD stands in
// for it.
func displayed(c rune) (rune, int) {
	switch {
	case c == '\t':
		return c, 1
	case c == '\u200c' || c == '\u200d': // joiners shape their neighbours, nothing else
		return c, 0
	case unicode.IsControl(c) || unicode.Is(unicode.Cf, c):
		return unicode.ReplacementChar, 1
	case unicode.In(c, unicode.Mn, unicode.Me):
		return c, 0
	}
	switch width.LookupRune(c).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return c, 2
	}
	return c, 1
}

// window picks the runes of a line to show, from and to, within limit
// columns given each rune's width: a quarter of them before the rune at
// first, or more when the line ends sooner.
func window(widths []int, first, limit int) (from, to int) {
	used := 0
	from = min(first, len(widths))
	for from > 0 && used+widths[from-1] <= limit/4 {
		from--
		used += widths[from]
	}
	to = from
	used = 0
	for to < len(widths) && used+widths[to] <= limit {
		used += widths[to]
		to++
	}
	for to == len(widths) && from > 0 && used+widths[from-1] <= limit {
		from--
		used += widths[from]
	}
	return from, to
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(text) {
		l := utf8.RuneCountInString(word)
		if i > 0 {
			if n+1+l > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// count writes n and a noun, plural unless n is 1: "1 service", "2 services".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
