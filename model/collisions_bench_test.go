package model_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"pipelines/config"
	"pipelines/internal/gen"
)

// BenchmarkNameCollisions measures the check of every service's AWS names
// against every other's, which runs after the services are validated one
// by one.
//
//	go test ./model -run '^$' -bench NameCollisions -benchmem
func BenchmarkNameCollisions(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			p, diags := config.Load(fstest.MapFS{"services.hcl": {Data: gen.Services(n)}}, "services.hcl")
			if diags.HasErrors() || len(p.Services) != n {
				b.Fatalf("load: %d services, %v", len(p.Services), diags)
			}
			b.ReportAllocs()
			for b.Loop() {
				if probs := p.NameCollisions(); len(probs) > 0 {
					b.Fatalf("%d collisions in generated services: %v", len(probs), probs[0])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/service")
		})
	}
}
