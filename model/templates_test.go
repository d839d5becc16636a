package model

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTooManyTemplates(t *testing.T) {
	// stages gives n stages, the first cross of them in account
	// 222222222222 and the rest in the pipelines' own.
	stages := func(n, cross int) []Stage {
		st := make([]Stage, n)
		for i := range st {
			st[i].Name = fmt.Sprintf("s%d", i)
			if i < cross {
				st[i].AccountID = "222222222222"
			}
		}
		return st
	}
	// platform declares n services, on lines 1 to n, in reverse order of
	// name, so that the order of the file and of names differ.
	platform := func(n int, st []Stage) *Project {
		p := &Project{}
		for line := n; line >= 1; line-- {
			p.Services = append(p.Services, at(line, fmt.Sprintf("svc%06d", n-line), st...))
		}
		return p
	}
	tests := []struct {
		name string
		p    *Project
		want []string // "line: detail"
	}{
		{name: "one pipeline each, at the limit", p: platform(MaxTemplates, nil)},
		{name: "stages in the pipelines' account give none", p: platform(MaxTemplates, stages(47, 0))},
		{name: "47 stages in another account, at the limit", p: platform(MaxTemplates/48, stages(47, 47))},
		{
			name: "one over the limit",
			p:    platform(MaxTemplates/48+1, stages(47, 47)),
			want: []string{"2084: Up to this one, the services give 100032 templates: a pipeline each, and one more for each stage in another account. A file may give at most 100000; this one gives 100032 in all. Split the platform into several services files."},
		},
		{
			name: "the first service over the limit in the file is blamed",
			p:    platform(MaxTemplates/2+2, stages(1, 1)),
			want: []string{"50001: Up to this one, the services give 100002 templates: a pipeline each, and one more for each stage in another account. A file may give at most 100000; this one gives 100004 in all. Split the platform into several services files."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range tt.p.TooManyTemplates() {
				if p.Summary != "Too many templates" || p.Subject != "service" {
					t.Errorf("summary %q, subject %q", p.Summary, p.Subject)
				}
				got = append(got, fmt.Sprintf("%d: %s", p.Range.Start.Line, p.Detail))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
