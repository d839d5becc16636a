package emit_test

import (
	"os"
	"path/filepath"
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
