package emit

import (
	"strings"
	"testing"
	"unicode"
)

// TestLogicalIDReference compares logicalID with the straightforward
// definition: split each part at hyphens, upper-case each word's first
// letter, keep ASCII letters and digits.
func TestLogicalIDReference(t *testing.T) {
	reference := func(parts ...string) string {
		var b strings.Builder
		for _, p := range parts {
			for _, w := range strings.Split(p, "-") {
				for i, r := range w {
					if i == 0 {
						r = unicode.ToUpper(r)
					}
					if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
						b.WriteRune(r)
					}
				}
			}
		}
		return b.String()
	}
	inputs := [][]string{
		{}, {""}, {"-"}, {"deployment-group", "prod-eu"}, {"a--b", "-c-"}, {"x_y.z", "9lives"},
		{"ıstanbul", "ſtage"}, {"é-ü-日本", "Ǆ"}, {"production", "cluster-name"}, {"ALL-CAPS", "mIxEd"},
	}
	for _, in := range inputs {
		if got, want := logicalID(in...), reference(in...); got != want {
			t.Errorf("logicalID(%q) = %q, want %q", in, got, want)
		}
	}
}
