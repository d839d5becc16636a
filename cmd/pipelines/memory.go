package main

import (
	"os"
	"runtime/debug"
)

// tuneMemory sets how the garbage collector runs during a build of file,
// unless GOGC or GOMEMLIMIT say otherwise. A build allocates hundreds of
// bytes for every byte it keeps: each template is built, encoded, parsed
// again to be checked and dropped. Collecting whenever the heap doubles
// would run a collection every few megabytes, and collections dominated
// builds of any size. So the collector runs only when the heap nears a
// soft limit: 128 MiB plus 64 bytes per byte of services.hcl, which is
// several times what a build keeps live (about 3 bytes per byte of the
// file), so that larger files are not starved.
func tuneMemory(file string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	info, err := os.Stat(file)
	if err != nil || !info.Mode().IsRegular() {
		return
	}
	collectNear(64<<20 + 64*info.Size())
}

// collectNear sets a soft memory limit of limit bytes, unless GOMEMLIMIT
// sets one, and lets the garbage collector run only near it, unless GOGC
// says when to run it.
func collectNear(limit int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}
