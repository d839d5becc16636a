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

// conditionalTopic is a template whose topic T exists only when condition
// A holds, with the Conditions body conds (which declares A) and more
// resources and outputs.
func conditionalTopic(conds, resources, outputs string) string {
	return `{"Parameters": {"Env": {"Type": "String"}, "Flag": {"Type": "String", "AllowedValues": ["true"]}},
		"Conditions": {` + conds + `},
		"Resources": {"T": {"Type": "AWS::SNS::Topic", "Condition": "A"}` + resources + `},
		"Outputs": {` + outputs + `}}`
}

func TestConditionalTargets(t *testing.T) {
	const ab = `"A": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}, "B": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}`
	runRuleCases(t, []ruleCase{
		{name: "guarded references", rule: "CFN026", template: conditionalTopic(
			ab+`, "AOrB": {"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]}, "AAndC": {"Fn::And": [{"Condition": "A"}, {"Fn::Equals": ["x", {"Fn::Select": [0, ["x"]]}]}]}`,
			`, "Same": {"Type": "AWS::SNS::Subscription", "Condition": "A", "Properties": {"TopicArn": {"Ref": "T"}, "Protocol": "email", "Endpoint": "a@example.com"}},
			"Narrower": {"Type": "AWS::SNS::Subscription", "Condition": "AAndC", "Properties": {"TopicArn": {"Ref": "T"}, "Protocol": "email", "Endpoint": "a@example.com"}},
			"Branch": {"Type": "AWS::SNS::Subscription", "Condition": "AOrB", "Properties": {"TopicArn": {"Fn::If": ["A", {"Fn::Sub": "${T}"}, {"Fn::If": ["B", "arn:aws:sns:us-east-1:111111111111:other", {"Ref": "AWS::NoValue"}]}]}, "Protocol": "email", "Endpoint": "a@example.com"}}`,
			`"Topic": {"Condition": "A", "Value": {"Fn::GetAtt": ["T", "TopicName"]}}`)},
		{name: "condition that always holds", rule: "CFN026", template: conditionalTopic(`"A": {"Fn::Equals": [{"Ref": "Flag"}, "true"]}`, ``, `"Topic": {"Value": {"Ref": "T"}}`)},
		{name: "condition over a function, not decided", rule: "CFN026", template: conditionalTopic(`"A": {"Fn::Equals": [{"Fn::Select": [0, {"Fn::GetAZs": ""}]}, "us-east-1a"]}`, ``, `"Topic": {"Value": {"Ref": "T"}}`)},
		{name: "unguarded references", rule: "CFN026", template: conditionalTopic(
			ab+`, "AOrB": {"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]}`,
			`, "Always": {"Type": "AWS::SNS::Subscription", "Properties": {"TopicArn": {"Ref": "T"}, "Protocol": "email", "Endpoint": "a@example.com"}},
			"Other": {"Type": "AWS::SNS::Subscription", "Condition": "B", "Properties": {"TopicArn": {"Fn::Sub": "${T}"}, "Protocol": "email", "Endpoint": "a@example.com"}},
			"Wider": {"Type": "AWS::SNS::Subscription", "Condition": "AOrB", "Properties": {"TopicArn": {"Fn::If": ["B", {"Ref": "T"}, {"Ref": "AWS::NoValue"}]}, "Protocol": "email", "Endpoint": "a@example.com"}}`,
			`"Topic": {"Value": {"Fn::GetAtt": ["T", "TopicName"]}}`),
			want: []string{"Always CFN026", "Other CFN026", "Outputs.Topic CFN026", "Wider CFN026"},
			msgs: []string{
				`Properties.TopicArn names T, which exists only when the condition A is true, but it is used where A can be false, and the stack then fails (Unresolved resource dependencies); give it the Condition "A", or wrap the value in {"Fn::If": ["A", value, {"Ref": "AWS::NoValue"}]}.`,
				`Properties.TopicArn names T, which exists only when the condition A is true, but it is used where A can be false, and the stack then fails (Unresolved resource dependencies); give it a Condition that implies "A", or wrap the value in {"Fn::If": ["A", value, {"Ref": "AWS::NoValue"}]}.`,
				`Value names T, which exists only when the condition A is true, but it is used where A can be false, and the stack then fails (Unresolved resource dependencies); give it the Condition "A".`,
				`Properties.TopicArn.Fn::If[1] names T, which exists only when the condition A is true, but it is used where A can be false, and the stack then fails (Unresolved resource dependencies); give it a Condition that implies "A", or wrap the value in {"Fn::If": ["A", value, {"Ref": "AWS::NoValue"}]}.`,
			}},
	})
}
