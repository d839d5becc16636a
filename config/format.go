package config

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Format returns src in canonical HCL layout: the indentation, spacing
// and alignment of hclwrite, as terraform fmt writes them. It refuses
// input with syntax errors, returning their diagnostics and no bytes, so
// that a broken file is never rewritten.
func Format(src []byte, filename string) ([]byte, hcl.Diagnostics) {
	// The checks of Load, so that fmt refuses what validate refuses, at
	// the same places, before looking at the syntax.
	st, diags := checkSource(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	// Parsed as Load parses it: a large file in pieces, each syntax tree
	// dropped as soon as it is built.
	_, diags = parse(src, filename, st, func(*hclsyntax.Body) struct{} { return struct{}{} })
	if diags.HasErrors() {
		return nil, sortDiagnostics(explain(diags, src))
	}
	return formatPieces(src, formatCuts(src, st.lines, formatPieceSize)), nil
}

// formatPieceSize is the size of the pieces formatPieces cuts a large
// file into. hclwrite holds some hundred bytes per token of what it
// formats (two copies of each token, and the lines they make up): 1.8 GB
// for the 32 MB of 20,000 services, formatted at once.
const formatPieceSize = 256 << 10

// formatCuts returns where to cut src into pieces of about size bytes
// that hclwrite formats each on its own as it formats the whole file: at
// some of lines (the starts of top-level items, see scanStructure), after
// a line that is blank, holds only a closing brace, or only a # or //
// comment (not one that ends a /* comment begun after a value, which
// hclwrite reads as part of the line that value is on). hclwrite indents a line by the brackets the lines before it
// open, which are all closed there, as the file parses; and it aligns the
// = and comments of runs of consecutive lines that have them, which such
// a line breaks (a comment alone on its line is no comment cell to align,
// in hclwrite's terms, but the line's lead).
func formatCuts(src []byte, lines []hcl.Pos, size int) []int {
	var cuts []int
	last := 0
	for _, p := range lines {
		if p.Byte-last < size || p.Byte == 0 {
			continue
		}
		prev := src[:p.Byte-1] // without the line end
		prev = bytes.Trim(prev[bytes.LastIndexByte(prev, '\n')+1:], " \t\r")
		comment := len(prev) > 0 && (prev[0] == '#' || bytes.HasPrefix(prev, []byte("//"))) && !bytes.Contains(prev, []byte("*/"))
		if len(prev) == 0 || string(prev) == "}" || comment {
			cuts = append(cuts, p.Byte)
			last = p.Byte
		}
	}
	return cuts
}

// formatPieces formats src with hclwrite, cut at cuts, one piece at a
// time on every core.
func formatPieces(src []byte, cuts []int) []byte {
	if len(cuts) == 0 {
		return hclwrite.Format(src)
	}
	starts := append([]int{0}, cuts...)
	out := make([][]byte, len(starts))
	each(len(starts), func(k int) {
		end := len(src)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		out[k] = hclwrite.Format(src[starts[k]:end])
	})
	return bytes.Join(out, nil)
}
