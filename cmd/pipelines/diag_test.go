package main

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestSnippet checks the echoed source line and its caret line.
func TestSnippet(t *testing.T) {
	tests := []struct {
		name string
		line string
		from int // 1-based column of the range
		to   int
		want string
	}{
		{
			name: "plain",
			line: `service "Orders" {`,
			from: 9, to: 17,
			want: "  1 | service \"Orders\" {\n    |         ^^^^^^^^\n",
		},
		{
			name: "tab",
			line: "\tbranch = 1",
			from: 11, to: 12,
			want: "  1 | \tbranch = 1\n    | \t         ^\n",
		},
		{
			name: "right-to-left override",
			line: "service \"abc\u202edef\" {",
			from: 9, to: 18,
			want: "  1 | service \"abc\uFFFDdef\" {\n    |         ^^^^^^^^^\n",
		},
		{
			name: "escape character",
			line: "branch = \"a\x1b[2Jb\"",
			from: 10, to: 18,
			want: "  1 | branch = \"a\uFFFD[2Jb\"\n    |          ^^^^^^^^\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			r := &hcl.Range{Start: hcl.Pos{Line: 1, Column: tt.from}, End: hcl.Pos{Line: 1, Column: tt.to}}
			writeSnippet(&b, []string{tt.line}, r)
			if got := b.String(); got != tt.want {
				t.Errorf("writeSnippet:\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
