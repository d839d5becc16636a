package plan

import (
	"reflect"
	"slices"
	"strings"
)

// parameterEffects adds to t the resources a changed parameter default
// changes. A template's Default is what a deployment passes unless told
// otherwise, so a new default (a new VPC, say) changes the resources that
// refer to the parameter as surely as a new property does, though their
// properties read the same: each reference becomes a change of the value
// the parameter gives, a replacement where the property is create-only.
// Resources the template compares as changed already get the references
// added to their changes.
func parameterEffects(t *Template, old, new Doc, createOnly CreateOnlyFunc) {
	oldParams, newParams := section(old, "Parameters"), section(new, "Parameters")
	changed := map[string][2]any{} // name → old and new default
	for name, nv := range newParams {
		ov, ok := oldParams[name]
		if !ok {
			continue
		}
		od, nd := defaultOf(ov), defaultOf(nv)
		if !reflect.DeepEqual(od, nd) {
			changed[name] = [2]any{od, nd}
		}
	}
	if len(changed) == 0 {
		return
	}
	oldRes, newRes := section(old, "Resources"), section(new, "Resources")
	for _, id := range sortedKeys(newRes) {
		if _, inOld := oldRes[id]; !inOld {
			continue // created: its values are new anyway
		}
		nv := newRes[id]
		var refs []paramRef
		findParamRefs(nil, nv, changed, &refs)
		if len(refs) == 0 {
			continue
		}
		var rules [][]string
		if createOnly != nil {
			for _, p := range createOnly(resourceType(nv)) {
				rules = append(rules, ruleSegments(p))
			}
		}
		i, found := slices.BinarySearchFunc(t.Resources, id, func(r Resource, id string) int { return strings.Compare(r.LogicalID, id) })
		if !found {
			t.Resources = slices.Insert(t.Resources, i, Resource{LogicalID: id, Type: resourceType(nv), Action: Update})
		}
		r := &t.Resources[i]
		for _, ref := range refs {
			c := Change{Kind: Modify, Path: ref.at.String() + " (parameter " + ref.name + ")", Old: changed[ref.name][0], New: changed[ref.name][1]}
			if len(ref.at) > 0 && ref.at[0].key == "Properties" && replaces(ref.at, rules, nv, nv) {
				c.Replacement = true
				r.Action = Replace
			}
			if securityChange(r.Type, r.Type, ref.at.String()) {
				r.Security = true
			}
			r.Changes = append(r.Changes, c)
		}
	}
}

// paramRef is a reference to a parameter at a path in a resource.
type paramRef struct {
	at   path
	name string
}

// findParamRefs appends the references in v, at p, to the parameters
// named in params: a Ref to one, or an Fn::Sub whose string names one.
func findParamRefs(p path, v any, params map[string][2]any, refs *[]paramRef) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			if name, ok := x["Ref"].(string); ok {
				if _, ok := params[name]; ok {
					*refs = append(*refs, paramRef{p, name})
				}
				return
			}
			if sub, ok := x["Fn::Sub"]; ok {
				s, _ := sub.(string)
				if list, ok := sub.([]any); ok && len(list) == 2 {
					s, _ = list[0].(string)
					// The variables' values may refer to parameters too.
					findParamRefs(p.key("Fn::Sub").index(1), list[1], params, refs)
				}
				for _, name := range sortedKeys(params) {
					if strings.Contains(s, "${"+name+"}") {
						*refs = append(*refs, paramRef{p, name})
					}
				}
				return
			}
		}
		for _, k := range sortedKeys(x) {
			findParamRefs(p.key(k), x[k], params, refs)
		}
	case []any:
		for i, e := range x {
			findParamRefs(p.index(i), e, params, refs)
		}
	}
}

// defaultOf is a parameter's Default, or nil.
func defaultOf(param any) any {
	m, _ := param.(map[string]any)
	return m["Default"]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
