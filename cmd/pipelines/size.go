package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"pipelines/check"
	"pipelines/config"
	"pipelines/emit"
	"pipelines/model"
)

// templateQuotas reports each service with a template over
// CloudFormation's quotas on one template (its size, and the number of
// resources, parameters and outputs), at the service's name, so that
// validate refuses what build would. Only a service with more than
// emit.StagesWithinSizeLimit stages can pass them, and only those are
// rendered and checked.
func templateQuotas(p *model.Project) hcl.Diagnostics {
	var large []*model.Service
	for _, s := range p.Services {
		if len(s.Stages) > emit.StagesWithinSizeLimit {
			large = append(large, s)
		}
	}
	probs := make([]*model.Problem, len(large))
	parallel(len(large), runtime.GOMAXPROCS(0), func(i int) error {
		s := large[i]
		files, err := emit.Render(s)
		if err != nil {
			return nil // a bug, which build reports
		}
		defer emit.Release(files)
		var over []string
		for _, f := range files {
			if !strings.HasSuffix(f.Path, ".json") {
				continue
			}
			for _, fd := range check.Template(f.Path, f.Data) {
				if fd.Rule == "CFN005" { // the quotas
					first, _, _ := strings.Cut(fd.Message, ". ")
					over = append(over, fmt.Sprintf("In %s: %s.", f.Path, strings.TrimSuffix(first, ".")))
				}
			}
		}
		if len(over) > 0 {
			probs[i] = &model.Problem{
				Range:   s.NameRange,
				Subject: "service",
				Summary: "Template over CloudFormation's quotas",
				Detail: fmt.Sprintf("CloudFormation would refuse the templates of service %q. %s Each of its %d stages adds resources, outputs and policies, which grow with the stage's rollback alarms and health check: deploy to fewer stages, or give fewer rollback alarms, health checks or emails.",
					s.Name, strings.Join(over, " "), len(s.Stages)),
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
