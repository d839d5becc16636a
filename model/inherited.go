package model

import (
	"fmt"
	"strconv"
	"strings"
)

// namesShown is how many names a message lists before "and N more".
const namesShown = 5

// NameList quotes names, up to five of them, and counts the others:
// `"orders", "payments" and 3 more`.
func NameList(names []string) string {
	quoted := make([]string, min(len(names), namesShown))
	for i := range quoted {
		quoted[i] = strconv.Quote(names[i])
	}
	list := strings.Join(quoted, ", ")
	if more := len(names) - len(quoted); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return list
}

// InheritedBy ends the detail of a problem with a value of defaults
// reported once, where defaults write it: the sentence that names the
// services, of the total validated, that it is a problem in, which
// inherit the value. It is "" when the value is a problem in all of them.
func InheritedBy(names []string, total int) string {
	switch {
	case len(names) == total:
		return ""
	case len(names) == 1:
		return fmt.Sprintf(" It is a problem in service %q, which inherits the value.", names[0])
	}
	return fmt.Sprintf(" It is a problem in %d of the %d services, which inherit the value: %s.", len(names), total, NameList(names))
}
