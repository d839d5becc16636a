package check

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// checkPolicyCharacters reports characters that IAM refuses in a policy
// document, and KMS in a key policy (CFN034): anything but tab, line feed,
// carriage return and U+0020 to U+00FF. It looks at every key and string of
// the document, and into the arguments of the intrinsic functions whose
// text becomes part of it. Bucket and topic policies are left alone: S3 and
// SNS document no such limit.
func checkPolicyCharacters(t *template) {
	var buf [16]string
	w := charWalker{t: t, path: buf[:0]}
	for i := range t.policyDocs() {
		d := &t.docs[i]
		if t.latin1 && !d.decoded {
			continue // no string of the template holds such a character
		}
		w.doc, w.service = d, "IAM"
		if d.kind == resourcePolicy {
			if t.resources[d.resource].typ != "AWS::KMS::Key" {
				continue
			}
			w.service = "KMS"
		}
		w.path = append(w.path[:0], d.path)
		w.walk(d.doc)
	}
}

// charWalker visits the text of one policy document.
type charWalker struct {
	t       *template
	doc     *policyDoc
	service string
	path    []string // path elements; list indexes are "[n]"
}

func (w *charWalker) walk(v any) {
	switch x := v.(type) {
	case string:
		w.text(x, "")
	case []any:
		for i, item := range x {
			w.push(indexElem(i))
			w.walk(item)
			w.pop()
		}
	case *object:
		if fn, arg, ok := intrinsic(x); ok {
			w.push(fn)
			w.function(fn, arg)
			w.pop()
			return
		}
		for _, m := range x.all() {
			w.push(m.key)
			w.text(m.key, " (the key)")
			w.walk(m.val)
			w.pop()
		}
	}
}

// function walks the arguments of an intrinsic function that end up in the
// document: not the names that Ref, Fn::GetAtt, Fn::FindInMap,
// Fn::ImportValue or a condition give, nor what Fn::Base64 encodes, nor
// Fn::Split's delimiter.
func (w *charWalker) function(fn string, arg any) {
	args, _ := arg.([]any)
	switch fn {
	case "Fn::Sub":
		s, vars, ok := subString(arg)
		if !ok {
			return
		}
		if vars == nil {
			w.text(s, "")
			return
		}
		w.push(indexElem(0))
		w.text(s, "")
		w.pop()
		w.push(indexElem(1))
		for _, m := range vars.all() {
			w.push(m.key)
			w.walk(m.val)
			w.pop()
		}
		w.pop()
	case "Fn::If", "Fn::Split":
		for i := 1; i < len(args); i++ {
			w.push(indexElem(i))
			w.walk(args[i])
			w.pop()
		}
	case "Fn::Join", "Fn::Select", "Fn::ToJsonString":
		w.walk(arg)
	}
}

func (w *charWalker) push(elem string) { w.path = append(w.path, elem) }
func (w *charWalker) pop()             { w.path = w.path[:len(w.path)-1] }

// text reports the first character of s that the policy may not hold.
func (w *charWalker) text(s, what string) {
	bad, n := policyCharacters(s)
	if n == 0 {
		return
	}
	char := fmt.Sprintf("%q (U+%04X)", string(bad), bad)
	if bad == utf8.RuneError {
		char = "an invalid UTF-8 byte or U+FFFD"
	}
	more := ""
	if n > 1 {
		more = fmt.Sprintf(", and %d more such characters", n-1)
	}
	w.t.reportf(w.doc.resource, "CFN034", "%s%s holds %s%s, which %s refuses in a policy document: it takes tab, line feed, carriage return and U+0020 to U+00FF only. Use ASCII instead (typographic quotes and dashes have plain equivalents).", joinPath(w.path), what, char, more, w.service)
}

// policyCharacters returns the first character of s outside tab, line
// feed, carriage return and U+0020 to U+00FF, and how many there are.
func policyCharacters(s string) (first rune, n int) {
	// Step over printable ASCII eight bytes at a time: a byte from 0x80 up
	// has its top bit set, and a byte below 0x20 borrows into its top bit
	// when 0x20 is taken from it (as specialBytes explains).
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if (w|(w-0x20*ones)&^w)&highs != 0 {
			break
		}
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !latin1Text(rune(c)) {
				if n == 0 {
					first = rune(c)
				}
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !latin1Text(r) { // nor is utf8.RuneError, for an invalid byte
			if n == 0 {
				first = r
			}
			n++
		}
		i += size
	}
	return first, n
}
