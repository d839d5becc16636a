package config

import (
	"fmt"
	"testing"
	"testing/fstest"

	"pipelines/internal/gen"
)

// BenchmarkLoad measures loading a generated file: read, parse, decode,
// merge, lower and validate every service.
//
//	go test ./config -run '^$' -bench Load -benchmem
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			fsys := fstest.MapFS{"services.hcl": {Data: gen.Services(n)}}
			b.ReportAllocs()
			for b.Loop() {
				p, diags := NewLoader().Load(fsys, "services.hcl")
				if diags.HasErrors() || len(p.Services) != n {
					b.Fatalf("load: %d services, %v", len(p.Services), diags)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/service")
		})
	}
}
