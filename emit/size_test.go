package emit_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"pipelines/check"
	"pipelines/config"
	"pipelines/emit"
	"pipelines/model"
)

// TestStagesWithinSizeLimit holds emit.StagesWithinSizeLimit to what it
// promises: the largest service with that many stages, with every list
// full and every name at its longest, renders templates within
// CloudFormation's quotas (check's CFN005: size, resources, parameters,
// outputs); with one stage more, its pipeline template is too large. A
// service with fewer stages is smaller, so only services with more need
// rendering to tell.
func TestStagesWithinSizeLimit(t *testing.T) {
	// Longer stage names make stage resources larger, and leave a
	// shorter service name: the largest template may have either.
	largest := func(t *testing.T, cross bool, stages int) int {
		t.Helper()
		n := 0
		for _, stageLen := range []int{3, 9, 16, 24, model.MaxStageName} {
			p, diags := config.Load(fstest.MapFS{"services.hcl": {Data: []byte(largestServices(cross, stages, stageLen))}}, "services.hcl")
			if diags.HasErrors() {
				t.Fatalf("the largest input is invalid: %s", diags.Error())
			}
			for _, f := range renderAll(t, p) {
				n = max(n, len(f.Data))
				if !strings.HasSuffix(f.Path, ".json") {
					continue
				}
				// The quotas as validation sees them, and as check does.
				over := f.OverQuotas()
				quota := false
				for _, fd := range check.Template(f.Path, f.Data) {
					quota = quota || fd.Rule == "CFN005"
				}
				if quota != (len(over) > 0) {
					t.Errorf("with %d stages of %d characters: %s passes the quotas by check: %v, by OverQuotas: %q", stages, stageLen, f.Path, quota, over)
				}
				if stages <= emit.StagesWithinSizeLimit && quota {
					t.Errorf("with %d stages of %d characters: %s passes CloudFormation's quotas: %q", stages, stageLen, f.Path, over)
				}
			}
		}
		return n
	}
	for _, cross := range []bool{false, true} {
		t.Run(fmt.Sprintf("cross-account=%v", cross), func(t *testing.T) {
			if n := largest(t, cross, emit.StagesWithinSizeLimit); n > emit.MaxTemplateSize {
				t.Errorf("with %d stages, a template is %d bytes; CloudFormation accepts %d", emit.StagesWithinSizeLimit, n, emit.MaxTemplateSize)
			}
		})
	}
	if n := largest(t, false, emit.StagesWithinSizeLimit+1); n <= emit.MaxTemplateSize {
		t.Errorf("with %d stages, the largest template is %d bytes, within the limit: raise StagesWithinSizeLimit", emit.StagesWithinSizeLimit+1, n)
	}
}
