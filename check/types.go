package check

import (
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Resource type names come in a few shapes: AWS::Service::Resource,
// Alexa::ASK::Skill, Custom::Name (alphanumerics and _@-, up to 60) and the
// Organization::Service::Resource of third-party registry extensions, with
// ::MODULE after it for modules.
var (
	registryTypePattern = regexp.MustCompile(`^([A-Za-z0-9]+)::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?$`)
	customTypePattern   = regexp.MustCompile(`^Custom::[A-Za-z0-9_@-]{1,60}$`)
)

// typeNamespaces are the first parts of a type name that AWS spells, and
// whose near misses are typos rather than third-party organizations.
var typeNamespaces = []string{"AWS", "Alexa", "Custom"}

// typeProblem says why a resource type that has no schema here is wrong:
// rule is "" for a well-formed type the checker simply does not know,
// CFN003 for a name of no valid shape and CFN006 for a near miss of a type
// or namespace CloudFormation spells otherwise. suggestion is the type
// the user probably meant, or "".
func typeProblem(typ string) (rule, suggestion string) {
	if customTypePattern.MatchString(typ) {
		return "", ""
	}
	m := registryTypePattern.FindStringSubmatch(typ)
	if m == nil {
		if strings.HasPrefix(typ, "Custom::") {
			return "CFN003", ""
		}
		return "CFN003", closestType(typ)
	}
	if t := closestType(typ); t != "" {
		return "CFN006", t
	}
	ns := m[1]
	for _, want := range typeNamespaces {
		if ns == want {
			return "", ""
		}
	}
	for _, want := range typeNamespaces {
		if strings.EqualFold(ns, want) || boundedEditDistance(strings.ToLower(ns), strings.ToLower(want), 1) <= 1 {
			return "CFN006", want + strings.TrimPrefix(typ, ns)
		}
	}
	return "", "" // a third-party extension
}

// closestType returns the type with a schema here that typ misspells: the
// same name but for letter case, one edit away, or two away for names of
// 20 characters or more. Real types lie farther from each other than that
// (AWS::IoT::Policy is two edits from AWS::IAM::Policy), so a type that
// exists is not taken for a typo.
func closestType(typ string) string {
	resourceTypesOnce.Do(loadResourceTypes)
	lower := strings.ToLower(typ)
	limit := 1
	if len(typ) >= 20 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for i, lt := range lowerResourceTypes {
		if d := boundedEditDistance(lower, lt, limit); d < bestDist {
			best, bestDist = resourceTypes[i], d
		}
	}
	return best
}

var (
	resourceTypesOnce  sync.Once
	resourceTypes      []string // the types with a schema, sorted
	lowerResourceTypes []string // resourceTypes in lower case
)

func loadResourceTypes() {
	schemasOnce.Do(loadSchemas)
	for name := range schemasByType {
		resourceTypes = append(resourceTypes, name)
	}
	slices.Sort(resourceTypes)
	for _, name := range resourceTypes {
		lowerResourceTypes = append(lowerResourceTypes, strings.ToLower(name))
	}
}
