package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"golang.org/x/text/width"

	"pipelines/internal/graphemes"
)

// osFS reads files by their path as the user typed it, relative or
// absolute, so diagnostics name files the way the user did. It opens
// regular files only (see openRegular): config.Load refuses the others
// after Stat, without opening them.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return openRegular(name) }

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// writeDiagnostics prints diagnostics in HCL's house style:
//
//	services.hcl:14:23: error: Invalid value for "timeout_minutes"
//	  14 |     timeout_minutes = 1
//	     |                       ^
//	  The value ...
func writeDiagnostics(out io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics) {
	// One write per few kilobytes, not several per diagnostic: a file
	// can hold a great many problems.
	w := bufio.NewWriter(out)
	defer w.Flush()
	sources := map[string]*sourceLines{} // each file's lines, found once
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

// sourceLines finds a file's lines by number, for snippets. It does not
// split the file: 32 MiB of blank lines is 33 million lines, which took
// 800 MB as strings and offsets. It notes where every lineMark-th line
// starts as it scans, so that a line is found from the nearest note.
type sourceLines struct {
	src   []byte
	marks []int // marks[k] is where line k*lineMark+1 starts
}

const lineMark = 1024

func splitLines(src []byte) *sourceLines {
	return &sourceLines{src: src, marks: []int{0}}
}

// line returns line n, counted from 1 and without its line feed, and the
// byte offset it starts at; ok is false when the file has no such line.
// Every line feed ends a line, and the text after the last is a line too.
func (s *sourceLines) line(n int) (text string, start int, ok bool) {
	if n < 1 {
		return "", 0, false
	}
	// after returns the start of the line count lines after the one
	// starting at at, or -1 past the end.
	after := func(at, count int) int {
		for range count {
			i := bytes.IndexByte(s.src[at:], '\n')
			if i < 0 {
				return -1
			}
			at += i + 1
		}
		return at
	}
	k := (n - 1) / lineMark
	for len(s.marks) <= k {
		at := after(s.marks[len(s.marks)-1], lineMark)
		if at < 0 {
			return "", 0, false
		}
		s.marks = append(s.marks, at)
	}
	start = after(s.marks[k], (n-1)%lineMark)
	if start < 0 {
		return "", 0, false
	}
	end := bytes.IndexByte(s.src[start:], '\n')
	if end < 0 {
		end = len(s.src) - start
	}
	return string(s.src[start : start+end]), start, true
}

// snippetWidth is the most columns of a source line a snippet shows; a
// longer line is cut around the subject, with "..." where it is cut.
const snippetWidth = 100

// writeSnippet prints the subject's first line with a caret line under
// the subject.
func writeSnippet(w io.Writer, src *sourceLines, r *hcl.Range) {
	text, lineStart, ok := src.line(r.Start.Line)
	if !ok {
		return
	}
	text = strings.TrimRight(text, "\r")
	if bom := "\uFEFF"; r.Start.Line == 1 && strings.HasPrefix(text, bom) {
		// The byte order mark some editors write: no character of the
		// line, which HCL skips too.
		text, lineStart = text[len(bom):], lineStart+len(bom)
	}
	onLine := r.Start.Byte-lineStart >= 0 && r.Start.Byte-lineStart <= len(text) && (r.Start.Byte > 0 || r.Start.Column <= 1)

	// A line of megabytes is cut to the bytes around the subject before it
	// is split into cells: the snippet shows a hundred columns of it.
	const reach = 64 * snippetWidth // bytes on either side
	cutLeft, cutRight := false, false
	if onLine && len(text) > 2*reach {
		at := r.Start.Byte - lineStart
		lo, hi := max(at-reach, 0), min(at+reach, len(text))
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		cutLeft, cutRight = lo > 0, hi < len(text)
		text, lineStart = text[lo:hi], lineStart+lo
	}
	cells := cellsOf(text)

	// The subject's first and last cells. Byte offsets say where it is;
	// columns count grapheme clusters, as cells do, and serve when the
	// offset is not on the line (or not set).
	first, last := -1, -1
	if from := r.Start.Byte - lineStart; onLine {
		first = cellAt(cells, from, len(text))
		if r.End.Line == r.Start.Line && r.End.Byte > r.Start.Byte && r.End.Byte-lineStart <= len(text) {
			last = cellAt(cells, r.End.Byte-lineStart-1, len(text)) + 1
		}
	} else {
		first = min(max(r.Start.Column, 1), len(cells)+1) - 1
		if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
			last = min(first+r.End.Column-r.Start.Column, len(cells))
		}
	}
	if last < 0 {
		last = max(len(cells), first+1) // to the end of the line
	}

	num := fmt.Sprint(r.Start.Line)
	from, to := window(cells, first, snippetWidth)
	// Tabs are shown as the spaces to the terminal's next tab stop, so
	// that the caret line can underline them: the columns count from the
	// start of the printed line.
	column := len("  ") + len(num) + len(" | ")
	var line, pad strings.Builder
	if from > 0 || cutLeft {
		line.WriteString("...")
		pad.WriteString("   ")
		column += 3
	}
	carets := 0
	for i := from; i < to; i++ {
		c := cells[i]
		if c.show == "\t" {
			c.width = 8 - column%8
			c.show = strings.Repeat(" ", c.width)
		}
		column += c.width
		line.WriteString(c.show)
		switch {
		case i < first:
			pad.WriteString(strings.Repeat(" ", c.width))
		case i < last:
			carets += c.width
		}
	}
	if to < len(cells) || cutRight {
		line.WriteString("...")
	}
	fmt.Fprintf(w, "  %s | %s\n", num, line.String())
	fmt.Fprintf(w, "  %s | %s%s\n", strings.Repeat(" ", len(num)), pad.String(), strings.Repeat("^", max(carets, 1)))
}

