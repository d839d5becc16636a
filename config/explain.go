package config

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// assignedOnLine returns the name of the argument whose value should
// start at offset: the line up to offset is "name =" and blanks, or "".
func assignedOnLine(src []byte, offset int) string {
	if offset < 0 || offset > len(src) {
		return ""
	}
	line := src[bytes.LastIndexByte(src[:offset], '\n')+1 : offset]
	name, rest, found := bytes.Cut(bytes.TrimLeft(line, " \t"), []byte("="))
	name = bytes.TrimRight(name, " \t")
	if !found || len(bytes.Trim(rest, " \t")) > 0 || len(name) == 0 || !hclsyntax.ValidIdentifier(string(name)) {
		return ""
	}
	return string(name)
}

// controlNames names the control characters that look like white space,
// which Unicode names only "<control>".
var controlNames = map[rune]string{'\v': "LINE TABULATION (a vertical tab)", '\f': "FORM FEED"}

// asciiLookalike returns the ASCII character that r stands in for, in text
// pasted from a word processor, a chat or a page in a full-width font: a
// straight double quote for a curly quote (single ones too, as strings
// take double quotes), a hyphen for a dash or a minus sign, and the ASCII
// form of a full-width character. It returns 0 for any other character.
func asciiLookalike(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E', '\u201F', '\u2032', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return '-'
	}
	if s := norm.NFKC.String(string(r)); len(s) == 1 && s[0] > ' ' && s[0] < utf8.RuneSelf {
		return rune(s[0])
	}
	return 0
}

// describe says what a value is, for a message: its kind, and the value
// itself when it is short.
func describe(v cty.Value) string {
	ty := v.Type()
	switch {
	case v.IsNull():
		return "null"
	case !v.IsKnown():
		return "an unknown value"
	case ty == cty.String:
		if s := v.AsString(); len(s) <= 40 {
			return fmt.Sprintf("the string %q", s)
		}
		return "a string"
	case ty == cty.Number && !numberInRange(v):
		return "a number out of range" // too costly to print
	case ty == cty.Number:
		// Every digit, so that 200.0000000000000001 does not read as 200,
		// unless there are too many to read.
		f := v.AsBigFloat()
		if s := f.Text('g', -1); len(s) <= 24 {
			return "the number " + s
		}
		return "about " + f.Text('g', 10)
	case ty == cty.Bool:
		return fmt.Sprintf("%t", v.True())
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		return "a list"
	case ty.IsObjectType() || ty.IsMapType():
		return "an object"
	}
	return ty.FriendlyName()
}

// describeMismatch says what val is that a ty cannot be made of: the
// value, or for a list of strings, the first item that is not one.
func describeMismatch(val cty.Value, ty cty.Type) string {
	if i, item := mismatchedItem(val, ty); i >= 0 {
		return fmt.Sprintf("a list whose item %d is %s", i+1, describe(item))
	}
	return describe(val)
}

// mismatchedItem returns the index of the first item of a list val that
// is no element of ty, a list type, and the item; -1 when there is none.
func mismatchedItem(val cty.Value, ty cty.Type) (int, cty.Value) {
	if !ty.IsListType() || !val.CanIterateElements() || !(val.Type().IsTupleType() || val.Type().IsListType()) {
		return -1, cty.NilVal
	}
	i := 0
	for it := val.ElementIterator(); it.Next(); i++ {
		_, item := it.Element()
		if _, err := convert.Convert(item, ty.ElementType()); err != nil || item.IsNull() {
			return i, item
		}
	}
	return -1, cty.NilVal
}

// hclRange matches a range as hcl.Range.String writes it in HCL's own
// messages ("services.hcl:24,3-9"): people and editors expect
// services.hcl:24:3.
var hclRange = regexp.MustCompile(`(\S+):(\d+),(\d+)-\d+(?:,\d+)?`)

