package check

import (
	"iter"
	"slices"
	"strconv"
	"strings"
)

// intrinsicFns are the functions accepted inside Properties and Outputs.
var intrinsicFns = map[string]bool{
	"Ref": true, "Fn::GetAtt": true, "Fn::Sub": true, "Fn::Join": true,
	"Fn::If": true, "Fn::Select": true, "Fn::Split": true, "Fn::FindInMap": true,
	"Fn::ImportValue": true, "Fn::Base64": true, "Fn::GetAZs": true, "Fn::Cidr": true,
	"Fn::Length": true, "Fn::ToJsonString": true,
	// A macro's output, known only on deploy: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-transform.html
	"Fn::Transform": true,
}

// pseudoParams are the pseudo parameters a Ref may name.
var pseudoParams = map[string]bool{
	"AWS::AccountId": true, "AWS::Region": true, "AWS::Partition": true,
	"AWS::StackName": true, "AWS::StackId": true, "AWS::URLSuffix": true,
	"AWS::NoValue": true, "AWS::NotificationARNs": true,
}

// intrinsic reports whether v is a one-key object naming an intrinsic
// function, and returns the function and its argument.
func intrinsic(v any) (fn string, arg any, ok bool) {
	m, isObject := v.(*object)
	if !isObject || m.len() != 1 {
		return "", nil, false
	}
	k := m.members[0].key
	// The prefix turns down most other one-key objects before the lookup.
	if k != "Ref" && (!strings.HasPrefix(k, "Fn::") || !intrinsicFns[k]) {
		return "", nil, false
	}
	return k, m.members[0].val, true
}

func isIntrinsic(v any) bool {
	_, _, ok := intrinsic(v)
	return ok
}

// isNoValue reports whether v is {"Ref": "AWS::NoValue"}.
func isNoValue(v any) bool {
	fn, arg, ok := intrinsic(v)
	return ok && fn == "Ref" && arg == "AWS::NoValue"
}

// refName returns the target of {"Ref": name}.
func refName(v any) (string, bool) {
	fn, arg, ok := intrinsic(v)
	if !ok || fn != "Ref" {
		return "", false
	}
	name, ok := arg.(string)
	return name, ok
}

func getAttArg(arg any) (res, attr string, ok bool) {
	switch a := arg.(type) {
	case string:
		res, attr, ok = strings.Cut(a, ".")
		return res, attr, ok && res != "" && attr != ""
	case []any:
		if len(a) != 2 {
			return "", "", false
		}
		res, ok = a[0].(string)
		if !ok {
			return "", "", false
		}
		attr, _ = a[1].(string)
		return res, attr, true
	}
	return "", "", false
}

// branches returns the values v may take: both branches of an Fn::If
// (recursively), v itself otherwise. {"Ref": "AWS::NoValue"} and nil (an
// absent value) yield nothing.
func branches(v any) []any {
	return slices.Collect(eachBranch(v))
}

// eachBranch yields what branches returns, without building the list.
func eachBranch(v any) iter.Seq[any] {
	return func(yield func(any) bool) { yieldBranches(v, yield) }
}

func yieldBranches(v any, yield func(any) bool) bool {
	if v == nil {
		return true
	}
	fn, arg, ok := intrinsic(v)
	switch {
	case !ok:
		return yield(v)
	case fn == "Ref" && arg == "AWS::NoValue":
		return true
	case fn != "Fn::If":
		return yield(v)
	}
	args, isList := arg.([]any)
	if !isList || len(args) != 3 {
		return yield(v)
	}
	return yieldBranches(args[1], yield) && yieldBranches(args[2], yield)
}

// indexElems holds the path elements of the first list indexes.
var indexElems = func() []string {
	elems := make([]string, 64)
	for i := range elems {
		elems[i] = "[" + strconv.Itoa(i) + "]"
	}
	return elems
}()

// indexElem returns the path element "[i]" of a list index.
func indexElem(i int) string {
	if i < len(indexElems) {
		return indexElems[i]
	}
	return "[" + strconv.Itoa(i) + "]"
}

