package config

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// parallelParseMin is the size from which a file is parsed in pieces on
// every core: about 700 services as internal/gen writes them. Tests lower
// it.
var parallelParseMin = 128 << 10

// parse parses src as HCL native syntax and hands the file's top-level
// body to use, returning what use made of it. A large file is cut at
// top-level item boundaries (lines, from scanStructure) and the pieces are
// parsed in parallel, each at its own position in the file, and each
// handed to use as soon as it is parsed, on the core that parsed it: one
// result per piece, in the order of the file. The syntax tree of a piece
// is garbage once use returns, so that the tree of the whole file, some
// twenty times its size, is never held at once. If any piece reports a
// problem, or the cut looks wrong, the whole file is parsed again in one
// piece, so that the first syntax error is exactly that of a plain parse;
// laterSyntaxErrors adds the others. parse returns no result when src has
// syntax errors other than attributes set twice in a block (see
// onlyRedefinitions).
func parse[T any](src []byte, filename string, st structure, use func(*hclsyntax.Body) T) ([]T, hcl.Diagnostics) {
	if len(src) >= parallelParseMin {
		if results, ok := parseCut(src, filename, st.lines, runtime.GOMAXPROCS(0), use); ok {
			return results, nil
		}
	}
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		diags = moreSyntaxErrors(src, filename, st, diags)
		if !onlyRedefinitions(diags) {
			return nil, diags
		}
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read configuration",
			Detail: fmt.Sprintf("%s did not parse as HCL native syntax.", filename)})
	}
	return []T{use(body)}, diags
}

// onlyRedefinitions reports whether every error of diags is an attribute
// set twice in a block. The parser keeps the first value and parses the
// rest of the file as usual, so the values are still checked: a repeated
// attribute does not hide every other problem of the file.
func onlyRedefinitions(diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary != "Attribute redefined" {
			return false
		}
	}
	return true
}

