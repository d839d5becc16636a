//go:build unix && !solaris && !aix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFmtKeepsOwner holds that the file fmt rewrites keeps its owner and
// group, though a new file is renamed over it. Only root may give a file
// to another user, so the test runs only as root.
func TestFmtKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("not root: cannot give a file to another user")
	}
	name := filepath.Join(t.TempDir(), "services.hcl")
	if err := os.WriteFile(name, []byte("defaults {\n  branch=\"main\"\n}\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	const uid, gid = 65534, 65533
	if err := os.Chown(name, uid, gid); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fmt", name}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("fmt exited %d:\n%s", code, stderr.String())
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != uid || st.Gid != gid || info.Mode().Perm() != 0o640 {
		t.Errorf("after fmt: owner %d:%d, mode %v; want %d:%d, -rw-r-----", st.Uid, st.Gid, info.Mode().Perm(), uid, gid)
	}
}
