package model

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNetworkConflicts(t *testing.T) {
	const (
		defaultVPC    = "vpc-0a1b2c3d"
		otherVPC      = "vpc-1a1b2c3d"
		defaultSubnet = "subnet-0a1b2c3d"
		defaultRange  = "10.20.0.0/16"
		otherRange    = "10.30.0.0/16"
	)
	// svc declares a service at a line, with its network; own lists the
	// network's attributes it sets itself, at the lines after its name.
	// The others it takes from defaults, at lines 4 to 6.
	svc := func(line int, name, vpc, cidr string, own ...string) *Service {
		s := at(line, name)
		s.Network = Network{VPCID: vpc, SubnetIDs: []string{defaultSubnet}, CIDRBlock: cidr}
		for k, attr := range []string{"vpc_id", "subnet_ids", "cidr_block"} {
			src := Source{Layer: LayerDefaults, Range: Range{Filename: "services.hcl", Start: Pos{Line: 4 + k, Column: 18}}}
			for _, o := range own {
				if o == attr {
					src = Source{Layer: LayerService, Range: Range{Filename: "services.hcl", Start: Pos{Line: line + 1 + k, Column: 18}}}
				}
			}
			if attr == "subnet_ids" {
				src.Items = []Range{src.Range}
			}
			s.Settings = append(s.Settings, Setting{Path: "network." + attr, Source: src})
		}
		return s
	}
	tests := []struct {
		name     string
		services []*Service
		want     []string // "service: line:col: subject: detail"
	}{
		{
			name: "the range of defaults, which the first service overrides",
			services: []*Service{
				svc(10, "orders", defaultVPC, otherRange, "cidr_block"),
				svc(20, "payments", defaultVPC, defaultRange),
				svc(30, "search", defaultVPC, defaultRange),
			},
			want: []string{
				`orders: 13:18: network.cidr_block: This gives VPC "vpc-0a1b2c3d" the range "10.30.0.0/16", but service "payments", declared at services.hcl:20:9, gives it "10.20.0.0/16". A VPC has one range, which the VPC endpoints' security group admits; give every service in the VPC the same cidr_block.`,
			},
		},
		{
			// No service takes both the VPC and its range from defaults:
			// the first service says what is right.
			name: "ranges services set themselves",
			services: []*Service{
				svc(10, "orders", otherVPC, otherRange, "vpc_id", "cidr_block"),
				svc(20, "payments", otherVPC, defaultRange, "vpc_id", "cidr_block"),
				svc(30, "search", otherVPC, defaultRange, "vpc_id", "cidr_block"),
			},
			want: []string{
				`payments: 23:18: network.cidr_block: This gives VPC "vpc-1a1b2c3d" the range "10.20.0.0/16", but service "orders", declared at services.hcl:10:9, gives it "10.30.0.0/16". A VPC has one range, which the VPC endpoints' security group admits; give every service in the VPC the same cidr_block.`,
				`search: 33:18: network.cidr_block: This gives VPC "vpc-1a1b2c3d" the range "10.20.0.0/16", but service "orders", declared at services.hcl:10:9, gives it "10.30.0.0/16". A VPC has one range, which the VPC endpoints' security group admits; give every service in the VPC the same cidr_block.`,
			},
		},
		{
			name: "a VPC of its own with the range of defaults",
			services: []*Service{
				svc(10, "orders", otherVPC, otherRange, "vpc_id", "subnet_ids", "cidr_block"),
				svc(20, "payments", otherVPC, defaultRange, "vpc_id", "subnet_ids"),
			},
			want: []string{
				`payments: 21:18: network.vpc_id: This puts the service in VPC "vpc-1a1b2c3d" with the range it inherits, "10.20.0.0/16", but service "orders", declared at services.hcl:10:9, gives that VPC the range "10.30.0.0/16". A VPC has one range, which the VPC endpoints' security group admits; set cidr_block to "10.30.0.0/16" here too.`,
			},
		},
		{
			name: "a VPC of its own with the subnets of defaults",
			services: []*Service{
				svc(10, "orders", otherVPC, otherRange, "vpc_id", "cidr_block"),
				svc(20, "payments", defaultVPC, defaultRange),
			},
			want: []string{
				`orders: 11:18: network.vpc_id: This puts the service in VPC "vpc-1a1b2c3d" with the subnets it inherits, but subnet "subnet-0a1b2c3d" is in VPC "vpc-0a1b2c3d" for service "payments", declared at services.hcl:20:9. A subnet belongs to one VPC; set subnet_ids here too, with subnets of VPC "vpc-1a1b2c3d".`,
			},
		},
		{
			name: "a subnet that services put in two VPCs they set",
			services: []*Service{
				svc(10, "orders", defaultVPC, defaultRange, "vpc_id", "subnet_ids"),
				svc(20, "payments", otherVPC, defaultRange, "vpc_id", "subnet_ids"),
			},
			want: []string{
				`payments: 22:18: network.subnet_ids: Subnet "subnet-0a1b2c3d" is in VPC "vpc-1a1b2c3d" here, but in VPC "vpc-0a1b2c3d" for service "orders", declared at services.hcl:10:9. A subnet belongs to one VPC; check vpc_id and subnet_ids.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for i, probs := range (&Project{Services: tt.services}).NetworkConflicts(nil) {
				for _, p := range probs {
					got = append(got, fmt.Sprintf("%s: %d:%d: %s: %s", tt.services[i].Name, p.Range.Start.Line, p.Range.Start.Column, p.Subject, p.Detail))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
