package emit

import (
	"fmt"
	"strings"
	"testing"

	"pipelines/model"
)

// TestPipelineDescription holds the pipeline template's Description under
// the 1,024 bytes CloudFormation takes, with the most stages, each with
// the longest name: it names them all only while they fit.
func TestPipelineDescription(t *testing.T) {
	stages := func(n int) []model.Stage {
		st := make([]model.Stage, n)
		for i := range st {
			st[i].Name = fmt.Sprintf("s%02d-", i) + strings.Repeat("a", model.MaxStageName-4)
		}
		return st
	}
	name := strings.Repeat("n", 40)
	for _, n := range []int{1, 5, model.MaxStages} {
		s := &model.Service{Name: name, Stages: stages(n)}
		d := pipelineDescription(s)
		if len(d) > maxDescription {
			t.Errorf("%d stages: the description is %d bytes: %q", n, len(d), d)
		}
		if !strings.Contains(d, s.Stages[0].Name) || !strings.Contains(d, s.Stages[n-1].Name) {
			t.Errorf("%d stages: the description names neither the first nor the last: %q", n, d)
		}
		if all := strings.Contains(d, stageList(s)); all != (n < model.MaxStages) {
			t.Errorf("%d stages: the description names every stage: %t", n, all)
		}
	}
}
