package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncEach is false where syncFiles flushes a whole file system at once.
const syncEach = false

// syncFS flushes to disk the data written to the file system that
// holds root: one system call, where a sync of each of 10,000 new files
// made the build wait for each in turn.
func syncFS(root *os.Root) error {
	d, err := root.Open(".")
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}