// explain rewrites the messages of HCL's parser and decoder that do not
// read well for a new user: label counts, a block header where an
// argument was meant, unterminated strings, numbers in another base, and
// ranges in HCL's notation. It also tells a value written as a heredoc
// of one line that a quoted string is meant.
func explain(diags hcl.Diagnostics, src []byte) hcl.Diagnostics {
	for _, d := range diags {
		if d.Subject != nil && strings.Contains(d.Detail, d.Subject.Filename+":") {
			// A place in the file, in HCL's notation: "Attribute
			// redefined", "Unexpected end of template" and others cite one.
			d.Detail = hclRange.ReplaceAllStringFunc(d.Detail, func(m string) string {
				if g := hclRange.FindStringSubmatch(m); g[1] == d.Subject.Filename {
					return g[1] + ":" + g[2] + ":" + g[3]
				}
				return m
			})
		}
		switch {
		case strings.HasPrefix(d.Summary, "Missing name for "):
			typ := strings.TrimPrefix(d.Summary, "Missing name for ")
			d.Detail = fmt.Sprintf("%s needs one label, its name, such as %s %q { ... }.", article(typ), typ, exampleName(typ))
		case strings.HasPrefix(d.Summary, "Extraneous label for "):
			typ := strings.TrimPrefix(d.Summary, "Extraneous label for ")
			if strings.HasPrefix(d.Detail, "No labels") {
				d.Detail = fmt.Sprintf("%s takes no label: write %s { ... }. Its contents are checked as if the label were removed.", article(typ), typ)
			} else {
				d.Detail = fmt.Sprintf("%s takes one label, its name, as in %s %q { ... }. Its contents are checked as if the other labels were removed.", article(typ), typ, exampleName(typ))
			}
		case d.Summary == "Invalid block definition":
			d.Detail += ` To set an argument instead, write its name, an equals sign and the value, such as branch = "main".`
		case d.Summary == "Invalid single-argument block definition" && strings.HasPrefix(d.Detail, "An argument definition on the same line") && d.Subject != nil:
			// HCL's advice, to close the block on the line, is one of two
			// ways (and none after a heredoc, whose marker ends its line);
			// the layout of services.hcl is the other.
			name, heredoc := sameLineArgument(src, d.Subject.Start.Byte)
			what := "An argument on the line of the { that opens its block"
			if name != "" {
				what += fmt.Sprintf(", %q here,", name)
			}
			d.Detail = what + " makes the block one line long, which must end on that line. Move the argument to a line of its own after the {"
			if heredoc {
				d.Detail += "."
			} else {
				d.Detail += ", or close the block with } right after the argument."
			}
		case d.Summary == "Attribute redefined":
			d.Detail = strings.Replace(d.Detail, "Each argument may be set only once.", "Each argument may be set only once in a block; remove one of them.", 1)
		case d.Summary == "Invalid character" && d.Subject != nil && d.Subject.Start.Byte >= 0 && d.Subject.Start.Byte < len(src):
			// Name the character: one pasted from a web page, such as a
			// no-break space, looks like any other.
			switch r, _ := utf8.DecodeRune(src[d.Subject.Start.Byte:]); {
			case r == '\v' || r == '\f':
				d.Detail = fmt.Sprintf("This character, U+%04X %s, is not used within the language. Replace it with a plain space or a line break.", r, controlNames[r])
			case r < 0x20 || r == 0x7F:
				d.Detail = fmt.Sprintf("This character, U+%04X, a control character, is not used within the language. Remove it.", r)
			case r >= utf8.RuneSelf && r != utf8.RuneError:
				d.Detail = fmt.Sprintf("This character, U+%04X %s, is not used within the language.", r, runenames.Name(r))
				if unicode.IsSpace(r) {
					d.Detail += " Replace it with a plain space."
				} else if a := asciiLookalike(r); a != 0 {
					d.Detail += fmt.Sprintf(" Replace it with the ASCII character %q.", a)
				} else if unicode.Is(unicode.Cf, r) {
					d.Detail += " It is a formatting character, most often invisible: remove it."
				}
			}
		case d.Summary == "Invalid expression" && d.Subject != nil && heredocAtEnd(src, d.Subject.Start.Byte) != "":
			// HCL reads a heredoc only when a line end follows its
			// marker: one at the very end of the file is a stray <<.
			marker := heredocAtEnd(src, d.Subject.Start.Byte)
			d.Summary = "Unterminated heredoc"
			d.Detail = fmt.Sprintf("This heredoc has no end: the file ends right after its marker, %s. Write its lines after this one, then a line that holds only %s.", marker, marker)
			n := len(src) - d.Subject.Start.Byte
			d.Subject.End = hcl.Pos{Line: d.Subject.Start.Line, Column: d.Subject.Start.Column + n, Byte: d.Subject.Start.Byte + n}
		case d.Subject != nil && unclosedComment(src, d.Subject.Start.Byte) >= 0:
			// HCL's scanner reads an unclosed comment as a stray token:
			// at the slash, or after a value, at the star.
			at := unclosedComment(src, d.Subject.Start.Byte)
			if at < d.Subject.Start.Byte {
				d.Subject.Start.Byte--
				d.Subject.Start.Column--
			}
			d.Subject.End = d.Subject.Start
			d.Subject.End.Byte += 2
			d.Subject.End.Column += 2
			d.Summary = "Unclosed comment"
			d.Detail = "This /* comment has no closing */, so it would run to the end of the file. Close it with */, or start each line of the comment with # or //."
		case d.Subject != nil && radixNumber(src, d.Subject.Start.Byte) != "":
			// HCL reads 0x10 as the number 0, then the name x10.
			lit := radixNumber(src, d.Subject.Start.Byte)
			start := d.Subject.Start
			start.Byte--
			start.Column--
			d.Summary = "Invalid number"
			if what, base := radix(lit); base == 0 {
				d.Detail = fmt.Sprintf("%s is no number: HCL reads it as 0, then the name %s. Write a number in decimal digits alone, or text as a string, in double quotes.", lit, lit[1:])
			} else {
				// A minus before it is part of the number to write: the
				// range covers it, so that the decimal replaces both.
				sign := ""
				if unaryMinus(src, start.Byte) {
					sign = "-"
					start.Byte--
					start.Column--
				}
				d.Detail = fmt.Sprintf("HCL has no %s numbers: %s reads as 0, then the name %s. Write the number in decimal", what, lit, lit[1:])
				if n, err := strconv.ParseUint(lit[2:], base, 53); err == nil {
					d.Detail += fmt.Sprintf(": %s%d", sign, n)
				}
				d.Detail += "."
				lit = sign + lit
			}
			end := start
			end.Byte += len(lit)
			end.Column += len(lit)
			d.Subject = &hcl.Range{Filename: d.Subject.Filename, Start: start, End: end}
		case strings.HasPrefix(d.Summary, "Invalid value for ") && d.Subject != nil:
			// No value of services.hcl holds a newline, which a heredoc
			// ends its value with: a quoted string is meant.
			if line, ok := heredocLine(src, d.Subject.Start.Byte); ok {
				ty := cty.String
				if w, ok := d.Extra.(wantType); ok {
					ty = w.ty
				}
				d.Detail += heredocAdvice(line, ty)
			}
		case d.Summary == "Missing open parenthesis" && d.Subject != nil && cfnReference(src, d.Subject.Start.Byte) != nil:
			// HCL reads "${AWS::AccountId}" as a call of the function
			// AWS::AccountId, missing its parentheses.
			r := cfnReference(src, d.Subject.Start.Byte)
			ref := string(src[r[0]:r[1]])
			start := d.Subject.Start
			start.Byte -= d.Subject.Start.Byte - r[0]
			start.Column -= utf8.RuneCount(src[r[0]:d.Subject.Start.Byte])
			end := start
			end.Byte += len(ref)
			end.Column += utf8.RuneCountInString(ref)
			d.Summary = "CloudFormation reference in a string"
			d.Detail = fmt.Sprintf("%s is CloudFormation's syntax. In services.hcl, HCL reads ${...} as an interpolation, and the file offers no variables: give the value itself, or write $%s for the literal text.", ref, ref)
			d.Subject = &hcl.Range{Filename: d.Subject.Filename, Start: start, End: end}
		case d.Summary == "Unterminated template string":
			d.Detail = "A quoted string or a heredoc has no end. Close a quoted string with \" on the same line, and a heredoc with a line that holds only its marker, such as EOT."
		case d.Summary == "Invalid escape sequence":
			d.Detail += ` In a string, a backslash starts an escape: \n, \r, \t, \", \\, \uNNNN or \UNNNNNNNN. Write \\ for a backslash itself, and $${ for a literal ${.`
		case (d.Summary == "Invalid expression" && d.Detail == "Expected the start of an expression, but found an invalid expression token." || d.Summary == "Missing expression") && d.Subject != nil && assignedOnLine(src, d.Subject.Start.Byte) != "":
			name := assignedOnLine(src, d.Subject.Start.Byte)
			if bytes.HasPrefix(bytes.TrimLeft(src[min(d.Subject.Start.Byte, len(src)):], " \t\r\n"), []byte("{")) {
				d.Detail = fmt.Sprintf("%s = followed by a { on the next line is neither an argument nor a block. A block is written without =, with its { on the line of its name: %s {.", name, name)
			} else {
				d.Detail = fmt.Sprintf("The value of %s is missing or starts with a character no value starts with. Write a string in double quotes, a number, true or false, or a list in [ ], after the = on the same line.", name)
			}
		case d.Summary == "Unterminated tuple constructor expression":
			d.Summary = "Unclosed bracket"
			d.Detail = "Nothing closes this [ before the end of the file. Close the list with ] after its last item."
		}
	}
	return dropEchoes(diags, src)
}

