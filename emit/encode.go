package emit

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file holds the project's one JSON encoder. Its output is, byte for
// byte, what json.Encoder writes with SetEscapeHTML(false) and
// SetIndent("", "  "), followed by a newline: TestEncodeMatchesEncodingJSON
// and FuzzRender hold it to that. It exists for speed: encoding/json
// marshals compactly and then re-scans the whole document to indent it,
// and calls Fn.MarshalJSON (a map, a second marshal and a re-scan) for
// every intrinsic function. This encoder writes indented output in one
// pass; the types templates are mostly made of write themselves (see
// selfEncoder), and other structs, slices and maps are encoded by
// reflection, with an encoder built once per type. Values it has no fast
// path for (floats, byte slices, other Marshalers, unusual struct tags)
// are handed to encoding/json and indented in place, so every value
// encodes the way encoding/json would.

// encodeState is one document being written: buf[:n]. Writes go through
// bytes and put, which store the slice back only when appending moved it
// to a larger array. Storing it back after every append would be a
// pointer write to the heap, which costs a write barrier whenever the
// garbage collector is marking; storing the length does not.
type encodeState struct {
	buf   []byte // all of its capacity
	n     int
	depth int
	keys  []string // the sorted keys of the maps being written, innermost last
	err   error
}

// bytes is the document so far, to append to and hand to put.
func (e *encodeState) bytes() []byte { return e.buf[:e.n] }

// put makes b, the document with bytes appended, the document.
func (e *encodeState) put(b []byte) {
	if cap(b) != cap(e.buf) {
		e.buf = b[:cap(b)]
	}
	e.n = len(b)
}

// selfEncoder is implemented by the types templates are mostly made of
// (Template, Resource, Fn, Statement and others), which write themselves
// without reflection. Each writes exactly what encoding/json writes for
// it: TestEncodeTemplates and FuzzRender compare whole templates.
type selfEncoder interface {
	encode(e *encodeState)
}

// buffers recycles the bytes of templates handed back with Release: a
// build of 10,000 services would otherwise allocate half a gigabyte.
var buffers sync.Pool // of *[]byte

// encodeIndented renders v in the project's JSON form, into a recycled
// buffer when there is one.
func encodeIndented(v any) ([]byte, error) {
	e := encodeState{keys: make([]string, 0, 64)}
	if b, ok := buffers.Get().(*[]byte); ok {
		e.buf = (*b)[:cap(*b)]
	} else {
		e.buf = make([]byte, 64<<10)
	}
	e.value(v)
	e.put(append(e.bytes(), '\n'))
	if e.err != nil {
		return nil, e.err
	}
	return e.bytes(), nil
}

// Release hands the bytes of files back for later templates to reuse. A
// caller that has written them out may call it; it must not use the files'
// Data afterwards.
func Release(files []File) {
	for i := range files {
		if data := files[i].Data; cap(data) <= 1<<20 {
			buffers.Put(&data)
		}
		files[i].Data = nil
	}
}

// newlines holds a comma, a newline and indentation for up to 32
// levels; deeper levels are written in steps.
const newlines = ",\n" + "                                                                "

// indent appends nl (a newline, after an optional comma) and the current
// depth's indentation to b.
func (e *encodeState) indent(b []byte, nl string) []byte {
	n := len(nl) - len(newlines) + 2 + 2*e.depth // bytes of nl to write
	if n <= len(nl) {
		return append(b, nl[:n]...)
	}
	b = append(b, nl...)
	for n -= len(nl); n > 0; {
		k := min(n, len(newlines)-2)
		b = append(b, newlines[2:2+k]...)
		n -= k
	}
	return b
}

// element starts the i-th element of an object or array opened with c.
func (e *encodeState) element(c byte, i int) {
	if i == 0 {
		b := append(e.bytes(), c)
		e.depth++
		e.put(e.indent(b, newlines[1:]))
		return
	}
	e.put(e.indent(e.bytes(), newlines))
}

// close ends an object or array of n elements, opened with c.
func (e *encodeState) close(open, c byte, n int) {
	if n == 0 {
		e.put(append(e.bytes(), open, c))
		return
	}
	e.depth--
	e.put(append(e.indent(e.bytes(), newlines[1:]), c))
}

// key writes an object key and its colon.
func (e *encodeState) key(k string) {
	e.put(append(appendString(e.bytes(), k), ':', ' '))
}

