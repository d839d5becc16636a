package emit_test

import (
	"testing"
	"testing/fstest"

	"pipelines/config"
	"pipelines/emit"
	"pipelines/internal/gen"
)

// BenchmarkRender renders generated services one at a time: building the
// template and encoding it.
func BenchmarkRender(b *testing.B) {
	p, diags := config.Load(fstest.MapFS{"services.hcl": {Data: gen.Services(200)}}, "services.hcl")
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	b.ReportAllocs()
	i, bytes := 0, 0
	for b.Loop() {
		files, err := emit.Render(p.Services[i%len(p.Services)])
		if err != nil {
			b.Fatal(err)
		}
		bytes += len(files[0].Data)
		i++
	}
	b.SetBytes(int64(bytes / i))
}
