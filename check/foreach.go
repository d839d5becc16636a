package check

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Fn::ForEach, which the AWS::LanguageExtensions transform adds, copies a
// template fragment once for each value of a collection
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html):
//
//	"Fn::ForEach::LoopName": ["Identifier", ["Value1", "Value2"], {"OutputKey": OutputValue}]
//
// It may be used in the Conditions, Outputs and Resources sections,
// resource properties included, and loops may nest. Every ${Identifier} and
// &{Identifier} in the keys and strings of the fragment is replaced by the
// value (&{} with its characters other than letters and digits removed), and
// so is {"Ref": "Identifier"}; the entries it gives take the loop's place in
// the object that holds it. The collection is a list of strings or a Ref to
// a CommaDelimitedList parameter.
//
// The checker expands each loop whose collection it knows, a literal list of
// strings or a Ref to a CommaDelimitedList or List parameter with a Default,
// and then checks the template the transform gives. A loop over a collection
// known only on deploy is not expanded: it is reported (CFN019) and what
// holds it is not checked.
//
// Where the rules on a loop come from:
//   - the transform, the sections, the loop's name (a logical ID, unique in
//     the template, no resource's logical ID), the collection, and the
//     identifier that every key of the fragment holds: the page above;
//   - Fn::Sub left without variables becoming its text, Fn::FindInMap of
//     literal keys its value, and Condition not first in a resource: the
//     examples and the templates they transform into
//     (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-examples.html);
//   - keys a loop gives are unique and, as the names of resources, outputs
//     and conditions, alphanumeric, and nested loops have identifiers of
//     their own: the design of the function
//     (https://github.com/aws-cloudformation/cfn-language-discussion/blob/main/RFCs/0009-Fn%3A%3AForEach.md),
//     and logical IDs are 1 to 255 letters and digits
//     (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html).

// forEachPrefix starts the key of every loop.
const forEachPrefix = "Fn::ForEach::"

// noTransform says what a template that uses Fn::ForEach without the
// transform lacks.
const noTransform = "Fn::ForEach needs the AWS::LanguageExtensions transform: add \"Transform\": \"AWS::LanguageExtensions\" to the template."

// forEachShape is the shape of a loop's arguments.
const forEachShape = `["Identifier", ["Value1", "Value2"], {"Key${Identifier}": Value}]`

// maxExpandedValues bounds the values that expanding a template's loops may
// create, so that nested loops over long collections take no memory and
// time that grow as their product. It may turn down a template that
// CloudFormation takes: a processed template of maxTemplateBytes can hold
// more values than this, and the values of a loop inside another are
// counted again for each value of the outer one. The loops past the bound
// are not expanded, and only a warning says so.
const maxExpandedValues = 200_000

// keyPattern matches the names that a key with ${...} or &{...}
// placeholders can become: its literal parts, in order, with anything
// between them.
type keyPattern []string

// patternOf reads key once: a placeholder is a ${ or &{ that a } closes,
// and the last } of the key closes every ${ or &{ before it.
func patternOf(key string) keyPattern {
	var p keyPattern
	last := strings.LastIndexByte(key, '}')
	start := 0
	for i := 0; i+1 < last; i++ {
		if (key[i] == '$' || key[i] == '&') && key[i+1] == '{' {
			end := i + 2 + strings.IndexByte(key[i+2:], '}')
			p = append(p, key[start:i])
			start = end + 1
			i = end
		}
	}
	return append(p, key[start:])
}

func (p keyPattern) match(name string) bool {
	if len(p) == 1 {
		return name == p[0]
	}
	rest, ok := strings.CutPrefix(name, p[0])
	if !ok {
		return false
	}
	for _, part := range p[1 : len(p)-1] {
		i := strings.Index(rest, part)
		if i < 0 {
			return false
		}
		rest = rest[i+len(part):]
	}
	return strings.HasSuffix(rest, p[len(p)-1])
}

