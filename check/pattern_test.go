package check

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPatternMatchesRegexp holds the character-class fast path to the
// regexp engine: every pattern of the embedded schemas, and a few written
// to exercise it, must agree with their regexp on strings near their
// edges.
func TestPatternMatchesRegexp(t *testing.T) {
	lookupSchema("AWS::S3::Bucket") // compiles every schema's patterns
	pats := map[string]*pattern{}
	patternCache.Range(func(k, v any) bool {
		if p, ok := v.(*pattern); ok && p != nil {
			pats[k.(string)] = p
		}
		return true
	})
	for src, fast := range map[string]bool{
		`^[a-z]{2,4}$`: true, `^([a-z0-9])*$`: true, `^[^\s]+$`: true, `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`: true,
		`^(?i)[a-f]?$`: true, `^[\x{00A1}-\x{00FF}\t]{0,3}$`: true, `^[^a-z]{1,}$`: true, `^.*$`: true, `^(?s:.){2}$`: true,
		`^[a-z]+x$`: false, `[a-z]+`: false, `^a{3}$`: false, `^(ab)*$`: false,
	} {
		p, err := newPattern(src)
		if err != nil {
			t.Fatal(src, err)
		}
		if (p.class != nil) != fast {
			t.Errorf("pattern %s: fast path %v, want %v", src, p.class != nil, fast)
		}
		pats[src] = p
	}
	alphabet := []string{"a", "Z", "0", "9", "-", "_", ".", " ", "\t", "\n", "\x00", "\x7f", "é", "ß", "中", "\u00a0", "\u2028", "\U0001F600", "\xff", "\xc3", "*", "$", "{", "x", "K"}
	rng := rand.New(rand.NewPCG(1, 2))
	for src, p := range pats {
		var inputs []string
		for _, n := range []int{0, 1, 2, 3, 5, 9, 10, 11, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1024, 2049} {
			for range 4 {
				var b strings.Builder
				for range n {
					b.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
				inputs = append(inputs, b.String(), strings.Repeat("a", n), strings.Repeat("A", n)+"é")
			}
		}
		for _, s := range inputs {
			if got, want := p.MatchString(s), p.re().MatchString(s); got != want {
				t.Errorf("pattern %s on %q: fast path says %v, regexp %v", src, s, got, want)
			}
		}
	}
}

func TestRepeatBounds(t *testing.T) {
	type bounds struct {
		lo, hi int
		ok     bool
	}
	for q, want := range map[string]bounds{
		"{2}": {2, 2, true}, "{2,}": {2, -1, true}, "{2,5}": {2, 5, true}, "{0,0}": {0, 0, true},
		"2}": {}, "{2": {}, "2,5}": {}, "{}": {}, "{,5}": {}, "{-1}": {}, "{2,-1}": {}, "{a}": {}, "*": {},
	} {
		lo, hi, ok := repeatBounds(q)
		if got := (bounds{lo, hi, ok}); ok != want.ok || ok && got != want {
			t.Errorf("repeatBounds(%q) = %v, want %v", q, got, want)
		}
	}
	for q, want := range map[string]bool{"*": true, "+": true, "?": true, "{3}": true, "{3,}": true, "3}": false, "{3": false, "**": false} {
		if got := isQuantifier(q); got != want {
			t.Errorf("isQuantifier(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestIsSecretName(t *testing.T) {
	for _, name := range []string{
		"", "IMAGE_REPO", "DB_PASSWORD", "db_password", "GitHubToken", "secretly", "AWS_ACCESS_KEY_ID",
		"aws_secret_access_key", "TOKE", "PASS_WORD", "TOKEN\u212a", "TO\u212aEN", "paſſword", "ſecret",
	} {
		if got, want := isSecretName(name), secretName.MatchString(name); got != want {
			t.Errorf("isSecretName(%q) = %v, want %v (the regexp's answer)", name, got, want)
		}
	}
}
