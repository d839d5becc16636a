//go:build unix && !solaris && !aix

package main

import "syscall"

// writableDir reports, as an error, whether this process may create and
// remove entries of the folder dir, as access(2) tells: without it,
// deleting a file there would fail halfway through a build.
func writableDir(dir string) error {
	const wOK, xOK = 2, 1
	return syscall.Access(dir, wOK|xOK)
}
