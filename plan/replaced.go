package plan

import (
	"maps"
	"slices"
	"strings"
)

// replacementEffects adds to t the changes a replaced resource makes to
// the resources that refer to it. A replacement is a new resource, with
// a new physical ID and attributes (a security group's GroupId, say), so
// each Ref, Fn::GetAtt or Fn::Sub that names it takes a new value though
// it reads the same, and CloudFormation updates the resource holding it:
// replaces it, where the property is create-only, and so on down the
// references. Resources the template adds or deletes are left out.
func replacementEffects(t *Template, old, new Doc, createOnly CreateOnlyFunc) {
	replaced := map[string]bool{}
	for _, r := range t.Resources {
		if r.Action == Replace {
			replaced[r.LogicalID] = true
		}
	}
	oldRes, newRes := section(old, "Resources"), section(new, "Resources")
	ids := slices.Sorted(maps.Keys(newRes))
	done := map[string]bool{} // resources whose references are added
	for len(replaced) > len(done) {
		for id := range replaced {
			done[id] = true
		}
		for _, id := range ids {
			if _, inOld := oldRes[id]; !inOld {
				continue
			}
			nv := newRes[id]
			var refs []reference
			findRefs(nil, nv, done, true, &refs)
			if len(refs) == 0 {
				continue
			}
			rules := createOnlyRules(createOnly, resourceType(nv))
			r := t.resource(id, resourceType(nv))
			for _, ref := range refs {
				p := ref.at.String()
				if slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Path == p }) {
					continue // the value changes anyway, or the reference was added before
				}
				c := Change{Kind: Modify, Path: p, Old: ref.value, New: ref.value, Replaced: ref.name}
				if len(ref.at) > 0 && ref.at[0].key == "Properties" && replaces(ref.at, rules, nv, nv) {
					c.Replacement = true
					if r.Action != Replace {
						r.Action = Replace
						replaced[id] = true
					}
				}
				if securityChange(r.Type, r.Type, p) {
					r.Security = true
				}
				r.insert(c)
			}
		}
	}
}

// replacedOutputs adds to t's outputs the references to resources t
// replaces: an output that names one, though it reads the same, gives the
// new resource's ID or attribute once it is created. Outputs the template
// adds or deletes are left out.
func replacedOutputs(t *Template, old, new Doc) {
	replaced := map[string]bool{}
	for _, r := range t.Resources {
		if r.Action == Replace {
			replaced[r.LogicalID] = true
		}
	}
	if len(replaced) == 0 {
		return
	}
	oldOut, newOut := section(old, "Outputs"), section(new, "Outputs")
	for _, name := range slices.Sorted(maps.Keys(newOut)) {
		if _, inOld := oldOut[name]; !inOld {
			continue
		}
		var refs []reference
		findRefs(nil, newOut[name], replaced, true, &refs)
		if len(refs) == 0 {
			continue
		}
		i, found := slices.BinarySearchFunc(t.Outputs, name, func(e Entry, name string) int { return strings.Compare(e.Name, name) })
		if !found {
			t.Outputs = slices.Insert(t.Outputs, i, Entry{Name: name, Kind: Modify})
		}
		e := &t.Outputs[i]
		for _, ref := range refs {
			p := ref.at.String()
			if slices.ContainsFunc(e.Changes, func(c Change) bool { return c.Path == p }) {
				continue // the value changes anyway
			}
			e.Changes = append(e.Changes, Change{Kind: Modify, Path: p, Old: ref.value, New: ref.value, Replaced: ref.name})
		}
	}
}
