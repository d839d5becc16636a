package model

import "fmt"

// ecsKey names an ECS service: its account, region, cluster and name.
type ecsKey struct {
	account, region, cluster, service string
}

// SharedECSServices reports every stage that deploys to an ECS service
// another stage deploys to already, of the same service or another.
// CodeDeploy allows one deployment group per ECS service, so the stack
// creating the second group would fail. Each such stage gets one problem,
// on its service's name, citing the first stage.
func (p *Project) SharedECSServices() Problems {
	order := p.validlyNamedInFileOrder()
	type owner struct {
		service int
		stage   string
	}
	first := map[ecsKey]owner{}
	var probs Problems
	for _, i := range order {
		s := p.Services[i]
		for _, st := range s.Stages {
			account := st.AccountID
			if account == "" {
				account = s.AccountID
			}
			k := ecsKey{account: account, region: s.Region, cluster: st.Cluster, service: st.ECSService}
			o, dup := first[k]
			if !dup {
				first[k] = owner{i, st.Name}
				continue
			}
			where := "account " + account
			if account == "" {
				where = "the pipelines' account"
			}
			other := fmt.Sprintf("stage %q of service %q, declared at %s,", o.stage, p.Services[o.service].Name, p.Services[o.service].NameRange)
			if o.service == i {
				other = fmt.Sprintf("its stage %q", o.stage)
			}
			probs = append(probs, Problem{
				Range:   s.NameRange,
				Subject: "service",
				Summary: "Shared ECS service",
				Detail: fmt.Sprintf("Stage %q of service %q deploys to the ECS service %q of cluster %q in %s in %s, as %s does. CodeDeploy allows one deployment group per ECS service, so whichever stack is created second would fail. Give each stage its own ECS service (ecs_service or cluster).",
					st.Name, s.Name, clipped(st.ECSService), clipped(st.Cluster), where, s.Region, other),
			})
		}
	}
	return probs
}
