package model

import "net/netip"

// NetworkConflicts reports services that disagree about a VPC, by service:
// the problems of p.Services[i] are at i. A VPC has one range, the one the
// shared VPC endpoints template admits, so a service giving it another
// could not reach the endpoints; and a subnet belongs to one VPC.
//
// What services that take both the VPC and its range (or subnets) from
// defaults say is right, and else what the first service in the file
// says: each service that says otherwise is blamed, citing a service
// that says it, at its own value, which it may inherit; or at its vpc_id,
// when it sets that itself but inherits the range or the subnets.
// sources[i], when sources is not nil, tells where the settings of
// p.Services[i] were written, as Service.Source does; it is asked only
// about services that disagree.
//
// A value refused before validation (see Service.Refused) is zero, which
// is no VPC id, range or subnet id: it is left out, as an invalid one is,
// and says nothing of the VPC.
func (p *Project) NetworkConflicts(sources []func(path string) Source) []Problems {
	order := p.validlyNamedInFileOrder()

	// The first range of each VPC, and the first VPC of each subnet: in a
	// valid file, the only ones. The VPCs and subnets that services
	// disagree about are counted again.
	type first struct {
		service int
		cidr    string
	}
	vpcs := map[string]first{}
	subnets := map[string]int{} // the first service to list each subnet
	var vpcsDisputed, subnetsDisputed map[string]bool
	for _, i := range order {
		n := p.Services[i].Network
		if !vpcIDRE.MatchString(n.VPCID) {
			continue // reported as such
		}
		if validVPCRange(n.CIDRBlock) {
			if f, seen := vpcs[n.VPCID]; !seen {
				vpcs[n.VPCID] = first{i, n.CIDRBlock}
			} else if f.cidr != n.CIDRBlock {
				vpcsDisputed = setAdd(vpcsDisputed, n.VPCID)
			}
		}
		for _, id := range n.SubnetIDs[:min(len(n.SubnetIDs), MaxSubnets)] {
			if !subnetIDRE.MatchString(id) {
				continue
			}
			if f, seen := subnets[id]; !seen {
				subnets[id] = i
			} else if p.Services[f].Network.VPCID != n.VPCID {
				subnetsDisputed = setAdd(subnetsDisputed, id)
			}
		}
	}
	probs := make([]Problems, len(p.Services))
	if vpcsDisputed == nil && subnetsDisputed == nil {
		return probs
	}

	source := func(i int) func(string) Source {
		if sources != nil {
			return sources[i]
		}
		return p.Services[i].Source
	}
	// fromDefaults reports whether service i takes both its VPC and the
	// value at path from defaults.
	fromDefaults := func(i int, path string) bool {
		src := source(i)
		return src("network.vpc_id").Layer == LayerDefaults && src(path).Layer == LayerDefaults
	}

	// What each service says of each VPC and subnet disputed.
	ranges := newClaims() // of VPC range
	homes := newClaims()  // of subnet VPC
	for _, i := range order {
		n := p.Services[i].Network
		if !vpcIDRE.MatchString(n.VPCID) {
			continue
		}
		if vpcsDisputed[n.VPCID] && validVPCRange(n.CIDRBlock) {
			ranges.add(n.VPCID, n.CIDRBlock, i)
		}
		for _, id := range n.SubnetIDs[:min(len(n.SubnetIDs), MaxSubnets)] {
			if subnetsDisputed[id] && subnetIDRE.MatchString(id) {
				homes.add(id, n.VPCID, i)
			}
		}
	}
	rangeOf := ranges.right(func(i int) bool { return fromDefaults(i, "network.cidr_block") })
	homeOf := homes.right(func(i int) bool { return fromDefaults(i, "network.subnet_ids") })

	for _, i := range order {
		s := p.Services[i]
		n := s.Network
		if !vpcIDRE.MatchString(n.VPCID) {
			continue
		}
		v := validator{s: s, source: source(i)}
		// ownVPC tells whether the service sets vpc_id but inherits the
		// value at path: the vpc_id is then what sets it apart.
		ownVPC := func(path string) bool {
			return v.source(path).Layer != LayerService && v.source("network.vpc_id").Layer == LayerService
		}
		if vpcsDisputed[n.VPCID] && validVPCRange(n.CIDRBlock) {
			if cidr, by := rangeOf(n.VPCID); cidr != n.CIDRBlock {
				other := p.Services[by]
				if ownVPC("network.cidr_block") {
					v.invalid("network.vpc_id", "This puts the service in VPC %q with the range it inherits, %q, but service %q, declared at %s, gives that VPC the range %q. A VPC has one range, which the VPC endpoints' security group admits; set cidr_block to %q here too.",
						n.VPCID, n.CIDRBlock, other.Name, other.NameRange, cidr, cidr)
				} else {
					v.invalid("network.cidr_block", "This gives VPC %q the range %q, but service %q, declared at %s, gives it %q. A VPC has one range, which the VPC endpoints' security group admits; give every service in the VPC the same cidr_block.",
						n.VPCID, n.CIDRBlock, other.Name, other.NameRange, cidr)
				}
			}
		}
		for j, id := range n.SubnetIDs[:min(len(n.SubnetIDs), MaxSubnets)] {
			if !subnetsDisputed[id] || !subnetIDRE.MatchString(id) {
				continue
			}
			vpc, by := homeOf(id)
			if vpc == n.VPCID {
				continue
			}
			other := p.Services[by]
			if ownVPC("network.subnet_ids") {
				v.invalid("network.vpc_id", "This puts the service in VPC %q with the subnets it inherits, but subnet %q is in VPC %q for service %q, declared at %s. A subnet belongs to one VPC; set subnet_ids here too, with subnets of VPC %q.",
					n.VPCID, id, vpc, other.Name, other.NameRange, n.VPCID)
				break // one problem for the subnets inherited
			}
			v.invalidItem("network.subnet_ids", j, "Subnet %q is in VPC %q here, but in VPC %q for service %q, declared at %s. A subnet belongs to one VPC; check vpc_id and subnet_ids.",
				id, n.VPCID, vpc, other.Name, other.NameRange)
		}
		probs[i] = v.probs
	}
	return probs
}