// moreSyntaxErrors adds to diags, the errors of a plain parse of src, the
// first syntax error of each top-level item after the one that holds the
// first error (see laterSyntaxErrors), the closing brackets that close
// nothing or the wrong bracket (see structure.closers) and the brackets
// that seem never to be closed (see structure.unclosed), in place of what
// the parser reports at them, or of what follows from them: the outermost
// block it finds unclosed around one, and the separators it misses where
// one's contents end. A string or heredoc that the end of the file leaves
// open is reported where it starts (see structure.open).
func moreSyntaxErrors(src []byte, filename string, st structure, diags hcl.Diagnostics) hcl.Diagnostics {
	diags = append(diags, laterSyntaxErrors(src, filename, st.items(), diags)...)
	if st.open != nil {
		// The parser reports a string or heredoc left open at the end of
		// the file, where it noticed: the scan knows where it starts.
		for i, d := range diags {
			switch {
			case d.Summary == "Unterminated template string" && d.Subject != nil && d.Subject.Start.Byte >= len(src),
				d.Summary == "Unclosed template interpolation sequence" && strings.Contains(d.Detail, "end of the file") &&
					strings.HasPrefix(st.open.Summary, "Unclosed template"):
				diags[i] = clusterColumns(src, st.open)
			}
		}
	}
	// at returns the index of the diagnostic at offset b, or -1.
	at := func(b int) int {
		return slices.IndexFunc(diags, func(d *hcl.Diagnostic) bool { return d.Subject != nil && d.Subject.Start.Byte == b })
	}
	// A closing bracket that closes nothing, or the wrong bracket: what
	// the parser reports there, it reports for want of a better reading.
	for _, c := range st.closers {
		if c.d.Subject.Start.Byte == c.at && strings.HasPrefix(c.d.Summary, "Unmatched") && assignedOnLine(src, c.at) != "" {
			continue // right after "name =": the value is missing, which explain says
		}
		if i := at(c.at); i >= 0 {
			diags[i] = clusterColumns(src, c.d)
		} else {
			diags = append(diags, clusterColumns(src, c.d))
		}
		if c.d.Subject.Start.Byte != c.at {
			// A brace too many: what the parser says of it goes too.
			diags = slices.DeleteFunc(diags, func(d *hcl.Diagnostic) bool {
				return d != c.d && d.Subject != nil && d.Subject.Start.Byte == c.d.Subject.Start.Byte
			})
		}
	}
	// A block opened with an argument on its line must close on that
	// line: the parser says so, and where the indentation ends it is no
	// place to close it.
	oneLine := map[int]bool{}
	for _, d := range diags {
		if d.Summary == "Invalid single-argument block definition" && d.Subject != nil {
			oneLine[d.Subject.Start.Line] = true
		}
	}
	st.unclosed = slices.DeleteFunc(slices.Clone(st.unclosed), func(d *hcl.Diagnostic) bool { return oneLine[d.Subject.Start.Line] })
	first := -1 // where the first bracket the scan finds unclosed opens
	for _, d := range st.unclosed {
		if first < 0 || d.Subject.Start.Byte < first {
			first = d.Subject.Start.Byte
		}
		switch i := at(d.Subject.Start.Byte); {
		case i < 0:
			diags = append(diags, clusterColumns(src, d))
		case diags[i].Summary == "Unclosed configuration block":
			// The parser says only that the block never closes; the
			// indentation also tells where it should.
			diags[i] = clusterColumns(src, d)
		}
	}
	// What the parser reads on into, past where a bracket's contents
	// end, it reports as a missing separator: the bracket says more.
	ends := map[int]bool{}
	for _, d := range st.unclosed {
		if line, ok := d.Extra.(endsBefore); ok {
			ends[int(line)] = true
		}
	}
	diags = slices.DeleteFunc(diags, func(d *hcl.Diagnostic) bool {
		if d.Subject == nil {
			return false
		}
		if !ends[d.Subject.Start.Line] {
			return false
		}
		separator := strings.HasPrefix(d.Summary, "Missing ") && strings.HasSuffix(d.Summary, " separator") || d.Summary == "Unbalanced parentheses"
		closing := d.Summary == "Invalid expression" && d.Subject.Start.Byte < len(src) && opener[src[d.Subject.Start.Byte]] != 0
		return separator || closing
	})
	if first >= 0 {
		// The parser reports the outermost block the end of the file
		// leaves open: when the scan finds a bracket in it unclosed, the
		// bracket that is missing is that one's.
		diags = slices.DeleteFunc(diags, func(d *hcl.Diagnostic) bool {
			return d.Summary == "Unclosed configuration block" && d.Subject != nil && d.Subject.Start.Byte < first
		})
	}
	return diags
}

