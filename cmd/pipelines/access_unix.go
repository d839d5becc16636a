//go:build unix && !solaris && !aix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// writableDir reports, as an error, whether this process may create and
// remove entries of the folder dir, as access(2) tells: without it,
// deleting a file there would fail halfway through a build.
func writableDir(dir string) error {
	const wOK, xOK = 2, 1
	return syscall.Access(dir, wOK|xOK)
}

// keepOwner gives f the owner and group of the file info describes, where
// this process may: a file replaced by another keeps who owns it.
func keepOwner(f *os.File, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		// Only root may give a file away, and another user only to a
		// group of theirs: otherwise the file keeps this process's owner
		// or group, as a file gofmt -w rewrites would.
		f.Chown(int(st.Uid), int(st.Gid))
	}
}
