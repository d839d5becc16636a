package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"pipelines/internal/gen"
)

// writeServices writes a generated services.hcl with n services into a
// temp folder and returns its path.
func writeServices(b *testing.B, n int) string {
	return writeFile(b, gen.Services(n))
}

// writeFile writes src as services.hcl into a temp folder and returns its
// path.
func writeFile(b *testing.B, src []byte) string {
	b.Helper()
	file := filepath.Join(b.TempDir(), "services.hcl")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		b.Fatal(err)
	}
	return file
}

func build(b *testing.B, file, out string) {
	b.Helper()
	// Tune the collector as the pipelines command does, and put the test
	// binary's settings back afterwards.
	gcPercent := debug.SetGCPercent(100)
	debug.SetGCPercent(gcPercent)
	limit := debug.SetMemoryLimit(-1) // a negative limit only reads it
	tuneGC = true
	b.Cleanup(func() {
		tuneGC = false
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(limit)
	})
	if code := run([]string{"build", "-f", file, "-o", out}, nil, io.Discard, io.Discard); code != exitOK {
		b.Fatalf("pipelines build exited %d", code)
	}
}

// BenchmarkBuild measures a whole build into an empty output folder: read,
// decode, merge, validate, render and write every service, and the
// manifest.
//
//	go test ./cmd/pipelines -run '^$' -bench Build -benchmem -benchtime 5x
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			file := writeServices(b, n)
			out := filepath.Join(b.TempDir(), "out")
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				build(b, file, out)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/service")
		})
	}
}

// BenchmarkBuildFull is BenchmarkBuild for services that each use every
// optional feature (gen.Full): three stages, two of them in other
// accounts, each with a health check; a test project; notifications.
func BenchmarkBuildFull(b *testing.B) {
	const n = 1000
	file := writeFile(b, gen.Full(n))
	out := filepath.Join(b.TempDir(), "out")
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		build(b, file, out)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/service")
}

// BenchmarkRebuild measures a build that changes nothing: the stamp of the
// last build matches services.hcl and the program, and each file in out/
// is hashed and matches the manifest, so nothing is loaded, rendered or
// written.
func BenchmarkRebuild(b *testing.B) {
	const n = 10000
	file := writeServices(b, n)
	out := filepath.Join(b.TempDir(), "out")
	build(b, file, out)
	b.ReportAllocs()
	for b.Loop() {
		build(b, file, out)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/service")
}
