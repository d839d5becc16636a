package main

import (
	"os"
	"runtime/debug"
)

// tuneGC is set by main. Tests that run commands in their own process
// leave it unset, so that they keep the test binary's collector settings.
var tuneGC bool

// tuneMemory sets how the garbage collector runs while the tool works on
// file. A build allocates far more than it keeps: each template is built,
// encoded, parsed again to be checked, and dropped; a build of 10,000
// services keeps about 30 MB live and allocates 1.7 GB. Collecting each
// time the heap doubled ran a collection every few megabytes, and
// collections took a third of a build. So the collector runs only when the
// heap nears a soft limit: 64 MiB plus 64 bytes per byte of services.hcl
// (76 MiB for 1,000 services, 188 MiB for 10,000), which grows with the file
// so that larger ones are not starved, up to maxSoftLimit. A higher limit
// saves no time: fresh memory costs a page fault where collected memory is
// reused.
func tuneMemory(file string) {
	info, err := os.Stat(file)
	if err != nil || !info.Mode().IsRegular() {
		return
	}
	collectNear(softLimit(info.Size()))
}

// maxSoftLimit bounds the soft memory limit, so that the tool stays well
// under 300 MiB however large its input: a file of 10,000 services with
// every feature (internal/gen -full) is 16 MB, which would otherwise let
// the heap grow to 1.1 GB before a first collection.
const maxSoftLimit = 256 << 20

// softLimit is the soft memory limit for a services file of size bytes.
func softLimit(size int64) int64 {
	return min(64<<20+64*size, maxSoftLimit)
}

// collectNear sets a soft memory limit of limit bytes and lets the garbage
// collector run only near it. With GOMEMLIMIT set it changes neither
// setting; with GOGC set it sets only the limit.
func collectNear(limit int64) {
	if !tuneGC || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}