// field starts the n-th member of an object and writes its key, which
// must be a name that needs no escaping. It counts the member in n.
func (e *encodeState) field(n *int, name string) {
	e.element('{', *n)
	*n++
	b := append(e.bytes(), '"')
	b = append(b, name...)
	e.put(append(b, '"', ':', ' '))
}

// optString writes the member name: s unless s is empty, as omitempty
// does; likewise optStrings and optInt.
func (e *encodeState) optString(n *int, name, s string) {
	if s != "" {
		e.field(n, name)
		e.string(s)
	}
}

func (e *encodeState) optStrings(n *int, name string, v []string) {
	if len(v) > 0 {
		e.field(n, name)
		e.strings(v)
	}
}

func (e *encodeState) optInt(n *int, name string, v int) {
	if v != 0 {
		e.field(n, name)
		e.int(v)
	}
}

// string writes s as a JSON string.
func (e *encodeState) string(s string) {
	e.put(appendString(e.bytes(), s))
}

func (e *encodeState) int(n int) {
	e.put(strconv.AppendInt(e.bytes(), int64(n), 10))
}

// value writes any value, with fast paths for the types templates are
// made of.
func (e *encodeState) value(v any) {
	switch v := v.(type) {
	case nil:
		e.put(append(e.bytes(), "null"...))
	case string:
		e.put(appendString(e.bytes(), v))
	case Fn:
		v.encode(e)
	case int:
		e.put(strconv.AppendInt(e.bytes(), int64(v), 10))
	case bool:
		e.put(strconv.AppendBool(e.bytes(), v))
	case []string:
		e.strings(v)
	case [2]string:
		e.strings(v[:])
	case map[string]Value:
		encodeStringMap(e, v, (*encodeState).value)
	case map[string]string:
		encodeStringMap(e, v, (*encodeState).string)
	case []Value:
		if v == nil {
			e.put(append(e.bytes(), "null"...))
			return
		}
		for i, x := range v {
			e.element('[', i)
			e.value(x)
		}
		e.close('[', ']', len(v))
	case Principal:
		v.encode(e)
	case *Template:
		v.encode(e)
	default:
		rv := reflect.ValueOf(v)
		typeEncoder(rv.Type())(e, rv)
	}
}

func (e *encodeState) strings(v []string) {
	if v == nil {
		e.put(append(e.bytes(), "null"...))
		return
	}
	for i, s := range v {
		e.element('[', i)
		e.put(appendString(e.bytes(), s))
	}
	e.close('[', ']', len(v))
}

type encoderFunc func(e *encodeState, v reflect.Value)

var encoderCache sync.Map // reflect.Type → encoderFunc

// typeEncoder returns the encoder of t, building it once.
func typeEncoder(t reflect.Type) encoderFunc {
	if f, ok := encoderCache.Load(t); ok {
		return f.(encoderFunc)
	}
	// A type may refer to itself: publish a forwarder that waits for the
	// real encoder before building it.
	var (
		wg sync.WaitGroup
		f  encoderFunc
	)
	wg.Add(1)
	fi, loaded := encoderCache.LoadOrStore(t, encoderFunc(func(e *encodeState, v reflect.Value) {
		wg.Wait()
		f(e, v)
	}))
	if loaded {
		return fi.(encoderFunc)
	}
	f = newTypeEncoder(t)
	wg.Done()
	encoderCache.Store(t, f)
	return f
}

