package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFmtLeavesReadOnlyFiles holds that fmt does not replace a file the
// user may not write, as renaming a new file over it would: gofmt -w,
// which writes the file in place, cannot either. Root may write any file,
// so the test runs only as another user.
func TestFmtLeavesReadOnlyFiles(t *testing.T) {
	if os.Geteuid() <= 0 {
		t.Skip("root, or no user ids: every file is writable")
	}
	name := filepath.Join(t.TempDir(), "services.hcl")
	messy := "defaults {\n  branch=\"main\"\n}\n"
	if err := os.WriteFile(name, []byte(messy), 0o444); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fmt", name}, nil, &stdout, &stderr); code != exitFailed || !strings.Contains(stderr.String(), "the file is read-only") {
		t.Errorf("fmt exited %d, want %d and the file refused:\n%s", code, exitFailed, stderr.String())
	}
	if data, err := os.ReadFile(name); err != nil || string(data) != messy {
		t.Errorf("the file changed: %q, %v", data, err)
	}
}
