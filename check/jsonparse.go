package check

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decodeJSON parses one JSON document into *object, []any, string,
// json.Number, bool and nil, holding what encoding/json with UseNumber
// would, in a single pass (encoding/json scans every value twice, which
// dominated checking time). Duplicate keys keep the last value, as
// encoding/json does. Unescaped strings and numbers are slices of src.
func decodeJSON(src string) (any, error) {
	v, _, _, err := decodeJSONKeys(src)
	return v, err
}

// decodeJSONKeys is decodeJSON, also returning the keys objects hold
// more than once, in the order they close, and whether every string is
// Latin-1 text: made of tab, line feed, carriage return and U+0020 to U+00FF
// only. latin1 is false whenever a string holds a byte from 0x80 up, which
// is cheap to find out while reading it, so it may be false for Latin-1 text
// written in UTF-8.
func decodeJSONKeys(src string) (v any, repeated []repeatedKey, latin1 bool, err error) {
	return decodeJSONIn(src, nil)
}

// decodeJSONIn is decodeJSONKeys, carving the values from a's chunks when
// a is not nil.
func decodeJSONIn(src string, a *arena) (v any, repeated []repeatedKey, latin1 bool, err error) {
	p := &jsonParser{data: unsafe.Slice(unsafe.StringData(src), len(src)), src: src, utf8: utf8.ValidString(src), arena: a}
	p.skipSpace()
	v, err = p.value(0)
	if err != nil {
		return nil, nil, false, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, nil, false, errTrailingData
	}
	// A raw control character in a string is a syntax error, so only an
	// escape can bring one in.
	const highs = 0x8080808080808080
	return v, p.repeated, p.stringBytes&highs == 0 && !p.escapedOutsideLatin1, nil
}

// latin1Text reports whether a policy document may hold r: tab, line
// feed, carriage return and U+0020 to U+00FF.
func latin1Text(r rune) bool {
	return r >= 0x20 && r <= 0xFF || r == '\t' || r == '\n' || r == '\r'
}

// repeatedKey is a key an object holds more than once; offset is where
// the object starts.
type repeatedKey struct {
	key    string
	offset int
}

