package check

import (
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

// checkLambda applies PL090 and PL091.
func checkLambda(t *template) {
	for id, r := range t.each() {
		switch r.typ {
		case "AWS::Lambda::Function":
			if rt, ok := literal(get(r.props, "Runtime")); ok && !slices.Contains(supportedRuntimes, rt) {
				t.reportf(id, "PL090", "Properties.Runtime %q is deprecated or unknown; use a supported runtime such as \"python3.13\", \"nodejs22.x\", \"java21\" or \"provided.al2023\".", rt)
			}
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
