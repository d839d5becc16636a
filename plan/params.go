package plan

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// parameterEffects adds to t the resources a changed parameter default
// changes. A deployment passes the defaults of the parameters deployed
// names, so a new default (a new VPC, say) changes the resources that
// refer to the parameter as surely as a new property does, though their
// properties read the same: each reference becomes a change of the value
// the parameter gives, a replacement where the property is create-only.
// Resources the template compares as changed already get the references
// added to their changes. A default that is absent or empty on either
// side is not a value a deployment passes, and changes nothing.
func parameterEffects(t *Template, old, new Doc, createOnly CreateOnlyFunc, deployed func(string) bool) {
	oldParams, newParams := section(old, "Parameters"), section(new, "Parameters")
	changed := map[string][2]any{} // name → old and new default
	for name, nv := range newParams {
		ov, ok := oldParams[name]
		if !ok || !deployed(name) {
			continue
		}
		od, nd := defaultText(ov), defaultText(nv)
		if od != "" && nd != "" && od != nd {
			changed[name] = [2]any{od, nd}
		}
	}
	if len(changed) == 0 {
		return
	}
	names := make(map[string]bool, len(changed))
	for name := range changed {
		names[name] = true
	}
	oldRes, newRes := section(old, "Resources"), section(new, "Resources")
	for _, id := range slices.Sorted(maps.Keys(newRes)) {
		if _, inOld := oldRes[id]; !inOld {
			continue // created: its values are new anyway
		}
		nv := newRes[id]
		var refs []reference
		findRefs(nil, nv, names, false, &refs)
		if len(refs) == 0 {
			continue
		}
		rules := createOnlyRules(createOnly, resourceType(nv))
		r := t.resource(id, resourceType(nv))
		for _, ref := range refs {
			c := Change{Kind: Modify, Path: ref.at.String(), Old: changed[ref.name][0], New: changed[ref.name][1], Parameter: ref.name}
			if len(ref.at) > 0 && ref.at[0].key == "Properties" && replaces(ref.at, rules, nv, nv) {
				c.Replacement = true
				r.Action = Replace
			}
			if securityChange(r.Type, r.Type, ref.at.String()) {
				r.Security = true
			}
			r.insert(c)
		}
	}
}

// createOnlyRules returns the create-only properties of a resource type,
// as ruleSegments splits them; none when createOnly is nil.
func createOnlyRules(createOnly CreateOnlyFunc, resourceType string) [][]string {
	if createOnly == nil {
		return nil
	}
	var rules [][]string
	for _, p := range createOnly(resourceType) {
		rules = append(rules, ruleSegments(p))
	}
	return rules
}

// resource returns the resource id of t, added as an update of type typ
// when t does not change it yet.
func (t *Template) resource(id, typ string) *Resource {
	i, found := slices.BinarySearchFunc(t.Resources, id, func(r Resource, id string) int { return strings.Compare(r.LogicalID, id) })
	if !found {
		t.Resources = slices.Insert(t.Resources, i, Resource{LogicalID: id, Type: typ, Action: Update})
	}
	return &t.Resources[i]
}

// insert adds c to r's changes in document order: before the first that
// comes after it.
func (r *Resource) insert(c Change) {
	at := slices.IndexFunc(r.Changes, func(other Change) bool { return comparePaths(c.Path, other.Path) < 0 })
	if at < 0 {
		at = len(r.Changes)
	}
	r.Changes = slices.Insert(r.Changes, at, c)
}

// reference is a Ref, Fn::GetAtt or Fn::Sub, value, that names name at a
// path.
type reference struct {
	at    path
	name  string
	value any
}

// findRefs appends the references in v, at p, to the names in names: a
// Ref to one, or an Fn::Sub whose string names one and, with attributes
// (names of resources), an Fn::GetAtt or an Fn::Sub's ${Name.Attribute}.
func findRefs(p path, v any, names map[string]bool, attributes bool, refs *[]reference) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			if name, ok := x["Ref"].(string); ok {
				if names[name] {
					*refs = append(*refs, reference{p, name, x})
				}
				return
			}
			if att, ok := x["Fn::GetAtt"]; ok && attributes {
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
					*refs = append(*refs, reference{p, name, x})
					return
				}
			}
			if sub, ok := x["Fn::Sub"]; ok {
				s, _ := sub.(string)
				var vars map[string]any
				if list, ok := sub.([]any); ok && len(list) == 2 {
					s, _ = list[0].(string)
					vars, _ = list[1].(map[string]any)
					// The variables' values may refer to them too.
					findRefs(p.key("Fn::Sub").index(1), list[1], names, attributes, refs)
				}
				for _, name := range slices.Sorted(maps.Keys(names)) {
					if _, shadowed := vars[name]; shadowed {
						continue
					}
					if strings.Contains(s, "${"+name+"}") || attributes && strings.Contains(s, "${"+name+".") {
						*refs = append(*refs, reference{p, name, x})
					}
				}
				return
			}
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			findRefs(p.key(k), x[k], names, attributes, refs)
		}
	case []any:
		for i, e := range x {
			findRefs(p.index(i), e, names, attributes, refs)
		}
	}
}

// defaultText is a parameter's Default as CloudFormation reads it, a
// string ("" when there is none): 30 and "30" are the same default.
func defaultText(param any) string {
	m, _ := param.(map[string]any)
	switch d := m["Default"].(type) {
	case string:
		return d
	case json.Number:
		return d.String()
	case bool:
		return strconv.FormatBool(d)
	}
	return ""
}

// comparePaths orders two paths as the document does: object keys by
// name, list elements by index, a value before what it holds.
func comparePaths(a, b string) int {
	sa, sb := pathSteps(a), pathSteps(b)
	for i := 0; i < len(sa) && i < len(sb); i++ {
		x, y := sa[i], sb[i]
		switch {
		case x.isIndex && y.isIndex:
			if c := cmp.Compare(x.index, y.index); c != 0 {
				return c
			}
		case x.isIndex != y.isIndex:
			if x.isIndex {
				return -1
			}
			return 1
		default:
			if c := strings.Compare(x.key, y.key); c != 0 {
				return c
			}
		}
	}
	return cmp.Compare(len(sa), len(sb))
}

// pathSteps reads a path as path.String writes it: keys joined by dots,
// list indexes in brackets, and keys that would read ambiguously quoted
// in brackets. What it cannot read ends the steps.
func pathSteps(p string) []seg {
	var steps []seg
	for p != "" {
		switch {
		case strings.HasPrefix(p, "[\""):
			q, err := strconv.QuotedPrefix(p[1:])
			if err != nil || !strings.HasPrefix(p[1+len(q):], "]") {
				return steps
			}
			key, _ := strconv.Unquote(q)
			steps = append(steps, seg{key: key})
			p = p[1+len(q)+1:]
		case strings.HasPrefix(p, "["):
			end := strings.IndexByte(p, ']')
			n, err := strconv.Atoi(p[1:max(end, 1)])
			if end < 0 || err != nil {
				return steps
			}
			steps = append(steps, seg{index: n, isIndex: true})
			p = p[end+1:]
		default:
			p = strings.TrimPrefix(p, ".")
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			steps = append(steps, seg{key: p[:end]})
			p = p[end:]
		}
	}
	return steps
}
