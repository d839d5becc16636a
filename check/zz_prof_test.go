package check

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkRealDir(b *testing.B) {
	paths, _ := filepath.Glob("/dev/shm/o1000/*/*.json")
	var files [][]byte
	for _, p := range paths[:300] {
		d, _ := os.ReadFile(p)
		files = append(files, d)
	}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		Template("x.json", files[i%len(files)])
		i++
	}
}
