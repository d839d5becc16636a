// Package plan compares two CloudFormation templates: which resources,
// parameters and outputs a new template adds, removes and changes, down
// to the property paths that change. It reads templates as generic JSON,
// so it works on any template, and knows CloudFormation only through the
// create-only properties its caller supplies and the short list of
// security-relevant resource types it holds.
package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"pipelines/check"
)

// Kind says what happened to a value.
type Kind int

const (
	// Add is a value the new template has and the old one does not.
	Add Kind = iota + 1
	// Remove is a value the old template has and the new one does not.
	Remove
	// Modify is a value both have, with different contents.
	Modify
	// Reorder is a list of named elements that kept its elements but
	// changed their order.
	Reorder
)

// Symbol is the kind as a diff prefix: "+", "-" or "~".
func (k Kind) Symbol() string {
	switch k {
	case Add:
		return "+"
	case Remove:
		return "-"
	case Modify, Reorder:
		return "~"
	}
	panic(fmt.Sprintf("plan: unknown kind %d", int(k)))
}

// Change is one value that differs. Old is nil for Add, New is nil for
// Remove; for Reorder both are the lists of element names.
type Change struct {
	Kind Kind
	// Path is the value's address from the enclosing entry (a resource,
	// a parameter or an output) or, for changes outside those, from the
	// template's root: "Properties.Stages[3].Actions[0].Configuration.BranchName".
	Path string
	// Old and New are JSON values: nil, bool, json.Number, string,
	// []any or map[string]any.
	Old, New any
	// Replacement is set when the change makes CloudFormation replace the
	// resource: a create-only property or the resource's type changes.
	Replacement bool
	// Parameter names the parameter whose new default changes the value
	// at Path, which reads the same in both templates; Old and New are
	// the defaults. Empty for a change of the value itself.
	Parameter string
	// Replaced names the resource whose replacement changes the value at
	// Path, a reference to it (a Ref, Fn::GetAtt or Fn::Sub) that reads
	// the same in both templates: the new resource's ID and attributes
	// are known only once it is created. Old and New are the reference.
	// Empty for other changes.
	Replaced string
}

// Action is what CloudFormation does to a resource.
type Action int

const (
	// Create adds a resource.
	Create Action = iota + 1
	// Update changes a resource in place.
	Update
	// Replace creates a new resource and deletes the old one.
	Replace
	// Delete removes a resource.
	Delete
)

// Symbol is the action as terraform writes it: "+", "~", "-/+" or "-".
func (a Action) Symbol() string {
	switch a {
	case Create:
		return "+"
	case Update:
		return "~"
	case Replace:
		return "-/+"
	case Delete:
		return "-"
	}
	panic(fmt.Sprintf("plan: unknown action %d", int(a)))
}

// Resource is a resource that differs between the templates.
type Resource struct {
	LogicalID string
	Type      string // the new type; the old one for Delete
	Action    Action
	// Security marks changes to who may do what: IAM, key, bucket and
	// topic policies, function permissions and security groups.
	Security bool
	Changes  []Change // for Update and Replace, in document order, then those of parameters
	// KeepsName names the property that gives a resource to be replaced
	// its physical name, when that name is set and stays the same:
	// CloudFormation then refuses the replacement, and the update fails.
	KeepsName string
}

// Entry is a parameter or an output that differs. Added and removed
// entries have no changes.
type Entry struct {
	Name    string
	Kind    Kind // Add, Remove or Modify
	Changes []Change
}

// Template is the difference between two templates. The zero value
// means no difference.
type Template struct {
	Resources  []Resource // sorted by logical ID
	Parameters []Entry    // sorted by name
	Outputs    []Entry    // sorted by name
	// Other lists changes outside Resources, Parameters and Outputs
	// (Description, Metadata, Conditions...), with paths from the root.
	Other []Change
}

// Empty reports whether the templates are equivalent.
func (t *Template) Empty() bool {
	return len(t.Resources) == 0 && len(t.Parameters) == 0 && len(t.Outputs) == 0 && len(t.Other) == 0
}

// Doc is a parsed template. A nil Doc is an absent template: comparing
// with it adds or deletes everything.
type Doc map[string]any