var (
	selfEncoderType   = reflect.TypeFor[selfEncoder]()
	valueMapType      = reflect.TypeFor[map[string]Value]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func newTypeEncoder(t reflect.Type) encoderFunc {
	if t.Kind() != reflect.Pointer && t.Implements(selfEncoderType) {
		return func(e *encodeState, v reflect.Value) {
			if v.CanAddr() {
				v = v.Addr() // a pointer: no copy
			}
			v.Interface().(selfEncoder).encode(e)
		}
	}
	if t == valueMapType {
		return func(e *encodeState, v reflect.Value) {
			encodeStringMap(e, v.Interface().(map[string]Value), (*encodeState).value)
		}
	}
	if reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType) {
		return fallback // also for pointer receivers: see fallback
	}
	switch t.Kind() {
	case reflect.String:
		return func(e *encodeState, v reflect.Value) { e.put(appendString(e.bytes(), v.String())) }
	case reflect.Bool:
		return func(e *encodeState, v reflect.Value) { e.put(strconv.AppendBool(e.bytes(), v.Bool())) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(e *encodeState, v reflect.Value) { e.put(strconv.AppendInt(e.bytes(), v.Int(), 10)) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(e *encodeState, v reflect.Value) { e.put(strconv.AppendUint(e.bytes(), v.Uint(), 10)) }
	case reflect.Interface:
		return func(e *encodeState, v reflect.Value) {
			if v.IsNil() {
				e.put(append(e.bytes(), "null"...))
				return
			}
			e.value(v.Interface())
		}
	case reflect.Pointer:
		elem := typeEncoder(t.Elem())
		return func(e *encodeState, v reflect.Value) {
			if v.IsNil() {
				e.put(append(e.bytes(), "null"...))
				return
			}
			elem(e, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallback // base64
		}
		elem := typeEncoder(t.Elem())
		return func(e *encodeState, v reflect.Value) {
			if v.IsNil() {
				e.put(append(e.bytes(), "null"...))
				return
			}
			encodeArray(e, v, elem)
		}
	case reflect.Array:
		elem := typeEncoder(t.Elem())
		return func(e *encodeState, v reflect.Value) { encodeArray(e, v, elem) }
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return fallback
		}
		elem := typeEncoder(t.Elem())
		if addrSensitive(t.Elem()) {
			return func(e *encodeState, v reflect.Value) { encodeMapCopies(e, v, elem) }
		}
		slice := reflect.SliceOf(t.Elem())
		return func(e *encodeState, v reflect.Value) { encodeMap(e, v, slice, elem) }
	case reflect.Struct:
		return newStructEncoder(t)
	}
	return fallback // floats, complex numbers, channels, functions
}

func encodeArray(e *encodeState, v reflect.Value, elem encoderFunc) {
	n := v.Len()
	for i := range n {
		e.element('[', i)
		elem(e, v.Index(i))
	}
	e.close('[', ']', n)
}

// encodeStringMap writes a map in key order, as encoding/json does.
func encodeStringMap[V any](e *encodeState, m map[string]V, elem func(*encodeState, V)) {
	if m == nil {
		e.put(append(e.bytes(), "null"...))
		return
	}
	// The keys go on a stack shared by the maps of the document: maps
	// written in between push and pop their own above them.
	base := len(e.keys)
	for k := range m {
		e.keys = append(e.keys, k)
	}
	keys := e.keys[base:len(e.keys):len(e.keys)]
	slices.Sort(keys)
	for i, k := range keys {
		e.element('{', i)
		e.key(k)
		elem(e, m[k])
	}
	e.close('{', '}', len(keys))
	e.keys = e.keys[:base]
}

// encodeMapOf writes a map of values that encode themselves.
func encodeMapOf[V selfEncoder](e *encodeState, m map[string]V) {
	encodeStringMap(e, m, func(e *encodeState, v V) { v.encode(e) })
}

// encodeMap writes any map with string keys in key order. It copies the
// values into one slice of the given type rather than one allocation per
// value; that makes them addressable, which encoding/json's map values are
// not, so it serves only value types without a pointer-receiver
// MarshalJSON (see addrSensitive).
func encodeMap(e *encodeState, v reflect.Value, slice reflect.Type, elem encoderFunc) {
	if v.IsNil() {
		e.put(append(e.bytes(), "null"...))
		return
	}
	n := v.Len()
	keys := make([]string, n)
	order := make([]int, n)
	vals := reflect.MakeSlice(slice, n, n)
	key := reflect.New(v.Type().Key()).Elem()
	it := v.MapRange()
	for i := 0; it.Next(); i++ {
		key.SetIterKey(it)
		keys[i], order[i] = key.String(), i
		vals.Index(i).SetIterValue(it)
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	for i, k := range order {
		e.element('{', i)
		e.key(keys[k])
		elem(e, vals.Index(k))
	}
	e.close('{', '}', n)
}

// encodeMapCopies is encodeMap for value types whose encoding depends on
// addressability: each value is copied on its own, unaddressable.
func encodeMapCopies(e *encodeState, v reflect.Value, elem encoderFunc) {
	if v.IsNil() {
		e.put(append(e.bytes(), "null"...))
		return
	}
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		entries = append(entries, entry{it.Key().String(), it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for i, en := range entries {
		e.element('{', i)
		e.key(en.key)
		elem(e, en.val)
	}
	e.close('{', '}', len(entries))
}

// addrSensitive reports whether encoding/json encodes a value of type t
// differently when it is addressable: when t, or a field or array element
// it holds by value, has MarshalJSON or MarshalText only on its pointer.
func addrSensitive(t reflect.Type) bool {
	return addrSensitiveSeen(t, map[reflect.Type]bool{})
}

func addrSensitiveSeen(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		p := reflect.PointerTo(t)
		if !t.Implements(marshalerType) && p.Implements(marshalerType) ||
			!t.Implements(textMarshalerType) && p.Implements(textMarshalerType) {
			return true
		}
	}
	switch t.Kind() {
	case reflect.Array:
		return addrSensitiveSeen(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if addrSensitiveSeen(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

type field struct {
	index     int
	key       []byte // the quoted name, a colon and a space
	omitEmpty bool
	enc       encoderFunc
}

// newStructEncoder encodes the exported fields of t in declaration order,
// named by their json tags. Embedded fields and tag options other than
// omitempty are left to encoding/json.
func newStructEncoder(t reflect.Type) encoderFunc {
	var fields []field
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return fallback
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		omitEmpty := false
		for opt := range strings.SplitSeq(opts, ",") {
			switch opt {
			case "":
			case "omitempty":
				omitEmpty = true
			default:
				return fallback
			}
		}
		if name == "" || !validTag(name) {
			name = sf.Name
		}
		key := appendString(nil, name)
		key = append(key, ':', ' ')
		fields = append(fields, field{index: i, key: key, omitEmpty: omitEmpty, enc: typeEncoder(sf.Type)})
	}
	return func(e *encodeState, v reflect.Value) {
		n := 0
		for i := range fields {
			f := &fields[i]
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			e.element('{', n)
			n++
			e.put(append(e.bytes(), f.key...))
			f.enc(e, fv)
		}
		e.close('{', '}', n)
	}
}

// validTag is encoding/json's rule for a usable name in a json tag.
func validTag(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// isEmpty is omitempty's notion of empty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// fallback encodes v with encoding/json and indents the result where it
// stands in the document. An addressable value is passed by pointer, so
// that encoding/json calls pointer-receiver MarshalJSON methods inside it
// exactly when it would have in the whole document.
func fallback(e *encodeState, v reflect.Value) {
	if v.CanAddr() {
		e.external(v.Addr().Interface())
		return
	}
	e.external(v.Interface())
}

func (e *encodeState) external(v any) {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		if e.err == nil {
			e.err = err
		}
		return
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), strings.Repeat("  ", e.depth), "  "); err != nil {
		if e.err == nil {
			e.err = err
		}
		return
	}
	e.put(append(e.bytes(), indented.Bytes()...))
}

// plain marks the bytes that appendString copies as they are: printable
// ASCII except the quote and the backslash.
var plain = func() (t [256]bool) {
	for b := 0x20; b < 0x80; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// plainPrefix returns the length of the longest prefix of s made of
// plain bytes. It tests 8 bytes at a time while it can, and the last 8
// bytes of a string of 8 or more at once rather than one by one.
func plainPrefix(s string) int {
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if !plain8(load8(s[i : i+8])) {
			break
		}
	}
	if i < len(s) && len(s)-i < 8 && len(s) >= 8 && plain8(load8(s[len(s)-8:])) {
		return len(s)
	}
	for i < len(s) && plain[s[i]] {
		i++
	}
	return i
}

// load8 reads the 8 bytes of w as a little-endian word.
func load8(w string) uint64 {
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// plain8 reports whether the 8 bytes of x are all plain: none from 0x80,
// below 0x20, a quote or a backslash.
func plain8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// zero(v)&highs is non-zero exactly when v has a zero byte.
	zero := func(v uint64) uint64 { return (v - ones) &^ v }
	return (x|zero(x&^(0x1f*ones)&^highs)|zero(x^'"'*ones)|zero(x^'\\'*ones))&highs == 0
}

// appendString writes s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters are
// escaped, invalid UTF-8 becomes U+FFFD, and U+2028 and U+2029 are
// escaped for JavaScript.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for {
		i := plainPrefix(s)
		dst = append(dst, s[:i]...)
		if i == len(s) {
			return append(dst, '"')
		}
		b := s[i]
		if b < utf8.RuneSelf {
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			s = s[i+1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			dst = append(dst, s[i:i+size]...)
		}
		s = s[i+size:]
	}
}