// joinPath joins path elements with dots, except before list indexes.
func joinPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// subString returns the template string of an Fn::Sub argument and its
// variable map (nil for the string form).
func subString(arg any) (string, *object, bool) {
	switch a := arg.(type) {
	case string:
		return a, nil, true
	case []any:
		if len(a) != 2 {
			return "", nil, false
		}
		s, ok := a[0].(string)
		vars, isMap := a[1].(*object)
		return s, vars, ok && isMap
	}
	return "", nil, false
}

// subVars yields the names inside ${...} in an Fn::Sub string, skipping
// ${!Literal} escapes.
func subVars(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for {
			i := strings.Index(s, "${")
			if i < 0 {
				return
			}
			s = s[i+2:]
			end := strings.IndexByte(s, '}')
			if end < 0 {
				return
			}
			if !strings.HasPrefix(s, "!") && !yield(strings.TrimSpace(s[:end])) {
				return
			}
			s = s[end+1:]
		}
	}
}

// refsIn returns the resource-or-parameter names v refers to through Ref,
// Fn::GetAtt and Fn::Sub, anywhere inside it.
func refsIn(v any) []string {
	var names []string
	walkIntrinsics(v, func(fn string, arg any) {
		switch fn {
		case "Ref":
			if s, ok := arg.(string); ok {
				names = append(names, s)
			}
		case "Fn::GetAtt":
			if res, _, ok := getAttArg(arg); ok {
				names = append(names, res)
			}
		case "Fn::Sub":
			s, vars, ok := subString(arg)
			if !ok {
				return
			}
			for name := range subVars(s) {
				if _, local := vars.lookup(name); local {
					continue
				}
				res, _, _ := strings.Cut(name, ".")
				names = append(names, res)
			}
		}
	})
	return names
}

// walkIntrinsics calls fn for every intrinsic function inside v, outermost
// first.
func walkIntrinsics(v any, fn func(name string, arg any)) {
	switch x := v.(type) {
	case *object:
		if name, arg, ok := intrinsic(x); ok {
			fn(name, arg)
			walkIntrinsics(arg, fn)
			return
		}
		for _, kv := range x.all() {
			walkIntrinsics(kv.val, fn)
		}
	case []any:
		for _, item := range x {
			walkIntrinsics(item, fn)
		}
	}
}

// literal returns v as a string when it is a literal string.
func literal(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// literals returns the strings of a string-or-list value that are known
// without deploying the template (see staticString), looking through Fn::If
// branches; dynamic reports that some value is computed.
func literals(v any) (values []string, dynamic bool) {
	return literalsWith(v, nil)
}

// literalsWith is literals with the pseudo parameters of staticString.
func literalsWith(v any, pseudo map[string]string) (values []string, dynamic bool) {
	for b := range eachBranch(v) {
		if parts, ok := splitLiterals(b, pseudo); ok {
			values = append(values, parts...)
			continue
		}
		if x, isList := b.([]any); isList {
			values = slices.Grow(values, len(x))
			for _, item := range x {
				for ib := range eachBranch(item) {
					if s, ok := staticString(ib, pseudo); ok {
						values = append(values, s)
					} else {
						dynamic = true
					}
				}
			}
			continue
		}
		if s, ok := staticString(b, pseudo); ok {
			values = append(values, s)
		} else {
			dynamic = true
		}
	}
	return values, dynamic
}

// splitLiterals returns the list an Fn::Split of text known without
// deploying the template gives, and whether v is one.
func splitLiterals(v any, pseudo map[string]string) ([]string, bool) {
	fn, arg, ok := intrinsic(v)
	if !ok || fn != "Fn::Split" {
		return nil, false
	}
	args, ok := arg.([]any)
	if !ok || len(args) != 2 {
		return nil, false
	}
	delim, ok := args[0].(string)
	if !ok || delim == "" {
		return nil, false
	}
	text, ok := staticString(args[1], pseudo)
	if !ok {
		return nil, false
	}
	return strings.Split(text, delim), true
}

// anyLiteral reports whether pred holds for one of the strings that
// literalsWith returns for v, without building the list.
func anyLiteral(v any, pseudo map[string]string, pred func(string) bool) bool {
	if v == nil || isNoValue(v) {
		return false
	}
	if fn, arg, ok := intrinsic(v); ok && fn == "Fn::If" {
		if args, isList := arg.([]any); isList && len(args) == 3 {
			return anyLiteral(args[1], pseudo, pred) || anyLiteral(args[2], pseudo, pred)
		}
	}
	if parts, ok := splitLiterals(v, pseudo); ok {
		return slices.ContainsFunc(parts, pred)
	}
	if items, isList := v.([]any); isList {
		for _, item := range items {
			if _, nested := item.([]any); !nested && anyLiteral(item, pseudo, pred) {
				return true
			}
		}
		return false
	}
	s, ok := staticString(v, pseudo)
	return ok && pred(s)
}

// staticString returns the text v gives when it is known without deploying
// the template: a literal string; an Fn::Sub whose variables are all given
// in its own map as such values, or named in pseudo; or an Fn::Join of such
// values with a literal delimiter. pseudo maps a pseudo parameter (such as
// AWS::Partition), whether in ${} or in a Ref, to the text that stands for
// it; other Refs, Fn::GetAtt and every other function make v unknown.
// ${!Name} gives the text ${Name}, as in CloudFormation.
func staticString(v any, pseudo map[string]string) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true // most values: no function at all
	}
	r := subResolver{pseudo: pseudo, budget: staticBudget}
	return r.resolve(v)
}