// blockArgument matches a block's opening brace and the name of an
// argument that follows it on its line.
var blockArgument = regexp.MustCompile(`\{[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[^=]`)

// heredocMarker matches the marker of a heredoc, alone.
var heredocMarker = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// sameLineArgument returns the name of the argument written after the
// opening brace of its block, on the line that holds byte i of src or,
// when that line ends a heredoc, on the line that opens it; "" when there
// is none. heredoc reports the second case.
func sameLineArgument(src []byte, i int) (name string, heredoc bool) {
	if i < 0 || i > len(src) {
		return "", false
	}
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	if m := blockArgument.FindSubmatch(src[start:i]); m != nil {
		return string(m[1]), false
	}
	marker := strings.TrimSpace(string(src[start:i]))
	if !heredocMarker.MatchString(marker) {
		return "", false
	}
	opening := regexp.MustCompile(`\{[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*<<-?` + marker + `[ \t]*\r?\n`)
	// A heredoc holds at most MaxStringLength bytes, so its opening line
	// is among those just before: the rest of a large file is not read.
	all := opening.FindAllSubmatch(src[max(0, start-MaxStringLength-1024):start], -1)
	if len(all) == 0 {
		return "", true
	}
	return string(all[len(all)-1][1]), true
}

// cfnRef matches a CloudFormation pseudo parameter in Fn::Sub's syntax,
// such as ${AWS::AccountId}, up to and including its closing brace.
var cfnRef = regexp.MustCompile(`\$\{AWS::[A-Za-z]+\}`)

