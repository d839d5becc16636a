package emit_test

import (
	"path/filepath"
	"testing"

	"pipelines/check"
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