// jsonSyntaxError is a parse error at a byte offset.
type jsonSyntaxError struct {
	offset int
	msg    string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

var errTrailingData = &jsonSyntaxError{msg: "trailing data"}

const maxJSONDepth = 1000

const eightSpaces = 0x2020202020202020

// specialBytes flags, in the top bit of each byte of w, the bytes that
// end a plain run inside a string: quotes, backslashes and control
// characters. For a byte b below 0x80, b-x borrows into its top bit exactly
// when b < x (bytes from 0x80 up are cleared by the &^ v), and a byte equal
// to q is zero in w^q. A borrow may flag a byte above a flagged one too, so
// only the lowest flag is exact: the first special byte.
func specialBytes(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := func(v, x uint64) uint64 { return (v - x*ones) &^ v & highs }
	return below(w, 0x20) | below(w^('"'*ones), 1) | below(w^('\\'*ones), 1)
}

// plainStringByte holds the bytes that stand for themselves inside a string:
// all but the quote, the backslash and control characters.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

type jsonParser struct {
	src  string // the document: unescaped strings and numbers are slices of it
	data []byte // src's bytes, read only
	pos  int

	utf8 bool // the whole document is valid UTF-8: no string needs repair

	// Whether strings hold text a policy may not: the bytes of every
	// string or-ed together (with some bytes that follow a string, read in
	// the same word), and whether an escape gave a character latin1Text
	// refuses.
	stringBytes          uint64
	escapedOutsideLatin1 bool

	repeated []repeatedKey // keys an object holds more than once

	// Stacks of the members of the objects and the elements of the arrays
	// being parsed, so that each is stored once at its final size.
	members []member
	elems   []any

	// Free space that finished objects, their members and array elements
	// are carved from: a template holds thousands of small objects, and
	// allocating them a chunk at a time is what makes decoding cheap.
	objects    []object
	memberSlab []member
	elemSlab   []any
	arena      *arena // where chunks come from, or nil to allocate them
}

// An arena keeps the chunks that parses carve objects, members and
// elements from, so that a template checked after another reuses its
// memory: allocating and collecting the chunks of every template was a
// fifth of a build's decoding. Chunks are cleared when the arena is reset,
// so that a reused arena keeps no document alive.
type arena struct {
	objects [][]object
	members [][]member
	elems   [][]any
	// The number of chunks of each kind handed out since the last reset.
	usedObjects, usedMembers, usedElems int
}

var arenas = sync.Pool{New: func() any { return new(arena) }}

// chunk hands out the next chunk of chunks, making one of size n when
// none is left to reuse.
func chunk[T any](chunks *[][]T, used *int, n int) []T {
	if *used == len(*chunks) {
		*chunks = append(*chunks, make([]T, n))
	}
	*used++
	return (*chunks)[*used-1]
}

// reset clears the chunks handed out, making them free for reuse.
func (a *arena) reset() {
	for _, c := range a.objects[:a.usedObjects] {
		clear(c)
	}
	for _, c := range a.members[:a.usedMembers] {
		clear(c)
	}
	for _, c := range a.elems[:a.usedElems] {
		clear(c)
	}
	a.usedObjects, a.usedMembers, a.usedElems = 0, 0, 0
}

// Sizes of the chunks that objects, members and elements are carved from.
const (
	objectChunk = 128
	memberChunk = 512
	elemChunk   = 256
)

// newObject returns an object holding a copy of ms.
func (p *jsonParser) newObject(ms []member) *object {
	if len(p.objects) == 0 {
		if p.arena != nil {
			p.objects = chunk(&p.arena.objects, &p.arena.usedObjects, objectChunk)
		} else {
			p.objects = make([]object, objectChunk)
		}
	}
	o := &p.objects[0]
	p.objects = p.objects[1:]
	n := len(ms)
	if n > len(p.memberSlab) {
		if p.arena != nil && n <= memberChunk {
			p.memberSlab = chunk(&p.arena.members, &p.arena.usedMembers, memberChunk)
		} else {
			p.memberSlab = make([]member, max(n, memberChunk))
		}
	}
	// The whole object is set, its index too: a slot of a reused chunk
	// holds nothing of the object it held before.
	*o = object{members: p.memberSlab[:n:n]}
	p.memberSlab = p.memberSlab[n:]
	copy(o.members, ms)
	return o
}

// newList returns a copy of es.
func (p *jsonParser) newList(es []any) []any {
	n := len(es)
	if n == 0 {
		return []any{} // not nil: a nil list would encode as null in messages
	}
	if n > len(p.elemSlab) {
		if p.arena != nil && n <= elemChunk {
			p.elemSlab = chunk(&p.arena.elems, &p.arena.usedElems, elemChunk)
		} else {
			p.elemSlab = make([]any, max(n, elemChunk))
		}
	}
	l := p.elemSlab[:n:n]
	p.elemSlab = p.elemSlab[n:]
	copy(l, es)
	return l
}

func (p *jsonParser) fail(format string, args ...any) error {
	return &jsonSyntaxError{offset: p.pos, msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) unexpected(context string) error {
	if p.pos >= len(p.data) {
		return &jsonSyntaxError{offset: p.pos, msg: "unexpected end of JSON input"}
	}
	return p.fail("invalid character %s %s", quoteChar(p.data[p.pos]), context)
}

func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < 0x20 || c >= 0x7f:
		return strconv.Quote(string(rune(c)))
	}
	return "'" + string(c) + "'"
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
		// Indented templates are half blanks: step over the spaces that
		// follow a blank a word at a time, to the first byte that is not
		// a space.
		for p.pos+8 <= len(p.data) {
			if x := binary.LittleEndian.Uint64(p.data[p.pos:]) ^ eightSpaces; x != 0 {
				p.pos += bits.TrailingZeros64(x) / 8
				break
			}
			p.pos += 8
		}
	}
}

func (p *jsonParser) value(depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, p.fail("exceeded max depth of %d", maxJSONDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.unexpected("")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.string()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return nil, p.unexpected("looking for beginning of value")
}

func (p *jsonParser) literal(word string) error {
	for i := range len(word) {
		if p.pos >= len(p.data) || p.data[p.pos] != word[i] {
			return p.unexpected("in literal " + word + " (expecting " + strconv.QuoteRune(rune(word[i])) + ")")
		}
		p.pos++
	}
	return nil
}

func (p *jsonParser) object(depth int) (any, error) {
	start := p.pos
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return p.newObject(nil), nil
	}
	base := len(p.members) // on error the parse ends, so only success pops
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.unexpected("looking for beginning of object key string")
		}
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.unexpected("after object key")
		}
		p.pos++
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.members = append(p.members, member{key, v})
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.unexpected("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case '}':
			p.pos++
			ms := p.members[base:]
			unique, repeated := dedupe(ms)
			for _, k := range repeated {
				p.repeated = append(p.repeated, repeatedKey{key: k, offset: start})
			}
			o := p.newObject(unique)
			clear(ms) // drop references for the collector
			p.members = p.members[:base]
			return o, nil
		default:
			return nil, p.unexpected("after object key:value pair")
		}
	}
}

func (p *jsonParser) array(depth int) (any, error) {
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return p.newList(nil), nil
	}
	base := len(p.elems)
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.elems = append(p.elems, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.unexpected("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case ']':
			p.pos++
			es := p.elems[base:]
			list := p.newList(es)
			clear(es)
			p.elems = p.elems[:base]
			return list, nil
		default:
			return nil, p.unexpected("after array element")
		}
	}
}

