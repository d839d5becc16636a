package emit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pipelines/config"
)

// stdEncode is the reference: encoding/json configured as the project's
// JSON form.
func stdEncode(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type textKey struct{ a, b string }

func (k textKey) MarshalText() ([]byte, error) { return []byte(k.a + "/" + k.b), nil }

type ptrMarshaler struct{ N int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"pointer": [1, 2]}`), nil }

type Inner struct {
	X string `json:"x"`
}

type shapes struct {
	Plain       string
	Renamed     string            `json:"renamed-key"`
	Omitted     string            `json:",omitempty"`
	Skipped     string            `json:"-"`
	Dash        string            `json:"-,"`
	unexported  string            //nolint:unused
	BadTag      int               `json:"a\"b"`
	Int8        int8              `json:"int8"`
	Uint        uint16            `json:"uint"`
	Float       float64           `json:"float"`
	Bytes       []byte            `json:"bytes"`
	NilSlice    []string          `json:"nilSlice"`
	EmptySlice  []string          `json:"emptySlice"`
	NilMap      map[string]int    `json:"nilMap"`
	EmptyMap    map[string]int    `json:"emptyMap"`
	OmitMap     map[string]int    `json:"omitMap,omitempty"`
	OmitPtr     *Inner            `json:"omitPtr,omitempty"`
	NilPtr      *Inner            `json:"nilPtr"`
	Ptr         *Inner            `json:"ptr"`
	Array       [2]Value          `json:"array"`
	Nested      map[string]Value  `json:"nested"`
	TextKeys    map[textKey]int   `json:"textKeys"`
	IntKeys     map[int]string    `json:"intKeys"`
	StringOpt   int               `json:"stringOpt,string"`
	OmitZero    Inner             `json:"omitZero,omitzero"`
	PtrMarshal  ptrMarshaler      `json:"ptrMarshal"`
	PtrMarshalP *ptrMarshaler     `json:"ptrMarshalP"`
	Fns         []Fn              `json:"fns"`
	Embedded    struct{ Inner }   `json:"embedded"`
	Any         any               `json:"any"`
	Named       map[keyName]Value `json:"named"`
}

type keyName string

// TestEncodeMatchesEncodingJSON holds Encode to encoding/json's bytes on
// values of every shape, including those it leaves to encoding/json.
func TestEncodeMatchesEncodingJSON(t *testing.T) {
	strs := []string{
		"", "plain", `quote " and \ backslash`, "<html> & 'apos'", "tab\tnew\nline\rcr",
		"\x00\x01\x1f\x7f\b\f", "é ü 日本", "\u2028\u2029", "bad \xff utf8 \xc3", "${AWS::Region}",
	}
	values := []any{
		nil, 1, -42, true, false, "x", []string{}, []string(nil), []Value{}, []Value(nil),
		map[string]Value{}, Ref("A"), Sub("${A}"), Join(",", "a", Ref("B")), GetAtt("A", "Arn"),
		Fn{"Fn::If", []Value{"Cond", map[string]string{}, []Value{}}},
		&shapes{
			Plain: "p", Renamed: "r", Dash: "d", BadTag: 3, Int8: -8, Uint: 16, Float: 1.5e-7,
			Bytes: []byte("hi"), EmptySlice: []string{}, EmptyMap: map[string]int{},
			Ptr: &Inner{X: "<x>"}, Array: [2]Value{1, "two"},
			Nested:   map[string]Value{"b": []Value{Ref("X"), map[string]Value{}}, "a": nil, "c": []string{"z", "y"}},
			TextKeys: map[textKey]int{{"b", "a"}: 1, {"a", "b"}: 2}, IntKeys: map[int]string{10: "ten", 9: "nine"},
			StringOpt: 7, PtrMarshalP: &ptrMarshaler{}, Fns: []Fn{Ref("R"), Sub("s")},
			Any: map[string]any{"k": []any{1, "2", Ref("3")}}, Named: map[keyName]Value{"z": 1, "a": 2},
		},
		shapes{},
		map[string]ptrMarshaler{"b": {}, "a": {N: 1}},
		map[string]struct{ P [1]ptrMarshaler }{"x": {}},
		&map[string]*ptrMarshaler{"p": {}, "nil": nil},
		map[string]map[string]Value{"z": nil, "y": {"k": Ref("V")}},
		map[keyName]Resource{"R": {Type: "T", Properties: map[string]Value{}}},
	}
	for _, s := range strs {
		values = append(values, s, []string{s}, map[string]Value{s: s}, Sub(s), Tag{Key: s, Value: s})
	}
	for i, v := range values {
		got, err := Encode(v)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if diff := cmp.Diff(string(stdEncode(t, v)), string(got)); diff != "" {
			t.Errorf("value %d (%#v): Encode differs from encoding/json (-want +got):\n%s", i, v, diff)
		}
	}
}

// TestEncodeTemplates compares whole templates of the golden cases.
func TestEncodeTemplates(t *testing.T) {
	cases, err := filepath.Glob("testdata/*/services.hcl")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		p, diags := config.Load(os.DirFS(filepath.Dir(c)), "services.hcl")
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		for _, s := range p.Services {
			tmpl, err := pipelineTemplate(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Encode(tmpl)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, stdEncode(t, tmpl)) {
				t.Errorf("%s: Encode differs from encoding/json:\n%s", s.Name, cmp.Diff(string(stdEncode(t, tmpl)), string(got)))
			}
		}
	}
}
