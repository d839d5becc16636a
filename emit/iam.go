package emit

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"pipelines/model"
)

// PolicyDocument is an IAM policy document (identity, resource, trust or
// key policy).
type PolicyDocument struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one policy statement. Actions are always explicit.
type Statement struct {
	Sid       string     `json:"Sid"`
	Effect    string     `json:"Effect"`
	Principal Value      `json:"Principal,omitempty"`
	Action    []string   `json:"Action"`
	Resource  Value      `json:"Resource,omitempty"`
	Condition Conditions `json:"Condition,omitempty"`
}

func (s Statement) encode(e *encodeState) {
	n := 0
	e.field(&n, "Sid")
	e.string(s.Sid)
	e.field(&n, "Effect")
	e.string(s.Effect)
	if s.Principal != nil {
		e.field(&n, "Principal")
		e.value(s.Principal)
	}
	e.field(&n, "Action")
	e.strings(s.Action)
	if s.Resource != nil {
		e.field(&n, "Resource")
		e.value(s.Resource)
	}
	if len(s.Condition) > 0 {
		e.field(&n, "Condition")
		s.Condition.encode(e)
	}
	e.close('{', '}', n)
}

// Principal is the principal of a resource or trust policy: AWS accounts
// or roles, or an AWS service. (A statement's principal may also be "*".)
// A regional service principal, such as CloudWatch Logs', is an Fn::Sub
// of the stack's region.
type Principal struct {
	AWS     Value `json:"AWS,omitempty"`
	Service Value `json:"Service,omitempty"`
}

func (p Principal) encode(e *encodeState) {
	n := 0
	if p.AWS != nil {
		e.field(&n, "AWS")
		e.value(p.AWS)
	}
	if p.Service != nil {
		e.field(&n, "Service")
		e.value(p.Service)
	}
	e.close('{', '}', n)
}

// Conditions are a statement's conditions, each operator and key at most
// once. They render as an object of operators, each an object of keys
// and values, sorted: {"ArnEquals": {"aws:PrincipalArn": ...}, ...}.
type Conditions []Condition

// Condition is a condition key that an operator compares with a value or
// a list of values.
type Condition struct {
	Operator, Key string
	Value         Value
}

func compareConditions(a, b Condition) int {
	return cmp.Or(strings.Compare(a.Operator, b.Operator), strings.Compare(a.Key, b.Key))
}

// MarshalJSON renders the conditions for encoding/json.
func (c Conditions) MarshalJSON() ([]byte, error) {
	var m map[string]map[string]Value
	if c != nil {
		m = map[string]map[string]Value{}
	}
	for _, cond := range c {
		if m[cond.Operator] == nil {
			m[cond.Operator] = map[string]Value{}
		}
		m[cond.Operator][cond.Key] = cond.Value
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (c Conditions) encode(e *encodeState) {
	if c == nil {
		e.put(append(e.bytes(), "null"...))
		return
	}
	if !slices.IsSortedFunc(c, compareConditions) {
		c = slices.SortedFunc(slices.Values(c), compareConditions)
	}
	ops := 0
	for i, cond := range c {
		if i == 0 || cond.Operator != c[i-1].Operator {
			if i > 0 {
				e.close('{', '}', 1) // the previous operator's keys
			}
			e.element('{', ops)
			ops++
			e.key(cond.Operator)
			e.element('{', 0)
		} else {
			e.element('{', 1)
		}
		e.key(cond.Key)
		e.value(cond.Value)
	}
	if ops > 0 {
		e.close('{', '}', 1)
	}
	e.close('{', '}', ops)
}

// policy makes a policy document of statements, sorting each one's
// actions and conditions.
func policy(statements ...Statement) PolicyDocument {
	for i := range statements {
		st := &statements[i]
		slices.Sort(st.Action)
		st.Action = slices.Compact(st.Action)
		slices.SortFunc(st.Condition, compareConditions)
	}
	return PolicyDocument{Version: "2012-10-17", Statement: statements}
}

func allow(sid string, actions []string, resources ...Value) Statement {
	return Statement{Sid: sid, Effect: "Allow", Action: actions, Resource: resources}
}

// servicePrincipal is the principal of an AWS service.
func servicePrincipal(service Value) Principal {
	return Principal{Service: service}
}

// sourceAccountServices are the services documented to send
// aws:SourceAccount when they assume a role, so that a trust policy can
// refuse requests made on behalf of other accounts (the confused-deputy
// problem): CodeBuild's service role setup, EventBridge's condition keys
// and CodeDeploy's page on the confused-deputy problem say so. A service
// that does not send it would fail to assume a role with that condition.
// CodePipeline's documented trust policy has no condition, so its role's
// has none: passing the role needs iam:PassRole in this account, which no
// other account can have.
var sourceAccountServices = map[string]bool{
	"codebuild.amazonaws.com":  true,
	"codedeploy.amazonaws.com": true,
	"events.amazonaws.com":     true,
}

// trustPolicy lets one AWS service assume a role, on behalf of this
// account only where the service says which account it acts for, and on
// the conditions given besides.
func trustPolicy(service string, conditions ...Condition) PolicyDocument {
	st := Statement{
		Sid:       "AssumedBy" + logicalID(strings.TrimSuffix(service, ".amazonaws.com")),
		Effect:    "Allow",
		Principal: servicePrincipal(service),
		Action:    []string{"sts:AssumeRole"},
	}
	if sourceAccountServices[service] {
		conditions = append(conditions, Condition{"StringEquals", "aws:SourceAccount", Ref("AWS::AccountId")})
	}
	if len(conditions) > 0 {
		st.Condition = conditions
	}
	return policy(st)
}

// codeDeployTrustPolicy lets CodeDeploy assume a role for the deployment
// groups of one application only: for deployments through a deployment
// group, as the pipeline's are, CodeDeploy's page on the confused-deputy
// problem gives aws:SourceArn as the group's ARN.
func codeDeployTrustPolicy(app model.PhysicalName) PolicyDocument {
	return trustPolicy("codedeploy.amazonaws.com",
		Condition{"ArnLike", "aws:SourceArn", Arn("codedeploy", "", "", "deploymentgroup:"+app.Sub+"/*")})
}

// RoleProperties is AWS::IAM::Role.
type RoleProperties struct {
	RoleName                 Value          `json:"RoleName"`
	Description              string         `json:"Description"`
	AssumeRolePolicyDocument PolicyDocument `json:"AssumeRolePolicyDocument"`
	MaxSessionDuration       int            `json:"MaxSessionDuration"`
	Tags                     []Tag          `json:"Tags"`
}

// ManagedPolicyProperties is AWS::IAM::ManagedPolicy.
type ManagedPolicyProperties struct {
	ManagedPolicyName Value          `json:"ManagedPolicyName"`
	Description       string         `json:"Description"`
	Roles             []Value        `json:"Roles"`
	PolicyDocument    PolicyDocument `json:"PolicyDocument"`
}

// PolicyProperties is AWS::IAM::Policy: a role's permissions, kept apart
// from the role so that other resources can name the role before its
// permissions reference them.
type PolicyProperties struct {
	PolicyName     Value          `json:"PolicyName"`
	Roles          []Value        `json:"Roles"`
	PolicyDocument PolicyDocument `json:"PolicyDocument"`
}
