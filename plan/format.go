package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Format writes a JSON value compactly on one line. Object keys are
// sorted, except that the key naming the object (Sid, Name, Key...) comes
// first, so that a shortened value still says which element it is.
func Format(v any) string {
	var b strings.Builder
	format(&b, v)
	return b.String()
}

func format(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		fmt.Fprint(b, x)
	case json.Number:
		b.WriteString(x.String())
	case string:
		b.WriteString(quote(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			format(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		for _, k := range slices.Backward(namingKeys) {
			if i := slices.Index(keys, k); i > 0 {
				keys = slices.Insert(slices.Delete(keys, i, i+1), 0, k)
			}
		}
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quote(k))
			b.WriteByte(':')
			format(b, x[k])
		}
		b.WriteByte('}')
	default:
		fmt.Fprint(b, x)
	}
}

// quote writes s as a JSON string, leaving <, > and & as they are, and
// escaping, beyond what JSON escapes, the characters that are not
// printable: those that change the direction of text, such as U+202E,
// would make a value read otherwise than it is.
func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	q := strings.TrimSuffix(buf.String(), "\n")
	if strings.IndexFunc(q, notPrint) < 0 {
		return q
	}
	var b strings.Builder
	for _, r := range q {
		if !notPrint(r) {
			b.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&b, "\\u%04x", u)
		}
	}
	return b.String()
}

// notPrint reports whether r is not printable, as Go's strconv.Quote
// judges it.
func notPrint(r rune) bool { return !strconv.IsPrint(r) }

// Ellipsis marks where a shortened value was cut.
const Ellipsis = "…"

// Shorten cuts s to at most max characters, putting an ellipsis where it
// was cut: in the middle, keeping its start and a third of max from its
// end, where an ARN or a path says which resource it names.
func Shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	tail := (max - 1) / 3
	return string(r[:max-1-tail]) + Ellipsis + string(r[len(r)-tail:])
}

// ShortenPair shortens an old and a new value to at most max characters
// each so that the difference stays visible: when both start the same
// for more than half of max, the common start is cut, keeping a few
// characters before the first difference.
func ShortenPair(old, new string, max int) (string, string) {
	o, n := []rune(old), []rune(new)
	if len(o) <= max && len(n) <= max {
		return old, new
	}
	common := 0
	for common < len(o) && common < len(n) && o[common] == n[common] {
		common++
	}
	const context = 8
	if common > max/2 {
		cut := common - context
		old = Ellipsis + string(o[cut:])
		new = Ellipsis + string(n[cut:])
	}
	return Shorten(old, max), Shorten(new, max)
}
