package config

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// MaxNesting bounds how deeply brackets, braces and parentheses may nest.
// services.hcl needs about five levels; the parser recurses once per
// level, so thousands of levels would exhaust the stack.
const MaxNesting = 64

// checkNesting scans src for bracket depth outside strings and comments.
// It is deliberately approximate (heredocs are scanned as code), erring
// only towards reporting depth in text that the parser would reject too.
func checkNesting(src []byte, filename string) *hcl.Diagnostic {
	depth, line, col := 0, 1, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line, col = line+1, 0
		case c == '"':
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				col++
				if src[i] == '\\' {
					i++
					col++
				}
			}
		case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			for i += 2; i+1 < len(src) && (src[i] != '*' || src[i+1] != '/'); i++ {
				if src[i] == '\n' {
					line, col = line+1, 0
				}
			}
			i++
		case c == '(' || c == '[' || c == '{':
			depth++
			if depth > MaxNesting {
				pos := hcl.Pos{Line: line, Column: col, Byte: i}
				return &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Nesting too deep",
					Detail:   fmt.Sprintf("Brackets, braces and parentheses nest more than %d levels deep here. services.hcl needs only a few levels; simplify the expression.", MaxNesting),
					Subject:  &hcl.Range{Filename: filename, Start: pos, End: hcl.Pos{Line: line, Column: col + 1, Byte: i + 1}},
				}
			}
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		col++
	}
	return nil
}
