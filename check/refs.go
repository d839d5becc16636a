package check

import (
	"fmt"
	"slices"
	"strings"
)

// refWalker visits every value of one resource, output or the Conditions
// section, checks its intrinsic functions and records dependency edges.
type refWalker struct {
	t            *template
	owner        string          // resource ID, "Outputs.X" or "Template"
	deps         map[string]bool // resources the owner depends on, when a resource
	inConditions bool
	condDeps     map[string]bool // conditions the owner refers to, when a condition
	path         []string
	guards       []guard     // the Fn::If branches around the value walked
	uses         []targetUse // the resources the owner names, see checkConditionalTargets
}

// use records a reference to the resource target when it has a
// Condition: only such references can fail for want of their target.
func (w *refWalker) use(target string) {
	if r := w.t.resources[target]; r == nil || r.cond == "" {
		return
	}
	w.uses = append(w.uses, targetUse{target: target, path: w.where(), guards: slices.Clone(w.guards)})
}

func (w *refWalker) where() string { return joinPath(w.path) }

func (w *refWalker) fail(rule, format string, args ...any) {
	for _, p := range w.path {
		if strings.HasPrefix(p, forEachPrefix) {
			return // a loop left in place is reported itself: it needs the transform
		}
	}
	w.t.report(w.owner, rule, w.where()+": "+fmt.Sprintf(format, args...))
}

func (w *refWalker) walk(v any) {
	switch x := v.(type) {
	case *object:
		if fn, arg, ok := intrinsic(x); ok {
			if fn == "Fn::Transform" {
				// The macro gets the functions inside as they are written.
				return
			}
			w.function(fn, arg)
			w.path = append(w.path, fn)
			if args, isList := arg.([]any); fn == "Fn::If" && isList && len(args) == 3 {
				w.walkBranches(args)
			} else {
				w.walk(arg)
			}
			w.path = w.path[:len(w.path)-1]
			return
		}
		if w.inConditions && x.len() == 1 {
			switch key, val := x.members[0].key, x.members[0].val; key {
			case "Condition":
				w.conditionName(val)
				return
			case "Fn::And", "Fn::Or", "Fn::Not", "Fn::Equals":
				w.conditionFunction(key, val)
			}
		}
		for _, kv := range x.all() {
			w.path = append(w.path, kv.key)
			w.walk(kv.val)
			w.path = w.path[:len(w.path)-1]
		}
	case []any:
		for i, item := range x {
			w.path = append(w.path, indexElem(i))
			w.walk(item)
			w.path = w.path[:len(w.path)-1]
		}
	}
}

// walkBranches walks the arguments of an Fn::If, each branch under the
// guard of its condition.
func (w *refWalker) walkBranches(args []any) {
	cond, named := args[0].(string)
	for i, item := range args {
		w.path = append(w.path, indexElem(i))
		if named && i > 0 {
			w.guards = append(w.guards, guard{cond, i == 1})
		}
		w.walk(item)
		if named && i > 0 {
			w.guards = w.guards[:len(w.guards)-1]
		}
		w.path = w.path[:len(w.path)-1]
	}
}

func (w *refWalker) function(fn string, arg any) {
	switch fn {
	case "Ref":
		name, ok := arg.(string)
		if !ok {
			// The AWS::LanguageExtensions transform lets a function
			// name the target.
			if !w.t.langExt || !isIntrinsic(arg) {
				w.fail("CFN018", "Ref takes the name of a parameter, resource or pseudo parameter as a string.")
			}
			return
		}
		w.ref(name, "CFN020", "Ref")
	case "Fn::GetAtt":
		res, attr, ok := getAttArg(arg)
		if !ok {
			if !w.t.langExt || !hasIntrinsic(arg) {
				w.fail("CFN018", "Fn::GetAtt takes [\"LogicalId\", \"Attribute\"] or \"LogicalId.Attribute\".")
			}
			return
		}
		w.getAtt(res, attr, "CFN021", "Fn::GetAtt")
	case "Fn::Sub":
		w.sub(arg)
	case "Fn::If":
		args, ok := arg.([]any)
		if !ok || len(args) != 3 {
			w.fail("CFN018", "Fn::If takes [\"ConditionName\", valueIfTrue, valueIfFalse].")
			return
		}
		w.conditionName(args[0])
	case "Fn::FindInMap":
		w.findInMap(arg)
	default:
		w.checkArgs(fn, arg)
	}
}

