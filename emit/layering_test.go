package emit_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering keeps the flow one-way: model, emit and check never depend
// on HCL or go-cty, and model depends on the standard library only.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "pipelines/model", "pipelines/emit", "pipelines/check").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	allowed := map[string]bool{"pipelines/model": true, "pipelines/emit": true, "pipelines/check": true}
	for _, dep := range strings.Fields(string(out)) {
		if !allowed[dep] {
			t.Errorf("model, emit or check depends on %s", dep)
		}
	}
}
