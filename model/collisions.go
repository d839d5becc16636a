package model

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"iter"
	"slices"
	"strings"
)

// A physical name is a service's name and a purpose joined by hyphens,
// with a stage's name between them for a stage's resources. Two services
// can therefore spell the same name: service "orders" with stage
// "prod-eu" and service "orders-prod" with stage "eu" both create the
// role "role-orders-prod-eu-crossaccount-${EnvironmentSuffix}", and
// service "orders-prod-eu" creates the CodeDeploy application of the
// first one's stage. CloudFormation then fails to create the stack
// deployed second. NameCollisions finds such names before any stack is
// deployed.

// nameKey is a name in the scope AWS keeps it unique in: fields the scope
// does not include are empty. Names of different kinds never collide.
type nameKey struct {
	kind, account, region, name string
}

// nameRef is the position of a name among scopedNames(service): the
// service's index in Project.Services in the high half, the name's in
// the low half.
type nameRef uint64

func refOf(service, name int) nameRef { return nameRef(service)<<32 | nameRef(name) }
func (r nameRef) service() int        { return int(r >> 32) }
func (r nameRef) name() int           { return int(uint32(r)) }

// collision is a name a service would create that another service, or
// the same one, creates already.
type collision struct {
	key        nameKey
	name       PhysicalName // as this service creates it
	other      int          // the other service's index
	otherStage string       // the other service's stage the name comes from, if any
}

// NameCollisions reports every name that two services' templates, or two
// of one service's, would create in the same scope: the same IAM role in
// an account, the same CodeDeploy application in an account and region,
// the same security group in a VPC, and so on. Each service whose names
// collide with those of a service written before it gets one problem per
// such service, on its name, citing the other.
//
// Every template of a platform is deployed with the same
// EnvironmentSuffix, so names are compared with the suffix as it is
// written. A service that does not declare its account is taken to run in
// the same account as the others that do not.
func (p *Project) NameCollisions() Problems {
	seed := maphash.MakeSeed()
	return p.nameCollisions(func(k nameKey) uint64 { return maphash.Comparable(seed, k) })
}

// validlyNamedInFileOrder returns the indexes of the services with valid
// names, in the order the file declares them. A service with an invalid
// name is left out of the checks between services: its name is reported
// already, and its AWS names are made of it.
func (p *Project) validlyNamedInFileOrder() []int {
	order := make([]int, 0, len(p.Services))
	for i, s := range p.Services {
		if serviceNameRE.MatchString(s.Name) {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		ra, rb := p.Services[a].NameRange, p.Services[b].NameRange
		return cmp.Or(strings.Compare(ra.Filename, rb.Filename), cmp.Compare(ra.Start.Byte, rb.Start.Byte), cmp.Compare(a, b))
	})
	return order
}

// nameCollisions is NameCollisions with the hash of names given, so that
// a test can make every hash equal.
func (p *Project) nameCollisions(hash func(nameKey) uint64) Problems {
	// Services in the order they are written: the later of two is
	// blamed. A service is left out when which names it creates, or in
	// which accounts, is not known.
	order := slices.DeleteFunc(p.validlyNamedInFileOrder(), func(i int) bool { return !p.Services[i].nameSetKnown() })

	// One map of every name, rather than a comparison of every pair of
	// services: 10,000 services create well over 100,000 names. Making the
	// names is most of the work, and is done on every core; the map holds
	// only a hash of each, and a name whose hash was met before is made
	// again, with the earlier one, to be compared in full.
	hashes := make([][]uint64, len(p.Services))
	forEach(len(order), func(j int) {
		i := order[j]
		hashes[i] = make([]uint64, 0, 16)
		for k := range p.Services[i].scopedNames() {
			hashes[i] = append(hashes[i], hash(k))
		}
	})
	nameAt := func(r nameRef) (nameKey, PhysicalName) {
		keys, names := p.Services[r.service()].scopedNameList()
		return keys[r.name()], names[r.name()]
	}
	byHash := make(map[uint64]nameRef, 16*len(order))
	var byKey map[nameKey]nameRef // names whose hash an earlier, different name has
	var probs Problems
	var found []collision
	for _, i := range order {
		found = found[:0]
		for j, h := range hashes[i] {
			ref := refOf(i, j)
			first, dup := byHash[h]
			if !dup {
				byHash[h] = ref
				continue
			}
			k, n := nameAt(ref)
			if firstKey, _ := nameAt(first); firstKey != k {
				if first, dup = byKey[k]; !dup {
					if byKey == nil {
						byKey = map[nameKey]nameRef{}
					}
					byKey[k] = ref
					continue
				}
			}
			_, firstName := nameAt(first)
			found = append(found, collision{key: k, name: n, other: first.service(), otherStage: firstName.Stage})
		}
		probs = appendCollisions(probs, p, i, found)
	}
	return probs
}

