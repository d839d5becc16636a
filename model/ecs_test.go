package model

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSharedECSServices(t *testing.T) {
	// line is a value's range at a line of services.hcl.
	line := func(n int) Range {
		return Range{Filename: "services.hcl", Start: Pos{Line: n, Column: 19, Byte: 100*n + 18}}
	}
	// set records where the service's stage's ecs_service and cluster
	// were written; a zero layer leaves the value derived.
	set := func(s *Service, stage string, ecsLayer Layer, ecsLine int, clusterLayer Layer, clusterLine int) *Service {
		if ecsLayer == 0 {
			ecsLayer, ecsLine = LayerDerived, 0
		}
		s.Settings = append(s.Settings,
			Setting{Path: "stage." + stage + ".ecs_service", Source: Source{Layer: ecsLayer, Range: line(ecsLine)}},
			Setting{Path: "stage." + stage + ".cluster", Source: Source{Layer: clusterLayer, Range: line(clusterLine)}},
		)
		return s
	}
	web := func(cluster string) Stage { return Stage{Name: "prod", Cluster: cluster, ECSService: "web"} }
	const rule = ` CodeDeploy allows one deployment group per ECS service, so whichever stack is created second would fail. Give each stage its own ECS service (ecs_service or cluster).`
	tests := []struct {
		name     string
		services []*Service
		want     []string // "line:col: subject: detail"
	}{
		{
			name:     "sources unknown: the later service's name",
			services: []*Service{at(20, "orders", web("c")), at(30, "payments", web("c"))},
			want: []string{
				`30:9: service: Stage "prod" of service "payments" deploys to the ECS service "web" of cluster "c" in account 111111111111 in us-east-1, as stage "prod" of service "orders", declared at services.hcl:20:9, does.` + rule,
			},
		},
		{
			name: "a value of defaults: once, with the services that inherit it",
			services: []*Service{
				set(at(20, "orders", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(at(30, "payments", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(at(40, "search", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(at(50, "catalog", web("other")), "prod", LayerDefaults, 5, LayerService, 51),
			},
			want: []string{
				`5:19: stage.prod.ecs_service: With this value, stage "prod" of several services deploys to the same ECS service, "web" of cluster "c" in account 111111111111 in us-east-1.` + rule + ` It is a problem in 3 of the 4 services, which inherit the value: "orders", "payments", "search".`,
			},
		},
		{
			// A service with an invalid name is not checked: the count is
			// of the services checked.
			name: "a value of defaults, and a service with an invalid name",
			services: []*Service{
				set(at(20, "orders", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(at(30, "payments", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(at(40, "Bad_Name", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
			},
			want: []string{
				`5:19: stage.prod.ecs_service: With this value, stage "prod" of several services deploys to the same ECS service, "web" of cluster "c" in account 111111111111 in us-east-1.` + rule,
			},
		},
		{
			// The value the first service writes sets it apart.
			name: "a value of defaults that the first service sets itself",
			services: []*Service{
				set(at(20, "orders", web("c")), "prod", LayerService, 21, LayerDefaults, 4),
				set(at(30, "payments", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
			},
			want: []string{
				`21:19: stage.prod.ecs_service: Stage "prod" of service "orders" deploys to the ECS service "web" of cluster "c" in account 111111111111 in us-east-1, as stage "prod" of service "payments", declared at services.hcl:30:9, does.` + rule,
			},
		},
		{
			name: "a service that names the ECS service of a later one",
			services: []*Service{
				set(at(20, "aa", Stage{Name: "prod", Cluster: "c", ECSService: "bb"}), "prod", LayerService, 21, LayerDefaults, 4),
				set(at(30, "bb", Stage{Name: "prod", Cluster: "c", ECSService: "bb"}), "prod", 0, 0, LayerDefaults, 4),
			},
			want: []string{
				`21:19: stage.prod.ecs_service: Stage "prod" of service "aa" deploys to the ECS service "bb" of cluster "c" in account 111111111111 in us-east-1, as stage "prod" of service "bb", declared at services.hcl:30:9, does.` + rule,
			},
		},
		{
			name: "a service that names the ECS service of an earlier one",
			services: []*Service{
				set(at(30, "aa", Stage{Name: "prod", Cluster: "c", ECSService: "bb"}), "prod", LayerService, 31, LayerDefaults, 4),
				set(at(20, "bb", Stage{Name: "prod", Cluster: "c", ECSService: "bb"}), "prod", 0, 0, LayerDefaults, 4),
			},
			want: []string{
				`31:19: stage.prod.ecs_service: Stage "prod" of service "aa" deploys to the ECS service "bb" of cluster "c" in account 111111111111 in us-east-1, as stage "prod" of service "bb", declared at services.hcl:20:9, does.` + rule,
			},
		},
		{
			// Both write their values: the later is blamed.
			name: "values both services write",
			services: []*Service{
				set(at(20, "aa", Stage{Name: "prod", Cluster: "c", ECSService: "bb"}), "prod", LayerService, 21, LayerDefaults, 4),
				set(at(30, "bb", Stage{Name: "prod", Cluster: "c", ECSService: "bb"}), "prod", LayerService, 31, LayerDefaults, 4),
			},
			want: []string{
				`31:19: stage.prod.ecs_service: Stage "prod" of service "bb" deploys to the ECS service "bb" of cluster "c" in account 111111111111 in us-east-1, as stage "prod" of service "aa", declared at services.hcl:20:9, does.` + rule,
			},
		},
		{
			name: "a value the later service sets itself",
			services: []*Service{
				set(at(20, "orders", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(at(30, "payments", web("c")), "prod", LayerService, 31, LayerDefaults, 4),
			},
			want: []string{
				`31:19: stage.prod.ecs_service: Stage "prod" of service "payments" deploys to the ECS service "web" of cluster "c" in account 111111111111 in us-east-1, as stage "prod" of service "orders", declared at services.hcl:20:9, does.` + rule,
			},
		},
		{
			// Each service's two stages deploy to the ECS service named
			// after it: the cluster of defaults is blamed, once, and
			// names no service, as it is a problem in all of them.
			name: "the same cluster in two stages of defaults",
			services: []*Service{
				set(set(at(20, "orders", Stage{Name: "qa", Cluster: "c", ECSService: "orders"}, Stage{Name: "prod", Cluster: "c", ECSService: "orders"}),
					"qa", 0, 0, LayerDefaults, 4), "prod", 0, 0, LayerDefaults, 8),
				set(set(at(30, "payments", Stage{Name: "qa", Cluster: "c", ECSService: "payments"}, Stage{Name: "prod", Cluster: "c", ECSService: "payments"}),
					"qa", 0, 0, LayerDefaults, 4), "prod", 0, 0, LayerDefaults, 8),
			},
			want: []string{
				`8:19: stage.prod.cluster: With this value, stage "prod" deploys to the same ECS service as stage "qa": the one named after the service, in cluster "c" in the same account.` + rule,
			},
		},
		{
			name: "a cluster one service sets for its second stage",
			services: []*Service{
				set(set(at(20, "orders", Stage{Name: "qa", Cluster: "c", ECSService: "orders"}, Stage{Name: "prod", Cluster: "c", ECSService: "orders"}),
					"qa", 0, 0, LayerDefaults, 4), "prod", 0, 0, LayerService, 22),
			},
			want: []string{
				`22:19: stage.prod.cluster: Stage "prod" of service "orders" deploys to the ECS service "orders" of cluster "c" in account 111111111111 in us-east-1, as its stage "qa" does.` + rule,
			},
		},
		{
			// Refused, the account is unknown: not the pipeline's.
			name: "a stage's account refused",
			services: []*Service{
				at(20, "orders", web("c")),
				refused(at(30, "payments", web("c")), "stage.prod.account_id"),
			},
		},
		{
			name: "the pipeline's account refused, for a stage that takes it",
			services: []*Service{
				refused(inAccount("", at(20, "orders", web("c"))), "account_id"),
				refused(inAccount("", at(30, "payments", web("c"))), "account_id"),
			},
		},
		{
			name: "the ECS service refused",
			services: []*Service{
				at(20, "orders", Stage{Name: "prod", Cluster: "c"}),
				refused(at(30, "payments", Stage{Name: "prod", Cluster: "c"}), "stage.prod.ecs_service"),
			},
		},
		{
			name: "the same ECS service name in other accounts",
			services: []*Service{
				set(at(20, "orders", web("c")), "prod", LayerDefaults, 5, LayerDefaults, 4),
				set(inAccount("222222222222", at(30, "payments", web("c"))), "prod", LayerDefaults, 5, LayerDefaults, 4),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range (&Project{Services: tt.services}).SharedECSServices(nil) {
				got = append(got, fmt.Sprintf("%d:%d: %s: %s", p.Range.Start.Line, p.Range.Start.Column, p.Subject, p.Detail))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func inAccount(account string, s *Service) *Service {
	s.AccountID = account
	return s
}

// refused marks the values at paths as refused (see Service.Refused).
func refused(s *Service, paths ...string) *Service {
	s.Refused = paths
	return s
}