// mayBeResource reports whether a loop that was not expanded, or the
// serverless transform, may give a resource of that logical ID.
func (t *template) mayBeResource(name string) bool {
	if t.sam && len(t.samPrefixes) > 0 {
		hasPrefix := func(p string) bool { return strings.HasPrefix(name, p) }
		if slices.ContainsFunc(t.samPrefixes, hasPrefix) || slices.ContainsFunc(samGenerated, hasPrefix) {
			return true
		}
	}
	return slices.ContainsFunc(t.loopIDs, func(p keyPattern) bool { return p.match(name) })
}

// mayBeCondition reports whether a loop that was not expanded may give a
// condition of that name.
func (t *template) mayBeCondition(name string) bool {
	return slices.ContainsFunc(t.loopConds, func(p keyPattern) bool { return p.match(name) })
}

// loopExpander expands the loops of one section.
type loopExpander struct {
	t       *template
	params  *object // the Parameters section as written
	section string  // "Conditions", "Resources" or "Outputs"
	path    []string
	scope   []string // identifiers of the loops being expanded, outermost first
	// repeat is above 0 while a loop's second or later value is expanded:
	// what the loops inside it get wrong was reported with its first.
	repeat int
	names  map[string]loopSite // loop name → where the first loop of that name is
	drop   map[string]bool     // entries of the section that hold a loop not expanded
	values int                 // values created so far
	bytes  int                 // bytes of the keys and strings the loops gave so far
	// copying is above 0 while a loop inside a fragment is copied: what it
	// gives, not the loop, is in the processed template, so its bytes are
	// counted apart, in copied, and bounded too.
	copying int
	copied  int
	over    bool // values or bytes went past their bound: expand no more
	// nestedGaveUp says that a loop inside the loop being expanded at the
	// top of the section was not expanded, so that the names the loops
	// inside may give are taken from the outermost loop's fragment, once.
	nestedGaveUp bool
}

// expandLoops replaces every loop of the Conditions, Resources and Outputs
// sections by what it gives.
func (t *template) expandLoops() {
	e := &loopExpander{t: t, names: map[string]loopSite{}}
	e.params, _ = t.root.get("Parameters").(*object)
	for i := range t.root.members {
		m := &t.root.members[i]
		switch m.key {
		case "Conditions", "Resources", "Outputs":
		default:
			continue
		}
		sec, ok := m.val.(*object)
		if !ok {
			continue
		}
		e.section, e.drop, e.nestedGaveUp = m.key, nil, false
		v, changed := e.expand(sec)
		if !changed {
			continue
		}
		sec = v.(*object)
		if len(e.drop) > 0 {
			sec = &object{members: slices.DeleteFunc(sec.members, func(m member) bool {
				if !e.drop[m.key] {
					return false
				}
				switch e.section {
				case "Resources":
					// Kept, so that references to it resolve, but not checked.
					if t.unchecked == nil {
						t.unchecked = map[string]bool{}
					}
					t.unchecked[m.key] = true
					return false
				case "Conditions":
					t.loopConds = append(t.loopConds, keyPattern{m.key})
				}
				return true
			})}
		}
		m.val = sec
	}
	t.conditions, _ = t.root.get("Conditions").(*object)
	resources, _ := t.root.get("Resources").(*object)
	for _, name := range sortedKeys(e.names) {
		if _, ok := resources.lookup(name); ok {
			site := e.names[name]
			t.report(site.owner, "CFN018", site.message(fmt.Sprintf("the loop's name %q is also the logical ID of a resource; a loop's name must differ from every logical ID of the Resources section (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html).", name)))
		}
	}
}

// loopSite is where a loop is: the finding's resource, and the path from
// there to the loop (empty when the resource names the loop).
type loopSite struct {
	owner, where, section string
}

// message prefixes msg with the path to the loop.
func (s loopSite) message(msg string) string {
	if s.where == "" {
		return strings.ToUpper(msg[:1]) + msg[1:]
	}
	return s.where + ": " + msg
}

