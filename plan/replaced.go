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
			var refs []resourceRef
			findResourceRefs(nil, nv, done, &refs)
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

// resourceRef is a reference, value, to the resource name at a path.
type resourceRef struct {
	at    path
	name  string
	value any
}

// findResourceRefs appends the references in v, at p, to the resources
// in names: a Ref, an Fn::GetAtt, or an Fn::Sub whose string names one
// (${Name} or ${Name.Attribute}).
func findResourceRefs(p path, v any, names map[string]bool, refs *[]resourceRef) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			if name, ok := x["Ref"].(string); ok {
				if names[name] {
					*refs = append(*refs, resourceRef{p, name, x})
				}
				return
			}
			if att, ok := x["Fn::GetAtt"]; ok {
				var name string
				switch a := att.(type) {
				case []any:
					if len(a) > 0 {
						name, _ = a[0].(string)
					}
				case string:
					name, _, _ = strings.Cut(a, ".")
				}
				if names[name] {
					*refs = append(*refs, resourceRef{p, name, x})
					return
				}
			}
			if sub, ok := x["Fn::Sub"]; ok {
				s, _ := sub.(string)
				var vars map[string]any
				if list, ok := sub.([]any); ok && len(list) == 2 {
					s, _ = list[0].(string)
					vars, _ = list[1].(map[string]any)
					findResourceRefs(p.key("Fn::Sub").index(1), list[1], names, refs)
				}
				for _, name := range slices.Sorted(maps.Keys(names)) {
					if _, shadowed := vars[name]; shadowed {
						continue
					}
					if strings.Contains(s, "${"+name+"}") || strings.Contains(s, "${"+name+".") {
						*refs = append(*refs, resourceRef{p, name, x})
						break
					}
				}
				return
			}
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			findResourceRefs(p.key(k), x[k], names, refs)
		}
	case []any:
		for i, e := range x {
			findResourceRefs(p.index(i), e, names, refs)
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
		var refs []resourceRef
		findResourceRefs(nil, newOut[name], replaced, &refs)
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
