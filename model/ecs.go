package model

import (
	"fmt"
	"slices"
)

// ecsKey names an ECS service: its account, region, cluster and name.
type ecsKey struct {
	account, region, cluster, service string
}

// sharedECSRule ends the detail of every problem of a shared ECS service:
// the rule the stages break, and how to keep it.
const sharedECSRule = " CodeDeploy allows one deployment group per ECS service, so whichever stack is created second would fail. Give each stage its own ECS service (ecs_service or cluster)."

// ecsStage is a stage of a service, by their indexes.
type ecsStage struct {
	service, stage int
}

// SharedECSServices reports the stages that deploy to the same ECS
// service, of the same service or others: all of them but one, which
// each problem cites. CodeDeploy allows one deployment group per ECS
// service, so the stack creating the second group would fail.
// sources[i], when sources is not nil, tells where the settings of
// p.Services[i] were written, as Service.Source does; it is asked only
// about stages that share an ECS service.
//
// Each stage reported is blamed at the value that names its ECS service:
// ecs_service, or the cluster when ecs_service is the service's name. A
// value written in a service sets its stage apart from the others: the
// stage cited is the first in the file whose value is not written in its
// service (it takes it from defaults, or from the service's name), else
// the first, so that a stage naming another service's ECS service is
// blamed whether it comes before that service or after. A value that
// services inherit from defaults is blamed once, where defaults write it,
// naming the services that inherit it; when the stage cited inherits it
// too, the value itself makes them share the ECS service.
func (p *Project) SharedECSServices(sources []func(path string) Source) Problems {
	order := p.validlyNamedInFileOrder()
	first := map[ecsKey]ecsStage{}
	var keys []ecsKey                // of the ECS services shared, as first met
	var shared map[ecsKey][]ecsStage // the stages after the first, by ECS service
	for _, i := range order {
		s := p.Services[i]
		for j := range s.Stages {
			if !s.ecsKeyKnown(j) {
				continue
			}
			k := s.ecsKey(j)
			if _, dup := first[k]; !dup {
				first[k] = ecsStage{i, j}
				continue
			}
			if shared == nil {
				shared = map[ecsKey][]ecsStage{}
			}
			if len(shared[k]) == 0 {
				keys = append(keys, k)
			}
			shared[k] = append(shared[k], ecsStage{i, j})
		}
	}
	if len(keys) == 0 {
		return nil
	}
	source := func(i int) func(string) Source {
		if sources != nil {
			return sources[i]
		}
		return p.Services[i].Source
	}
	blame := func(m ecsStage) ecsBlame { return p.Services[m.service].ecsBlame(m.stage, source(m.service)) }

	// A value of defaults is blamed once for the stages it makes share an
	// ECS service in the same way, whatever the service: their problems
	// are gathered by value and detail, with the services' names.
	type aggregate struct {
		prob  Problem
		names []string
		seen  map[string]bool
	}
	type aggKey struct {
		r      Range
		detail string
	}
	var aggOrder []aggKey
	aggs := map[aggKey]*aggregate{}
	var probs Problems
	for _, k := range keys {
		// The stages that deploy there, in file order, and the values
		// that name it for them. A value written in a service is what
		// sets its stage apart from the others: the stage cited is the
		// first that does not write it, if any, and the others are
		// blamed, whichever comes first in the file.
		stages := append([]ecsStage{first[k]}, shared[k]...)
		blames := make([]ecsBlame, len(stages))
		for i, m := range stages {
			blames[i] = blame(m)
		}
		cited := max(0, slices.IndexFunc(blames, func(b ecsBlame) bool { return b.src.Layer != LayerService }))
		owner, ownerBlame := stages[cited], blames[cited]
		o := p.Services[owner.service]
		ownerStage := o.Stages[owner.stage].Name
		for i, m := range stages {
			if i == cited {
				continue
			}
			b := blames[i]
			if b.src.Layer != LayerDefaults {
				probs = append(probs, p.sharedECSProblem(b, m, owner))
				continue
			}
			s, st := p.Services[m.service], &p.Services[m.service].Stages[m.stage]
			where := fmt.Sprintf("%s in %s", accountPhrase(k.account), s.Region)
			var detail string
			names := []string{s.Name}
			switch {
			case ownerBlame.src.Layer == LayerDefaults && ownerBlame.src.Range == b.src.Range:
				// The value itself makes the services share it.
				detail = fmt.Sprintf("With this value, stage %q of several services deploys to the same ECS service, %q of cluster %q in %s.%s",
					st.Name, clipped(st.ECSService), clipped(st.Cluster), where, sharedECSRule)
				names = []string{o.Name, s.Name}
			case owner.service == m.service && b.path == "stage."+st.Name+".cluster":
				// Both stages take the service's name for ecs_service:
				// the same in every service that inherits the value.
				detail = fmt.Sprintf("With this value, stage %q deploys to the same ECS service as stage %q: the one named after the service, in cluster %q in the same account.%s",
					st.Name, ownerStage, clipped(st.Cluster), sharedECSRule)
			case owner.service == m.service:
				detail = fmt.Sprintf("With this value, stage %q deploys to the ECS service %q of cluster %q in %s, as stage %q does.%s",
					st.Name, clipped(st.ECSService), clipped(st.Cluster), where, ownerStage, sharedECSRule)
			default:
				detail = fmt.Sprintf("With this value, stage %q deploys to the ECS service %q of cluster %q in %s, as stage %q of service %q, declared at %s, does.%s",
					st.Name, clipped(st.ECSService), clipped(st.Cluster), where, ownerStage, o.Name, o.NameRange, sharedECSRule)
			}
			ak := aggKey{b.src.Range, detail}
			a := aggs[ak]
			if a == nil {
				a = &aggregate{prob: Problem{Range: b.src.Range, Subject: b.path, Summary: "Shared ECS service", Detail: detail}, seen: map[string]bool{}}
				aggs[ak] = a
				aggOrder = append(aggOrder, ak)
			}
			for _, n := range names {
				if !a.seen[n] {
					a.seen[n] = true
					a.names = append(a.names, n)
				}
			}
		}
	}
	for _, ak := range aggOrder {
		a := aggs[ak]
		a.prob.Detail += InheritedBy(a.names, len(order)) // of the services checked
		probs = append(probs, a.prob)
	}
	return probs
}