// String names the loop's place in the template.
func (s loopSite) String() string {
	switch {
	case s.where == "":
		return s.section + "." + strings.TrimPrefix(s.owner, "Outputs.")
	case s.section == "Conditions":
		return s.where
	}
	return s.section + "." + strings.TrimPrefix(s.owner, "Outputs.") + "." + s.where
}

// expand returns v with every loop in it expanded, and whether that
// changed it.
func (e *loopExpander) expand(v any) (any, bool) {
	switch x := v.(type) {
	case *object:
		return e.expandObject(x)
	case []any:
		var out []any
		for i, item := range x {
			e.path = append(e.path, indexElem(i))
			nv, changed := e.expand(item)
			e.path = e.path[:len(e.path)-1]
			if changed && out == nil {
				out = slices.Clone(x)
			}
			if out != nil {
				out[i] = nv
			}
		}
		if out == nil {
			return x, false
		}
		return out, true
	}
	return v, false
}

// produced is an entry of an object and the loop that gave it ("" for an
// entry written in the template).
type produced struct {
	member
	loop string
}

func (e *loopExpander) expandObject(o *object) (any, bool) {
	var entries []produced // nil until something changes
	for i, m := range o.members {
		if strings.HasPrefix(m.key, forEachPrefix) {
			if entries == nil {
				entries = literalEntries(o.members[:i])
			}
			for _, p := range e.loop(m.key, m.val) {
				entries = append(entries, produced{p, m.key})
			}
			continue
		}
		e.path = append(e.path, m.key)
		v, changed := e.expand(m.val)
		e.path = e.path[:len(e.path)-1]
		if changed && entries == nil {
			entries = literalEntries(o.members[:i])
		}
		if entries != nil {
			entries = append(entries, produced{member{m.key, v}, ""})
		}
	}
	if entries == nil {
		return o, false
	}
	return &object{members: e.merge(entries)}, true
}

func literalEntries(ms []member) []produced {
	out := make([]produced, len(ms), len(ms)+4)
	for i, m := range ms {
		out[i] = produced{m, ""}
	}
	return out
}

// merge returns the entries of an object, less those a loop gives that the
// object cannot hold: a key it holds already, or, at the top of a section,
// a key that is not a logical ID.
func (e *loopExpander) merge(entries []produced) []member {
	literal := map[string]bool{}
	for _, p := range entries {
		if p.loop == "" {
			literal[p.key] = true
		}
	}
	top := len(e.path) == 0
	rule := "CFN018"
	if top && e.section == "Resources" {
		rule = "CFN003"
	}
	seen := make(map[string]string, len(entries))
	out := make([]member, 0, len(entries))
	for _, p := range entries {
		if p.loop != "" {
			name := p.loop[len(forEachPrefix):]
			switch first, dup := seen[p.key]; {
			case literal[p.key]:
				e.fail(rule, name, "the loop gives the key %q, which the object holds already; keys must be unique.", p.key)
				continue
			case dup && first == p.loop:
				e.fail(rule, name, "the loop gives the key %q for more than one value of its collection; put ${Identifier} or &{Identifier} in the key and give the collection no value twice.", p.key)
				continue
			case dup:
				e.fail(rule, name, "the loop gives the key %q, which %s gives too; keys must be unique.", p.key, first)
				continue
			case top && !isLogicalID(p.key):
				msg := "the loop gives the key %q, which is not a logical ID: use 1 to 255 ASCII letters and digits"
				if len(p.key) > 0 && len(p.key) <= 255 { // other characters
					msg += ", and &{Identifier} rather than ${Identifier} in the key, which drops the other characters of the value"
				}
				e.fail(rule, name, msg+".", p.key)
				e.giveUp(&object{members: []member{p.member}})
				continue
			}
		}
		if _, dup := seen[p.key]; dup {
			continue // keys a substitution made equal: the first stays
		}
		seen[p.key] = p.loop
		out = append(out, p.member)
	}
	return out
}