// ref checks that name is a parameter, resource or pseudo parameter.
func (w *refWalker) ref(name, rule, fn string) {
	if pseudoParams[name] {
		return
	}
	if w.t.params[name] != nil {
		return
	}
	if w.t.resources[name] != nil {
		if w.inConditions {
			w.fail(rule, "%s %q names a resource; conditions can only use parameters and pseudo parameters.", fn, name)
			return
		}
		if w.deps != nil {
			w.deps[name] = true
		}
		w.use(name)
		return
	}
	if w.t.mayBeResource(name) {
		return
	}
	msg := fmt.Sprintf("%s %q names no parameter, resource or pseudo parameter", fn, name)
	if s := w.t.nameSuggester().closest(name); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "; declare it or fix the name."
	}
	w.fail(rule, "%s", msg)
}

// nameSuggester suggests among every parameter and resource name, sorted.
func (t *template) nameSuggester() *suggester {
	if t.byName == nil {
		names := slices.Concat(sortedKeys(t.params), t.ids)
		slices.Sort(names)
		t.byName = newSuggester(names)
	}
	return t.byName
}

// idSuggester suggests among the resources' logical IDs.
func (t *template) idSuggester() *suggester {
	if t.byID == nil {
		t.byID = newSuggester(t.ids)
	}
	return t.byID
}

func (w *refWalker) getAtt(res, attr, rule, fn string) {
	r := w.t.resources[res]
	if r == nil {
		if w.t.mayBeResource(res) {
			return
		}
		msg := fmt.Sprintf("%s names %q, which is not a resource in this template", fn, res)
		if s := w.t.idSuggester().closest(res); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "."
		}
		w.fail(rule, "%s", msg)
		return
	}
	if w.inConditions {
		w.fail(rule, "%s names resource %q; conditions can only use parameters and pseudo parameters.", fn, res)
		return
	}
	if w.deps != nil {
		w.deps[res] = true
	}
	w.use(res)
	if attr == "" || r.schema == nil {
		return
	}
	if r.schema.attrs[attr] {
		return
	}
	attrs := sortedKeys(r.schema.attrs)
	if len(attrs) == 0 {
		w.fail(rule, "%s asks %s (%s) for %q, but that type has no attributes; use Ref instead.", fn, res, r.typ, attr)
		return
	}
	w.fail(rule, "%s asks %s (%s) for %q, which it does not have; its attributes are %s.", fn, res, r.typ, attr, strings.Join(attrs, ", "))
}

func (w *refWalker) sub(arg any) {
	s, vars, ok := subString(arg)
	if !ok {
		w.fail("CFN018", "Fn::Sub takes a string, or [\"string\", {\"Var\": value}].")
		return
	}
	if strings.Count(s, "${") > strings.Count(s, "}") {
		w.fail("CFN018", "Fn::Sub string %s has a ${ without its closing }.", show(s))
	}
	for name := range subVars(s) {
		if _, local := vars.lookup(name); local {
			continue
		}
		if name == "" {
			w.fail("CFN022", "Fn::Sub string %s has an empty ${}; name a parameter, resource or Resource.Attribute.", show(s))
			continue
		}
		if res, attr, dotted := strings.Cut(name, "."); dotted {
			w.getAtt(res, attr, "CFN022", "Fn::Sub variable ${"+name+"}")
			if w.t.attributeKind([]any{res, attr}) == kindList {
				w.fail("CFN022", "Fn::Sub variable ${%s} is a list, and CloudFormation substitutes only strings; join it with {\"Fn::Join\": [\",\", {\"Fn::GetAtt\": [%q, %q]}]} in the variable map.", name, res, attr)
			}
			continue
		}
		w.ref(name, "CFN022", "Fn::Sub variable")
		if p := w.t.params[name]; p != nil && p.isList() || name == "AWS::NotificationARNs" {
			w.fail("CFN022", "Fn::Sub variable ${%s} is a list, and CloudFormation substitutes only strings; join it with {\"Fn::Join\": [\",\", {\"Ref\": %q}]} in the variable map.", name, name)
		}
	}
}

