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
	"sync"
	"sync/atomic"
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

// String formats the finding as "file: resource: RULE-ID: message".
func (f Finding) String() string {
	return f.File + ": " + f.Resource + ": " + f.Rule + ": " + f.Message
}

// Template parses data as a CloudFormation JSON template and runs every check
// on it. Findings are sorted by resource, rule and message, with exact
// duplicates removed. Invalid JSON, or a document that is not a template
// object, is a single Error finding on resource "Template". Template reads
// data in place, so data must not change until it returns; the findings
// hold no reference to it.
func Template(file string, data []byte) []Finding {
	a := arenas.Get().(*arena)
	defer func() {
		a.reset()
		arenas.Put(a)
	}()
	t, ok := parseIn(file, data, a)
	if ok {
		for _, c := range checks {
			c(t)
		}
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
