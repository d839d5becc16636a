package main

import (
	"fmt"
	"runtime"
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
		// Byte offsets of the range, as HCL gives them; when both are
		// zero, only the columns are known.
		fromByte, toByte int
		want             string
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
			// "  1 | " takes six columns: the tab reaches the stop at eight.
			want: "  1 |   branch = 1\n    |            ^\n",
		},
		{
			name: "tab in the subject",
			line: "x = \"ab\tc\"",
			from: 5, to: 11,
			fromByte: 4, toByte: 10,
			// The tab at column 13 of the printed line reaches 16: three
			// columns, each underlined.
			want: "  1 | x = \"ab   c\"\n    |     ^^^^^^^^\n",
		},
		{
			name: "byte order mark",
			line: "\uFEFFdefaults {",
			from: 1, to: 9,
			fromByte: 3, toByte: 11,
			want: "  1 | defaults {\n    | ^^^^^^^^\n",
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
		{
			name: "wide characters",
			line: `service "注文" { account_id = 1 }`,
			from: 16, to: 30,
			fromByte: 19, toByte: 33,
			want: "  1 | service \"注文\" { account_id = 1 }\n    | " + strings.Repeat(" ", 17) + "^^^^^^^^^^^^^^\n",
		},
		{
			name: "wide subject",
			line: `service "注文" {`,
			from: 9, to: 13,
			fromByte: 8, toByte: 16,
			want: "  1 | service \"注文\" {\n    |         ^^^^^^\n",
		},
		{
			name: "combining mark",
			// HCL counts "e\u0301" as one column; the caret goes by bytes.
			line: "service \"cafe\u0301\" { x = 1 }",
			from: 22, to: 23,
			fromByte: 23, toByte: 24,
			want: "  1 | service \"cafe\u0301\" { x = 1 }\n    | " + strings.Repeat(" ", 21) + "^\n",
		},
		{
			name: "joiner",
			line: "x = \"\U0001F469\u200D\U0001F4BB\" y",
			from: 9, to: 10,
			fromByte: 18, toByte: 19,
			// One cluster, drawn two columns wide.
			want: "  1 | x = \"\U0001F469\u200D\U0001F4BB\" y\n    | " + strings.Repeat(" ", 9) + "^\n",
		},
		{
			name: "at the end of the line",
			line: "  branch =",
			from: 11, to: 12,
			fromByte: 10, toByte: 11,
			want: "  1 |   branch =\n    |           ^\n",
		},
		{
			name: "flags",
			// Two regional indicators make one flag, two columns wide.
			line: "branch = \"\U0001F1EB\U0001F1F7\U0001F1EF\U0001F1F5\" 80",
			from: 15, to: 17,
			fromByte: 28, toByte: 30,
			want: "  1 | branch = \"\U0001F1EB\U0001F1F7\U0001F1EF\U0001F1F5\" 80\n    | " + strings.Repeat(" ", 16) + "^^\n",
		},
		{
			name: "spacing vowel",
			// Thai KO KAI and SARA AM are one cluster of two columns.
			line: "x = \"\u0e01\u0e33\" y",
			from: 8, to: 9,
			fromByte: 12, toByte: 13,
			want: "  1 | x = \"\u0e01\u0e33\" y\n    | " + strings.Repeat(" ", 8) + "^\n",
		},
		{
			name: "emoji presentation",
			line: "x = \"\u2764\ufe0f\" y",
			from: 9, to: 10,
			fromByte: 13, toByte: 14,
			want: "  1 | x = \"\u2764\ufe0f\" y\n    | " + strings.Repeat(" ", 9) + "^\n",
		},
		{
			name: "invalid byte",
			// Column 5 counts "e" and its accent as one; the caret goes
			// under the byte, shown as U+FFFD.
			line: "# e\u0301e\u0301\x80",
			from: 5, to: 6,
			fromByte: 8, toByte: 9,
			want: "  1 | # e\u0301e\u0301\uFFFD\n    |     ^\n",
		},
		{
			name: "combining mark, columns only",
			line: "service \"cafe\u0301\" { x = 1 }",
			from: 22, to: 23,
			want: "  1 | service \"cafe\u0301\" { x = 1 }\n    | " + strings.Repeat(" ", 21) + "^\n",
		},
		{
			name: "long line of wide characters",
			line: "x = \"" + strings.Repeat("注", 80) + "\" bad",
			from: 88, to: 91,
			fromByte: 247, toByte: 250,
			want: "  1 | ..." + strings.Repeat("注", 47) + "\" bad\n    | " + strings.Repeat(" ", 3+47*2+2) + "^^^\n",
		},
		{
			name: "start of a line of megabytes",
			line: "  branch = \"" + strings.Repeat("a b ", 1<<20) + "\"",
			from: 12, to: 13,
			fromByte: 11, toByte: 12,
			want: "  1 |   branch = \"" + strings.Repeat("a b ", 22) + "...\n    |            ^\n",
		},
		{
			name: "end of a line of megabytes",
			line: "x = \"" + strings.Repeat("ab", 1<<20) + "\" bad",
			from: 2<<20 + 8, to: 2<<20 + 11,
			fromByte: 2<<20 + 7, toByte: 2<<20 + 10,
			want: "  1 | ...b" + strings.Repeat("ab", 47) + "\" bad\n    | " + strings.Repeat(" ", 3+95+2) + "^^^\n",
		},
		{
			name: "to the end of the line",
			line: `stage "x" {`,
			from: 7, to: 1, // ends on a later line
			want: "  1 | stage \"x\" {\n    |       ^^^^^\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			r := &hcl.Range{
				Start: hcl.Pos{Line: 1, Column: tt.from, Byte: tt.fromByte},
				End:   hcl.Pos{Line: 1, Column: tt.to, Byte: tt.toByte},
			}
			if tt.to < tt.from {
				r.End.Line = 2
			}
			writeSnippet(&b, splitLines([]byte(tt.line)), r)
			if got := b.String(); got != tt.want {
				t.Errorf("writeSnippet:\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestWrap checks that details wrap at 76 columns, wide characters
// counting two.
func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		limit int
		want  string
	}{
		{text: "aaa bbb ccc", limit: 7, want: "aaa bbb\nccc"},
		{text: "\u6ce8\u6587 \u6ce8\u6587 ab", limit: 9, want: "\u6ce8\u6587 \u6ce8\u6587\nab"},
		{text: "\u6ce8\u6587\u6ce8 \u6ce8", limit: 7, want: "\u6ce8\u6587\u6ce8\n\u6ce8"},
		{text: `branch "a    b" and "  c" are bad`, limit: 76, want: `branch "a    b" and "  c" are bad`},
		{text: `the value "a    b" is bad`, limit: 12, want: "the value\n\"a    b\" is\nbad"},
		// A quote is not cut from the value it opens or closes.
		{text: `found the string " 8080".`, limit: 18, want: "found the string\n\" 8080\"."},
		{text: `found "8080 " here`, limit: 11, want: "found\n\"8080 \"\nhere"},
		{text: `found "  8080" here`, limit: 11, want: "found\n\"  8080\"\nhere"},
	}
	for _, tt := range tests {
		if got := wrap(tt.text, tt.limit); got != tt.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
		}
	}
}

