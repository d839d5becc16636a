package check

import (
	"fmt"
	"slices"
	"strings"
)

// supportedRuntimes lists the Lambda runtimes that receive security updates.
// Keep it current with AWS's runtime deprecation schedule.
var supportedRuntimes = []string{
	"dotnet8",
	"java17", "java21",
	"nodejs20.x", "nodejs22.x", "nodejs24.x",
	"provided.al2", "provided.al2023",
	"python3.11", "python3.12", "python3.13", "python3.14",
	"ruby3.3", "ruby3.4",
}

// checkLambda applies PL090, PL091 and PL092.
func checkLambda(t *template) {
	for id, r := range t.each() {
		switch r.typ {
		case "AWS::Lambda::Function":
			if rt, ok := literal(get(r.props, "Runtime")); ok && !slices.Contains(supportedRuntimes, rt) {
				t.reportf(id, "PL090", "Properties.Runtime %q is deprecated or unknown; use a supported runtime such as \"python3.13\", \"nodejs22.x\", \"java21\" or \"provided.al2023\".", rt)
			}
			checkFunctionSubnets(t, id, get(r.props, "VpcConfig", "SubnetIds"))
		case "AWS::Lambda::Permission":
			checkPermission(t, id, r.props)
		}
	}
}

func checkPermission(t *template, id string, p *object) {
	principal, ok := literal(get(p, "Principal"))
	if !ok {
		return
	}
	if principal == "*" {
		t.report(id, "PL091", "Properties.Principal is \"*\", so anyone may invoke the function; name the service principal or account that needs it.")
		return
	}
	if strings.HasSuffix(principal, ".amazonaws.com") && get(p, "SourceArn") == nil && get(p, "SourceAccount") == nil {
		t.reportf(id, "PL091", "Properties.Principal %q has no SourceArn or SourceAccount, so any account's %s could invoke the function; set SourceArn to the calling resource.", principal, principal)
	}
}

// checkFunctionSubnets applies PL092 to the SubnetIds of a function's
// VpcConfig: a literal list, or a Ref to a parameter whose default lists
// them. Subnet ids do not tell their Availability Zone, so one subnet is
// what is known to be too few; none puts the function outside any VPC, and
// a list computed otherwise is not read.
func checkFunctionSubnets(t *template, id string, subnets any) {
	if subnets == nil {
		return
	}
	what, n := "Properties.VpcConfig.SubnetIds lists", 0
	switch x := subnets.(type) {
	case []any:
		n = len(x) // none: the function is not in a VPC
	default:
		name, ok := refName(x)
		p := t.params[name]
		if !ok || p == nil {
			return
		}
		def, ok := literal(p.raw.get("Default"))
		if !ok || def == "" {
			return // given at deployment
		}
		what, n = fmt.Sprintf("Properties.VpcConfig.SubnetIds is the parameter %s, whose default lists", name), len(listMembers(def))
	}
	if n == 1 {
		t.reportf(id, "PL092", "%s 1 subnet; a function in a VPC needs subnets in at least two Availability Zones to keep running when one fails. List a private subnet of each of two or more Availability Zones.", what)
	}
}
