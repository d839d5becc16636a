//go:build !unix

package main

import "os"

// lockFolder does nothing where flock(2) does not exist: concurrent
// commands on one output folder are not kept apart there.
func lockFolder(f *os.File, exclusive bool, busy func()) error { return nil }