// laterSyntaxErrors returns the syntax errors of the top-level items after
// the one holding the earliest error of diags. HCL's parser reports only its
// first error: after it, it is recovering, and stays silent. Each line of
// lines starts a top-level item (with the blank and comment lines after it), outside any
// bracket, string or comment or, after a bracket never closed, where a
// block seems to start (see structure), so each item can be parsed on its
// own, at its place in the file, and report its own first error.
func laterSyntaxErrors(src []byte, filename string, lines []hcl.Pos, diags hcl.Diagnostics) hcl.Diagnostics {
	// The earliest error: the parser lists some, such as an invalid
	// character, before the first error it met while parsing.
	at := -1
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Subject != nil && (at < 0 || d.Subject.Start.Byte < at) {
			at = d.Subject.Start.Byte
		}
	}
	if at < 0 {
		return nil
	}
	items := lines[sort.Search(len(lines), func(k int) bool { return lines[k].Byte > at }):]
	// The parser still reports some errors while recovering: keep one of
	// each.
	seen := map[string]bool{}
	key := func(d *hcl.Diagnostic) string {
		if d.Subject == nil {
			return d.Summary
		}
		return fmt.Sprintf("%d %s", d.Subject.Start.Byte, d.Summary)
	}
	for _, d := range diags {
		seen[key(d)] = true
	}
	// Items are parsed a batch at a time, on every core, until one error
	// more than are reported is found: a file of a million broken blocks
	// would otherwise take a minute and gigabytes to report errors no one
	// reads.
	first := make([]*hcl.Diagnostic, len(items))
	var more hcl.Diagnostics
	for k0 := 0; k0 < len(items) && len(more) <= MaxSyntaxErrors; k0 += syntaxBatch {
		batch := first[k0:min(k0+syntaxBatch, len(items))]
		each(len(batch), func(i int) {
			k := k0 + i
			end := len(src)
			if k+1 < len(items) {
				end = items[k+1].Byte
			}
			if end < items[k].Byte {
				return // items out of order: a bug, but not one to crash on
			}
			_, diags := hclsyntax.ParseConfig(src[items[k].Byte:end], filename, items[k])
			for _, d := range diags {
				if d.Severity == hcl.DiagError {
					batch[i] = d
					break
				}
			}
		})
		for _, d := range batch {
			if d != nil && !seen[key(d)] {
				seen[key(d)] = true
				more = append(more, d)
			}
		}
	}
	if len(more) > MaxSyntaxErrors {
		// Said where the first error not reported is, after the others.
		more = append(more[:MaxSyntaxErrors], &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  tooManySyntaxErrors,
			Detail:   fmt.Sprintf("More blocks have syntax errors, from here on; only those of the first %d are reported. Fix them and run again.", MaxSyntaxErrors+1),
			Subject:  more[MaxSyntaxErrors].Subject,
		})
	}
	return more
}

const tooManySyntaxErrors = "Too many syntax errors"

// MaxSyntaxErrors is the number of top-level blocks whose syntax errors
// are reported, after the first error of the file.
const MaxSyntaxErrors = 100

// syntaxBatch is how many top-level blocks are parsed again at a time, in
// search of their syntax errors.
const syntaxBatch = 256

// parsePieceSize is the size of the pieces parseCut cuts a large file
// into. The parser collects a piece's tokens in one slice that grows as it
// goes, by a quarter at a time once it is long, which allocates several
// times the tokens' size: small pieces keep it short, and their tokens
// are garbage early.
var parsePieceSize = 4 << 10

// parseCut parses src in pieces of about parsePieceSize, and at least
// 4*workers of them, on every core, cutting it at some of lines, and
// returns what use made of each piece's body; ok is false when src could
// not be cut, or a piece did not parse cleanly or has top-level
// attributes, which a plain parse reports best (an attribute set in two
// pieces is an error only it sees).
func parseCut[T any](src []byte, filename string, lines []hcl.Pos, workers int, use func(*hclsyntax.Body) T) (results []T, ok bool) {
	starts := cutPoints(src, lines, max(4*workers, len(src)/parsePieceSize))
	if len(starts) < 2 {
		return nil, false
	}
	results = make([]T, len(starts))
	var failed atomic.Bool
	each(len(starts), func(k int) {
		if failed.Load() {
			return
		}
		end := len(src)
		if k+1 < len(starts) {
			end = starts[k+1].Byte
		}
		f, diags := hclsyntax.ParseConfig(src[starts[k].Byte:end], filename, starts[k])
		body, ok := f.Body.(*hclsyntax.Body)
		if len(diags) > 0 || !ok || len(body.Attributes) > 0 {
			failed.Store(true)
			return
		}
		results[k] = use(body)
	})
	if failed.Load() {
		return nil, false
	}
	return results, true
}

// cutPoints returns where to cut src into about n pieces: the first piece
// starts at the beginning of the file, and every other one at one of
// lines, the starts of lines outside any bracket, string, heredoc or
// comment (see scanStructure).
func cutPoints(src []byte, lines []hcl.Pos, n int) []hcl.Pos {
	starts := []hcl.Pos{hcl.InitialPos}
	want := len(src) / n
	for _, p := range lines {
		if p.Byte-starts[len(starts)-1].Byte >= want {
			starts = append(starts, p)
		}
	}
	return starts
}