// ecsKey is the ECS service the stage at j deploys to.
func (s *Service) ecsKey(j int) ecsKey {
	st := &s.Stages[j]
	account := st.AccountID
	if account == "" {
		account = s.AccountID
	}
	return ecsKey{account: account, region: s.Region, cluster: st.Cluster, service: st.ECSService}
}

// ecsKeyKnown reports whether the ECS service the stage at j deploys to
// is known: no value that names it was refused (see Service.Refused).
func (s *Service) ecsKeyKnown(j int) bool {
	if len(s.Refused) == 0 {
		return true
	}
	st := &s.Stages[j]
	p := "stage." + st.Name + "."
	return s.known("region") && s.known(p+"cluster") && s.known(p+"ecs_service") && s.known(p+"account_id") &&
		(st.AccountID != "" || s.known("account_id"))
}

// ecsBlame is the value that names a stage's ECS service, and its path.
type ecsBlame struct {
	src  Source
	path string
}

// ecsBlame returns the value that names the ECS service of the stage at
// j: its ecs_service, or its cluster when ecs_service is the service's
// name; or the service's name when neither is known to have been written.
func (s *Service) ecsBlame(j int, source func(string) Source) ecsBlame {
	name := s.Stages[j].Name
	for _, attr := range []string{"ecs_service", "cluster"} {
		path := "stage." + name + "." + attr
		src := source(path)
		if (src.Layer == LayerService || src.Layer == LayerDefaults) && src.Range != s.DefRange {
			return ecsBlame{src: src, path: path}
		}
	}
	return ecsBlame{src: Source{Layer: LayerDerived, Range: s.NameRange}, path: "service"}
}

// sharedECSProblem reports the stage m, whose own value b makes it deploy
// to the ECS service of the stage owner.
func (p *Project) sharedECSProblem(b ecsBlame, m, owner ecsStage) Problem {
	s, st := p.Services[m.service], &p.Services[m.service].Stages[m.stage]
	o := p.Services[owner.service]
	other := fmt.Sprintf("stage %q of service %q, declared at %s,", o.Stages[owner.stage].Name, o.Name, o.NameRange)
	if owner.service == m.service {
		other = fmt.Sprintf("its stage %q", o.Stages[owner.stage].Name)
	}
	return Problem{
		Range:   b.src.Range,
		Subject: b.path,
		Summary: "Shared ECS service",
		Detail: fmt.Sprintf("Stage %q of service %q deploys to the ECS service %q of cluster %q in %s in %s, as %s does.%s",
			st.Name, s.Name, clipped(st.ECSService), clipped(st.Cluster), accountPhrase(s.ecsKey(m.stage).account), s.Region, other, sharedECSRule),
	}
}

// accountPhrase names an account for a message: the pipelines' own when
// it is not declared.
func accountPhrase(account string) string {
	if account == "" {
		return "the pipelines' account"
	}
	return "account " + account
}
