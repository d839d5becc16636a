package model

import "net/netip"

// NetworkConflicts reports services that disagree about a VPC, by service:
// the problems of p.Services[i] are at i. A VPC has one range, the one the
// shared VPC endpoints template admits, so a service giving it another
// could not reach the endpoints; and a subnet belongs to one VPC. The
// later service in the file is blamed, citing the earlier one, at its own
// value (which it may inherit). sources[i], when sources is not nil, tells
// where the settings of p.Services[i] were written, as Service.Source
// does.
func (p *Project) NetworkConflicts(sources []func(path string) Source) []Problems {
	type first struct {
		service int
		cidr    string
	}
	vpcs := map[string]first{}
	subnets := map[string]int{} // the first service to list each subnet
	probs := make([]Problems, len(p.Services))
	for _, i := range p.validlyNamedInFileOrder() {
		s := p.Services[i]
		n := s.Network
		if !vpcIDRE.MatchString(n.VPCID) {
			continue // reported as such
		}
		v := validator{s: s, source: s.Source}
		if sources != nil {
			v.source = sources[i]
		}
		if validVPCRange(n.CIDRBlock) {
			if f, seen := vpcs[n.VPCID]; !seen {
				vpcs[n.VPCID] = first{i, n.CIDRBlock}
			} else if f.cidr != n.CIDRBlock {
				other := p.Services[f.service]
				v.invalid("network.cidr_block", "This gives VPC %q the range %q, but service %q, declared at %s, gives it %q. A VPC has one range, which the VPC endpoints' security group admits; give every service in the VPC the same cidr_block.",
					n.VPCID, n.CIDRBlock, other.Name, other.NameRange, f.cidr)
			}
		}
		for j, id := range n.SubnetIDs[:min(len(n.SubnetIDs), MaxSubnets)] {
			if !subnetIDRE.MatchString(id) {
				continue
			}
			f, seen := subnets[id]
			if !seen {
				subnets[id] = i
				continue
			}
			if other := p.Services[f]; other.Network.VPCID != n.VPCID {
				v.invalidItem("network.subnet_ids", j, "Subnet %q is in VPC %q here, but in VPC %q for service %q, declared at %s. A subnet belongs to one VPC; check vpc_id and subnet_ids.",
					id, n.VPCID, other.Network.VPCID, other.Name, other.NameRange)
			}
		}
		probs[i] = v.probs
	}
	return probs
}

// The prefix lengths of an IPv4 range AWS allows for a VPC.
const (
	MinVPCPrefix = 16
	MaxVPCPrefix = 28
)

// validVPCRange reports whether cidr is a range validation accepts for a
// VPC: what validator.network asks, each part with its own message.
func validVPCRange(cidr string) bool {
	p, err := netip.ParsePrefix(cidr)
	return err == nil && p.Addr().Is4() && p.Masked() == p && p.Bits() >= MinVPCPrefix && p.Bits() <= MaxVPCPrefix
}
