package config

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"pipelines/internal/gen"
)

// checkFormatPieces formats src cut at every place formatCuts allows and
// requires the bytes hclwrite gives for the whole file. It returns the
// number of cuts, or -1 when src is not a file Format formats.
func checkFormatPieces(t *testing.T, name string, src []byte) int {
	t.Helper()
	st, diags := scanStructure(src, "services.hcl")
	if len(diags) > 0 {
		return -1
	}
	if _, diags := hclsyntax.ParseConfig(src, "services.hcl", hcl.InitialPos); diags.HasErrors() {
		return -1
	}
	cuts := formatCuts(src, st.lines, 1)
	if got, want := formatPieces(src, cuts), hclwrite.Format(src); !bytes.Equal(got, want) {
		t.Errorf("%s: formatted in %d pieces:\n%s\nwhole:\n%s", name, len(cuts)+1, got, want)
	}
	return len(cuts)
}

// TestFormatPieces: a file formatted in pieces is formatted exactly as it
// is whole, however it is laid out.
func TestFormatPieces(t *testing.T) {
	srcs := map[string]string{
		"generated":      string(gen.Services(30)),
		"generated full": string(gen.Full(5)),
		"top-level attributes and comments": "a = 1\nbb = 2\n\nccc = 3 # c\ndddd = 4\n" +
			"# a comment\nservice \"a\" {\nx=1 # one\n}\n\n\n// another\nservice \"b\" {\n  yy = 2 # two\n}\nservice \"c\" {}\n" +
			"service \"d\" {} # d\nservice \"eeeee\" {} # e\nservice \"f\" {}\n",
		"heredocs": "service \"a\" {\n  x = <<EOT\n}\n${\n[<<B\nb\nB\n][0]}\nEOT\n}\nservice \"b\" {\ny = <<-EOT\n  {\n  EOT\n}\n" +
			"service \"c\" {\n  z = [<<EOT\n${\"{\"}\nEOT\n  ]\n}\nservice \"d\" {\n    w=[\n1,\n   2]\n}\n",
		"alignment across comment lines": "a = 1 # x\n# standalone\nbbbb = 2 # y\n// other\nccccc = 3\n#\n#\n  dd   =  4 # z\n",
		"a comment begun after a value":  "a = 1 /*\n# x */\nbbbb = 2\ncc = 3 /*\n// y */\nddddd = 4\n",
		"brackets over lines":            "service \"a\" {\n  x = {\n  a = [\n1]}\n  y = [1,\n2,\n3]\n}\nservice \"b\" { z = 1 }\nservice \"c\" {\n  q = (\n1\n)\n}\n",
	}
	for _, pattern := range []string{"testdata/errors/*.hcl", "../emit/testdata/*/services.hcl", "../services.hcl"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			srcs[name] = string(data)
		}
	}
	// Each also with its layout undone: no indentation, blanks around
	// every =, and Windows line ends.
	indent := regexp.MustCompile(`(?m)^[ \t]+`)
	for name, src := range srcs {
		srcs[name+", unindented"] = indent.ReplaceAllString(src, "")
		srcs[name+", spaced"] = strings.ReplaceAll(src, " = ", "   =  ")
		srcs[name+", CRLF"] = strings.ReplaceAll(src, "\n", "\r\n")
	}
	cut := false
	for name, src := range srcs {
		if checkFormatPieces(t, name, []byte(src)) > 0 {
			cut = true
		}
	}
	if !cut {
		t.Error("no file was cut")
	}
}

// TestFormatCutsComments: a long run of comment lines is cut, as a run of
// blank lines is: hclwrite would hold all of it at once.
func TestFormatCutsComments(t *testing.T) {
	for _, line := range []string{"# a comment\n", "// a comment\n", "\n"} {
		src := []byte("service \"a\" {}\n" + strings.Repeat(line, 3*formatPieceSize/len(line)) + "service \"b\" {}\n")
		st, diags := scanStructure(src, "services.hcl")
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		if cuts := formatCuts(src, st.lines, formatPieceSize); len(cuts) < 2 {
			t.Errorf("lines of %q: cut at %v", line, cuts)
		}
		checkFormatPieces(t, line, src)
	}
}