// scopedNames yields every name the service's templates create that AWS
// keeps unique beyond the resource it belongs to, each in its scope, in
// the same order every time. With its region refused (see
// Service.Refused), the names unique in a region are left out.
func (s *Service) scopedNames() iter.Seq2[nameKey, PhysicalName] {
	return func(yield func(nameKey, PhysicalName) bool) {
		regionKnown := s.known("region")
		each := func(names []PhysicalName, account string) bool {
			for _, n := range names {
				if n.Scope == ScopeRegion && !regionKnown {
					continue
				}
				if k, ok := keyOf(n, account, s.Region); ok && !yield(k, n) {
					return false
				}
			}
			return true
		}
		if !each(s.PipelineNames(), s.AccountID) {
			return
		}
		for _, st := range s.Stages {
			if st.CrossAccount(s.AccountID) && !each(s.DeployNames(st.Name), st.AccountID) {
				return
			}
		}
	}
}

// scopedNameList collects scopedNames.
func (s *Service) scopedNameList() ([]nameKey, []PhysicalName) {
	var keys []nameKey
	var names []PhysicalName
	for k, n := range s.scopedNames() {
		keys = append(keys, k)
		names = append(names, n)
	}
	return keys, names
}

// keyOf places a name created in account, region and VPC in its scope.
// ok is false for names unique only in their parent resource: a
// deployment group's name contains its stage's, and its application
// belongs to one service (or one stage), so two groups in one application
// differ when the application's name collides with no other; the same
// goes for a role's one inline policy.
func keyOf(n PhysicalName, account, region string) (k nameKey, ok bool) {
	k = nameKey{kind: n.Kind, name: n.Sub}
	switch n.Scope {
	case ScopeRegion:
		k.account, k.region = account, region
	case ScopeAccount:
		k.account = account
	case ScopeGlobal:
		// The bucket name holds its account's id.
		if account != "" {
			k.name = n.InAccount(account).Sub
		}
	default:
		return k, false
	}
	return k, true
}

// appendCollisions appends to probs one problem per service whose names
// service i's collide with, in the order found.
func appendCollisions(probs Problems, p *Project, i int, found []collision) Problems {
	s := p.Services[i]
	for len(found) > 0 {
		other := found[0].other
		var group []collision
		found = slices.DeleteFunc(found, func(c collision) bool {
			if c.other == other {
				group = append(group, c)
				return true
			}
			return false
		})
		o := p.Services[other]
		var b strings.Builder
		if other == i {
			fmt.Fprintf(&b, "Service %q would create some AWS names twice: ", s.Name)
		} else {
			fmt.Fprintf(&b, "Service %q would create AWS names that service %q, declared at %s, creates too: ", s.Name, o.Name, o.NameRange)
		}
		var pairs []string
		for j, c := range group {
			switch {
			case j == 0:
			case j == len(group)-1:
				b.WriteString(" and ")
			default:
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "the %s %q%s", strings.TrimSuffix(c.key.kind, " name"), clipped(c.key.name), c.where())
			pair := fmt.Sprintf("%s and %s spell the same names.", ownerPhrase(s.Name, c.name.Stage), ownerPhrase(o.Name, c.otherStage))
			if !slices.Contains(pairs, pair) {
				pairs = append(pairs, pair)
			}
		}
		b.WriteString(". ")
		for _, pair := range pairs {
			b.WriteString(pair)
			b.WriteString(" ")
		}
		b.WriteString("AWS allows each of these names only once where it is created, so whichever stack is created second would fail. ")
		if other == i {
			b.WriteString("Rename one of the stages.")
		} else {
			b.WriteString("Rename one of the two services.")
		}
		probs = append(probs, Problem{
			Range:   s.NameRange,
			Subject: "service",
			Summary: "Duplicate AWS names",
			Detail:  b.String(),
		})
	}
	return probs
}

// ownerPhrase names a service, and the stage a name comes from, if any.
func ownerPhrase(service, stage string) string {
	if stage == "" {
		return fmt.Sprintf("%q", service)
	}
	return fmt.Sprintf("%q with its stage %q", service, stage)
}

// where says where a colliding name would be created, for a message.
func (c collision) where() string {
	account := "account " + c.key.account
	if c.key.account == "" {
		account = "the pipelines' account"
	}
	switch c.name.Scope {
	case ScopeRegion:
		return " in " + account + " in " + c.key.region
	case ScopeAccount:
		return " in " + account
	}
	return ""
}
