package check

import (
	"fmt"
	"slices"
	"strings"
)

// guard is an Fn::If around a value: the value is used only when the
// condition has the value want.
type guard struct {
	cond string
	want bool
}

// targetUse is a Ref, Fn::GetAtt or Fn::Sub variable that names a resource,
// with the Fn::If branches it sits in.
type targetUse struct {
	target string
	path   string
	guards []guard
}

// maxAssignments bounds the parameter values tried to decide whether a
// reference can outlive the condition of its target.
const maxAssignments = 1 << 12

// checkConditionalTargets reports the references of owner (a resource or an
// output, with the condition cond, "" when it has none) to resources that
// CloudFormation may not create: when a target's Condition can be false
// while the owner exists and the reference is used, the stack fails
// ("Unresolved resource dependencies"). Conditions are decided by trying
// every value the parameters they compare can take that matters (their
// AllowedValues, or the values they are compared with and one other);
// conditions over anything else are taken to be true, and nothing is
// reported.
func checkConditionalTargets(t *template, owner, cond string, uses []targetUse) {
	var reported map[string]bool
	for _, u := range uses {
		targetCond := t.resources[u.target].cond
		if reported[u.target] {
			continue
		}
		given := u.guards
		if cond != "" {
			given = append([]guard{{cond, true}}, given...)
		}
		if slices.Contains(given, guard{targetCond, true}) || !t.canFail(given, targetCond) {
			continue
		}
		if reported == nil {
			reported = map[string]bool{}
		}
		reported[u.target] = true
		fix := fmt.Sprintf("give it the Condition %q", targetCond)
		if cond != "" {
			fix = fmt.Sprintf("give it a Condition that implies %q", targetCond)
		}
		if !strings.HasPrefix(owner, "Outputs.") {
			// An output's value cannot be AWS::NoValue.
			fix += fmt.Sprintf(", or wrap the value in {\"Fn::If\": [%q, value, {\"Ref\": \"AWS::NoValue\"}]}", targetCond)
		}
		t.reportf(owner, "CFN026", "%s names %s, which exists only when the condition %s is true, but it is used where %s can be false, and the stack then fails (Unresolved resource dependencies); %s.",
			u.path, u.target, targetCond, targetCond, fix)
	}
}

// canFail reports whether some values of the parameters make every guard
// hold and the condition target false. It reports false when it cannot
// tell.
func (t *template) canFail(given []guard, target string) bool {
	key := fmt.Sprint(target, given)
	if answer, ok := t.condAnswers[key]; ok {
		return answer
	}
	answer := t.decideCanFail(given, target)
	if t.condAnswers == nil {
		t.condAnswers = map[string]bool{}
	}
	t.condAnswers[key] = answer
	return answer
}

func (t *template) decideCanFail(given []guard, target string) bool {
	sat, known := t.satisfiable(append(slices.Clip(given), guard{target, false}))
	return known && sat
}

// satisfiable reports whether some values of the parameters make every
// guard hold; known is false when it cannot tell.
func (t *template) satisfiable(given []guard) (sat, known bool) {
	ev := &condEvaluator{t: t, domains: map[string][]string{}}
	for _, g := range given {
		if !ev.collect(g.cond, map[string]bool{}) {
			return false, false
		}
	}
	vars := sortedKeys(ev.domains)
	size := 1
	for _, v := range vars {
		size *= len(ev.domains[v])
		if size > maxAssignments {
			return false, false
		}
	}
	ev.values = make(map[string]string, len(vars))
	for i := range size {
		n := i
		for _, v := range vars {
			d := ev.domains[v]
			ev.values[v] = d[n%len(d)]
			n /= len(d)
		}
		holds := true
		for _, g := range given {
			if ev.eval(t.conditions.get(g.cond)) != g.want {
				holds = false
				break
			}
		}
		if holds {
			return true, true
		}
	}
	return false, true
}

// together reports whether values set under the guards a and b can both
// be set: false only when some condition must be true for one and false
// for the other, or the conditions' parameters allow no such values.
func (t *template) together(a, b []guard) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	given := append(slices.Clip(a), b...)
	for _, g := range given {
		if slices.Contains(given, guard{g.cond, !g.want}) {
			return false
		}
	}
	sat, known := t.satisfiable(given)
	return sat || !known
}

// condEvaluator evaluates conditions for one set of parameter values.
type condEvaluator struct {
	t       *template
	domains map[string][]string // the values tried for each parameter
	values  map[string]string   // the value of each parameter
}

// other stands for every value of a parameter that a condition does not
// name.
const other = "\x00other"

// collect records the parameters the condition name depends on, with the
// values worth trying, and reports false when the condition holds anything
// but literals, parameters and condition functions.
func (ev *condEvaluator) collect(name string, seen map[string]bool) bool {
	if seen[name] {
		return false // a cycle, CFN025's
	}
	seen[name] = true
	defer delete(seen, name)
	v, ok := ev.t.conditions.lookup(name)
	return ok && ev.collectValue(v, seen)
}

func (ev *condEvaluator) collectValue(v any, seen map[string]bool) bool {
	m, ok := v.(*object)
	if !ok || m.len() != 1 {
		return false
	}
	key, arg := m.members[0].key, m.members[0].val
	if key == "Condition" {
		name, ok := arg.(string)
		return ok && ev.collect(name, seen)
	}
	args, ok := arg.([]any)
	if !ok {
		return false
	}
	switch key {
	case "Fn::And", "Fn::Or", "Fn::Not":
		for _, a := range args {
			if !ev.collectValue(a, seen) {
				return false
			}
		}
		return len(args) > 0
	case "Fn::Equals":
		if len(args) != 2 {
			return false
		}
		for i, a := range args {
			if _, literal := literalText(a); literal {
				continue
			}
			name, ok := refName(a)
			if !ok {
				return false
			}
			if _, known := ev.domains[name]; !known {
				ev.domains[name] = ev.t.parameterValues(name)
			}
			if lit, literal := literalText(args[1-i]); literal && !slices.Contains(ev.domains[name], lit) && slices.Contains(ev.domains[name], other) {
				ev.domains[name] = append(ev.domains[name], lit)
			}
		}
		return true
	}
	return false
}

// eval gives the value of a condition function, once collect accepted it.
func (ev *condEvaluator) eval(v any) bool {
	m := v.(*object)
	key, arg := m.members[0].key, m.members[0].val
	if key == "Condition" {
		return ev.eval(ev.t.conditions.get(arg.(string)))
	}
	args := arg.([]any)
	switch key {
	case "Fn::And":
		for _, a := range args {
			if !ev.eval(a) {
				return false
			}
		}
		return true
	case "Fn::Or":
		for _, a := range args {
			if ev.eval(a) {
				return true
			}
		}
		return false
	case "Fn::Not":
		return !ev.eval(args[0])
	}
	return ev.operand(args[0]) == ev.operand(args[1])
}

func (ev *condEvaluator) operand(v any) string {
	if s, ok := literalText(v); ok {
		return s
	}
	name, _ := refName(v)
	return ev.values[name]
}

// parameterValues returns the values a condition over the parameter name
// tries first: its AllowedValues, or only a value no condition names.
func (t *template) parameterValues(name string) []string {
	if p := t.params[name]; p != nil {
		if allowed, ok := p.raw.get("AllowedValues").([]any); ok && len(allowed) > 0 {
			var values []string
			for _, a := range allowed {
				if s, ok := literalText(a); ok && !slices.Contains(values, s) {
					values = append(values, s)
				}
			}
			if len(values) > 0 {
				return values
			}
		}
	}
	return []string{other}
}
