package emit_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"pipelines/check"
	"pipelines/config"
	"pipelines/internal/gen"
)

// TestTemplatesPassCheck runs every rule of package check over every
// template of every golden case: properties valid against the AWS resource
// schemas, every Ref/GetAtt/Sub/DependsOn target real, no cycle, no
// wildcard IAM action, every name with the EnvironmentSuffix, nothing
// retained, and the rest of the platform's policy. Warnings fail too.
func TestTemplatesPassCheck(t *testing.T) {
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, f := range renderAll(t, loadCase(t, dir)) {
				if filepath.Ext(f.Path) != ".json" {
					continue
				}
				for _, finding := range check.Template(f.Path, f.Data) {
					t.Error(finding.String())
				}
			}
		})
	}
}

// FuzzTemplatesPassCheck loads any services.hcl the fuzzer makes and, when
// it is valid, renders every template of it: each must pass every rule of
// package check, warnings included. A build does not run the checks unless
// asked to (build -verify), so this, with the golden cases, is what holds
// the generator to them for input no golden case has.
func FuzzTemplatesPassCheck(f *testing.F) {
	for _, dir := range caseDirs(f) {
		src, err := os.ReadFile(filepath.Join(dir, "services.hcl"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add(gen.Services(4))
	f.Add(gen.Full(2))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, diags := config.Load(fstest.MapFS{"services.hcl": {Data: src}}, "services.hcl")
		if diags.HasErrors() {
			return
		}
		for _, file := range renderAll(t, p) {
			if filepath.Ext(file.Path) != ".json" {
				continue
			}
			for _, finding := range check.Template(file.Path, file.Data) {
				t.Error(finding.String())
			}
		}
	})
}

// TestTemplatesPassCheckSeedsValidate: every committed seed of
// FuzzTemplatesPassCheck is a valid services.hcl, so that the target's
// seed run checks their templates rather than returning early, should a
// change to validation come to refuse them.
func TestTemplatesPassCheckSeedsValidate(t *testing.T) {
	seeds, err := filepath.Glob("testdata/fuzz/FuzzTemplatesPassCheck/*")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, seed := range seeds {
		data, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		// The corpus format: a header line, then []byte("...").
		header, value, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		quoted, ok := strings.CutPrefix(value, "[]byte(")
		quoted, ok2 := strings.CutSuffix(quoted, ")")
		src, err := strconv.Unquote(quoted)
		if header != "go test fuzz v1" || !ok || !ok2 || err != nil {
			t.Errorf("%s: not one []byte value of a fuzz corpus file (%v)", seed, err)
			continue
		}
		if _, diags := config.Load(fstest.MapFS{"services.hcl": {Data: []byte(src)}}, "services.hcl"); diags.HasErrors() {
			t.Errorf("%s does not validate: %s", seed, diags.Error())
		}
	}
}