func (w *refWalker) conditionName(v any) {
	name, ok := v.(string)
	if !ok {
		w.fail("CFN018", "a condition must be named by a literal string.")
		return
	}
	if _, declared := w.t.conditions.lookup(name); !declared && !w.t.mayBeCondition(name) {
		w.fail("CFN023", "condition %q is not declared in the Conditions section.", name)
		return
	}
	if w.condDeps != nil {
		w.condDeps[name] = true
	}
}

// maxConditions is the most conditions Fn::And and Fn::Or take.
const maxConditions = 10

// conditionFunction checks the arguments of a condition function in the
// Conditions section: Fn::Equals compares two values, Fn::Not negates one
// condition, Fn::And and Fn::Or combine 2 to 10
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html).
func (w *refWalker) conditionFunction(fn string, arg any) {
	args, isList := arg.([]any)
	switch fn {
	case "Fn::Equals":
		if !isList || len(args) != 2 {
			w.fail("CFN018", "Fn::Equals takes [value1, value2], the two values it compares.")
		}
	case "Fn::Not":
		if !isList || len(args) != 1 {
			w.fail("CFN018", "Fn::Not takes [condition], a list of the one condition it negates.")
		}
	default: // Fn::And, Fn::Or
		if !isList || len(args) < 2 || len(args) > maxConditions {
			w.fail("CFN018", "%s takes a list of 2 to %d conditions.", fn, maxConditions)
		}
	}
}

// checkReferences checks every intrinsic function, condition name and
// DependsOn, then looks for dependency cycles among resources.
func checkReferences(t *template) {
	graph := map[string][]string{}
	for id, r := range t.each() {
		w := &refWalker{t: t, owner: id, deps: map[string]bool{}}
		if props, ok := r.raw.lookup("Properties"); ok {
			w.path = []string{"Properties"}
			w.walk(props)
		}
		if c, ok := r.raw.lookup("Condition"); ok {
			w.path = []string{"Condition"}
			w.conditionName(c)
		}
		checkDependsOn(t, r, w.deps)
		graph[id] = sortedKeys(w.deps)
		checkConditionalTargets(t, id, r.cond, w.uses)
	}
	for _, kv := range t.outputs.all() {
		name := kv.key
		out, _ := kv.val.(*object)
		w := &refWalker{t: t, owner: "Outputs." + name}
		for _, key := range []string{"Value", "Export"} {
			if v, ok := out.lookup(key); ok {
				w.path = []string{key}
				w.walk(v)
			}
		}
		if c, ok := out.lookup("Condition"); ok {
			w.path = []string{"Condition"}
			w.conditionName(c)
		}
		cond, _ := out.get("Condition").(string)
		checkConditionalTargets(t, w.owner, cond, w.uses)
	}
	var conds []string
	condGraph := map[string][]string{}
	for _, kv := range t.conditions.all() {
		name := kv.key
		if strings.HasPrefix(name, forEachPrefix) { // with the transform, loops are expanded
			t.report("Template", "CFN018", "Conditions."+name+": "+noTransform)
			continue
		}
		w := &refWalker{t: t, owner: "Template", inConditions: true, condDeps: map[string]bool{}, path: []string{"Conditions", name}}
		w.walk(kv.val)
		conds = append(conds, name)
		condGraph[name] = sortedKeys(w.condDeps)
	}
	checkCycles(t, graph)
	checkConditionCycles(t, conds, condGraph)
}

func checkDependsOn(t *template, r *resource, deps map[string]bool) {
	v, ok := r.raw.lookup("DependsOn")
	if !ok {
		return
	}
	var targets []string
	switch x := v.(type) {
	case string:
		targets = []string{x}
	case []any:
		for _, item := range x {
			s, ok := item.(string)
			if !ok {
				t.report(r.id, "CFN024", "DependsOn must list logical IDs as strings.")
				continue
			}
			targets = append(targets, s)
		}
	default:
		t.report(r.id, "CFN024", "DependsOn must be a logical ID or a list of logical IDs.")
		return
	}
	for _, target := range targets {
		switch {
		case t.resources[target] != nil:
			deps[target] = true
		case t.params[target] != nil:
			t.reportf(r.id, "CFN024", "DependsOn names %q, which is a parameter; it can only name resources.", target)
		case t.mayBeResource(target):
		default:
			msg := fmt.Sprintf("DependsOn names %q, which is not a resource in this template", target)
			if s := t.idSuggester().closest(target); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "."
			}
			t.report(r.id, "CFN024", msg)
		}
	}
}

