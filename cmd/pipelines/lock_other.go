//go:build !unix || solaris || aix

package main

import "os"

// lockFolder does nothing where the syscall package has no flock(2)
// (Windows, Solaris, AIX): concurrent commands on one output folder are
// not kept apart there.
func lockFolder(f *os.File, exclusive bool, busy func()) error { return nil }
