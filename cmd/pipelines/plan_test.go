package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestPlanNamesTheFirstUnreadableFile: of several files no longer
// generated that cannot be read, plan names the first by path, in every
// run.
func TestPlanNamesTheFirstUnreadableFile(t *testing.T) {
	w := newWorkspace(t)
	removed := []string{"bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"}
	w.write("services.hcl", services("main", append([]string{"alpha"}, removed...)...))
	w.mustBuild()
	w.write("services.hcl", services("main", "alpha"))
	for _, name := range removed {
		p := w.path("out/" + name + "/pipeline.json")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	want := "pipelines plan: " + w.path("out/bravo/pipeline.json") + " is a folder; refusing to use it\n"
	for range 20 {
		var stdout, stderr bytes.Buffer
		code := run([]string{"plan", "-f", w.path("services.hcl"), "-o", w.path("out")}, nil, &stdout, &stderr)
		if code != exitFailed || !strings.HasSuffix(stderr.String(), want) {
			t.Fatalf("plan exited %d, want %d and stderr ending in %q:\n%s", code, exitFailed, want, stderr.String())
		}
	}
}
