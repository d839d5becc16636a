package config

import (
	"bytes"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"

	"pipelines/emit"
)

// FuzzLoad loads arbitrary bytes as services.hcl. It must never panic; a
// file that loads without errors must render every service, twice, to
// the same bytes; a load without settings recorded must report the same;
// and a file parsed, or formatted, in pieces must parse, or format, as it
// does whole.
//
// Seeds are in testdata/fuzz/FuzzLoad; go test runs them, and
// make fuzz runs the fuzzer.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"services.hcl": {Data: src}}
		p, diags := Load(fsys, "services.hcl")
		for _, d := range diags {
			if d.Summary == "" || d.Severity == hcl.DiagError && d.Detail == "" {
				t.Errorf("diagnostic without a summary or detail: %#v", d)
			}
		}
		// Without settings recorded, the load reports the same.
		light, lightDiags := NewLoader().Load(fsys, "services.hcl")
		if (light == nil) != (p == nil) || len(lightDiags) != len(diags) {
			t.Fatalf("a load without settings differs: %d diagnostics, want %d", len(lightDiags), len(diags))
		}
		for i, d := range lightDiags {
			if w := diags[i]; d.Severity != w.Severity || d.Summary != w.Summary || d.Detail != w.Detail || !reflect.DeepEqual(d.Subject, w.Subject) {
				t.Fatalf("a load without settings reports %#v, want %#v", d, w)
			}
		}
		if diags.HasErrors() {
			if p != nil {
				t.Errorf("Load returned a project with errors")
			}
		} else {
			again, _ := Load(fsys, "services.hcl")
			for i, s := range p.Services {
				files, err := emit.Render(s)
				if err != nil {
					t.Fatalf("render %s: %v", s.Name, err)
				}
				files2, err := emit.Render(again.Services[i])
				if err != nil {
					t.Fatalf("render %s again: %v", s.Name, err)
				}
				for j := range files {
					if files[j].Path != files2[j].Path || !bytes.Equal(files[j].Data, files2[j].Data) {
						t.Fatalf("%s renders differently twice", files[j].Path)
					}
				}
			}
		}

		// Parsing in pieces: only of what a load parses at all, when the
		// checks of the source (its encoding, its line ends, its
		// structure) pass, and then exactly like the whole file. (HCL
		// counts lines otherwise in pieces of a file that is not UTF-8.)
		if _, d := checkSource(src, "services.hcl"); len(d) > 0 {
			return
		}
		checkPieces(t, src, 4)
		checkFormatPieces(t, "the input", src)
	})
}
