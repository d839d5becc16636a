package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestInheritedBy: a value of defaults that services inherit names the
// services it is a problem in, five at most, unless it is all of them.
func TestInheritedBy(t *testing.T) {
	tests := []struct {
		names []string
		total int
		want  string
	}{
		{[]string{"orders", "payments"}, 2, ""},
		{[]string{"orders"}, 3, ` It is a problem in service "orders", which inherits the value.`},
		{[]string{"orders", "payments"}, 3, ` It is a problem in 2 of the 3 services, which inherit the value: "orders", "payments".`},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, 10, ` It is a problem in 7 of the 10 services, which inherit the value: "a", "b", "c", "d", "e" and 2 more.`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, InheritedBy(tt.names, tt.total)); diff != "" {
			t.Errorf("InheritedBy(%q, %d) (-want +got):\n%s", tt.names, tt.total, diff)
		}
	}
}
