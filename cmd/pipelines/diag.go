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
	lines := map[string][]string{} // each file split into lines once
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
				if _, ok := lines[r.Filename]; !ok {
					lines[r.Filename] = strings.Split(string(f.Bytes), "\n")
				}
				writeSnippet(w, lines[r.Filename], r)
			}
		}
		if d.Detail != "" {
			for _, line := range strings.Split(wrap(d.Detail, 76), "\n") {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
	}
}

// snippetWidth is the most characters of a source line a snippet shows;
// a longer line is cut around the subject, with "..." where it is cut.
const snippetWidth = 100

// writeSnippet prints the subject's first line with a caret line under
// the subject.
func writeSnippet(w io.Writer, lines []string, r *hcl.Range) {
	if r.Start.Line < 1 || r.Start.Line > len(lines) {
		return
	}
	line := []rune(strings.TrimRight(lines[r.Start.Line-1], "\r"))
	for i, c := range line {
		// A control or format character (a right-to-left override, say)
		// would act on the terminal instead of showing: show U+FFFD in its
		// place, one column as the caret line counts it.
		if c != '\t' && (unicode.IsControl(c) || unicode.Is(unicode.Cf, c)) {
			line[i] = unicode.ReplacementChar
		}
	}
	num := fmt.Sprint(r.Start.Line)
	col := min(max(r.Start.Column, 1), len(line)+1) // 1-based, in characters
	width := 1
	if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
		width = r.End.Column - r.Start.Column
	} else if rest := len(line) - (col - 1); rest > 1 {
		width = rest
	}
	before, after := "", ""
	if len(line) > snippetWidth {
		from := max(0, min(col-1-snippetWidth/4, len(line)-snippetWidth))
		to := from + snippetWidth
		if from > 0 {
			before = "..."
		}
		if to < len(line) {
			after = "..."
		}
		line = line[from:to]
		col -= from
		width = min(width, len(line)-(col-1))
	}
	fmt.Fprintf(w, "  %s | %s%s%s\n", num, before, string(line), after)

	// The caret line copies tabs so that it lines up under tabs.
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", len(before)))
	for _, c := range line[:col-1] {
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	fmt.Fprintf(w, "  %s | %s%s\n", strings.Repeat(" ", len(num)), pad.String(), strings.Repeat("^", max(width, 1)))
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
