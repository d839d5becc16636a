package check

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// docKind says which elements a policy document must and must not have.
type docKind int

const (
	identityPolicy docKind = iota // attached to a role: no Principal
	trustPolicy                   // AssumeRolePolicyDocument: Principal, no Resource
	resourcePolicy                // key, bucket and topic policies: Principal and Resource
)

// policyDoc is one policy document held by a resource.
type policyDoc struct {
	resource string
	path     string
	kind     docKind
	doc      any  // the document, decoded when it was given as a JSON string
	decoded  bool // it was given as a JSON string
}

// statement is one statement of a policy document.
type statement struct {
	doc    *policyDoc
	path   string
	m      *object
	branch bool // a branch of an Fn::If: in the policy only as its condition has it
}

func (s statement) effect() string {
	e, _ := s.m.get("Effect").(string)
	return e
}

// policyDocs returns every policy document of the template, in resource
// order. It is computed once per template.
func (t *template) policyDocs() []policyDoc {
	if t.docs != nil {
		return t.docs
	}
	t.docs = []policyDoc{}
	add := func(r *resource, path string, kind docKind, v any) {
		for b := range eachBranch(v) {
			_, decoded := b.(string)
			t.docs = append(t.docs, policyDoc{resource: r.id, path: path, kind: kind, doc: decodePolicy(b), decoded: decoded})
		}
	}
	for _, r := range t.each() {
		p := r.props
		if p == nil {
			continue
		}
		switch r.typ {
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
			add(r, "Properties.PolicyDocument", identityPolicy, p.get("PolicyDocument"))
		case "AWS::IAM::Role":
			add(r, "Properties.AssumeRolePolicyDocument", trustPolicy, p.get("AssumeRolePolicyDocument"))
			for i, pol := range list(p.get("Policies")) {
				add(r, "Properties.Policies["+strconv.Itoa(i)+"].PolicyDocument", identityPolicy, get(pol, "PolicyDocument"))
			}
		case "AWS::KMS::Key":
			add(r, "Properties.KeyPolicy", resourcePolicy, p.get("KeyPolicy"))
		case "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy":
			add(r, "Properties.PolicyDocument", resourcePolicy, p.get("PolicyDocument"))
		}
	}
	return t.docs
}

// decodePolicy parses a policy given as a JSON string; other values are
// returned as they are.
func decodePolicy(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	doc, err := decodeJSON(s)
	if err != nil {
		return v
	}
	return doc
}

// statements returns the statements of every policy document, looking
// through Fn::If.
func (t *template) statements() []statement {
	if t.stmts != nil {
		t.visited += len(t.stmts)
		return t.stmts
	}
	out := []statement{}
	docs := t.policyDocs()
	for i := range docs {
		d := &docs[i]
		stmts := get(d.doc, "Statement")
		items := []any{stmts}
		if l, ok := stmts.([]any); ok {
			items = l
		}
		for j, item := range items {
			path := d.path + ".Statement"
			if _, isList := stmts.([]any); isList {
				path += "[" + strconv.Itoa(j) + "]"
			}
			_, _, branch := intrinsic(item)
			for b := range eachBranch(item) {
				if m, ok := b.(*object); ok && !isIntrinsic(m) {
					out = append(out, statement{doc: d, path: path, m: m, branch: branch})
				}
			}
		}
	}
	t.stmts = out
	t.visited += len(out)
	return out
}

var statementKeys = []string{"Action", "Condition", "Effect", "NotAction", "NotPrincipal", "NotResource", "Principal", "Resource", "Sid"}