// loop returns the entries a loop gives, expanded in turn, or none when
// the loop is malformed or its collection unknown.
func (e *loopExpander) loop(key string, val any) []member {
	name := key[len(forEachPrefix):]
	first := e.repeat == 0 && !e.over
	if first {
		if !isLogicalID(name) {
			e.fail("CFN018", name, "the loop's name %q is not a logical ID: write 1 to 255 ASCII letters and digits after Fn::ForEach::.", name)
		}
		if site, dup := e.names[name]; dup {
			e.fail("CFN018", name, "the loop at %s is named %q too; a loop's name must be unique in the template.", site, name)
		} else {
			e.names[name] = e.site(name)
		}
	}
	args, isList := val.([]any)
	if !isList || len(args) != 3 {
		if first {
			kind := jsonKind(val)
			if isList {
				kind = fmt.Sprintf("a list of %d", len(args))
			}
			e.fail("CFN018", name, "the loop takes a list of three values, %s; it is %s.", forEachShape, kind)
		}
		if isList && len(args) > 2 {
			e.giveUp(args[2])
		}
		return nil
	}
	frag, isObject := args[2].(*object)
	id, isString := args[0].(string)
	switch {
	case !isString || id == "" || strings.ContainsAny(id, "{}"):
		if first {
			e.fail("CFN018", name, "the loop's identifier is %s; it must be a name, such as \"Name\", that ${Name} and &{Name} stand for in the fragment.", show(args[0]))
		}
		e.giveUp(args[2])
		return nil
	case slices.Contains(e.scope, id):
		if first {
			e.fail("CFN018", name, "the loop's identifier %q is also the identifier of a loop around it; give each nested loop its own.", id)
		}
		e.giveUp(args[2])
		return nil
	case !isObject:
		if first {
			e.fail("CFN018", name, "the loop's fragment, its third value, is %s; it must be an object whose keys hold ${%s} or &{%s}.", jsonKind(args[2]), id, id)
		}
		return nil
	}
	if first {
		for _, m := range frag.members {
			if !strings.HasPrefix(m.key, forEachPrefix) && !strings.Contains(m.key, "${"+id+"}") && !strings.Contains(m.key, "&{"+id+"}") {
				e.fail("CFN018", name, "the fragment's key %q holds neither ${%s} nor &{%s}, so every value of the collection would give it.", m.key, id, id)
			}
			// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-example-conditions.html
			if r, ok := m.val.(*object); ok && len(e.path) == 0 && e.section == "Resources" && r.len() > 1 && r.members[0].key == "Condition" {
				e.fail("CFN018", name, "Condition is the first attribute of %q in the loop's fragment; CloudFormation fails to create the stack unless it comes second or later, so move it after Type.", m.key)
			}
		}
	}
	if e.over {
		e.giveUp(frag)
		return nil
	}
	values, unknown, ok := e.collection(name, args[1], first)
	switch {
	case !ok:
		e.giveUp(frag)
		return nil
	case unknown != "":
		// Reported once for the loop, or, below the top of the section,
		// once for each entry it leaves unchecked.
		switch {
		case len(e.path) > 0 && !e.over:
			e.fail("CFN019", name, "the loop's collection is %s, known only on deploy, so the loop is not expanded and what holds it is not checked.", unknown)
		case first:
			e.fail("CFN019", name, "the loop's collection is %s, known only on deploy, so the loop is not expanded and the entries it gives are not checked.", unknown)
		}
		e.giveUp(frag)
		return nil
	}
	var out []member
	e.scope = append(e.scope, id)
	for i, value := range values {
		if i == 1 {
			e.repeat++
		}
		s := &substitution{id: id, value: value, mark: "{" + id + "}",
			r: strings.NewReplacer("${"+id+"}", value, "&{"+id+"}", alphanumeric(value))}
		sub := e.substituteMembers(frag, s)
		if e.over {
			break
		}
		v, _ := e.expandObject(sub)
		out = append(out, v.(*object).members...)
	}
	if len(values) > 1 {
		e.repeat--
	}
	e.scope = e.scope[:len(e.scope)-1]
	if e.over {
		e.giveUp(frag)
		return nil
	}
	if len(e.scope) == 0 && e.nestedGaveUp {
		e.nestedGaveUp = false
		for _, m := range frag.members {
			if args, ok := m.val.([]any); ok && len(args) > 2 && strings.HasPrefix(m.key, forEachPrefix) {
				e.giveUp(args[2])
			}
		}
	}
	return out
}

