package emit

import "testing"

// TestCodeSpan: a path shows in the notes as it is, whatever it holds.
func TestCodeSpan(t *testing.T) {
	for s, want := range map[string]string{
		"services.hcl":     "`services.hcl`",
		"my_services*.hcl": "`my_services*.hcl`",
		"a`b.hcl":          "``a`b.hcl``",
		"a``b`.hcl":        "```a``b`.hcl```",
		"`a.hcl":           "`` `a.hcl ``",
		"line\nbreak.hcl":  "`\"line\\nbreak.hcl\"`",
	} {
		if got := codeSpan(s); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", s, got, want)
		}
	}
}