// checkCycles reports every strongly connected group of resources (and every
// resource that depends on itself) with one cycle through it.
func checkCycles(t *template, graph map[string][]string) {
	for _, scc := range stronglyConnected(t.ids, graph) {
		start := scc[0] // components come sorted
		if len(scc) == 1 && !slices.Contains(graph[start], start) {
			continue
		}
		path := cyclePath(start, scc, graph)
		t.reportf(start, "CFN025", "The resources form a dependency cycle: %s; CloudFormation cannot order them, so remove one of these Ref, Fn::GetAtt, Fn::Sub or DependsOn references.", strings.Join(path, " → "))
	}
}

// checkConditionCycles reports every group of conditions that refer to
// each other in a circle (and every condition that refers to itself), with
// one cycle through it: such a condition has no value, and CloudFormation
// refuses the template.
func checkConditionCycles(t *template, names []string, graph map[string][]string) {
	slices.Sort(names) // the keys of one object: each once
	for _, scc := range stronglyConnected(names, graph) {
		start := scc[0]
		if len(scc) == 1 && !slices.Contains(graph[start], start) {
			continue
		}
		path := cyclePath(start, scc, graph)
		t.reportf("Template", "CFN025", "Conditions.%s: the conditions form a cycle: %s; a condition cannot depend on itself, so remove one of these Condition references.", start, strings.Join(path, " → "))
	}
}

// stronglyConnected returns the strongly connected components of graph
// (Tarjan's algorithm), each sorted, in order of their first member. Edges
// to names outside nodes are ignored.
func stronglyConnected(nodes []string, graph map[string][]string) [][]string {
	num := make(map[string]int, len(nodes))
	for i, n := range nodes {
		num[n] = i
	}
	const unseen = -1
	index := make([]int, len(nodes))
	low := make([]int, len(nodes))
	onStack := make([]bool, len(nodes))
	for i := range index {
		index[i] = unseen
	}
	members := make([]string, 0, len(nodes)) // the components, one after another
	var out [][]string
	var stack []int
	next := 0
	var visit func(n int)
	visit = func(n int) {
		index[n], low[n] = next, next
		next++
		stack = append(stack, n)
		onStack[n] = true
		for _, name := range graph[nodes[n]] {
			m, ok := num[name]
			switch {
			case !ok:
			case index[m] == unseen:
				visit(m)
				low[n] = min(low[n], low[m])
			case onStack[m]:
				low[n] = min(low[n], index[m])
			}
		}
		if low[n] != index[n] {
			return
		}
		start := len(members)
		for {
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[m] = false
			members = append(members, nodes[m])
			if m == n {
				break
			}
		}
		comp := members[start:len(members):len(members)]
		slices.Sort(comp)
		out = append(out, comp)
	}
	for n := range nodes {
		if index[n] == unseen {
			visit(n)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// cyclePath finds the shortest cycle from start back to start inside scc.
func cyclePath(start string, scc []string, graph map[string][]string) []string {
	in := map[string]bool{}
	for _, n := range scc {
		in[n] = true
	}
	prev := map[string]string{}
	queue := []string{start}
	seen := map[string]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range graph[n] {
			if !in[m] {
				continue
			}
			if m == start {
				path := []string{start}
				for c := n; c != start; c = prev[c] {
					path = append(path, c)
				}
				path = append(path, start)
				// path is start, n, ..., start in reverse order after the first.
				slices.Reverse(path[1 : len(path)-1])
				return path
			}
			if !seen[m] {
				seen[m] = true
				prev[m] = n
				queue = append(queue, m)
			}
		}
	}
	return []string{start, start}
}