// collection returns the values of a loop's collection, or describes it
// when they are known only on deploy. A collection that cannot be one is
// reported, and is not ok.
func (e *loopExpander) collection(name string, v any, report bool) (values []string, unknown string, ok bool) {
	fail := func(format string, args ...any) {
		if report {
			e.fail("CFN018", name, format, args...)
		}
	}
	const want = "it must be a list of strings, or a Ref to a CommaDelimitedList or List parameter"
	switch x := v.(type) {
	case []any:
		values = make([]string, 0, len(x))
		for i, item := range x {
			switch s := item.(type) {
			case string:
				values = append(values, s)
			case json.Number:
				values = append(values, string(s))
			case bool:
				values = append(values, fmt.Sprint(s))
			default:
				if isIntrinsic(item) {
					return nil, "a list that holds " + show(item), true
				}
				fail("the loop's collection holds %s at [%d]; %s.", jsonKind(item), i, want)
				return nil, "", false
			}
		}
		return values, "", true
	case *object:
		fn, arg, ok := intrinsic(x)
		switch {
		case !ok:
			fail("the loop's collection is %s; %s.", jsonKind(v), want)
			return nil, "", false
		case fn != "Ref":
			return nil, show(v), true
		}
		ref, isName := arg.(string)
		if !isName {
			return nil, show(v), true
		}
		if ref == "AWS::NotificationARNs" {
			return nil, "the stack's notification ARNs", true
		}
		p, isParam := e.params.get(ref).(*object)
		if !isParam {
			fail("the loop's collection is a Ref to %q, which is not a parameter; %s.", ref, want)
			return nil, "", false
		}
		typ, _ := p.get("Type").(string)
		switch def, hasDefault := p.get("Default").(string); {
		case !(&parameter{typ: typ}).isList():
			fail("the loop's collection is a Ref to %q, a parameter of type %s; %s.", ref, show(p.get("Type")), want)
			return nil, "", false
		case strings.HasPrefix(typ, "AWS::SSM::"):
			return nil, fmt.Sprintf("parameter %s, read from Systems Manager", ref), true
		case !hasDefault:
			return nil, fmt.Sprintf("parameter %s, which has no Default", ref), true
		default:
			for _, s := range strings.Split(def, ",") {
				values = append(values, strings.TrimSpace(s))
			}
			return values, "", true
		}
	}
	fail("the loop's collection is %s; %s.", jsonKind(v), want)
	return nil, "", false
}

// alphanumeric is s with every character but ASCII letters and digits
// removed, which &{Identifier} stands for.
func alphanumeric(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && isAlnum(byte(r)) {
			return r
		}
		return -1
	}, s)
}

// substitution puts one value of a loop's collection in place of its
// identifier.
type substitution struct {
	id, value string
	mark      string // "{id}", which every placeholder of id holds
	r         *strings.Replacer
}

// in returns str with ${id} and &{id} replaced, and whether it made a
// copy: it returns str itself when str holds neither.
func (s *substitution) in(str string) (string, bool) {
	if !strings.Contains(str, s.mark) {
		return str, false
	}
	return s.r.Replace(str), true
}

