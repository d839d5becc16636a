//go:build !unix || solaris || aix

package main

import (
	"io/fs"
	"os"
)

// writableDir cannot ask the system in advance here: a folder that
// refuses a deletion fails the build when it is met.
func writableDir(dir string) error { return nil }

// mayReplace cannot ask the system in advance here: a file that may not
// be replaced fails the build when it is met.
func mayReplace(dir, file fs.FileInfo) error { return nil }

// keepOwner does nothing here: files have no owner to keep that this
// program may set.
func keepOwner(f *os.File, info fs.FileInfo) {}