// cell is one character of a source line as a terminal shows it: a
// grapheme cluster, the column HCL counts.
type cell struct {
	start int    // byte offset in the line
	show  string // what to print
	width int    // columns it takes
}

// cellsOf splits a line into cells. A cluster holding a control or format
// character (a right-to-left override, say) would act on the terminal
// instead of showing, so U+FFFD stands in for it; joiners, which only
// shape their neighbours, are kept. Widths are clusterWidth's.
func cellsOf(text string) []cell {
	var cells []cell
	b := []byte(text)
	for at := 0; at < len(b); {
		// A printable ASCII character followed by ASCII, or by nothing,
		// is a cluster of its own: most lines need no segmentation.
		if c := b[at]; c >= 0x20 && c < 0x7f && (at+1 == len(b) || b[at+1] < 0x80) {
			cells = append(cells, cell{start: at, show: text[at : at+1], width: 1})
			at++
			continue
		}
		size, _, _ := graphemes.Scan(b[at:], true)
		size = max(size, 1)
		c := cell{start: at, show: text[at : at+size], width: 1}
		at += size
		if !utf8.ValidString(c.show) || strings.ContainsFunc(c.show, acts) {
			c.show = string(unicode.ReplacementChar)
		} else {
			c.width = clusterWidth(c.show)
		}
		cells = append(cells, c)
	}
	return cells
}

// clusterWidth is the columns a terminal draws a grapheme cluster in: two
// for a wide East Asian character, an emoji (with U+FE0F, or a flag of two
// regional indicators) and anything joined to one; otherwise one for each
// character that takes space, not for combining marks and joiners.
func clusterWidth(cluster string) int {
	if strings.ContainsFunc(cluster, wide) {
		return 2
	}
	n := 0
	for _, r := range cluster {
		if !unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
			n++
		}
	}
	return max(n, 1)
}

// acts reports whether a character acts on the terminal instead of
// showing: a control or format character other than a tab or a joiner.
func acts(r rune) bool {
	switch r {
	case '\t', '\u200c', '\u200d':
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// wide reports whether a character makes its cluster two columns wide.
func wide(r rune) bool {
	if r == '\ufe0f' || '\U0001F1E6' <= r && r <= '\U0001F1FF' { // emoji presentation, regional indicators
		return true
	}
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// cellAt returns the index of the cell holding byte offset b of a line of
// n bytes, or the number of cells when b is at its end.
func cellAt(cells []cell, b, n int) int {
	if b >= n {
		return len(cells)
	}
	i := sort.Search(len(cells), func(i int) bool { return cells[i].start > b })
	return max(i-1, 0)
}

// window picks the cells of a line to show, from and to, within limit
// columns: a quarter of them before the cell at first, or more when the
// line ends sooner.
func window(cells []cell, first, limit int) (from, to int) {
	used := 0
	from = min(first, len(cells))
	for from > 0 && used+cells[from-1].width <= limit/4 {
		from--
		used += cells[from].width
	}
	to = from
	used = 0
	for to < len(cells) && used+cells[to].width <= limit {
		used += cells[to].width
		to++
	}
	for to == len(cells) && from > 0 && used+cells[from-1].width <= limit {
		from--
		used += cells[from].width
	}
	return from, to
}

// wrap breaks text into lines of at most limit columns at spaces. Runs of
// spaces, as in a quoted value, are kept, and only their last space may
// become a line break: a value's spaces are shown as they are.
func wrap(text string, limit int) string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\n", " "))
	var words []string
	quotes := 0 // in the words so far
	glue := false
	for word := range strings.SplitSeq(text, " ") {
		switch {
		case glue:
			// After an opening quote: the blanks of the value, then
			// its first word.
			words[len(words)-1] += " " + word
			glue = word == ""
		case word == "" && len(words) > 0:
			words[len(words)-1] += " "
		case word == `"` && quotes%2 == 1 && len(words) > 0:
			// The quote that closes a value ending in a blank stays
			// with it, and one that opens a value starting with a
			// blank with what follows: " 8080" is not cut.
			words[len(words)-1] += " " + word
		default:
			words = append(words, word)
			glue = word == `"` && quotes%2 == 0
		}
		quotes += strings.Count(word, `"`)
	}
	var b strings.Builder
	n := 0
	for i, word := range words {
		l := columns(word)
		if i > 0 {
			if n+1+l > limit {
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

// columns is the width of text on a terminal.
func columns(text string) int {
	ascii := true
	for i := 0; i < len(text) && ascii; i++ {
		ascii = text[i] < 0x80
	}
	if ascii {
		return len(text)
	}
	n := 0
	for _, c := range cellsOf(text) {
		n += c.width
	}
	return n
}

// count writes n and a noun, plural unless n is 1: "1 service", "2 services".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
