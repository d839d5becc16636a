//go:build unix && !solaris && !aix

package main

import (
	"os"
	"testing"

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
