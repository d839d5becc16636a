//go:build unix && !solaris && !aix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWithin runs the command args and returns its exit code and what it
// printed, on stdout then stderr; ok is false, and the test fails, if it
// does not return within a few seconds.
func runWithin(t *testing.T, args []string) (code int, output string, ok bool) {
	t.Helper()
	type result struct {
		code   int
		output string
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr)
		done <- result{code, stdout.String() + stderr.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.output, true
	case <-time.After(10 * time.Second):
		t.Errorf("%s: still running after 10 s", strings.Join(args, " "))
		return 0, "", false
	}
}

// TestServicesFileNotRegular: a services file that is a named pipe, a
// device, or a symbolic link to one, is refused at once by every command
// that reads one, with exit 1: it is not opened to wait for a writer,
// read until it ends, or replaced by fmt.
func TestServicesFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "services.hcl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	link := filepath.Join(dir, "link.hcl")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	files := map[string]string{fifo: "a named pipe", link: "a named pipe"}
	if info, err := os.Stat(os.DevNull); err == nil && info.Mode()&os.ModeDevice != 0 {
		files[os.DevNull] = "a device"
	}
	for file, kind := range files {
		for _, args := range [][]string{
			{"fmt", file},
			{"fmt", "-check", file},
			{"fmt", "-diff", "-write=false", file},
			{"validate", "-f", file},
			{"validate", "-format", "json", "-f", file},
			{"build", "-f", file, "-o", out},
			{"build", "-check", "-f", file, "-o", out},
			{"plan", "-f", file, "-o", out},
			{"show", "orders", "-f", file},
		} {
			code, output, ok := runWithin(t, args)
			if !ok {
				continue
			}
			// Diagnostics wrap their detail: compare words.
			words := strings.Join(strings.Fields(output), " ")
			if code != exitFailed || !strings.Contains(words, kind+", not a regular file") {
				t.Errorf("%s: exit %d, want %d and %s refused:\n%s", strings.Join(args, " "), code, exitFailed, kind, output)
			}
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe is gone: %v, %v", info, err)
	}
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder was created: %v", err)
	}
}

// TestWriteAtomicRefusesAPipe: a file fmt read that is replaced by a
// named pipe before it writes is refused at once, and left in place: not
// opened to wait for a reader, nor replaced by a regular file.
func TestWriteAtomicRefusesAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "services.hcl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	done := make(chan error, 1)
	go func() { done <- writeAtomic(fifo, []byte("defaults {}\n")) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe, not a regular file") {
			t.Errorf("writeAtomic to a named pipe: %v, want it refused", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("writeAtomic waits on a named pipe")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe is gone: %v, %v", info, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(fifo)); len(entries) != 1 {
		t.Errorf("files left beside the pipe: %v", entries)
	}
}

// TestFmtThroughASymbolicLink: fmt formats the file a symbolic link leads
// to, as validate reads it, and keeps the link.
func TestFmtThroughASymbolicLink(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "real.hcl")
	if err := os.WriteFile(file, []byte("defaults {\nbranch=\"main\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "services.hcl")
	if err := os.Symlink("real.hcl", link); err != nil {
		t.Fatal(err)
	}
	if code, output, ok := runWithin(t, []string{"fmt", link}); ok && code != exitOK {
		t.Fatalf("fmt exited %d:\n%s", code, output)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info, err)
	}
	if data, err := os.ReadFile(file); err != nil || string(data) != "defaults {\n  branch = \"main\"\n}\n" {
		t.Errorf("the file: %q, %v; want it formatted", data, err)
	}
}
