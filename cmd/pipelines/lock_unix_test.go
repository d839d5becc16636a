//go:build unix && !solaris && !aix

package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pipelines/emit"
)

// signal is a writer that closes its channel on the first write.
type signal chan struct{}

func (s signal) Write(p []byte) (int, error) {
	select {
	case <-s:
	default:
		close(s)
	}
	return len(p), nil
}

// TestWaiterReopensARemovedFolder: a command that waited for a build
// which then failed and removed the output folder it had created opens
// the folder anew, instead of holding the lock of a folder that is gone.
func TestWaiterReopensARemovedFolder(t *testing.T) {
	w := newWorkspace(t)
	first, err := openOutput(w.path("out"), true, signal(make(chan struct{})))
	if err != nil {
		t.Fatal(err)
	}
	waiting := signal(make(chan struct{}))
	type opened struct {
		o   *output
		err error
	}
	second := make(chan opened)
	go func() {
		o, err := openOutput(w.path("out"), true, waiting)
		second <- opened{o, err}
	}()
	<-waiting // the second command waits for the lock
	first.discard(nil)
	// Looked at before the lock goes, and the waiting command with it.
	if _, err := os.Lstat(w.path("out")); !os.IsNotExist(err) {
		t.Fatalf("the failed build left its output folder: %v", err)
	}
	first.close()

	got := <-second
	if got.err != nil {
		t.Fatal(got.err)
	}
	defer got.o.close()
	s, err := got.o.stage(emit.File{Path: "alpha/pipeline.json", Data: []byte("{}\n")}, 1, nil)
	if err != nil {
		t.Fatalf("the waiting build cannot write into its folder: %v", err)
	}
	if _, err := os.Stat(w.path("out/" + s.tmp)); err != nil {
		t.Errorf("staged file not in out/: %v", err)
	}
}

// TestUndeletableFileFailsBeforeAnyChange: a generated file to delete in a
// folder the user may not write fails the build before anything is
// renamed into place, so out/ stays as it was.
func TestUndeletableFileFailsBeforeAnyChange(t *testing.T) {
	w := readOnlyAfterBuild(t, "out/bravo", false)
	failsUnchanged(t, w, services("main", "alpha"))
}

// TestUnwritableOutputFailsBeforeAnyChange: the manifest is written last,
// at the top of the output folder; a folder the user may not write there
// fails the build before a template is replaced, not after.
func TestUnwritableOutputFailsBeforeAnyChange(t *testing.T) {
	w := readOnlyAfterBuild(t, "out", true)
	failsUnchanged(t, w, services("release", "alpha", "bravo"))
}

// TestReadOnlyUpToDateOutput: a build with nothing to change succeeds in
// a folder it may not write, though it cannot record itself in a stamp.
func TestReadOnlyUpToDateOutput(t *testing.T) {
	w := readOnlyAfterBuild(t, "out", true)
	before := snapshot(t, w.dir)
	code, stdout, stderr := w.build()
	if code != exitOK || stdout != "2 services, 4 files: 0 written, 4 unchanged, 0 deleted\n" || !strings.Contains(stderr, "warning: ") {
		t.Errorf("build exited %d, printed %q and\n%s\nwant %d, nothing written, and a warning", code, stdout, stderr, exitOK)
	}
	if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
}

// readOnlyAfterBuild builds services alpha and bravo, drops the stamp if
// told to (a fresh checkout has none, as git ignores it), and makes the
// folder dir read-only until the test ends. Root may write any folder, so
// the test is skipped for root.
func readOnlyAfterBuild(t *testing.T, dir string, dropStamp bool) *workspace {
	t.Helper()
	if os.Geteuid() <= 0 {
		t.Skip("root, or no user ids: every folder is writable")
	}
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()
	if dropStamp {
		if err := os.Remove(w.path("out/" + stampName)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(w.path(dir), 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(w.path(dir), 0o755) })
	return w
}

// failsUnchanged builds w with the services file input and requires the
// build to fail with out/ as it was.
func failsUnchanged(t *testing.T, w *workspace, input string) {
	t.Helper()
	before := snapshot(t, w.dir)
	w.write("services.hcl", input)
	code, stdout, stderr := w.build()
	if code != exitFailed || stdout != "" || !strings.Contains(stderr, "Nothing was written.") {
		t.Errorf("build exited %d, printed %q and\n%s\nwant %d and nothing written", code, stdout, stderr, exitFailed)
	}
	after := snapshot(t, w.dir)
	delete(before, "services.hcl")
	delete(after, "services.hcl")
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
}

// TestCheckWaitsForBuild: check of an output folder waits for a build
// that writes it, as plan does, instead of reading files the build is
// replacing.
func TestCheckWaitsForBuild(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha"))
	w.mustBuild()
	build, err := openOutput(w.path("out"), true, signal(make(chan struct{})))
	if err != nil {
		t.Fatal(err)
	}
	waiting := signal(make(chan struct{}))
	done := make(chan int)
	go func() {
		done <- run([]string{"check", w.path("out")}, nil, io.Discard, waiting)
	}()
	<-waiting // check says it waits, and waits
	select {
	case <-done:
		t.Fatal("check ran while a build held the folder")
	default:
	}
	build.close()
	if code := <-done; code != exitOK {
		t.Errorf("check exited %d", code)
	}
}

// TestReadTemplateRefusesAPipe: a template file replaced by a named pipe
// after check listed it is refused at once, not waited on for a writer.
func TestReadTemplateRefusesAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipeline.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readTemplate(filepath.ToSlash(fifo))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("readTemplate of a named pipe: %v, want it refused", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readTemplate waits on a named pipe")
	}
}