// gave counts n bytes of keys and strings that the loops gave, copied or
// not. Past CloudFormation's quota, which applies to the template the
// transform gives, nothing more is expanded; nor past as many bytes copied
// in loops for each value of the loops around them.
func (e *loopExpander) gave(n int, copied bool) {
	if e.copying > 0 {
		if !copied {
			return
		}
		if e.copied += n; e.copied > maxTemplateBytes && !e.over {
			e.over = true
			e.t.reportf("Template", "CFN019", "The Fn::ForEach loops inside other loops are copied for each value of the loops around them, more than %d bytes of keys and strings in all, too many to check here; the loops that would copy more are not expanded, and what they give is not checked.", maxTemplateBytes)
		}
		return
	}
	if e.bytes += n; e.bytes > maxTemplateBytes && !e.over {
		e.over = true
		e.t.reportf("Template", "CFN005", "The template the AWS::LanguageExtensions transform gives exceeds CloudFormation's quota of %d bytes: its Fn::ForEach loops give %d bytes of keys and strings so far. The loops that would give more are not expanded, and what they give is not checked. Shorten the loops' collections or fragments.", maxTemplateBytes, e.bytes)
	}
}

// substitute returns a copy of v for one value of a loop: ${id} and &{id}
// replaced in every key and string, {"Ref": id} by the value, and an
// Fn::Sub whose string the replacement leaves with no ${} by that string, as
// the transform does: {"Ref": {"Fn::Sub": "Subnet${Id}"}} becomes
// {"Ref": "SubnetA"}. A string without a placeholder is not copied.
func (e *loopExpander) substitute(v any, s *substitution) any {
	if e.values++; e.values > maxExpandedValues && !e.over {
		e.over = true
		e.t.reportf("Template", "CFN019", "The Fn::ForEach loops give more than %d values, too many to check here; the loops that would give more are not expanded, and what they give is not checked.", maxExpandedValues)
	}
	if e.over {
		return v
	}
	switch x := v.(type) {
	case string:
		out, copied := s.in(x)
		e.gave(len(out), copied)
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = e.substitute(item, s)
		}
		return out
	case *object:
		if x.len() == 1 {
			switch m := x.members[0]; m.key {
			case "Ref":
				if m.val == any(s.id) {
					e.gave(len(s.value), false)
					return s.value
				}
			case "Fn::Sub":
				if str, ok := m.val.(string); ok {
					if sub, copied := s.in(str); copied && sub != str && !strings.Contains(sub, "${") {
						e.gave(len(sub), true)
						return sub
					}
				}
			}
		}
		before := e.bytes
		out := e.substituteMembers(x, s)
		if v, ok := e.t.findInMap(out); ok {
			if e.copying == 0 && !e.over {
				e.bytes = before
				e.gave(textBytes(v), false)
			}
			return v
		}
		return out
	}
	return v
}

// substituteMembers is substitute for the members of o.
func (e *loopExpander) substituteMembers(o *object, s *substitution) *object {
	out := &object{members: make([]member, 0, len(o.members))}
	for _, m := range o.members {
		loop := strings.HasPrefix(m.key, forEachPrefix)
		if loop {
			e.copying++
		}
		before := e.bytes
		v := e.substitute(m.val, s)
		if loop {
			e.copying--
		}
		if isNoValue(v) && !isNoValue(m.val) {
			if !e.over {
				e.bytes = before
			}
			continue // as the transform leaves it out
		}
		key, copied := s.in(m.key)
		if !loop {
			e.gave(len(key), copied)
		}
		out.members = append(out.members, member{key, v})
	}
	return out
}

// textBytes is the length of the keys and strings in v.
func textBytes(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case []any:
		n := 0
		for _, item := range x {
			n += textBytes(item)
		}
		return n
	case *object:
		n := 0
		for _, m := range x.all() {
			n += len(m.key) + textBytes(m.val)
		}
		return n
	}
	return 0
}

