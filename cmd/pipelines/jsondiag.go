package main

import (
	"io"

	"github.com/hashicorp/hcl/v2"
)

// jsonDiagnostic is one diagnostic in the -format json output, for
// editors and CI annotations. Lines and columns are 1-based; the end is
// exclusive. A diagnostic about no particular place (an unreadable file)
// names the input file and has zero positions.
type jsonDiagnostic struct {
	Severity  string `json:"severity"` // "error" or "warning"
	Summary   string `json:"summary"`
	Detail    string `json:"detail"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

// writeJSONDiagnostics writes diags as a JSON array, [] when there are
// none. file names the input, for diagnostics without a subject.
func writeJSONDiagnostics(w io.Writer, file string, diags hcl.Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		j := jsonDiagnostic{Severity: "error", Summary: d.Summary, Detail: d.Detail, File: file}
		if d.Severity == hcl.DiagWarning {
			j.Severity = "warning"
		}
		if r := d.Subject; r != nil {
			j.File = r.Filename
			j.Line, j.Column = r.Start.Line, r.Start.Column
			j.EndLine, j.EndColumn = r.End.Line, r.End.Column
		}
		out = append(out, j)
	}
	return encodeJSON(w, out)
}
