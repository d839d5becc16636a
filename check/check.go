// Package check checks AWS CloudFormation JSON templates: it validates every
// resource's Properties against the official resource schemas, resolves every
// Ref, Fn::GetAtt and Fn::Sub, and applies the project's policy rules (which
// follow AWS Security Hub and Control Tower controls, except where the product
// platform policy deliberately departs from them).
//
// Template checks one document; Templates checks many in parallel. Both return
// findings in a stable order, so output is byte-for-byte reproducible.
package check

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Severity says whether a finding blocks a template (Error) or only informs
// (Warning).
type Severity int

const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Finding is one problem in one template.
type Finding struct {
	File     string // the file name as the caller gave it
	Resource string // logical ID, or "Parameters.X", "Outputs.X" or "Template"
	Rule     string // rule id, see Rules
	Severity Severity
	Message  string // what is wrong and what would be valid
}

// String formats the finding as "file: resource: RULE-ID: message". The
// characters that are not printable, which a template's logical IDs and
// keys may hold (an escape sequence that would recolour or clear a
// terminal, a control character that would hide what follows), are
// written as Go escapes them, \x1b or \u202e, so that the line reads as
// what the template holds.
func (f Finding) String() string {
	return Printable(f.File) + ": " + Printable(f.Resource) + ": " + f.Rule + ": " + Printable(f.Message)
}

// Printable returns s with each character that is not printable, and
// each byte that is no UTF-8, written as Go escapes it in a quoted string
// (\x00, \x1b, \u202e, \xff), and every other character as it is.
func Printable(s string) string {
	i := strings.IndexFunc(s, notPrintable)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case notPrintable(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// notPrintable reports whether r is not printable, as Go's strconv.Quote
// judges it; IndexFunc gives a byte that is no UTF-8 as utf8.RuneError.
func notPrintable(r rune) bool { return r == utf8.RuneError || !strconv.IsPrint(r) }

// Template parses data as a CloudFormation JSON template and runs every check
// on it. Findings are sorted by resource, rule and message, with exact
// duplicates removed. Invalid JSON, or a document that is not a template
// object, is a single Error finding on resource "Template". Template reads
// data in place, so data must not change until it returns; the findings
// hold no reference to it.
func Template(file string, data []byte) []Finding {
	return check(file, data, false)
}

// TemplateErrors returns the Error findings of Template, as Template
// sorts them: whether a template passes the checks. It leaves out the
// work that only gives warnings, which is most of the cost of some
// checks (unknown IAM actions and condition keys, Resource "*" that could
// be scoped).
func TemplateErrors(file string, data []byte) []Finding {
	return check(file, data, true)
}

// check is Template, or TemplateErrors when errorsOnly is set.
func check(file string, data []byte, errorsOnly bool) []Finding {
	a := arenas.Get().(*arena)
	defer func() {
		a.reset()
		arenas.Put(a)
	}()
	t, ok := parseIn(file, data, a, errorsOnly)
	if ok {
		for _, c := range checks {
			c(t)
		}
	}
	if errorsOnly {
		t.findings = slices.DeleteFunc(t.findings, func(f Finding) bool { return f.Severity != Error })
	}
	return sortFindings(t.findings)
}

// Templates checks the named templates on up to GOMAXPROCS workers, reading
// each with read only when a worker takes it up, so that memory does not
// grow with the number of templates; read must be safe for concurrent use.
// Findings come sorted by name, then as Template sorts them. When some
// templates cannot be read, Templates returns no findings and the error of
// the first of them, in the order of names.
func Templates(names []string, read func(name string) ([]byte, error)) ([]Finding, error) {
	results := make([][]Finding, len(names))
	errs := make([]error, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(names); i = int(next.Add(1) - 1) {
				data, err := read(names[i])
				if err != nil {
					errs[i] = err
					continue
				}
				results[i] = Template(names[i], data)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	all := slices.Concat(results...)
	slices.SortStableFunc(all, func(a, b Finding) int { return cmp.Compare(a.File, b.File) })
	return all, nil
}

func sortFindings(fs []Finding) []Finding {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(fs)
}
