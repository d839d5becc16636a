//go:build unix && !solaris && !aix

package main

import (
	"errors"
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

// euid is the effective user ID of this process; a test pretends to be
// another user.
var euid = os.Geteuid

// mayReplace reports, as an error, whether this process may rename over
// or delete the entry that file describes in the folder that dir
// describes: in a folder with the sticky bit (as /tmp has), only the
// owner of the entry or of the folder may, or root.
func mayReplace(dir, file fs.FileInfo) error {
	if dir.Mode()&fs.ModeSticky == 0 {
		return nil
	}
	d, ok := dir.Sys().(*syscall.Stat_t)
	f, fok := file.Sys().(*syscall.Stat_t)
	if !ok || !fok {
		return nil
	}
	switch uid := euid(); {
	case uid == 0, uint32(uid) == d.Uid, uint32(uid) == f.Uid:
		return nil
	}
	return errors.New("it has the sticky bit, and only the owner of " + file.Name() + ", or of the folder, may replace or delete it")
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
