package check

import (
	"encoding/json"
	"slices"
	"strings"
)

// object is a decoded JSON object: its members in document order, each key
// once (a repeated key keeps its last value, as in encoding/json). Templates
// hold thousands of small objects; a slice scanned in order is cheaper to
// build and to search than a map, and the decoder carves them out of a few
// large allocations.
type object struct {
	members []member
	index   map[string]int // key → member, built by lookup for large objects
}

// indexAbove is the number of members above which lookup builds an index
// instead of scanning: a template's Resources or Conditions may hold
// hundreds.
const indexAbove = 16

type member struct {
	key string
	val any
}

// lookup returns the value of key and whether the object has it. A nil
// object has no members.
func (o *object) lookup(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	if len(o.members) > indexAbove {
		if o.index == nil {
			o.index = make(map[string]int, len(o.members))
			for i, m := range o.members {
				o.index[m.key] = i
			}
		}
		if i, ok := o.index[key]; ok {
			return o.members[i].val, true
		}
		return nil, false
	}
	for i := range o.members {
		if o.members[i].key == key {
			return o.members[i].val, true
		}
	}
	return nil, false
}

// get returns the value of key, or nil.
func (o *object) get(key string) any {
	v, _ := o.lookup(key)
	return v
}

// len returns the number of members.
func (o *object) len() int {
	if o == nil {
		return 0
	}
	return len(o.members)
}

// all returns the members in document order.
func (o *object) all() []member {
	if o == nil {
		return nil
	}
	return o.members
}

// sortedMembers returns a copy of the members, sorted by key.
func (o *object) sortedMembers() []member {
	ms := slices.Clone(o.all())
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
	return ms
}

// MarshalJSON encodes the object as encoding/json encodes a map, keys
// sorted, which is how messages quote a value.
func (o *object) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, o.len())
	for _, kv := range o.all() {
		m[kv.key] = kv.val
	}
	return json.Marshal(m)
}
