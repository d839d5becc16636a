package config

import (
	"fmt"
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
