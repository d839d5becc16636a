package emit

import (
	"slices"
	"strings"
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

// Conditions maps a condition operator to its keys and values.
type Conditions map[string]map[string]Value

func policy(statements ...Statement) PolicyDocument {
	for i := range statements {
		slices.Sort(statements[i].Action)
		statements[i].Action = slices.Compact(statements[i].Action)
	}
	return PolicyDocument{Version: "2012-10-17", Statement: statements}
}

func allow(sid string, actions []string, resources ...Value) Statement {
	return Statement{Sid: sid, Effect: "Allow", Action: actions, Resource: resources}
}

// servicePrincipal is the principal of an AWS service.
func servicePrincipal(service string) map[string]string {
	return map[string]string{"Service": service}
}

// sourceAccountServices are the services documented to send
// aws:SourceAccount when they assume a role, so that a trust policy can
// refuse requests made on behalf of other accounts (the confused-deputy
// problem). Others would fail to assume a role with that condition.
var sourceAccountServices = map[string]bool{
	"codebuild.amazonaws.com":    true,
	"codepipeline.amazonaws.com": true,
	"events.amazonaws.com":       true,
}

// trustPolicy lets one AWS service assume a role, on behalf of this
// account only where the service says which account it acts for.
func trustPolicy(service string) PolicyDocument {
	st := Statement{
		Sid:       "AssumedBy" + logicalID(strings.TrimSuffix(service, ".amazonaws.com")),
		Effect:    "Allow",
		Principal: servicePrincipal(service),
		Action:    []string{"sts:AssumeRole"},
	}
	if sourceAccountServices[service] {
		st.Condition = Conditions{"StringEquals": {"aws:SourceAccount": Ref("AWS::AccountId")}}
	}
	return policy(st)
}

// RoleProperties is AWS::IAM::Role.
type RoleProperties struct {
	RoleName                 Value          `json:"RoleName"`
	Description              string         `json:"Description"`
	AssumeRolePolicyDocument PolicyDocument `json:"AssumeRolePolicyDocument"`
	MaxSessionDuration       int            `json:"MaxSessionDuration"`
	Tags                     []Tag          `json:"Tags"`
}

// PolicyProperties is AWS::IAM::Policy: a role's permissions, kept apart
// from the role so that other resources can name the role before its
// permissions reference them.
type PolicyProperties struct {
	PolicyName     Value          `json:"PolicyName"`
	Roles          []Value        `json:"Roles"`
	PolicyDocument PolicyDocument `json:"PolicyDocument"`
}
