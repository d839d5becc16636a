package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLimitProblems: past MaxProblems, one diagnostic stands for the
// rest, where the first of them is, and counts them.
func TestLimitProblems(t *testing.T) {
	diags := func(errs, warns int) hcl.Diagnostics {
		var ds hcl.Diagnostics
		for i := range errs + warns {
			sev := hcl.DiagError
			if i >= errs {
				sev = hcl.DiagWarning
			}
			ds = append(ds, &hcl.Diagnostic{Severity: sev, Summary: fmt.Sprint(i),
				Subject: &hcl.Range{Filename: "s.hcl", Start: hcl.Pos{Line: i + 1, Column: 1}}})
		}
		return ds
	}
	tests := []struct {
		errs, warns int
		want        string // the last diagnostic: summary, line, detail
	}{
		{0, 0, ""},
		{MaxProblems, 0, "99 100"},
		{MaxProblems + 1, 0, "100 101"},
		{MaxProblems + 2, 0, "Too many problems 101 2 more errors follow from here on; only the first 100 problems are reported. Fix those and run again."},
		{MaxProblems - 10, 30, "Too many warnings 101 20 more warnings follow from here on; only the first 100 problems are reported. Fix those and run again."},
		{MaxProblems + 10, 5, "Too many problems 101 15 more problems (10 errors, 5 warnings) follow from here on; only the first 100 problems are reported. Fix those and run again."},
	}
	for _, tt := range tests {
		got := limitProblems(diags(tt.errs, tt.warns))
		if n := tt.errs + tt.warns; n <= MaxProblems+1 && len(got) != n || n > MaxProblems+1 && len(got) != MaxProblems+1 {
			t.Errorf("%d errors, %d warnings: %d diagnostics", tt.errs, tt.warns, len(got))
		}
		last := ""
		if len(got) > 0 {
			d := got[len(got)-1]
			last = fmt.Sprintf("%s %d %s", d.Summary, d.Subject.Start.Line, d.Detail)
			if d.Detail == "" {
				last = fmt.Sprintf("%s %d", d.Summary, d.Subject.Start.Line)
			}
		}
		if last != tt.want {
			t.Errorf("%d errors, %d warnings: last diagnostic %q, want %q", tt.errs, tt.warns, last, tt.want)
		}
		if tt.errs > 0 && !got.HasErrors() {
			t.Errorf("%d errors, %d warnings: no error left", tt.errs, tt.warns)
		}
	}
}

// TestProblemOnEachLine: a file with a problem on each of its lines, of
// bytes that are no UTF-8, carriage returns or direction controls, costs
// no more than one with a hundred such lines: the problems past
// MaxProblems are counted, not built, and the count is exact.
func TestProblemOnEachLine(t *testing.T) {
	const lines = 20000
	for _, tt := range []struct {
		name, line, summary string
	}{
		{"Latin-1", "# caf\xe9\n", "Invalid UTF-8"},
		{"carriage return", "#\r\r\n", "Carriage return without line feed"},
		{"direction control", "# \u202e\n", "Bidirectional text control"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(strings.Repeat(tt.line, lines))
			var diags hcl.Diagnostics
			allocs := testing.AllocsPerRun(1, func() { _, diags = checkSource(src, "services.hcl") })
			if allocs > 20*MaxProblems {
				t.Errorf("%.0f allocations for %d lines; want no more than for the %d problems listed", allocs, lines, MaxProblems)
			}
			if len(diags) != MaxProblems+1 || diags[0].Summary != tt.summary {
				t.Fatalf("%d diagnostics, the first %q; want %d, the first %q", len(diags), diags[0].Summary, MaxProblems+1, tt.summary)
			}
			more := diags[MaxProblems]
			want := fmt.Sprintf("%d more errors follow from here on; only the first %d problems are reported. Fix those and run again.", lines-MaxProblems, MaxProblems)
			if more.Summary != "Too many problems" || more.Detail != want || more.Subject.Start.Line != MaxProblems+1 {
				t.Errorf("last diagnostic %q at line %d: %q; want %q at line %d", more.Summary, more.Subject.Start.Line, more.Detail, want, MaxProblems+1)
			}
		})
	}
}
