package config_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEvalContext checks that services.hcl is evaluated with nothing but
// literals: references, functions, templates that interpolate, for
// expressions and splats are each refused with a clear diagnostic, and
// none of them panics or reads anything.
func TestEvalContext(t *testing.T) {
	const context = " Values in services.hcl are literals: there are no variables, no functions, no for expressions and no splats, so the file means the same on every machine. Write the value itself: \"branch\" needs a string in double quotes, such as \"main\"."
	tests := []struct {
		value string // of branch, in a service
		want  []string
	}{
		{`var.x`, []string{`23:12: Unknown variable in "branch": There is no variable named "var".` + context}},
		{`local.x`, []string{`23:12: Unknown variable in "branch": There is no variable named "local".` + context}},
		{`env.HOME`, []string{`23:12: Unknown variable in "branch": There is no variable named "env".` + context}},
		{`path.module`, []string{`23:12: Unknown variable in "branch": There is no variable named "path".` + context}},
		{`upper("main")`, []string{`23:12: Call to unknown function in "branch": There is no function named "upper".` + context}},
		{`file("/etc/passwd")`, []string{`23:12: Call to unknown function in "branch": There is no function named "file".` + context}},
		{`timestamp()`, []string{`23:12: Call to unknown function in "branch": There is no function named "timestamp".` + context}},
		{`"${env}"`, []string{`23:15: Unknown variable in "branch": There is no variable named "env".` + context}},
		{`"release-${var.version}"`, []string{`23:23: Unknown variable in "branch": There is no variable named "var".` + context}},
		{`[for s in ["a"] : s][0]`, []string{`23:12: Unsupported expression in "branch": A for expression is not supported.` + context}},
		{`[for s in var.branches : upper(s)]`, []string{`23:12: Unsupported expression in "branch": A for expression is not supported.` + context}},
		{`"%{for s in ["a", "b"]}${s}%{endfor}"`, []string{`23:13: Unsupported expression in "branch": A for expression is not supported.` + context}},
		{`var.branches[*].name`, []string{`23:12: Unsupported expression in "branch": A splat expression is not supported.` + context}},
		{`["main"][*][0]`, []string{`23:12: Unsupported expression in "branch": A splat expression is not supported.` + context}},
		{`0123`, []string{`23:12: Invalid value for "branch": This is a number, which reads as 123, not as written; "branch" needs a string: write the value in double quotes, as you mean it.`}},
		{`1e3`, []string{`23:12: Invalid value for "branch": This is a number, which reads as 1000, not as written; "branch" needs a string: write the value in double quotes, as you mean it.`}},
		{`{ name = "main" }`, []string{`23:12: Invalid value for "branch": "branch" needs a string in double quotes, such as "main"; found an object.`}},
		{`null`, []string{`23:12: Invalid value for "branch": The value is null; "branch" needs a string in double quotes, such as "main". Give one, or remove the attribute to take the value of defaults or the built-in one, where there is one.`}},
		// In a branch evaluation does not take, too.
		{`true ? "main" : var.fallback`, []string{`23:28: Unknown variable in "branch": There is no variable named "var".` + context}},
		{`true ? "main" : file("/etc/passwd")`, []string{`23:28: Call to unknown function in "branch": There is no function named "file".` + context}},
		{`"%{if false}${env.HOME}%{endif}main"`, []string{`23:26: Unknown variable in "branch": There is no variable named "env".` + context}},
		{`false && upper("x") ? "a" : "main"`, []string{`23:21: Call to unknown function in "branch": There is no function named "upper".` + context}},
		{`"${a}${b}"`, []string{
			`23:15: Unknown variable in "branch": There is no variable named "a".` + context,
			`23:19: Unknown variable in "branch": There is no variable named "b".` + context,
		}},
		// Evaluation's own problems name the attribute and what it needs.
		{`"release-" + 2`, []string{`23:12: Invalid operand in "branch": Unsuitable value for left operand: a number is required. Arithmetic operators take numbers; to join strings, write them as one, such as "release-2" for "release-" + 2. "branch" needs a string in double quotes, such as "main".`}},
		{`1 ? "main" : "release"`, []string{`23:12: Incorrect condition type in "branch": The condition expression must be of type bool. "branch" needs a string in double quotes, such as "main".`}},
		{`["main"][1]`, []string{`23:20: Invalid index in "branch": The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection. "branch" needs a string in double quotes, such as "main".`}},
		{`{ name = "main" }.nme`, []string{`23:29: Unsupported attribute in "branch": This object does not have an attribute named "nme". "branch" needs a string in double quotes, such as "main".`}},
		// Literals, with operators and conditionals over them, evaluate.
		{`"${"main"}"`, nil},
		{`true ? "main" : "release"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			_, diags := loadString(t, base+"service \"orders\" {\n  branch = "+tt.value+"\n}\n")
			if diff := cmp.Diff(tt.want, diagDetails(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestListItemType checks that an item of the wrong type in a list
// written out is pointed at itself, not at the list.
func TestListItemType(t *testing.T) {
	tests := []struct {
		value string // of task_roles, in a service
		want  []string
	}{
		{`["orders-task", ["ecs/orders-execution"]]`, []string{`23:32: Invalid value for "task_roles": "task_roles" needs a list of strings, such as ["a", "b"]; found a list whose item 2 is a list.`}},
		{"[\n    \"orders-task\",\n    null,\n  ]", []string{`25:5: Invalid value for "task_roles": "task_roles" needs a list of strings, such as ["a", "b"]; found a list whose item 2 is null.`}},
		// A list that is not written out is pointed at whole.
		{`(["orders-task", {}])`, []string{`23:16: Invalid value for "task_roles": "task_roles" needs a list of strings, such as ["a", "b"]; found a list whose item 2 is an object.`}},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			_, diags := loadString(t, base+"service \"orders\" {\n  task_roles = "+tt.value+"\n}\n")
			if diff := cmp.Diff(tt.want, diagDetails(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