// cfnReference returns where the CloudFormation reference that HCL
// stopped in at byte i, on its line, starts and ends, or nil.
func cfnReference(src []byte, i int) []int {
	if i < 0 || i >= len(src) {
		return nil
	}
	lineStart := bytes.LastIndexByte(src[:i], '\n') + 1
	open := bytes.LastIndex(src[lineStart:i], []byte("${"))
	if open < 0 {
		return nil
	}
	loc := cfnRef.FindIndex(src[lineStart+open:])
	if loc == nil || loc[0] != 0 || lineStart+open+loc[1] <= i {
		return nil
	}
	return []int{lineStart + open, lineStart + open + loc[1]}
}

// heredocAdvice says what to write instead of a heredoc of one line,
// line, for an attribute that needs a value of type ty: a quoted string,
// a list of one, the number or the bool it spells. It is "" when the
// line spells no value of a number or bool attribute.
func heredocAdvice(line string, ty cty.Type) string {
	// An interpolation is evaluated: the line is not the value.
	literal := !strings.Contains(line, "${") && !strings.Contains(line, "%{")
	switch {
	case ty.IsListType():
		advice := " A heredoc is one string, which ends with a newline; for a list of one string, write it quoted in brackets instead"
		if literal {
			advice += ": [" + hclQuote(line) + "]"
		}
		return advice + "."
	case ty == cty.Number:
		if n, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64); err == nil && literal {
			return fmt.Sprintf(" A heredoc is a string, which ends with a newline; write the number itself instead: %d.", n)
		}
		return ""
	case ty == cty.Bool:
		if b := strings.TrimSpace(line); (b == "true" || b == "false") && literal {
			return fmt.Sprintf(" A heredoc is a string, which ends with a newline; write the value itself instead: %s.", b)
		}
		return ""
	}
	advice := " A heredoc ends its value with a newline; for a value of one line, write a quoted string instead"
	if literal {
		advice += ": " + hclQuote(line)
	}
	return advice + "."
}

// heredocLine returns the one line of text of the heredoc that starts at
// i in src, as written; ok is false when no heredoc starts there, or when
// it holds another number of lines.
func heredocLine(src []byte, i int) (line string, ok bool) {
	if i < 0 || i >= len(src) {
		return "", false
	}
	marker, n := heredocStart(src[i:])
	if n == 0 {
		return "", false
	}
	body := src[i+n:]
	text, rest, found := bytes.Cut(body, []byte("\n"))
	if !found {
		return "", false
	}
	end, _, _ := bytes.Cut(rest, []byte("\n"))
	if string(bytes.TrimSpace(end)) != marker {
		return "", false
	}
	text = bytes.TrimSuffix(text, []byte("\r"))
	if src[i+2] == '-' { // <<-EOT trims the indentation
		text = bytes.TrimLeft(text, " \t")
	}
	return string(text), true
}

