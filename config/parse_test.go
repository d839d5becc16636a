package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"pipelines/internal/gen"
)

// parsePieces parses src in pieces as parse does, for workers; ok is
// false when src could not be cut or a piece did not parse cleanly.
func parsePieces(src []byte, filename string, workers int) ([]*hclsyntax.Body, bool) {
	st, d := scanStructure(src, filename)
	if len(d) > 0 {
		return nil, false
	}
	return parseCut(src, filename, st.lines, workers, func(b *hclsyntax.Body) *hclsyntax.Body { return b })
}

// checkPieces parses src whole and in pieces: a parse in pieces must
// succeed only when the whole parse does, and give the same blocks, in
// pieces that span the file.
func checkPieces(t *testing.T, src []byte, pieces int) (ok bool) {
	t.Helper()
	whole, diags := hclsyntax.ParseConfig(src, "services.hcl", hcl.InitialPos)
	bodies, ok := parsePieces(src, "services.hcl", pieces)
	if !ok {
		return false
	}
	if diags.HasErrors() {
		t.Fatalf("pieces parsed cleanly, but the whole file has errors: %v", diags)
	}
	body := whole.Body.(*hclsyntax.Body)
	var blocks hclsyntax.Blocks
	for _, b := range bodies {
		blocks = append(blocks, b.Blocks...)
		if len(b.Attributes) > 0 {
			t.Fatalf("a piece with attributes was accepted")
		}
	}
	if len(body.Blocks) != len(blocks) || len(blocks) > 0 && !reflect.DeepEqual(body.Blocks, blocks) {
		t.Fatalf("pieces give different blocks than the whole file")
	}
	if got, want := bodies[0].MissingItemRange(), body.MissingItemRange(); got != want {
		t.Fatalf("the first piece starts at %v, the file at %v", got, want)
	}
	if got, want := bodies[len(bodies)-1].SrcRange.End, body.SrcRange.End; got != want {
		t.Fatalf("the last piece ends at %v, the file at %v", got, want)
	}
	return true
}

func TestParsePieces(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		pieces bool // whether cutting is expected to work
	}{
		{"generated", string(gen.Services(300)), true},
		{"comments with brackets", "# {\ndefaults {\n}\n/* }\n} */\nservice \"a\" {\n  // [\n}\nservice \"b\" {}\n", true},
		{"strings with brackets", "service \"a\" {\n  branch = \"}\\\"{\"\n}\nservice \"b\" {}\n", true},
		{"nested template", "service \"a\" {\n  branch = \"${\"]\"}\"\n}\nservice \"b\" {}\n", true},
		{"heredoc", "service \"a\" {\n  branch = <<EOT\n}\nservice \"x\" {\nEOT\n}\nservice \"b\" {}\n", true},
		{"indented heredoc", "service \"a\" {\n  branch = <<-EOT\n    }\n    EOT\n}\nservice \"b\" {}\n", true},
		{"unterminated heredoc", "service \"a\" {\n  branch = <<EOT\n}\nservice \"b\" {}\n", false},
		{"unbalanced", "service \"a\" {\n  x = [\n}\n}\nservice \"b\" {}\n", false},
		{"top-level attributes", "a = 1\nservice \"a\" {}\na = 2\n", false},
		{"crlf", "service \"a\" {\r\n}\r\nservice \"b\" {\r\n}\r\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok := checkPieces(t, []byte(tt.src), 64); ok != tt.pieces {
				t.Errorf("parsed in pieces: %v, want %v", ok, tt.pieces)
			}
		})
	}
	files, _ := filepath.Glob("testdata/errors/*.hcl")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		checkPieces(t, src, 8)
	}
}

// TestStructureLines: every line that starts an item is a place to cut,
// indented by spaces or tabs; of blank and comment lines, one a kilobyte
// is, so that a file of millions of them costs no position each.
func TestStructureLines(t *testing.T) {
	src := "defaults {}\n" + strings.Repeat("\n", 100_000) + strings.Repeat("# a comment\n", 10_000) +
		"  service \"a\" {}\n\tservice \"b\" {}\n/* c */\nservice \"c\" {}\n"
	st, diags := scanStructure([]byte(src), "services.hcl")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if n := len(st.lines); n > 300 {
		t.Errorf("%d lines recorded for %d bytes", n, len(src))
	}
	starts := map[int]bool{}
	for _, p := range st.lines {
		starts[p.Byte] = true
	}
	for _, item := range []string{"  service \"a\"", "\tservice \"b\"", "service \"c\""} {
		if at := strings.Index(src, item); !starts[at] {
			t.Errorf("%q at byte %d is not recorded", item, at)
		}
	}
	if !checkPieces(t, []byte(src), 8) {
		t.Errorf("the file was not cut")
	}
}

// TestHeredocEnds: a heredoc ends on a line that holds its marker and
// white space, as HCL trims it: a vertical tab or a no-break space too.
func TestHeredocEnds(t *testing.T) {
	for _, blank := range []string{"", " ", "\t", "\v", "\f", "\u00a0", "\u0085", "\r"} {
		src := "service \"a\" {\n  branch = <<EOT\nmain\n  EOT" + blank + "\n}\nservice \"b\" {}\n"
		st, diags := scanStructure([]byte(src), "services.hcl")
		if len(diags) > 0 || st.open != nil {
			t.Errorf("marker and %q: the heredoc does not end: %v %v", blank, diags, st.open)
			continue
		}
		if want := strings.Index(src, "service \"b\""); len(st.lines) == 0 || st.lines[len(st.lines)-1].Byte != want {
			t.Errorf("marker and %q: lines %v; want the last at byte %d", blank, st.lines, want)
		}
		if _, diags := hclsyntax.ParseConfig([]byte(src), "services.hcl", hcl.InitialPos); diags.HasErrors() {
			t.Errorf("marker and %q: HCL does not end the heredoc either: %v", blank, diags)
		}
	}
}
