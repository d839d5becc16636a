package plan

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// seg is one step of a path: an object key or a list index.
type seg struct {
	key     string
	index   int
	isIndex bool
}

type path []seg

func (p path) with(s seg) path { return append(p[:len(p):len(p)], s) }

func (p path) key(k string) path { return p.with(seg{key: k}) }

func (p path) index(i int) path { return p.with(seg{index: i, isIndex: true}) }

// String writes p as Properties.Stages[3].Actions[0].Name. Keys that
// would read ambiguously, or hold characters that act on a terminal or
// change the direction of text, are quoted with Go's escapes:
// Tags["a.b"], Tags["\x1b[2J"].
func (p path) String() string {
	var b strings.Builder
	for i, s := range p {
		switch {
		case s.isIndex:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		case s.key == "" || strings.ContainsAny(s.key, ".[]\" \t\n") || strings.IndexFunc(s.key, notPrint) >= 0:
			b.WriteString("[" + strconv.Quote(s.key) + "]")
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// differ collects the changes between two JSON values, in document
// order: object keys sorted, list elements in order.
type differ struct {
	changes []Change
	paths   []path
}

func (d *differ) add(kind Kind, p path, old, new any) {
	d.changes = append(d.changes, Change{Kind: kind, Path: p.String(), Old: old, New: new})
	d.paths = append(d.paths, slices.Clone(p))
}

func (d *differ) finish() []Change { return d.changes }

// value compares the values at p; inOld and inNew say whether each side
// has one at all.
func (d *differ) value(p path, ov any, inOld bool, nv any, inNew bool) {
	switch {
	case !inOld && !inNew:
		return
	case !inOld:
		d.add(Add, p, nil, nv)
		return
	case !inNew:
		d.add(Remove, p, ov, nil)
		return
	}
	switch o := ov.(type) {
	case map[string]any:
		if n, ok := nv.(map[string]any); ok {
			for _, k := range unionKeys(o, n) {
				a, inA := o[k]
				b, inB := n[k]
				d.value(p.key(k), a, inA, b, inB)
			}
			return
		}
	case []any:
		if n, ok := nv.([]any); ok {
			if key := namingKey(o, n); key != "" {
				d.named(p, key, o, n)
			} else {
				d.sequence(p, o, n)
			}
			return
		}
	}
	if !equal(ov, nv) {
		d.add(Modify, p, ov, nv)
	}
}

// namingKeys are the keys that name the elements of CloudFormation lists:
// IAM statements by Sid, pipeline stages and actions, artifacts and
// policies by name, tags by key, rule targets by id.
var namingKeys = []string{"Sid", "Name", "Key", "PolicyName", "Id"}

// namingKey returns the key that names every element of both lists
// uniquely, or "".
func namingKey(a, b []any) string {
	if len(a) == 0 && len(b) == 0 {
		return ""
	}
	for _, key := range namingKeys {
		if uniqueNames(a, key) && uniqueNames(b, key) {
			return key
		}
	}
	return ""
}

func uniqueNames(list []any, key string) bool {
	seen := make(map[string]bool, len(list))
	for _, e := range list {
		name, ok := elementName(e, key)
		if !ok || seen[name] {
			return false
		}
		seen[name] = true
	}
	return true
}

func elementName(e any, key string) (string, bool) {
	m, ok := e.(map[string]any)
	if !ok {
		return "", false
	}
	name, ok := m[key].(string)
	return name, ok
}

// named compares lists whose elements are named by key: elements match
// by name, so an inserted stage is one added element rather than a change
// to every stage after it. Changes inside a matched element use its new
// index; a removed element its old one.
func (d *differ) named(p path, key string, o, n []any) {
	name := func(e any) string { s, _ := elementName(e, key); return s }
	oldIndex := make(map[string]int, len(o))
	for i, e := range o {
		oldIndex[name(e)] = i
	}
	kept := make(map[string]bool, len(n))
	for _, e := range n {
		if _, ok := oldIndex[name(e)]; ok {
			kept[name(e)] = true
		}
	}
	next := 0 // old elements before next have been reported
	removedUpTo := func(limit int) {
		for ; next < limit; next++ {
			if !kept[name(o[next])] {
				d.add(Remove, p.index(next), o[next], nil)
			}
		}
	}
	// anchor[j] is the old index of the first kept element at or after
	// new index j: removals before it print before additions, as in a
	// unified diff.
	anchor := make([]int, len(n)+1)
	anchor[len(n)] = len(o)
	for j := len(n) - 1; j >= 0; j-- {
		anchor[j] = anchor[j+1]
		if i, ok := oldIndex[name(n[j])]; ok {
			anchor[j] = i
		}
	}
	var oldOrder, newOrder []any
	for j, e := range n {
		removedUpTo(anchor[j])
		i, ok := oldIndex[name(e)]
		if !ok {
			d.add(Add, p.index(j), nil, e)
			continue
		}
		newOrder = append(newOrder, name(e))
		d.value(p.index(j), o[i], true, e, true)
	}
	removedUpTo(len(o))
	for _, e := range o {
		if kept[name(e)] {
			oldOrder = append(oldOrder, name(e))
		}
	}
	if !slices.Equal(oldOrder, newOrder) {
		d.add(Reorder, p, oldOrder, newOrder)
	}
}

// maxLCS bounds the work of matching unnamed lists; longer lists are
// compared position by position.
const maxLCS = 1 << 16

// sequence compares unnamed lists: equal elements match in order (a
// longest common subsequence); in each gap between matches, elements
// pair up by position and compare in depth, and the rest are added or
// removed.
func (d *differ) sequence(p path, o, n []any) {
	pre := 0
	for pre < len(o) && pre < len(n) && equal(o[pre], n[pre]) {
		pre++
	}
	suf := 0
	for suf < len(o)-pre && suf < len(n)-pre && equal(o[len(o)-1-suf], n[len(n)-1-suf]) {
		suf++
	}
	om, nm := o[pre:len(o)-suf], n[pre:len(n)-suf]
	var matches [][2]int // pairs of indices into om and nm
	if len(om)*len(nm) <= maxLCS {
		matches = lcs(om, nm)
	}
	matches = append(matches, [2]int{len(om), len(nm)})
	i, j := 0, 0
	for _, m := range matches {
		for i < m[0] && j < m[1] {
			d.value(p.index(pre+j), om[i], true, nm[j], true)
			i, j = i+1, j+1
		}
		for ; i < m[0]; i++ {
			d.add(Remove, p.index(pre+i), om[i], nil)
		}
		for ; j < m[1]; j++ {
			d.add(Add, p.index(pre+j), nil, nm[j])
		}
		i, j = m[0]+1, m[1]+1
	}
}

// lcs returns the index pairs of a longest common subsequence of a and b.
func lcs(a, b []any) [][2]int {
	// l[i][j] is the LCS length of a[i:] and b[j:].
	l := make([][]int, len(a)+1)
	for i := range l {
		l[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if equal(a[i], b[j]) {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case equal(a[i], b[j]):
			pairs = append(pairs, [2]int{i, j})
			i, j = i+1, j+1
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// ruleSegments splits a create-only property path into path steps under
// Properties. Both "VpcConfig.VpcId" and "/properties/VpcConfig/VpcId"
// are accepted.
func ruleSegments(p string) []string {
	p = strings.TrimPrefix(p, "/")
	for _, prefix := range []string{"properties/", "Properties/", "properties.", "Properties."} {
		p = strings.TrimPrefix(p, prefix)
	}
	return append([]string{"Properties"}, strings.Split(strings.ReplaceAll(p, "/", "."), ".")...)
}

// replaces reports whether a change at changed alters a create-only
// property: the change is at or under one, or it adds, removes or
// rewrites a block holding one whose value then differs.
func replaces(changed path, rules [][]string, ov, nv any) bool {
	for _, rule := range rules {
		n := min(len(rule), len(changed))
		if !matches(rule[:n], changed[:n]) {
			continue
		}
		if len(changed) >= len(rule) {
			return true
		}
		if !equal(lookup(ov, rule), lookup(nv, rule)) {
			return true
		}
	}
	return false
}

func matches(rule []string, p path) bool {
	for i, r := range rule {
		if r != "*" && (p[i].isIndex || p[i].key != r) {
			return false
		}
	}
	return true
}

// lookup returns every value at rule inside v ("*" matching any key or
// index), in document order.
func lookup(v any, rule []string) []any {
	if len(rule) == 0 {
		return []any{v}
	}
	var found []any
	switch x := v.(type) {
	case map[string]any:
		if rule[0] == "*" {
			for _, k := range slices.Sorted(maps.Keys(x)) {
				found = append(found, lookup(x[k], rule[1:])...)
			}
		} else if c, ok := x[rule[0]]; ok {
			found = lookup(c, rule[1:])
		}
	case []any:
		if rule[0] == "*" {
			for _, c := range x {
				found = append(found, lookup(c, rule[1:])...)
			}
		}
	}
	return found
}
