package config_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestServiceNamesAreSafeFolders: a service's name is the folder of its
// templates in out/, so a name that could leave out/, nest, or differ
// from another only by case is refused, with its reason.
func TestServiceNamesAreSafeFolders(t *testing.T) {
	const why = ` is not a valid service name. Use lowercase letters and digits, starting with a letter, in words joined by single hyphens, such as "orders-api". The name is also the folder of the service's templates in out/, and part of its AWS names.`
	src := base + `service "orders" {}
service "Orders" {}
service "../x" {}
service "a/b" {}
service "/etc" {}
service "." {}
`
	_, diags := loadString(t, src)
	want := []string{
		`23:9: Invalid service name: "Orders"` + why,
		`24:9: Invalid service name: "../x"` + why,
		`25:9: Invalid service name: "a/b"` + why,
		`26:9: Invalid service name: "/etc"` + why,
		`27:9: Invalid service name: "."` + why,
	}
	if diff := cmp.Diff(want, diagDetails(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
