package plan

import "testing"

// TestFormatUnprintable: a value or a key read from a hand-edited template
// shows characters that act on a terminal or turn text around escaped.
func TestFormatUnprintable(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{"a\x1bc\rb", `"a\u001bc\rb"`},
		{"abc\u202edef", `"abc\u202edef"`},
		{"zero\u200bwidth", `"zero\u200bwidth"`},
		{"tag \U000E0041", `"tag \udb40\udc41"`},
		{map[string]any{"k\u2066": "v"}, `{"k\u2066":"v"}`},
		{"café <b> & 注文", `"café <b> & 注文"`},
	}
	for _, tt := range tests {
		if got := Format(tt.v); got != tt.want {
			t.Errorf("Format(%q) = %s, want %s", tt.v, got, tt.want)
		}
	}
	p := path{{key: "Properties"}, {key: "\x1bc\rFake"}, {key: "a\u202eb"}, {key: "Name"}}
	if got, want := p.String(), `Properties["\x1bc\rFake"]["a\u202eb"].Name`; got != want {
		t.Errorf("path %s, want %s", got, want)
	}
}