// Parse reads a template. Numbers keep their exact text.
func Parse(data []byte) (Doc, error) {
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		return nil, errors.New("not a JSON document: the file is empty")
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, errors.New("not a JSON document: it starts with a byte order mark (EF BB BF), which JSON does not allow")
	}
	// The checker's decoder reads a template several times faster than
	// encoding/json, which a plan of thousands of templates spent most
	// of its time in; encoding/json says where a document goes wrong.
	v, err := check.DecodeJSON(data)
	if err != nil {
		if v, err = decodeStandard(data); err != nil {
			return nil, err
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not a template: the top-level value is not an object")
	}
	if r, ok := m["Resources"]; ok {
		if _, ok := r.(map[string]any); !ok {
			return nil, errors.New("not a template: Resources is not an object")
		}
	}
	return Doc(m), nil
}

// decodeStandard decodes data with encoding/json, telling where it is not
// one JSON document.
func decodeStandard(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var syntax *json.SyntaxError
		switch {
		case errors.As(err, &syntax):
			return nil, fmt.Errorf("not a JSON document: %s: %w", lineColumn(data, syntax.Offset-1), err)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("not a JSON document: %s: the file ends inside a value", lineColumn(data, int64(len(data))))
		}
		return nil, fmt.Errorf("not a JSON document: %w", err)
	}
	// Decoder.More is false before a closing bracket: what follows the
	// value is looked at directly.
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, fmt.Errorf("not a JSON document: %s: data after the top-level value", lineColumn(data, int64(len(data)-len(rest))))
	}
	return v, nil
}

// lineColumn gives the byte at offset off of data as "line L, column C",
// counting from 1, with columns in bytes: the files of out/ are the
// tool's own, and their text outside strings is ASCII.
func lineColumn(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}

// Account returns the account a template's stack is deployed in, as the
// generator records it in Metadata.Pipelines.Account, or "".
func Account(d Doc) string {
	meta, _ := d["Metadata"].(map[string]any)
	info, _ := meta["Pipelines"].(map[string]any)
	account, _ := info["Account"].(string)
	return account
}

// Moved returns what changes when the stack of old, in one account, gives
// way to that of new, in another: every resource of old destroyed, and
// every resource of new added, in a stack of its own.
func Moved(old, new Doc, createOnly CreateOnlyFunc) *Template {
	gone, added := Compare(old, nil, createOnly, nil), Compare(nil, new, createOnly, nil)
	return &Template{Resources: append(gone.Resources, added.Resources...)}
}

// CreateOnlyFunc returns the create-only properties of a resource type,
// the properties whose change replaces the resource, as dotted paths
// under Properties ("BucketName", "VpcConfig.VpcId"; "*" matches any list
// element or key). Paths in the registry's form ("/properties/BucketName")
// are accepted too.
type CreateOnlyFunc func(resourceType string) []string

// Compare returns what changes when old is replaced by new. createOnly
// may be nil; then only a change of type is a replacement. deployed, when
// not nil, names the parameters a deployment passes from the template's
// defaults: a new default of one changes the resources that use it.
func Compare(old, new Doc, createOnly CreateOnlyFunc, deployed func(param string) bool) *Template {
	t := &Template{}
	oldRes, newRes := section(old, "Resources"), section(new, "Resources")
	for _, id := range unionKeys(oldRes, newRes) {
		if r, ok := compareResource(id, oldRes, newRes, createOnly); ok {
			t.Resources = append(t.Resources, r)
		}
	}
	if deployed != nil {
		parameterEffects(t, old, new, createOnly, deployed)
	}
	replacementEffects(t, old, new, createOnly)
	markKeptNames(t, old, new)
	t.Parameters = compareEntries(section(old, "Parameters"), section(new, "Parameters"))
	t.Outputs = compareEntries(section(old, "Outputs"), section(new, "Outputs"))
	replacedOutputs(t, old, new)

	var d differ
	for _, k := range unionKeys(old, new) {
		switch k {
		case "Resources", "Parameters", "Outputs":
			continue
		}
		ov, inOld := old[k]
		nv, inNew := new[k]
		d.value(path{{key: k}}, ov, inOld, nv, inNew)
	}
	t.Other = d.finish()
	return t
}

// section returns a top-level object of doc, or nil.
func section(doc Doc, name string) map[string]any {
	m, _ := doc[name].(map[string]any)
	return m
}