// staticBudget bounds the bytes and values staticString goes through for
// one value. Fn::Sub variables may hold Fn::Sub functions that name their
// own variables many times, so that the text doubles with each level: past
// the budget, the value counts as unknown, and the checks take time in
// proportion to the template whatever it holds. IAM values are far shorter.
const staticBudget = 1 << 14

type subResolver struct {
	pseudo map[string]string
	budget int
}

func (r *subResolver) resolve(v any) (string, bool) {
	r.budget--
	if r.budget < 0 {
		return "", false
	}
	if s, ok := v.(string); ok {
		return s, true
	}
	fn, arg, ok := intrinsic(v)
	if !ok {
		return "", false
	}
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		s, ok := r.pseudo[name]
		return s, ok
	case "Fn::Sub":
		s, vars, ok := subString(arg)
		if !ok {
			return "", false
		}
		return r.expandSub(s, vars)
	case "Fn::Join":
		args := list(arg)
		if len(args) != 2 {
			return "", false
		}
		sep, ok := args[0].(string)
		items, isList := args[1].([]any)
		if !ok || !isList {
			return "", false
		}
		var b strings.Builder
		for i, item := range items {
			s, ok := r.resolve(item)
			if !ok {
				return "", false
			}
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(s)
			if r.budget -= len(sep) + len(s); r.budget < 0 {
				return "", false
			}
		}
		return b.String(), true
	}
	return "", false
}

// expandSub returns the text of an Fn::Sub string when each of its
// variables is known, from vars (its own map) or r.pseudo.
func (r *subResolver) expandSub(s string, vars *object) (string, bool) {
	if r.budget -= len(s); r.budget < 0 {
		return "", false
	}
	i := strings.Index(s, "${")
	if i < 0 {
		return s, true // nothing to substitute
	}
	// Most strings name a resource or a parameter, such as
	// arn:${AWS::Partition}:s3:::${Bucket}/*: give up on those before
	// building anything.
	for name := range subVars(s[i:]) {
		if _, local := vars.lookup(name); !local {
			if _, ok := r.pseudo[name]; !ok {
				return "", false
			}
		}
	}
	var b strings.Builder
	for ; i >= 0; i = strings.Index(s, "${") {
		b.WriteString(s[:i])
		s = s[i+2:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "", false // malformed, reported by CFN018
		}
		name := s[:end]
		s = s[end+1:]
		if lit, escaped := strings.CutPrefix(name, "!"); escaped {
			b.WriteString("${" + lit + "}")
			continue
		}
		name = strings.TrimSpace(name)
		var text string
		var ok bool
		if v, local := vars.lookup(name); local {
			text, ok = r.resolve(v)
		} else {
			text, ok = r.pseudo[name]
		}
		if !ok {
			return "", false
		}
		b.WriteString(text)
		if r.budget -= len(text); r.budget < 0 {
			return "", false
		}
	}
	b.WriteString(s)
	return b.String(), true
}

