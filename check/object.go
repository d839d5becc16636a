package check

import (
	"encoding/json"
	"slices"
)

// object is a decoded JSON object: its members in document order, each key
// once (a repeated key keeps its last value, as in encoding/json). Templates
// hold thousands of small objects; a slice scanned in order is cheaper to
// build and to search than a map, and the decoder carves them out of a few
// large allocations.
type object struct {
	members []member
}

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

// has reports whether the object has key.
func (o *object) has(key string) bool {
	_, ok := o.lookup(key)
	return ok
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

// sortedKeys returns the keys in lexical order.
func (o *object) sortedKeys() []string {
	keys := make([]string, 0, o.len())
	for _, m := range o.all() {
		keys = append(keys, m.key)
	}
	slices.Sort(keys)
	return keys
}

// MarshalJSON encodes the object as encoding/json encodes a map: keys
// sorted. Messages that quote a value, and comparisons of values, rely on
// that form.
func (o *object) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, o.len())
	for _, kv := range o.all() {
		m[kv.key] = kv.val
	}
	return json.Marshal(m)
}