func unionKeys[M ~map[string]any](a, b M) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func compareResource(id string, oldRes, newRes map[string]any, createOnly CreateOnlyFunc) (Resource, bool) {
	ov, inOld := oldRes[id]
	nv, inNew := newRes[id]
	oldType, newType := resourceType(ov), resourceType(nv)
	switch {
	case !inOld:
		return Resource{LogicalID: id, Type: newType, Action: Create, Security: securityType(newType)}, true
	case !inNew:
		return Resource{LogicalID: id, Type: oldType, Action: Delete, Security: securityType(oldType)}, true
	case equal(ov, nv):
		return Resource{}, false
	}

	var d differ
	d.value(nil, ov, true, nv, true)
	r := Resource{LogicalID: id, Type: newType, Action: Update, Changes: d.changes}
	rules := createOnlyRules(createOnly, newType)
	for i, c := range d.changes {
		switch {
		case len(d.paths[i]) == 1 && d.paths[i][0].key == "Type":
			r.Changes[i].Replacement = true
		case replaces(d.paths[i], rules, ov, nv):
			r.Changes[i].Replacement = true
		}
		if r.Changes[i].Replacement {
			r.Action = Replace
		}
		if securityChange(oldType, newType, c.Path) {
			r.Security = true
		}
	}
	r.Changes = d.finish()
	return r, true
}

func resourceType(v any) string {
	m, _ := v.(map[string]any)
	s, _ := m["Type"].(string)
	return s
}

func compareEntries(old, new map[string]any) []Entry {
	var entries []Entry
	for _, name := range unionKeys(old, new) {
		ov, inOld := old[name]
		nv, inNew := new[name]
		switch {
		case !inOld:
			entries = append(entries, Entry{Name: name, Kind: Add})
		case !inNew:
			entries = append(entries, Entry{Name: name, Kind: Remove})
		case !equal(ov, nv):
			var d differ
			d.value(nil, ov, true, nv, true)
			entries = append(entries, Entry{Name: name, Kind: Modify, Changes: d.finish()})
		}
	}
	return entries
}

// Summary counts the resource changes of one or more templates, the way
// terraform's plan summary does: a replacement is a change.
type Summary struct {
	Add, Change, Replace, Destroy int
	// Refused counts the replacements CloudFormation refuses, of
	// resources that keep their custom name.
	Refused int
	// Security counts resources with security-relevant changes,
	// including added and deleted ones.
	Security int
}

// Count adds t's resources to s.
func (s *Summary) Count(t *Template) {
	for _, r := range t.Resources {
		switch r.Action {
		case Create:
			s.Add++
		case Update:
			s.Change++
		case Replace:
			s.Change++
			s.Replace++
			if r.KeepsName != "" {
				s.Refused++
			}
		case Delete:
			s.Destroy++
		}
		if r.Security {
			s.Security++
		}
	}
}

// String is the summary line:
// "Plan: 2 to add, 5 to change (1 replacement), 0 to destroy; 3 security-relevant changes."
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Plan: %d to add, %d to change", s.Add, s.Change)
	switch {
	case s.Refused > 0:
		fmt.Fprintf(&b, " (%s, %d of which CloudFormation refuses)", plural(s.Replace, "replacement", "replacements"), s.Refused)
	case s.Replace > 0:
		fmt.Fprintf(&b, " (%s)", plural(s.Replace, "replacement", "replacements"))
	}
	fmt.Fprintf(&b, ", %d to destroy", s.Destroy)
	if s.Security > 0 {
		fmt.Fprintf(&b, "; %s", plural(s.Security, "security-relevant change", "security-relevant changes"))
	}
	b.WriteByte('.')
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// equal reports whether two JSON values, as Parse gives them, are the
// same: what reflect.DeepEqual reports, in a fraction of its time.
func equal(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) || (a == nil) != (b == nil) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !equal(av, bv) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) || (a == nil) != (b == nil) {
			return false
		}
		for i := range a {
			if !equal(a[i], b[i]) {
				return false
			}
		}
		return true
	case string:
		b, ok := b.(string)
		return ok && a == b
	case json.Number:
		b, ok := b.(json.Number)
		return ok && a == b
	case bool:
		b, ok := b.(bool)
		return ok && a == b
	case nil:
		return b == nil
	}
	return reflect.DeepEqual(a, b)
}