var (
	accountPattern    = regexp.MustCompile(`^\d{12}$`)
	principalArnShape = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:(root|role/[\w+=,.@/-]+)$`)
)

// isActionName reports whether a is "service:Operation", where the operation
// may hold * and ? wildcards.
func isActionName(a string) bool {
	service, op, ok := strings.Cut(a, ":")
	if !ok || service == "" || op == "" {
		return false
	}
	for _, c := range []byte(service) {
		if !isAlnum(c) && c != '-' {
			return false
		}
	}
	for _, c := range []byte(op) {
		if !isAlnum(c) && c != '*' && c != '?' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// checkPolicyDocuments checks the shape of every policy document (PL001).
func checkPolicyDocuments(t *template) {
	for _, d := range t.policyDocs() {
		checkDocShape(t, d)
	}
	// Statements come a policy at a time: sids holds the Sids of the
	// policy doc so far, each with the first statement that has it.
	type sidAt struct {
		sid, path string
		branch    bool
	}
	var doc *policyDoc
	var sids []sidAt
	for _, s := range t.statements() {
		checkStatementShape(t, s)
		// IAM requires the Sids of a policy to differ. Statements of one
		// index are branches of an Fn::If, of which only one is kept, and
		// two branches of Fn::Ifs may never be in the policy at once, as
		// their conditions may exclude each other.
		sid, ok := s.m.get("Sid").(string)
		if !ok || sid == "" || s.doc.kind == resourcePolicy {
			continue
		}
		if s.doc != doc {
			doc, sids = s.doc, sids[:0]
		}
		switch i := slices.IndexFunc(sids, func(x sidAt) bool { return x.sid == sid }); {
		case i < 0:
			sids = append(sids, sidAt{sid, s.path, s.branch})
		case sids[i].path != s.path && !(sids[i].branch && s.branch):
			t.reportf(s.doc.resource, "PL001", "%s.Sid %q is also the Sid of %s; IAM requires the Sids of a policy to differ.", s.path, sid, sids[i].path)
		}
	}
}

// sidSuggestion turns text into a Sid IAM accepts: the letters and digits
// of each word, each word capitalized ("Read artifacts" gives
// "ReadArtifacts").
func sidSuggestion(sid string) string {
	var b strings.Builder
	upper := true
	for i := range len(sid) {
		c := sid[i]
		switch {
		case !isAlnum(c):
			upper = true
		case upper && c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
			upper = false
		default:
			b.WriteByte(c)
			upper = false
		}
	}
	if b.Len() == 0 {
		return "Statement1"
	}
	return b.String()
}

// iamSid reports whether a Sid is one IAM accepts in a policy: ASCII
// letters and digits only
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
func iamSid(sid string) bool {
	for i := range len(sid) {
		if !isAlnum(sid[i]) {
			return false
		}
	}
	return true
}

func checkDocShape(t *template, d policyDoc) {
	if isIntrinsic(d.doc) {
		return
	}
	if str, ok := d.doc.(string); ok {
		t.reportf(d.resource, "PL001", "%s is a string that is not valid JSON (%s); give the policy as a JSON object.", d.path, show(str))
		return
	}
	m, ok := d.doc.(*object)
	if !ok {
		t.reportf(d.resource, "PL001", "%s is %s; a policy document is an object with Version and Statement.", d.path, jsonKind(d.doc))
		return
	}
	for _, kv := range m.all() {
		k := kv.key
		if k != "Version" && k != "Statement" && k != "Id" {
			t.reportf(d.resource, "PL001", "%s.%s is not a policy element; a policy document holds Version, Id and Statement.", d.path, k)
		}
	}
	if v := m.get("Version"); v != "2012-10-17" {
		if v == nil {
			t.reportf(d.resource, "PL001", "%s has no Version; set it to \"2012-10-17\" (the older default disables policy variables).", d.path)
		} else {
			t.reportf(d.resource, "PL001", "%s.Version is %s; use \"2012-10-17\".", d.path, show(v))
		}
	}
	switch st := m.get("Statement").(type) {
	case nil:
		t.reportf(d.resource, "PL001", "%s has no Statement; a policy needs at least one statement.", d.path)
	case []any:
		if len(st) == 0 {
			t.reportf(d.resource, "PL001", "%s.Statement is empty; a policy needs at least one statement.", d.path)
		}
		for i, item := range st {
			if _, ok := item.(*object); !ok {
				t.reportf(d.resource, "PL001", "%s.Statement[%d] is %s; each statement is an object.", d.path, i, jsonKind(item))
			}
		}
	case *object:
	default:
		t.reportf(d.resource, "PL001", "%s.Statement is %s; it must be a statement object or a list of them.", d.path, jsonKind(st))
	}
}

func checkStatementShape(t *template, s statement) {
	res := s.doc.resource
	for _, kv := range s.m.all() {
		k := kv.key
		if !slices.Contains(statementKeys, k) {
			msg := s.path + "." + k + " is not a statement element"
			if sug := suggest(k, statementKeys); sug != "" {
				msg += "; did you mean " + sug + "?"
			} else {
				msg += "; use Sid, Effect, Principal, Action, Resource and Condition."
			}
			t.report(res, "PL001", msg)
		}
	}
	switch e, has := s.m.lookup("Effect"); {
	case !has:
		t.reportf(res, "PL001", "%s has no Effect; set it to \"Allow\" or \"Deny\".", s.path)
	case e != "Allow" && e != "Deny" && !isIntrinsic(e):
		t.reportf(res, "PL001", "%s.Effect is %s; use \"Allow\" or \"Deny\".", s.path, show(e))
	}
	if _, has := s.m.lookup("Sid"); has {
		switch sid, ok := s.m.get("Sid").(string); {
		case !ok:
			t.reportf(res, "PL001", "%s.Sid must be a string.", s.path)
		case s.doc.kind != resourcePolicy && !iamSid(sid):
			t.reportf(res, "PL001", "%s.Sid %s holds characters IAM refuses in a Sid; use only ASCII letters and digits, such as %q.", s.path, show(sid), sidSuggestion(sid))
		}
	}
	checkOneOf(t, s, "Action", "NotAction", true)
	switch s.doc.kind {
	case identityPolicy:
		checkOneOf(t, s, "Resource", "NotResource", true)
		for _, k := range []string{"Principal", "NotPrincipal"} {
			if _, has := s.m.lookup(k); has {
				t.reportf(res, "PL001", "%s.%s is not allowed in an identity policy; the role it is attached to is the principal.", s.path, k)
			}
		}
	case trustPolicy:
		checkOneOf(t, s, "Principal", "NotPrincipal", true)
		for _, k := range []string{"Resource", "NotResource"} {
			if _, has := s.m.lookup(k); has {
				t.reportf(res, "PL001", "%s.%s is not allowed in a trust policy; IAM rejects it.", s.path, k)
			}
		}
	case resourcePolicy:
		checkOneOf(t, s, "Principal", "NotPrincipal", true)
		checkOneOf(t, s, "Resource", "NotResource", true)
	}
	for _, k := range []string{"Action", "NotAction"} {
		checkActionShape(t, s, k)
	}
	for _, k := range []string{"Resource", "NotResource"} {
		checkStringsShape(t, s, k)
	}
	checkPrincipalShape(t, s)
	checkConditionShape(t, s)
}

// checkOneOf requires exactly one of a and b (when required) and never both.
func checkOneOf(t *template, s statement, a, b string, required bool) {
	_, hasA := s.m.lookup(a)
	_, hasB := s.m.lookup(b)
	switch {
	case hasA && hasB:
		t.reportf(s.doc.resource, "PL001", "%s sets both %s and %s; use only %s.", s.path, a, b, a)
	case required && !hasA && !hasB:
		t.reportf(s.doc.resource, "PL001", "%s has no %s.", s.path, a)
	}
}

// checkStringsShape requires a string or a list of strings (or intrinsics).
func checkStringsShape(t *template, s statement, key string) bool {
	v, has := s.m.lookup(key)
	if !has || isIntrinsic(v) {
		return has
	}
	ok := true
	switch x := v.(type) {
	case string:
	case []any:
		if len(x) == 0 {
			ok = false
		}
		for _, item := range x {
			if _, isString := item.(string); !isString && !isIntrinsic(item) {
				ok = false
			}
		}
	default:
		ok = false
	}
	if !ok {
		t.reportf(s.doc.resource, "PL001", "%s.%s must be a string or a non-empty list of strings.", s.path, key)
	}
	return ok
}

func checkActionShape(t *template, s statement, key string) {
	if !checkStringsShape(t, s, key) {
		return
	}
	actions, _ := literals(s.m.get(key))
	for _, a := range actions {
		if a != "*" && !isActionName(a) {
			t.reportf(s.doc.resource, "PL001", "%s.%s %q is not an action; actions look like \"service:Operation\".", s.path, key, a)
		}
	}
}

func checkPrincipalShape(t *template, s statement) {
	for _, key := range []string{"Principal", "NotPrincipal"} {
		v, has := s.m.lookup(key)
		if !has || v == "*" || isIntrinsic(v) {
			continue
		}
		m, ok := v.(*object)
		if !ok || m.len() == 0 {
			t.reportf(s.doc.resource, "PL001", "%s.%s must be \"*\" or an object with AWS, Service, Federated or CanonicalUser.", s.path, key)
			continue
		}
		for _, kv := range m.all() {
			k := kv.key
			switch k {
			case "AWS", "Service", "Federated", "CanonicalUser":
			default:
				t.reportf(s.doc.resource, "PL001", "%s.%s.%s is not a principal type; use AWS, Service, Federated or CanonicalUser.", s.path, key, k)
			}
		}
	}
}

func checkConditionShape(t *template, s statement) {
	v, has := s.m.lookup("Condition")
	if !has || isIntrinsic(v) {
		return
	}
	m, ok := v.(*object)
	if !ok {
		t.reportf(s.doc.resource, "PL001", "%s.Condition must be an object of condition operators.", s.path)
		return
	}
	for _, kv := range m.all() {
		op := kv.key
		if !isConditionOperator(op) && !strings.HasPrefix(op, forEachPrefix) {
			msg := fmt.Sprintf("%s.Condition.%s is not a condition operator, and the policy is refused", s.path, op)
			if near := suggest(op, conditionOperatorSpellings); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += "; use one such as StringEquals, StringLike, ArnEquals, ArnLike, Bool, IpAddress, NumericLessThan, DateGreaterThan or Null."
			}
			t.report(s.doc.resource, "PL001", msg)
		}
		if _, ok := kv.val.(*object); !ok && !isIntrinsic(kv.val) {
			t.reportf(s.doc.resource, "PL001", "%s.Condition.%s must be an object of condition keys and values.", s.path, op)
		}
	}
}

// conditionOperators are the condition operators of the policy language
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
// IAM, KMS, S3 and SNS refuse a policy with any other. Each
// but Null also takes the suffix IfExists, and each the prefix
// ForAllValues: or ForAnyValue:.
var conditionOperators = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
	"StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
	"NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
	"DateGreaterThan", "DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
}

// conditionOperatorSpellings are the operators as the documentation
// spells them, with their prefixes and IfExists, sorted: most policies
// spell them so, and a misspelled one is told the closest of them, which
// keeps the prefix and IfExists it has.
var conditionOperatorSpellings = func() []string {
	var all []string
	for _, prefix := range []string{"", "ForAllValues:", "ForAnyValue:"} {
		for _, op := range conditionOperators {
			all = append(all, prefix+op)
			if op != "Null" {
				all = append(all, prefix+op+"IfExists")
			}
		}
	}
	slices.Sort(all)
	return all
}()

// conditionOperatorSet holds conditionOperatorSpellings.
var conditionOperatorSet = func() map[string]bool {
	set := make(map[string]bool, len(conditionOperatorSpellings))
	for _, op := range conditionOperatorSpellings {
		set[op] = true
	}
	return set
}()

// isConditionOperator reports whether op is a condition operator, letter
// case aside, with its optional set prefix and IfExists suffix.
func isConditionOperator(op string) bool {
	if conditionOperatorSet[op] {
		return true
	}
	if !isASCII(op) {
		return false // EqualFold would take "ſ" for "s"
	}
	for _, prefix := range []string{"ForAllValues:", "ForAnyValue:"} {
		if len(op) > len(prefix) && strings.EqualFold(op[:len(prefix)], prefix) {
			op = op[len(prefix):]
			break
		}
	}
	const ifExists = "IfExists"
	for _, known := range conditionOperators {
		if strings.EqualFold(op, known) {
			return true
		}
		if known != "Null" && len(op) == len(known)+len(ifExists) &&
			strings.EqualFold(op[:len(known)], known) && strings.EqualFold(op[len(known):], ifExists) {
			return true
		}
	}
	return false
}

// isTLSDeny reports whether a statement is the TLS-only Deny shape:
// Condition {"Bool": {"aws:SecureTransport": "false"}}.
func isTLSDeny(s statement) bool {
	if s.effect() != "Deny" {
		return false
	}
	cond, ok := s.m.get("Condition").(*object)
	if !ok || cond.len() != 1 {
		return false
	}
	b, ok := cond.get("Bool").(*object)
	return ok && b.len() == 1 && isFalse(b.get("aws:SecureTransport"))
}

func isWildcard(action string) bool {
	return strings.ContainsAny(action, "*?")
}

// checkActions reports wildcard actions (PL002) and actions no service has
// (PL013): IAM accepts a policy that names one, and the statement never
// matches it, so a misspelled Allow fails at run time and a misspelled
// Deny denies nothing.
func checkActions(t *template) {
	// Only PL013, a warning, needs the catalogue: a wildcard is no name
	// it knows.
	knows := func(a string) bool { return !t.errorsOnly && iamActions().knows(a) }
	for _, s := range t.statements() {
		actions, _ := literals(s.m.get("Action"))
		// Fn::If branches may give an action many times: each once.
		var reported map[string]bool
		for _, a := range actions {
			if t.errorsOnly && !isWildcard(a) {
				continue
			}
			if knows(a) || reported[a] {
				continue
			}
			if reported == nil {
				reported = map[string]bool{}
			}
			reported[a] = true
			switch {
			case !isWildcard(a):
				t.reportf(s.doc.resource, "PL013", "%s.Action %s %s", s.path, show(a), t.unknownAction(iamActions(), a))
			case isTLSDeny(s) && (a == "s3:*" || a == "sns:*"):
			default:
				t.reportf(s.doc.resource, "PL002", "%s.Action %s is a wildcard; list the actions the %s needs explicitly.", s.path, show(a), principalNoun(s.doc.kind))
			}
		}
	}
	for id, r := range t.each() {
		if r.typ != "AWS::Lambda::Permission" {
			continue
		}
		a, ok := staticString(get(r.props, "Action"), nil)
		switch {
		case !ok || knows(a):
		case isWildcard(a):
			t.reportf(id, "PL002", "Properties.Action %q is a wildcard; use \"lambda:InvokeFunction\".", a)
		case !t.errorsOnly:
			t.reportf(id, "PL013", "Properties.Action %s %s", show(a), t.unknownAction(iamActions(), a))
		}
	}
}

// checkConditionKeys reports a condition on a key of an AWS service that
// an action of its statement does not support (PL014): AWS never puts the
// key in that action's request context, so the condition is false for it
// (true, for an operator that negates), and a Deny it guards denies
// nothing, or an Allow grants nothing, to that action. Only keys that
// must be present are read: with IfExists, Null and ForAllValues, a
// missing key is a case the policy handles.
func checkConditionKeys(t *template) {
	if t.errorsOnly {
		return // PL014 is a warning
	}
	c := iamActions()
	for _, s := range t.statements() {
		cond, ok := s.m.get("Condition").(*object)
		if !ok {
			continue
		}
		// Most conditions test global keys: the actions are read only
		// for a statement with a key of a service.
		var acts *statementActions
		for _, op := range cond.all() {
			keys, ok := op.val.(*object)
			if !ok || !isConditionOperator(op.key) || !keyMustBePresent(op.key) {
				// An operator IAM does not know is PL001's.
				continue
			}
			for _, k := range keys.all() {
				prefix, _, found := strings.Cut(k.key, ":")
				if !found || strings.EqualFold(prefix, "aws") || c.service(prefix) == nil {
					continue // a global key, an identity provider's or no key
				}
				key := k.key
				if !c.tracks(key) || slices.ContainsFunc(crossServiceKeys, func(c string) bool { return strings.EqualFold(c, key) }) {
					continue
				}
				if acts == nil {
					acts = newStatementActions(c, literalsOf(s.m.get("Action")))
				}
				n, lacking := acts.lacking(key)
				if n == 0 {
					continue
				}
				holds := "never holds"
				if negates(op.key) {
					holds = "always holds"
				}
				if n == 1 {
					t.reportf(s.doc.resource, "PL014", "%s.Condition.%s %s is a condition key that %s does not support: AWS never puts it in that action's requests, so the condition %s for it. Use a key the action supports, or give the action a statement of its own.",
						s.path, op.key, show(k.key), lacking[0], holds)
				} else {
					// At most mostLacking are named, then how many more.
					list, last := strings.Join(lacking[:len(lacking)-1], ", "), lacking[len(lacking)-1]
					if more := n - len(lacking); more > 0 {
						list, last = strings.Join(lacking, ", "), fmt.Sprintf("%d more", more)
					}
					t.reportf(s.doc.resource, "PL014", "%s.Condition.%s %s is a condition key that %s and %s do not support: AWS never puts it in those actions' requests, so the condition %s for them. Use keys the actions support, or give them a statement of their own.",
						s.path, op.key, show(k.key), list, last, holds)
				}
			}
		}
	}
}

// statementActions are the actions of a statement that PL014 reads: those
// the catalogue knows, without wildcards, each once, in the statement's
// order, with the sets of keys they support. Actions of a line of the
// catalogue share its set, so a key is looked up once for each set, not
// once for each action.
type statementActions struct {
	names     []string  // the actions
	set       []int     // the index in sets of each action's keys; -1 for none
	sets      []*keySet // distinct
	supported []bool    // by set, for the key lacking last read
}

func newStatementActions(c *actionCatalogue, actions []string) *statementActions {
	sa := &statementActions{}
	seen := map[string]bool{}
	index := map[*keySet]int{}
	for _, a := range actions {
		if seen[a] || isWildcard(a) || !c.knows(a) {
			continue
		}
		seen[a] = true
		i := -1
		if ks := c.keysOf(a); ks != nil {
			var ok bool
			if i, ok = index[ks]; !ok {
				i = len(sa.sets)
				index[ks] = i
				sa.sets = append(sa.sets, ks)
			}
		}
		sa.names = append(sa.names, a)
		sa.set = append(sa.set, i)
	}
	sa.supported = make([]bool, len(sa.sets))
	return sa
}

// mostLacking is how many of the actions that lack a key a finding names.
const mostLacking = 10

// lacking returns how many of the actions do not support key, and the
// first mostLacking of them, shown.
func (sa *statementActions) lacking(key string) (int, []string) {
	for i, ks := range sa.sets {
		sa.supported[i] = ks.has(key)
	}
	n := 0
	var shown []string
	for i, a := range sa.names {
		if j := sa.set[i]; j >= 0 && sa.supported[j] {
			continue
		}
		n++
		if len(shown) < mostLacking {
			shown = append(shown, show(a))
		}
	}
	return n, shown
}

// literalsOf returns the strings v gives, in every branch of its Fn::Ifs.
func literalsOf(v any) []string {
	values, _ := literals(v)
	return values
}

// keyMustBePresent reports whether the condition operator op is false
// (true, when it negates) for a key missing from the request: every
// operator but Null, those with IfExists and those with ForAllValues.
// Operators are read letter case aside, as isConditionOperator reads
// them.
func keyMustBePresent(op string) bool {
	op = strings.ToLower(op)
	return op != "null" && !strings.HasSuffix(op, "ifexists") && !strings.HasPrefix(op, "forallvalues:")
}

// negates reports whether the operator op, without ForAnyValue, holds for
// a key missing from the request: StringNotEquals and the other
// operators that test that a value is not the one given.
func negates(op string) bool {
	op = strings.ToLower(op)
	return !strings.HasPrefix(op, "foranyvalue:") && strings.Contains(op, "not")
}

// crossServiceKeys are the condition keys of a service that AWS puts in
// the requests a principal makes to other services: the cross-service
// keys of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html,
// which the catalogue lists under no action of those services.
var crossServiceKeys = []string{
	"ec2:RoleDelivery", "ec2:SourceInstanceARN", "ec2:SourceInstancePrivateIPv4",
	"glue:CredentialIssuingService", "glue:RoleAssumedBy",
	"identitystore:UserId", "lambda:SourceFunctionArn", "ssm:SourceInstanceArn",
}

func principalNoun(k docKind) string {
	if k == identityPolicy {
		return "role"
	}
	return "principal"
}

// checkNotElements reports NotAction, NotResource and NotPrincipal (PL003).
func checkNotElements(t *template) {
	for _, s := range t.statements() {
		for _, k := range []string{"NotAction", "NotResource", "NotPrincipal"} {
			if _, has := s.m.lookup(k); has {
				t.reportf(s.doc.resource, "PL003", "%s uses %s, which grants everything it does not list; use %s with explicit values.", s.path, k, strings.TrimPrefix(k, "Not"))
			}
		}
	}
}

// checkTrustPolicies requires specific principals in role trust policies
// (PL004).
func checkTrustPolicies(t *template) {
	for _, s := range t.statements() {
		if s.doc.kind != trustPolicy || s.effect() != "Allow" {
			continue
		}
		res := s.doc.resource
		p := s.m.get("Principal")
		if p == "*" {
			t.reportf(res, "PL004", "%s.Principal is \"*\", so anyone could assume the role; name the service principal or the account or role ARN that needs it.", s.path)
			continue
		}
		for _, k := range []string{"AWS", "Service"} {
			values, _ := literals(get(p, k))
			for _, v := range values {
				if msg := badTrustPrincipal(k, v); msg != "" {
					t.reportf(res, "PL004", "%s.Principal.%s %q %s.", s.path, k, v, msg)
				}
			}
		}
	}
}

func badTrustPrincipal(kind, v string) string {
	if strings.Contains(v, "*") {
		return "is a wildcard; name the exact principal that assumes the role"
	}
	switch kind {
	case "Service":
		if !strings.HasSuffix(v, ".amazonaws.com") && !strings.HasSuffix(v, ".amazonaws.com.cn") {
			return "is not a service principal; service principals end in .amazonaws.com"
		}
	case "AWS":
		if !accountPattern.MatchString(v) && !principalArnShape.MatchString(v) {
			return "is not an account ID, account root or role ARN"
		}
	}
	return ""
}

// checkPolicyAttachments reports IAM users, their access keys and groups
// with policies, and policies attached to users or groups (PL005).
func checkPolicyAttachments(t *template) {
	for id, r := range t.each() {
		switch r.typ {
		case "AWS::IAM::User":
			t.report(id, "PL005", "An AWS::IAM::User is a long-term identity: its password and access keys work until someone removes them. Give the workload a role to assume instead (a service principal, or a role of another account named in the trust policy), and give people access through IAM Identity Center.")
		case "AWS::IAM::AccessKey":
			t.report(id, "PL005", "An AWS::IAM::AccessKey is a long-term credential of an IAM user: it works until someone deletes it, wherever it was copied to. Use a role, whose credentials are temporary, instead.")
		case "AWS::IAM::Group":
			for _, k := range []string{"Policies", "ManagedPolicyArns"} {
				if v := get(r.props, k); v != nil && !isEmptyList(v) {
					t.reportf(id, "PL005", "Properties.%s gives permissions to an IAM group, that is to IAM users; give them to the role that needs them instead.", k)
				}
			}
		case "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::UserToGroupAddition":
			t.reportf(id, "PL005", "An %s gives permissions to IAM users; give them to the role that needs them instead.", r.typ)
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
			for _, k := range []string{"Users", "Groups"} {
				if v := get(r.props, k); v != nil && !isEmptyList(v) {
					t.reportf(id, "PL005", "Properties.%s attaches the policy to IAM %s; attach it to the role that needs it (Roles) instead.", k, strings.ToLower(k))
				}
			}
		}
	}
}

// isEmptyList reports whether v is a list with nothing in it.
func isEmptyList(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) == 0
}

// starActions lists the actions that AWS documents as supporting no
// resource-level permissions, or that the calling service's documented
// policy grants on "*" though the Service Authorization Reference gives
// them a resource type, so an identity policy may grant them on Resource
// "*". Keys are lower case.
var starActions = map[string]bool{
	"ecr:getauthorizationtoken":                 true, // registry-wide token; no resource type
	"ec2:createnetworkinterface":                true, // CodeBuild in a VPC; documented with "*"
	"ec2:describedhcpoptions":                   true, // Describe* calls take no resource
	"ec2:describenetworkinterfaces":             true, // Describe* calls take no resource
	"ec2:deletenetworkinterface":                true, // CodeBuild in a VPC; documented with "*"
	"ec2:describesubnets":                       true, // Describe* calls take no resource
	"ec2:describesecuritygroups":                true, // Describe* calls take no resource
	"ec2:describevpcs":                          true, // Describe* calls take no resource
	"ecs:registertaskdefinition":                true, // family named by the caller; CodePipeline's documented policy uses "*"
	"ecs:describetaskdefinition":                true, // takes no resource
	"cloudwatch:describealarms":                 true, // AWSCodeDeployRoleForECS grants it on "*" (it does take alarm ARNs)
	"elasticloadbalancing:describetargetgroups": true, // Describe* calls take no resource
	"elasticloadbalancing:describelisteners":    true, // Describe* calls take no resource
	"elasticloadbalancing:describerules":        true, // Describe* calls take no resource
	"codepipeline:putjobsuccessresult":          true, // job workers; no resource type
	"codepipeline:putjobfailureresult":          true, // job workers; no resource type
	"lambda:listfunctions":                      true, // CodePipeline's Lambda invoke action; no resource type
}

// scopedActions are actions that AWS's Service Authorization Reference
// documents with a resource type, so that a policy can name the resources
// they act on: those the platform's own templates grant on ARNs. Granted
// on Resource "*", they are an error (PL103); other actions on "*", which
// may or may not have a resource type, are PL006's warning. Keys are lower
// case.
var scopedActions = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range []string{
		"codebuild:BatchGetBuilds", "codebuild:StartBuild", "codebuild:StopBuild",
		"codecommit:CancelUploadArchive", "codecommit:GetBranch", "codecommit:GetCommit",
		"codecommit:GetUploadArchiveStatus", "codecommit:UploadArchive",
		"codedeploy:CreateDeployment", "codedeploy:GetApplication", "codedeploy:GetApplicationRevision",
		"codedeploy:GetDeployment", "codedeploy:GetDeploymentConfig", "codedeploy:RegisterApplicationRevision",
		"codepipeline:StartPipelineExecution",
		"ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterfacePermission", "ec2:UnassignPrivateIpAddresses",
		"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
		"ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
		"ecs:CreateTaskSet", "ecs:DeleteTaskSet", "ecs:DescribeServices", "ecs:TagResource",
		"ecs:UpdateServicePrimaryTaskSet",
		"elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule",
		"kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey",
		"lambda:InvokeFunction",
		"logs:CreateLogStream", "logs:PutLogEvents",
		"s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketVersioning",
		"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject",
		"sns:Publish",
		"sts:AssumeRole",
	} {
		m[strings.ToLower(a)] = true
	}
	return m
}()

// kmsDecryptActions are reported by PL008 rather than PL006.
var kmsDecryptActions = map[string]bool{"kms:decrypt": true, "kms:reencryptfrom": true}

// everyResource returns the resources of an Allow statement of an identity
// policy that name every resource of a service, or of every service: "*",
// and ARNs whose resource part is nothing but wildcards, such as
// arn:aws:s3:::*, arn:aws:s3:::*/* or arn:aws:logs:*:*:* (an ARN that names
// a resource type, such as key/*, is left to the other rules: the type is a
// scope, and a condition may narrow it further).
func everyResource(s statement) []string {
	if s.doc.kind != identityPolicy || s.effect() != "Allow" {
		return nil
	}
	v := s.m.get("Resource")
	if !mayEndInWildcard(v) {
		return nil
	}
	resources, _ := literalsWith(v, arnPseudo)
	var every []string
	for _, r := range resources {
		if r == "*" || arnService(r) != "" {
			every = append(every, r)
		}
	}
	return every
}

// mayEndInWildcard reports whether a Resource value may give text whose
// last character is one of those an ARN of every resource ends with (see
// onlyWildcards): false only for text and Fn::Sub of text that end with
// another, as no pseudo parameter of arnPseudo does, and a parameter leaves
// the value unknown. It spares everyResource the expanding of every ARN.
func mayEndInWildcard(v any) bool {
	endsWild := func(s string) bool {
		return s != "" && strings.IndexByte("*?/:", s[len(s)-1]) >= 0
	}
	switch x := v.(type) {
	case string:
		return endsWild(x)
	case []any:
		return slices.ContainsFunc(x, mayEndInWildcard)
	}
	if fn, arg, ok := intrinsic(v); ok && fn == "Fn::Sub" {
		if text, isText := arg.(string); isText {
			return endsWild(text)
		}
	}
	return true // other functions, and Fn::Sub with a variable map
}

// everyResources returns everyResource of each statement of statements,
// in the same order. It is computed once per template.
func (t *template) everyResources() [][]string {
	if t.every == nil {
		stmts := t.statements()
		t.every = make([][]string, len(stmts))
		for i, s := range stmts {
			t.every[i] = everyResource(s)
		}
	}
	return t.every
}

// arnPseudo reads the pseudo parameters of an ARN as text that holds no
// wildcard.
var arnPseudo = map[string]string{"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "111111111111", "AWS::URLSuffix": "amazonaws.com"}

// arnService returns the service of an ARN that names every resource of
// that service ("*" for every service, as in arn:*:*:*:*:*), or "" for an
// ARN that names something narrower, or text that is no ARN.
func arnService(r string) string {
	parts := strings.SplitN(r, ":", 6)
	if parts[0] != "arn" || len(parts) < 2 || !onlyWildcards(parts[len(parts)-1]) {
		return ""
	}
	if len(parts) < 6 && !strings.HasSuffix(r, "*") {
		return "" // too short to be an ARN, and no * stands for the rest
	}
	if len(parts) < 4 {
		return "*" // arn:* or arn:aws:*: the service itself is a wildcard
	}
	if parts[2] == "" {
		return ""
	}
	return parts[2]
}

// onlyWildcards reports whether the resource part of an ARN holds nothing
// but wildcards and the separators between them, with at least one *.
func onlyWildcards(part string) bool {
	return strings.Contains(part, "*") && strings.Trim(part, "*?/:") == ""
}

// coversAction reports whether a resource of everyResource holds every
// resource that action acts on.
func coversAction(resource, action string) bool {
	if resource == "*" {
		return true
	}
	service, _, ok := strings.Cut(action, ":")
	return ok && matchesAction(arnService(resource), service)
}

// onResource says in a message which resource of everyResource a statement
// grants actions on.
func onResource(resource string) string {
	if resource == "*" {
		return `Resource "*"`
	}
	service := arnService(resource)
	if service == "*" {
		return fmt.Sprintf("Resource %q, which names every resource of every service", resource)
	}
	return fmt.Sprintf("Resource %q, which names every resource of the %s service", resource, service)
}

// grant is a resource of everyResource and the actions granted on it.
type grant struct {
	resource string
	actions  []string
}

// byResource groups the actions that keep accepts by the first resource of
// every that covers them, in the order of every; actions that no resource
// covers are left out.
func byResource(every, actions []string, keep func(string) bool) []grant {
	var groups []grant
	for _, r := range every {
		var mine []string
		for _, a := range actions {
			if !keep(a) {
				continue
			}
			first := slices.IndexFunc(every, func(e string) bool { return coversAction(e, a) })
			if first >= 0 && every[first] == r {
				mine = append(mine, a)
			}
		}
		if len(mine) > 0 {
			groups = append(groups, grant{r, mine})
		}
	}
	return groups
}

// actionList names actions for a message: sorted, each once, each cut
// to a length a person reads, and at most ten.
func actionList(actions []string) string {
	actions = slices.Compact(slices.Sorted(slices.Values(actions)))
	const most, longest = 10, 100
	shown := make([]string, 0, min(len(actions), most)+1)
	for _, a := range actions[:min(len(actions), most)] {
		if len(a) > longest {
			a = strings.ToValidUTF8(a[:longest], "") + "…"
		}
		shown = append(shown, a)
	}
	if len(actions) > most {
		shown = append(shown, strconv.Itoa(len(actions)-most)+" more")
	}
	return strings.Join(shown, ", ")
}

// checkResourceStar reports Resource "*", or an ARN that names every
// resource of a service, with actions that support resource-level
// permissions (PL103 for those the platform grants on ARNs, PL006 for the
// others).
func checkResourceStar(t *template) {
	everyOf := t.everyResources()
	for i, s := range t.statements() {
		every := everyOf[i]
		if len(every) == 0 {
			continue
		}
		actions, _ := literals(s.m.get("Action"))
		escalates := passesAnyRole(s)
		kind := make(map[string]string, len(actions)) // action → "scoped", "maybe" or "" to skip
		for _, a := range actions {
			switch la := strings.ToLower(a); {
			case starActions[la] || kmsDecryptActions[la] || isWildcard(a) || escalates && la == "iam:passrole":
				kind[a] = ""
			case scopedActions[la]:
				kind[a] = "scoped"
			default:
				kind[a] = "maybe"
			}
		}
		scoped := func(a string) bool { return kind[a] == "scoped" }
		maybe := func(a string) bool { return kind[a] == "maybe" }
		for _, g := range byResource(every, actions, scoped) {
			t.reportf(s.doc.resource, "PL103", "%s allows %s on %s; these actions act on resources a policy can name: scope them to the ARNs involved.", s.path, actionList(g.actions), onResource(g.resource))
		}
		if t.errorsOnly {
			continue // PL006 is a warning
		}
		for _, g := range byResource(every, actions, maybe) {
			t.reportf(s.doc.resource, "PL006", "%s allows %s on %s; scope them to the ARNs involved (only actions without resource-level permissions may use \"*\").", s.path, actionList(g.actions), onResource(g.resource))
		}
	}
}

// checkPublicResourcePolicies reports Allow statements to everyone without
// a condition in key, bucket and topic policies (PL007).
func checkPublicResourcePolicies(t *template) {
	for _, s := range t.statements() {
		if s.doc.kind != resourcePolicy || s.effect() != "Allow" {
			continue
		}
		if _, hasCond := s.m.lookup("Condition"); hasCond {
			continue
		}
		p := s.m.get("Principal")
		aws, _ := literals(get(p, "AWS"))
		if p == "*" || slices.Contains(aws, "*") {
			t.reportf(s.doc.resource, "PL007", "%s allows everyone (Principal \"*\") without a Condition; name the principals or add a condition that restricts them.", s.path)
		}
	}
}

// checkKMSDecryptAll reports identity policies that allow decryption with
// every key (PL008).
func checkKMSDecryptAll(t *template) {
	everyOf := t.everyResources()
	for i, s := range t.statements() {
		every := everyOf[i]
		if len(every) == 0 {
			continue
		}
		actions, _ := literals(s.m.get("Action"))
		for _, a := range actions {
			if !kmsDecryptActions[strings.ToLower(a)] {
				continue
			}
			if i := slices.IndexFunc(every, func(r string) bool { return coversAction(r, a) }); i >= 0 {
				t.reportf(s.doc.resource, "PL008", "%s allows %s on Resource %q, that is with every KMS key; scope it to the key's ARN.", s.path, a, every[i])
			}
		}
	}
}

// partition reads the ARNs of AWS managed policies in any partition as in
// the aws partition.
var partition = map[string]string{"AWS::Partition": "aws"}

// awsManagedPolicy matches the ARN of an AWS managed policy, in any
// partition and under any path, such as
// arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForECS; the
// submatch is the policy's name.
var awsManagedPolicy = regexp.MustCompile(`^arn:aws[a-z-]*:iam::aws:policy/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)$`)

// broadManagedPolicy reports whether an AWS managed policy of this name
// grants every action of every service (AdministratorAccess and its
// variants such as AdministratorAccess-Amplify, PowerUserAccess) or of a
// whole service (IAMFullAccess, AmazonS3FullAccess and every other
// *FullAccess).
func broadManagedPolicy(name string) bool {
	return name == "AdministratorAccess" || strings.HasPrefix(name, "AdministratorAccess-") ||
		name == "PowerUserAccess" || strings.HasSuffix(name, "FullAccess")
}

// checkManagedPolicyArns reports AWS managed policies that grant broad
// access, attached to a role, user or group (PL009).
func checkManagedPolicyArns(t *template) {
	for id, r := range t.each() {
		switch r.typ {
		case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group":
		default:
			continue
		}
		arns, _ := literalsWith(get(r.props, "ManagedPolicyArns"), partition)
		for _, arn := range arns {
			m := awsManagedPolicy.FindStringSubmatch(arn)
			if m == nil || !broadManagedPolicy(m[1]) {
				continue
			}
			scope := "every action of a whole service"
			switch {
			case m[1] == "PowerUserAccess":
				scope = "every action of every service but most of IAM and Organizations"
			case m[1] == "AdministratorAccess":
				scope = "every action of every service"
			case strings.HasPrefix(m[1], "AdministratorAccess-"):
				scope = "administrative access to several services"
			}
			noun := strings.ToLower(strings.TrimPrefix(r.typ, "AWS::IAM::"))
			t.reportf(id, "PL009", "Properties.ManagedPolicyArns attaches the AWS managed policy %s, which allows %s; attach a policy that lists the actions the %s needs, on the resources it needs them on.", m[1], scope, noun)
		}
	}
}

// accountPseudo reads ARNs of the template's own account and partition.
var accountPseudo = map[string]string{"AWS::Partition": "aws", "AWS::AccountId": ownAccount}

// ownAccount stands for ${AWS::AccountId} in ARNs that staticString reads
// with accountPseudo.
const ownAccount = "${AWS::AccountId}"

// everyRole matches a resource that names every role of an account (or of
// every account): "*", arn:aws:iam::111111111111:* or
// arn:aws:iam::111111111111:role/* (or role*).
var everyRole = regexp.MustCompile(`^(\*|arn:[^:]*:iam::(\d{12}|\*|\$\{AWS::AccountId\})?:(\*|role/?\*))$`)

// passesAnyRole reports whether an identity policy statement allows
// iam:PassRole (by name or by a wildcard) on every role without the
// iam:PassedToService condition key (PL100).
func passesAnyRole(s statement) bool {
	if s.doc.kind != identityPolicy || s.effect() != "Allow" || limitsPassedToService(s) {
		return false
	}
	return anyLiteral(s.m.get("Action"), nil, passRolePattern) &&
		anyLiteral(s.m.get("Resource"), accountPseudo, everyRole.MatchString)
}

// passRolePattern reports whether an action pattern matches iam:PassRole.
func passRolePattern(a string) bool { return matchesAction(a, "iam:PassRole") }

// limitsPassedToService reports whether the statement's Condition names
// the services a role may be passed to: iam:PassedToService under
// StringEquals, or under StringLike with a value that is more than
// wildcards. A negated operator, or a pattern such as "*", lets the role
// go to any service.
func limitsPassedToService(s statement) bool {
	cond, _ := s.m.get("Condition").(*object)
	for _, op := range cond.all() {
		name := strings.ToLower(op.key)
		name = strings.TrimPrefix(strings.TrimPrefix(name, "forallvalues:"), "foranyvalue:")
		name = strings.TrimSuffix(name, "ifexists")
		if name != "stringequals" && name != "stringequalsignorecase" && name != "stringlike" {
			continue
		}
		keys, _ := op.val.(*object)
		for _, k := range keys.all() {
			if !strings.EqualFold(k.key, "iam:PassedToService") {
				continue
			}
			// A value made by a function is taken to name a service.
			values, dynamic := literals(k.val)
			if (dynamic || len(values) > 0) && !slices.ContainsFunc(values, func(v string) bool { return strings.Trim(v, "*?") == "" }) {
				return true
			}
		}
	}
	return false
}

// matchesAction reports whether the action pattern (with IAM's * and ?
// wildcards) matches action, case aside.
func matchesAction(pattern, action string) bool {
	p, a := pattern, action
	// The classic two-pointer glob match: on a mismatch, go back to the
	// last * and let it take one more character.
	pi, ai, star, mark := 0, 0, -1, 0
	for ai < len(a) {
		switch {
		case pi < len(p) && (p[pi] == '?' || lowerASCII(p[pi]) == lowerASCII(a[ai])):
			pi++
			ai++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ai
			pi++
		case star >= 0:
			pi, mark = star+1, mark+1
			ai = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// checkPassRole reports statements that let a role pass any role to any
// service (PL100).
func checkPassRole(t *template) {
	for _, s := range t.statements() {
		if passesAnyRole(s) {
			t.reportf(s.doc.resource, "PL100", "%s allows iam:PassRole on every role without a Condition on iam:PassedToService, so the role can hand any role of the account, an administrator's too, to any service and act with its permissions; name the roles it passes in Resource, and add {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}.", s.path)
		}
	}
}

// wholeAccount matches a Principal.AWS value that names an account rather
// than a role or user in it: an account ID or the account's root ARN,
// either for the template's own account (read with accountPseudo).
var wholeAccount = regexp.MustCompile(`^(?:arn:aws[a-z-]*:iam::)?(\d{12}|\$\{AWS::AccountId\})(?::root)?$`)

// trustedAccount returns the account a Principal.AWS value trusts as a
// whole, or ownAccount for the template's own account.
func trustedAccount(v string) (string, bool) {
	m := wholeAccount.FindStringSubmatch(v)
	if m == nil || strings.HasPrefix(v, "arn:") != strings.HasSuffix(v, ":root") {
		return "", false // an ARN without :root, or :root without an ARN
	}
	return m[1], true
}

// hasCondition reports whether a statement has a Condition with something
// in it.
func hasCondition(s statement) bool {
	v := s.m.get("Condition")
	m, ok := v.(*object)
	if !ok || isIntrinsic(m) {
		return v != nil && !isNoValue(v)
	}
	// A condition limits when one of its tests does: an operator with no
	// keys, or a pattern that is only wildcards, lets every principal in.
	for _, op := range m.all() {
		keys, isObject := op.val.(*object)
		if !isObject {
			return true // not plain JSON: taken to limit
		}
		for _, k := range keys.all() {
			values, dynamic := literals(k.val)
			if dynamic || slices.ContainsFunc(values, func(v string) bool { return strings.Trim(v, "*?") != "" }) {
				return true
			}
		}
	}
	return false
}

// checkAccountTrust reports role trust policies that trust a whole account
// without a condition: PL101 for another account, PL102 for the template's
// own.
func checkAccountTrust(t *template) {
	for _, s := range t.statements() {
		if s.doc.kind != trustPolicy || s.effect() != "Allow" || hasCondition(s) {
			continue
		}
		without := "without a Condition"
		if c := s.m.get("Condition"); c != nil && !isNoValue(c) {
			without = "with only a Condition that every principal meets"
		}
		values, _ := literalsWith(get(s.m.get("Principal"), "AWS"), accountPseudo)
		for _, v := range values {
			account, ok := trustedAccount(v)
			switch {
			case !ok:
			case account == ownAccount:
				t.reportf(s.doc.resource, "PL102", "%s.Principal.AWS trusts the whole of this account (${AWS::AccountId}) %s, so any user or role of the account that its own policies allow sts:AssumeRole on this role can assume it; name the role that needs it, or add a Condition such as {\"ArnEquals\": {\"aws:PrincipalArn\": \"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/<name>\"}}.", s.path, without)
			default:
				t.reportf(s.doc.resource, "PL101", "%s.Principal.AWS trusts the whole of account %s %s, so any user or role there that the account's administrators allow sts:AssumeRole can assume this role; name the role that needs it, or add a Condition such as {\"ArnEquals\": {\"aws:PrincipalArn\": \"arn:${AWS::Partition}:iam::%s:role/<name>\"}}.", s.path, account, without, account)
			}
		}
	}
}