// dedupe removes repeated keys from ms in place, each keeping its first
// position and its last value, and returns what is left and the keys it
// found repeated.
func dedupe(ms []member) (unique []member, repeated []string) {
	if len(ms) < 2 {
		return ms, nil
	}
	if len(ms) <= 16 {
		out := ms[:1]
	next:
		for _, m := range ms[1:] {
			for i := range out {
				if out[i].key == m.key {
					out[i].val = m.val
					repeated = append(repeated, m.key)
					continue next
				}
			}
			out = append(out, m)
		}
		return out, repeated
	}
	seen := make(map[string]int, len(ms))
	out := ms[:0]
	for _, m := range ms {
		if i, dup := seen[m.key]; dup {
			out[i].val = m.val
			repeated = append(repeated, m.key)
			continue
		}
		seen[m.key] = len(out)
		out = append(out, m)
	}
	return out, repeated
}

// key reads an object key. Keys are not interned: an unescaped key is a
// slice of the document's one string, so it costs no allocation.
func (p *jsonParser) key() (string, error) { return p.string() }

func (p *jsonParser) string() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	for {
		// Find the next quote, backslash or control character, a word at
		// a time while eight bytes are left, then a byte at a time.
		if p.pos+8 <= len(p.data) {
			w := binary.LittleEndian.Uint64(p.data[p.pos:])
			p.stringBytes |= w
			special := specialBytes(w)
			if special == 0 {
				p.pos += 8
				continue
			}
			p.pos += bits.TrailingZeros64(special) / 8
		} else {
			for p.pos < len(p.data) && plainStringByte[p.data[p.pos]] {
				p.stringBytes |= uint64(p.data[p.pos])
				p.pos++
			}
			if p.pos == len(p.data) {
				return "", p.unexpected("")
			}
		}
		switch p.data[p.pos] {
		case '"':
			s := p.src[start:p.pos]
			if !p.utf8 {
				s = validUTF8(s)
			}
			p.pos++
			return s, nil
		case '\\':
			return p.escapedString(start)
		default:
			return "", p.unexpected("in string literal")
		}
	}
}

// escapedString finishes a string that contains escapes, from its start.
func (p *jsonParser) escapedString(start int) (string, error) {
	var b strings.Builder
	b.Write(p.data[start:p.pos])
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return validUTF8(b.String()), nil
		case c < 0x20:
			return "", p.unexpected("in string literal")
		case c != '\\':
			b.WriteByte(c)
			p.stringBytes |= uint64(c)
			p.pos++
			continue
		}
		p.pos++ // backslash
		if p.pos >= len(p.data) {
			break
		}
		e := p.data[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
			p.escapedOutsideLatin1 = true
		case 'f':
			b.WriteByte('\f')
			p.escapedOutsideLatin1 = true
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, err := p.hex4()
			if err != nil {
				return "", err
			}
			if utf16.IsSurrogate(r) {
				r = p.lowSurrogate(r)
			}
			if !latin1Text(r) {
				p.escapedOutsideLatin1 = true
			}
			b.WriteRune(r)
		default:
			p.pos--
			return "", p.unexpected("in string escape code")
		}
	}
	return "", p.unexpected("")
}

// validUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func (p *jsonParser) hex4() (rune, error) {
	if p.pos+4 > len(p.data) {
		p.pos = len(p.data)
		return 0, p.unexpected("")
	}
	n, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, p.fail("invalid character in \\u hexadecimal character escape")
	}
	p.pos += 4
	return rune(n), nil
}

// lowSurrogate combines a high surrogate with a following \uXXXX low one;
// a lone surrogate becomes U+FFFD, as in encoding/json.
func (p *jsonParser) lowSurrogate(high rune) rune {
	if p.pos+6 <= len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
		save := p.pos
		p.pos += 2
		if low, err := p.hex4(); err == nil {
			if r := utf16.DecodeRune(high, low); r != utf8.RuneError {
				return r
			}
		}
		p.pos = save
	}
	return utf8.RuneError
}

func (p *jsonParser) number() (any, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.data) && p.data[p.pos] == '0':
		p.pos++ // a leading zero stands alone: 0, 0.5, never 01
	case !p.digits():
		return nil, p.unexpected("in numeric literal")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if !p.digits() {
			return nil, p.unexpected("after decimal point in numeric literal")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if !p.digits() {
			return nil, p.unexpected("in exponent of numeric literal")
		}
	}
	return json.Number(p.src[start:p.pos]), nil
}

// digits consumes one or more decimal digits.
func (p *jsonParser) digits() bool {
	start := p.pos
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}