// findInMap returns the value of an Fn::FindInMap whose map name and keys
// are strings: the mapping's value, or else its DefaultValue. The
// transform resolves these in the fragments of loops: the documented
// examples give {"Fn::FindInMap": ["Map", "Key", {"Ref": "Identifier"},
// {"DefaultValue": {"Ref": "AWS::NoValue"}}]} as a resource's Condition,
// which is left out for the values the mapping lacks
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-example-resource.html).
func (t *template) findInMap(v any) (any, bool) {
	fn, arg, ok := intrinsic(v)
	if !ok || fn != "Fn::FindInMap" {
		return nil, false
	}
	args, _ := arg.([]any)
	if len(args) < 3 || len(args) > 4 {
		return nil, false
	}
	keys := make([]string, 3)
	for i := range keys {
		if keys[i], ok = args[i].(string); !ok {
			return nil, false
		}
	}
	top, _ := t.mappings.get(keys[0]).(*object)
	second, _ := top.get(keys[1]).(*object)
	if found, ok := second.lookup(keys[2]); ok {
		return found, true
	}
	if len(args) == 4 {
		opts, _ := args[3].(*object)
		if def, ok := opts.lookup("DefaultValue"); ok && opts.len() == 1 {
			return def, true
		}
	}
	return nil, false
}

// giveUp notes that a loop's fragment is not expanded: at the top of a
// section, the names it may give are taken as declared; below, the entry
// of the section that holds it is not checked.
func (e *loopExpander) giveUp(frag any) {
	if len(e.path) > 0 {
		if e.drop == nil {
			e.drop = map[string]bool{}
		}
		e.drop[e.path[0]] = true
		return
	}
	var patterns *[]keyPattern
	switch e.section {
	case "Resources":
		patterns = &e.t.loopIDs
	case "Conditions":
		patterns = &e.t.loopConds
	default:
		return
	}
	if len(*patterns) == 1 && isAnyName((*patterns)[0]) {
		return
	}
	if len(e.scope) > 0 {
		// A copy, made for one value of the loops around it: the
		// outermost loop takes the names from its own fragment, once.
		e.nestedGaveUp = true
		return
	}
	var keys func(v any)
	keys = func(v any) {
		o, _ := v.(*object)
		for _, m := range o.all() {
			if len(*patterns) > maxKeyPatterns {
				return
			}
			if !strings.HasPrefix(m.key, forEachPrefix) {
				*patterns = append(*patterns, patternOf(m.key))
			} else if args, ok := m.val.([]any); ok && len(args) == 3 {
				keys(args[2])
			}
		}
	}
	keys(frag)
	if len(*patterns) > maxKeyPatterns {
		*patterns = []keyPattern{anyName}
	}
}

// anyName is the pattern that every name matches.
var anyName = keyPattern{"", ""}

func isAnyName(p keyPattern) bool {
	return len(p) == 2 && p[0] == "" && p[1] == ""
}

// maxKeyPatterns bounds the patterns each reference that names nothing
// declared is matched against; past it, any name is taken as one a loop
// may give.
const maxKeyPatterns = 256

// site is where the loop named name at the current path is.
func (e *loopExpander) site(name string) loopSite {
	s := loopSite{section: e.section}
	loop := forEachPrefix + name
	switch {
	case e.section == "Conditions":
		s.owner = "Template"
		s.where = joinPath(append(append([]string{"Conditions"}, e.path...), loop))
	case len(e.path) == 0:
		s.owner = loop
	default:
		s.owner = e.path[0]
		s.where = joinPath(append(slices.Clone(e.path[1:]), loop))
	}
	if e.section == "Outputs" {
		s.owner = "Outputs." + s.owner
	}
	return s
}

// fail reports a problem of the loop named name at the current path.
func (e *loopExpander) fail(rule, name, format string, args ...any) {
	s := e.site(name)
	e.t.report(s.owner, rule, s.message(fmt.Sprintf(format, args...)))
}