// get follows object keys from v, looking through nothing else.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(*object)
		if !ok {
			return nil
		}
		v = m.get(k)
		if isNoValue(v) {
			return nil
		}
	}
	return v
}

// list returns v as a list, or nil.
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// isTrue reports whether v is true or "true" (CloudFormation accepts both).
func isTrue(v any) bool {
	return v == true || v == "true"
}

// isFalse reports whether v is false or "false".
func isFalse(v any) bool {
	return v == false || v == "false"
}

// suggest returns the candidate closest to name, if one is close enough to be
// a likely typo.
func suggest(name string, candidates []string) string {
	return newSuggester(candidates).closest(name)
}

// suggestBudget is how many candidates a suggester looks at before it
// stops suggesting: each unresolved name is compared with every candidate,
// so a template of thousands of resources and as many distinct typos would
// otherwise take minutes. CloudFormation allows 500 resources; a template
// within its quotas never runs out.
const suggestBudget = 1 << 20

// suggester finds likely typos among a fixed list of candidates. A template
// asks the same list (its resources, its parameters) about every name that
// resolves to nothing, often about the same name many times: the lower-case
// candidates are made once, each answer is kept, and a candidate is
// measured only when its length leaves it a chance to be closer than the
// best so far.
type suggester struct {
	candidates []string
	lowered    []string
	answers    map[string]string
	measured   int // candidates looked at, for tests
}

func newSuggester(candidates []string) *suggester {
	s := &suggester{candidates: candidates, lowered: make([]string, len(candidates))}
	for i, c := range candidates {
		s.lowered[i] = strings.ToLower(c)
	}
	return s
}

// closest returns the first candidate at the smallest edit distance from
// name, case aside, if that distance is at most max(2, len(name)/3). A
// candidate that starts with name, or with which name starts, counts as at
// most 2 away. An empty candidate, once the closest, gives way to the next
// candidate if that is within the limit, however much farther it is than
// the empty one, and else is dropped, leaving the candidates after it to
// compete as usual: the answer "" could not tell an empty name from no
// suggestion.
func (s *suggester) closest(name string) string {
	if answer, ok := s.answers[name]; ok {
		return answer
	}
	if s.measured >= suggestBudget {
		return "" // a template of thousands of distinct typos gets no suggestions
	}
	lower := strings.ToLower(name)
	limit := max(2, len(name)/3)
	best, bestDist := -1, limit+1 // farther is never suggested
	s.measured += len(s.lowered)
	for i, lc := range s.lowered {
		gap := abs(len(lc) - len(lower)) // no edit distance is smaller
		forced := best >= 0 && s.candidates[best] == ""
		var d int
		switch {
		case strings.HasPrefix(lc, lower) || strings.HasPrefix(lower, lc):
			d = min(gap, 2) // the distance from a prefix is the gap
		case forced:
			d = boundedEditDistance(lower, lc, limit)
		case gap >= bestDist:
			continue
		default:
			d = boundedEditDistance(lower, lc, bestDist-1)
		}
		switch {
		case forced && d > limit:
			best, bestDist = -1, limit+1
		case forced || d < bestDist:
			best, bestDist = i, d
		}
	}
	answer := ""
	if best >= 0 {
		answer = s.candidates[best]
	}
	if s.answers == nil {
		s.answers = map[string]string{}
	}
	s.answers[name] = answer
	return answer
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// boundedEditDistance returns the edit distance between a and b when it is
// at most k, and k+1 otherwise. It only fills the cells of the table within
// k of the diagonal, the only ones that can lead to a distance of k or less.
func boundedEditDistance(a, b string, k int) int {
	inf := k + 1
	if abs(len(a)-len(b)) > k {
		return inf
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		cur[0] = min(i, inf)
		if lo > 1 {
			cur[lo-1] = inf
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, inf)
			rowMin = min(rowMin, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if rowMin > k {
			return inf
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