// radixNumber returns the number in another base than ten, such as 0x10,
// whose letter is at i in src, or "" when there is none: a 0 that starts
// a number, then x, o or b and digits or letters.
func radixNumber(src []byte, i int) string {
	if i < 1 || i >= len(src) || src[i-1] != '0' || i >= 2 && (isWord(src[i-2]) || src[i-2] == '.') {
		return ""
	}
	switch src[i] | 0x20 {
	case 'x', 'o', 'b':
	default:
		return ""
	}
	j := i + 1
	for j < len(src) && isWord(src[j]) && src[j] < utf8.RuneSelf {
		j++
	}
	if j == i+1 {
		return ""
	}
	return string(src[i-1 : j])
}

// radix names the base of lit, a 0 and a letter then digits or letters
// (see radixNumber), and gives it, when the letter is x, o or b and every
// character after it is a digit of that base; else base is 0, and lit is
// a number followed by a name, such as 0ops.
func radix(lit string) (what string, base int) {
	digits := "0123456789abcdefABCDEF"
	switch lit[1] | 0x20 { // lowercase
	case 'x':
		what, base = "hexadecimal", 16
	case 'o':
		what, base, digits = "octal", 8, "01234567"
	case 'b':
		what, base, digits = "binary", 2, "01"
	}
	if strings.Trim(lit[2:], digits) != "" {
		return "", 0
	}
	return what, base
}

// unaryMinus reports whether a minus sign precedes the number that starts
// at i in src, as its sign: after an equals sign, a bracket, a comma or
// the start of a line, with blanks between.
func unaryMinus(src []byte, i int) bool {
	if i < 1 || src[i-1] != '-' {
		return false
	}
	j := i - 2
	for j >= 0 && (src[j] == ' ' || src[j] == '\t') {
		j--
	}
	return j < 0 || strings.IndexByte("=([{,:?\n", src[j]) >= 0
}

// dropEchoes drops the errors the parser reports where it also reports an
// invalid character: a semicolon after a value also makes a missing
// newline there, and a single-quoted string an invalid expression. A
// name followed on its line by an invalid character, such as a zero-width
// space before the equals sign in branch\u200b= "main", makes the parser
// ask for an argument or block definition at the name, and say to use an
// equals sign that is there. The invalid character says what to change.
func dropEchoes(diags hcl.Diagnostics, src []byte) hcl.Diagnostics {
	invalid := map[hcl.Pos]bool{}
	for _, d := range diags {
		if d.Summary == "Invalid character" && d.Subject != nil {
			invalid[d.Subject.Start] = true
		}
	}
	if len(invalid) == 0 {
		return diags
	}
	return slices.DeleteFunc(diags, func(d *hcl.Diagnostic) bool {
		if d.Summary == "Invalid character" || d.Subject == nil {
			return false
		}
		if invalid[d.Subject.Start] {
			return true
		}
		return d.Summary == "Argument or block definition required" && invalidAfter(invalid, d.Subject.End, src)
	})
}

// invalidAfter reports whether an invalid character follows end in src,
// on its line, after nothing but blanks.
func invalidAfter(invalid map[hcl.Pos]bool, end hcl.Pos, src []byte) bool {
	i := end.Byte
	if i < 0 || i > len(src) {
		return false
	}
	for j := i; j < len(src) && (src[j] == ' ' || src[j] == '\t'); j++ {
		if invalid[hcl.Pos{Line: end.Line, Column: end.Column + j + 1 - i, Byte: j + 1}] {
			return true
		}
	}
	return invalid[end]
}

func exampleName(blockType string) string {
	if blockType == "stage" {
		return "production"
	}
	return "orders"
}

// unclosedComment returns where the /* at or just before offset starts,
// if nothing closes it, or -1.
func unclosedComment(src []byte, offset int) int {
	for _, at := range []int{offset, offset - 1} {
		if at >= 0 && at+2 <= len(src) && string(src[at:at+2]) == "/*" && !bytes.Contains(src[at+2:], []byte("*/")) {
			return at
		}
	}
	return -1
}

// heredocAtEnd returns the marker of a heredoc opened at offset by the
// last bytes of src, <<EOT or <<-EOT with no line end after it, or "".
func heredocAtEnd(src []byte, offset int) string {
	if offset < 0 || offset > len(src) {
		return ""
	}
	rest := src[offset:]
	if !bytes.HasPrefix(rest, []byte("<<")) {
		return ""
	}
	marker := bytes.TrimPrefix(rest[2:], []byte("-"))
	if len(marker) == 0 {
		return ""
	}
	for _, c := range marker {
		if !isWord(c) && c != '-' {
			return ""
		}
	}
	return string(marker)
}
