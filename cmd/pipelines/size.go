package main

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"pipelines/config"
	"pipelines/emit"
	"pipelines/model"
)

// templateQuotas reports each service with a template over
// CloudFormation's quotas on one template (its size, and the number of
// resources, parameters and outputs), at the service's name, so that
// validate refuses what build would. Only a service with more than
// emit.StagesWithinSizeLimit stages can pass them, and only those are
// rendered.
func templateQuotas(p *model.Project) hcl.Diagnostics {
	var large []*model.Service
	for _, s := range p.Services {
		if len(s.Stages) > emit.StagesWithinSizeLimit {
			large = append(large, s)
		}
	}
	// In the order of the file, as other problems are.
	slices.SortFunc(large, func(a, b *model.Service) int { return cmp.Compare(a.NameRange.Start.Byte, b.NameRange.Start.Byte) })
	probs := make([]*model.Problem, len(large))
	parallel(len(large), runtime.GOMAXPROCS(0), func(i int) error {
		s := large[i]
		files, err := emit.Render(s)
		if err != nil {
			// A bug: say so, rather than call the file valid.
			probs[i] = &model.Problem{Range: s.NameRange, Subject: "service", Summary: "Internal error",
				Detail: fmt.Sprintf("The templates of service %q cannot be rendered: %v. This is a bug in pipelines.", s.Name, err)}
			return nil
		}
		defer emit.Release(files)
		for _, f := range files {
			if over := f.OverQuotas(); len(over) > 0 {
				probs[i] = &model.Problem{
					Range:   s.NameRange,
					Subject: "service",
					Summary: "Template over CloudFormation's quotas",
					Detail: fmt.Sprintf("The template %s of service %q would hold %s. Each of its %d stages adds resources, outputs and policies, which grow with the stage's rollback alarms and health check: deploy to fewer stages, or give fewer rollback alarms, health checks or emails.",
						f.Path, s.Name, strings.Join(over, ", and "), len(s.Stages)),
				}
				break
			}
		}
		return nil
	})
	var diags hcl.Diagnostics
	for _, prob := range probs {
		if prob != nil {
			diags = append(diags, config.ProblemDiagnostic(*prob))
		}
	}
	return diags
}