// claims are, for each key, the values services give it, with the
// services that give each value, in the order of the file.
type claims struct {
	values   map[string][]string
	services map[[2]string][]int
}

func newClaims() *claims {
	return &claims{values: map[string][]string{}, services: map[[2]string][]int{}}
}

// add records service i giving key the value.
func (c *claims) add(key, value string, i int) {
	k := [2]string{key, value}
	if _, seen := c.services[k]; !seen {
		c.values[key] = append(c.values[key], value)
	}
	c.services[k] = append(c.services[k], i)
}

// right returns a function that tells, of the values services give a key,
// which is taken for the right one, and a service that gives it: the
// value of the first service that trusted accepts, else the first value
// given, with the first service that gives it. It works out the answer
// for a key once, and remembers it.
func (c *claims) right(trusted func(i int) bool) func(key string) (string, int) {
	type answer struct {
		value   string
		service int
	}
	known := map[string]answer{}
	return func(key string) (string, int) {
		if a, ok := known[key]; ok {
			return a.value, a.service
		}
		values := c.values[key]
		a := answer{values[0], c.services[[2]string{key, values[0]}][0]}
		// The first service giving each value first: services that
		// inherit a value tend to come together.
	find:
		for _, all := range []bool{false, true} {
			for _, v := range values {
				services := c.services[[2]string{key, v}]
				if !all {
					services = services[:1]
				}
				for _, i := range services {
					if trusted(i) {
						a = answer{v, i}
						break find
					}
				}
			}
		}
		known[key] = a
		return a.value, a.service
	}
}

func setAdd(set map[string]bool, key string) map[string]bool {
	if set == nil {
		set = map[string]bool{}
	}
	set[key] = true
	return set
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
