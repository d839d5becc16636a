package check

import "testing"

// conditions is a template with the body of a Conditions object, a
// parameter Env to compare and a topic that uses condition A.
func conditions(body string) string {
	return `{"Parameters": {"Env": {"Type": "String"}}, "Conditions": {` + body + `},
		"Resources": {"T": {"Type": "AWS::SNS::Topic", "Condition": "A"}}}`
}

func TestConditions(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "well formed", rule: "CFN0", template: conditions(`
			"A": {"Fn::And": [{"Condition": "B"}, {"Fn::Not": [{"Condition": "C"}]}]},
			"B": {"Fn::Or": [{"Fn::Equals": [{"Ref": "Env"}, "dev"]}, {"Condition": "C"}]},
			"C": {"Fn::Equals": ["prod", {"Ref": "Env"}]}`)},
		{name: "malformed functions", rule: "CFN018", template: conditions(`
			"A": {"Fn::Equals": []},
			"B": {"Fn::Not": [{"Condition": "A"}, {"Condition": "A"}]},
			"C": {"Fn::And": [{"Condition": "A"}]},
			"D": {"Fn::Or": {"Condition": "A"}},
			"E": {"Fn::Or": [{"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"},
				{"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"}, {"Condition": "A"}]}`),
			want: []string{"Template CFN018", "Template CFN018", "Template CFN018", "Template CFN018", "Template CFN018"},
			msgs: []string{
				"Conditions.A: Fn::Equals takes [value1, value2], the two values it compares.",
				"Conditions.B: Fn::Not takes [condition], a list of the one condition it negates.",
				"Conditions.C: Fn::And takes a list of 2 to 10 conditions.",
				"Conditions.D: Fn::Or takes a list of 2 to 10 conditions.",
				"Conditions.E: Fn::Or takes a list of 2 to 10 conditions.",
			}},
		{name: "condition refers to itself", rule: "CFN025", template: conditions(`"A": {"Fn::Not": [{"Condition": "A"}]}`),
			want: []string{"Template CFN025"},
			msgs: []string{"Conditions.A: the conditions form a cycle: A → A; a condition cannot depend on itself, so remove one of these Condition references."}},
		{name: "conditions refer to each other", rule: "CFN025", template: conditions(`
			"A": {"Fn::And": [{"Condition": "C"}, {"Fn::Equals": [{"Ref": "Env"}, "dev"]}]},
			"B": {"Fn::Not": [{"Condition": "A"}]},
			"C": {"Fn::Or": [{"Condition": "B"}, {"Condition": "D"}]},
			"D": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
			"E": {"Fn::Not": [{"Condition": "D"}]}`),
			want: []string{"Template CFN025"},
			msgs: []string{"Conditions.A: the conditions form a cycle: A → C → B → A; a condition cannot depend on itself, so remove one of these Condition references."}},
		{name: "undeclared condition, no cycle", rule: "CFN02", template: conditions(`"A": {"Fn::Not": [{"Condition": "Z"}]}`),
			want: []string{"Template CFN023"}},
	})
}
