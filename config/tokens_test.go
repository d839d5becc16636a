package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"pipelines/internal/gen"
)

// TestTokenCount holds the scanner's count of tokens, which MaxTokens
// bounds, to that of HCL's scanner, on every file of the tests and a
// generated platform.
func TestTokenCount(t *testing.T) {
	srcs := map[string][]byte{
		"generated":      gen.Services(50),
		"generated full": gen.Full(50),
	}
	for _, pattern := range []string{"testdata/*/*.hcl", "../emit/testdata/*/services.hcl", "../services.hcl"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			srcs[name] = data
		}
	}
	for name, src := range srcs {
		st, diags := scanStructure(src, "services.hcl")
		if len(diags) > 0 {
			continue
		}
		tokens, _ := hclsyntax.LexConfig(src, "services.hcl", hcl.InitialPos)
		if want := len(tokens) - 1; st.tokens < want*9/10 || st.tokens > want*11/10+2 {
			t.Errorf("%s: %d tokens, HCL's scanner %d (without the end of the file)", name, st.tokens, want)
		}
	}
}

// TestLargestPlatform: the largest platform the tool is measured on,
// 20,000 services with every feature, is within the limits that the scan
// checks, its tokens among them.
func TestLargestPlatform(t *testing.T) {
	if testing.Short() {
		t.Skip("32 MB to generate and scan")
	}
	src := gen.Full(MaxServices)
	st, diags := checkSource(src, "services.hcl")
	if len(diags) > 0 {
		t.Fatalf("refused: %v", diags)
	}
	t.Logf("%d bytes, %d tokens", len(src), st.tokens)
	if st.tokens > MaxTokens*2/3 {
		t.Errorf("%d tokens: the limit, %d, leaves too little room", st.tokens, MaxTokens)
	}
}