// TestSourceLines finds lines by number as splitting the file at each
// line feed does, in any order, past the notes it keeps every lineMark
// lines.
func TestSourceLines(t *testing.T) {
	var b strings.Builder
	for i := range 3*lineMark + 5 {
		fmt.Fprintf(&b, "line %d\r\n", i+1)
	}
	for _, src := range []string{"", "a", "a\n", "a\nb", "\n\n", b.String(), b.String() + "last"} {
		lines := strings.Split(src, "\n")
		s := splitLines([]byte(src))
		for _, n := range []int{len(lines) + 1, 0, len(lines), 1, lineMark, lineMark + 1, 2*lineMark + 7, len(lines) / 2, 3*lineMark + 1, -1} {
			text, start, ok := s.line(n)
			wantOK := n >= 1 && n <= len(lines)
			if ok != wantOK {
				t.Errorf("%q: line %d found: %v, want %v", src[:min(len(src), 20)], n, ok, wantOK)
				continue
			}
			if !ok {
				continue
			}
			wantStart := len(strings.Join(lines[:n-1], "\n"))
			if n > 1 {
				wantStart++
			}
			if text != lines[n-1] || start != wantStart {
				t.Errorf("%q: line %d is %q at %d, want %q at %d", src[:min(len(src), 20)], n, text, start, lines[n-1], wantStart)
			}
		}
	}
}

// TestDiagnosticsOfManyLines: the snippet of a problem on the last of a
// million lines costs no memory per line of the file.
func TestDiagnosticsOfManyLines(t *testing.T) {
	const lines = 1 << 20
	src := []byte(strings.Repeat("\n", lines) + "x")
	r := &hcl.Range{Filename: "services.hcl", Start: hcl.Pos{Line: lines + 1, Column: 1, Byte: lines}, End: hcl.Pos{Line: lines + 1, Column: 2, Byte: lines + 1}}
	diags := hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Too many tokens", Subject: r}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var b strings.Builder
	writeDiagnostics(&b, map[string]*hcl.File{"services.hcl": {Bytes: src}}, diags)
	runtime.ReadMemStats(&after)
	if want := fmt.Sprintf("services.hcl:%d:1: error: Too many tokens\n  %d | x\n", lines+1, lines+1); !strings.HasPrefix(b.String(), want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", b.String(), want)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("writing the diagnostic allocated %d bytes for a file of %d lines", n, lines)
	}
}
