package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"pipelines/internal/gen"
)

// parsePieces parses src in pieces as parse does, for workers; ok is
// false when src could not be cut or a piece did not parse cleanly.
func parsePieces(src []byte, filename string, workers int) (*hcl.File, bool) {
	st, d := scanStructure(src, filename)
	if len(d) > 0 {
		return nil, false
	}
	return parseCut(src, filename, st.lines, workers)
}

// checkPieces parses src whole and in pieces: a parse in pieces must
// succeed only when the whole parse does, and give the same body.
func checkPieces(t *testing.T, src []byte, pieces int) (ok bool) {
	t.Helper()
	whole, diags := hclsyntax.ParseConfig(src, "services.hcl", hcl.InitialPos)
	f, ok := parsePieces(src, "services.hcl", pieces)
	if !ok {
		return false
	}
	if diags.HasErrors() {
		t.Fatalf("pieces parsed cleanly, but the whole file has errors: %v", diags)
	}
	if !reflect.DeepEqual(whole.Body, f.Body) {
		t.Fatalf("pieces give a different body than the whole file")
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
