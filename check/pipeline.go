package check

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// checkPipelines applies PL060 to PL062 to every pipeline.
func checkPipelines(t *template) {
	approvalStages := approvalStagesMetadata(t)
	for id, r := range t.each() {
		if r.typ != "AWS::CodePipeline::Pipeline" {
			continue
		}
		stages := list(get(r.props, "Stages"))
		if checkSourcePolling(t, id, stages) {
			checkSourceRules(t, id)
		}
		checkApprovals(t, id, stages, approvalStages)
	}
}

// approvalStagesMetadata reads Metadata.Pipelines.ApprovalStages.
func approvalStagesMetadata(t *template) []string {
	v := get(t.root, "Metadata", "Pipelines", "ApprovalStages")
	if v == nil {
		return nil
	}
	names, dynamic := literals(v)
	if _, isList := v.([]any); !isList || dynamic {
		t.report("Template", "PL062", "Metadata.Pipelines.ApprovalStages must be a list of stage names.")
	}
	return names
}

type action struct {
	path     string
	category string
	provider string
	runOrder float64
	raw      any
}

func stageActions(stages []any, i int) []action {
	var out []action
	for j, a := range list(get(stages[i], "Actions")) {
		typ := get(a, "ActionTypeId")
		cat, _ := literal(get(typ, "Category"))
		prov, _ := literal(get(typ, "Provider"))
		order := 1.0
		if v := get(a, "RunOrder"); v != nil && !isIntrinsic(v) {
			if _, n, ok := scalarForms(v); ok {
				order = n
			}
		}
		out = append(out, action{
			path:     fmt.Sprintf("Properties.Stages[%d].Actions[%d]", i, j),
			category: cat, provider: prov, runOrder: order, raw: a,
		})
	}
	return out
}

// checkSourcePolling reports CodeCommit sources that poll (PL060) and
// returns whether the pipeline has a CodeCommit source.
func checkSourcePolling(t *template, id string, stages []any) bool {
	found := false
	for i := range stages {
		for _, a := range stageActions(stages, i) {
			if a.category != "Source" || a.provider != "CodeCommit" {
				continue
			}
			found = true
			conf := decodePolicy(get(a.raw, "Configuration"))
			poll := get(conf, "PollForSourceChanges")
			if _, _, isFn := intrinsic(poll); isFn {
				values, free := t.deployValues(poll)
				for _, d := range values {
					if d.noValue || !isFalse(d.v) {
						shown := show(d.v)
						if d.noValue {
							shown = "AWS::NoValue (CodeCommit then polls)"
						}
						t.reportf(id, "PL060", "%s.Configuration.PollForSourceChanges can be %s%s; set it to false and let an EventBridge rule start the pipeline.", a.path, shown, d.says())
						free = slices.DeleteFunc(free, func(name string) bool { return name == d.param })
					}
				}
				for _, name := range free {
					t.reportf(id, "PL060", "%s.Configuration.PollForSourceChanges is the parameter %s, which allows true; set it to false and let an EventBridge rule start the pipeline.", a.path, name)
				}
			} else if !isFalse(poll) {
				t.reportf(id, "PL060", "%s.Configuration.PollForSourceChanges is %s; set it to false and let an EventBridge rule start the pipeline.", a.path, showOrDefault(poll, "not set (CodeCommit then polls)"))
			}
		}
	}
	return found
}

func showOrDefault(v any, unset string) string {
	if v == nil {
		return unset
	}
	return show(v)
}

// checkSourceRules reports a pipeline whose CodeCommit source does not poll
// when no EventBridge rule starts it: none targets it, or each that does
// has State DISABLED, and so matches no event.
func checkSourceRules(t *template, pipeline string) {
	rules := t.ruleTargets(pipeline)
	if len(rules) == 0 {
		t.report(pipeline, "PL061", "No AWS::Events::Rule targets this pipeline, and its CodeCommit source does not poll; add a rule on CodeCommit Repository State Change events whose target Arn is the pipeline's ARN.")
		return
	}
	for _, id := range rules {
		if get(t.resources[id].props, "State") != "DISABLED" {
			return
		}
	}
	for _, id := range rules {
		t.reportf(id, "PL061", "Properties.State is \"DISABLED\", so the rule starts the pipeline %s on no commit, and its CodeCommit source does not poll; set State to \"ENABLED\".", pipeline)
	}
}

// ruleTargets returns the EventBridge rules that target the pipeline.
func (t *template) ruleTargets(pipeline string) []string {
	return t.referrers("AWS::Events::Rule Targets[].Arn", "AWS::Events::Rule", func(p *object) []any {
		var arns []any
		for _, target := range list(get(p, "Targets")) {
			arns = append(arns, get(target, "Arn"))
		}
		return arns
	})[pipeline]
}

func checkApprovals(t *template, id string, stages []any, named []string) {
	actions := make([][]action, len(stages))
	lastDeploy := -1
	for i := range stages {
		actions[i] = stageActions(stages, i)
		for _, a := range actions[i] {
			if a.category == "Deploy" {
				lastDeploy = i
			}
		}
	}
	if lastDeploy >= 0 && !approvedBefore(actions, lastDeploy) {
		t.reportf(id, "PL062", "Properties.Stages[%d] %s is the last deploy stage and no manual approval precedes it; add a Manual approval action in an earlier RunOrder of that stage or in the stage before it.", lastDeploy, stageName(stages[lastDeploy]))
	}
	if len(named) == 0 {
		return
	}
	index := stageIndexes(stages)
	approved := map[int]bool{} // approvedBefore of the stages named so far
	for _, name := range named {
		i, ok := index[name]
		if ok && i != lastDeploy {
			if _, known := approved[i]; !known {
				approved[i] = approvedBefore(actions, i)
			}
		}
		switch {
		case !ok:
			t.reportf(id, "PL062", "Metadata.Pipelines.ApprovalStages names stage %q, which this pipeline does not have.", name)
		case i != lastDeploy && !approved[i]:
			t.reportf(id, "PL062", "Properties.Stages[%d] %q requires approval (Metadata.Pipelines.ApprovalStages) but no manual approval precedes it; add a Manual approval action in an earlier RunOrder of that stage or in the stage before it.", i, name)
		}
	}
}

func stageName(stage any) string {
	if s, ok := literal(get(stage, "Name")); ok {
		return strconv.Quote(s)
	}
	return "(unnamed)"
}

// stageIndexes maps each stage name to the index of the first stage of that
// name.
func stageIndexes(stages []any) map[string]int {
	index := make(map[string]int, len(stages))
	for i, s := range stages {
		if name, ok := get(s, "Name").(string); ok {
			if _, seen := index[name]; !seen {
				index[name] = i
			}
		}
	}
	return index
}

func isManualApproval(a action) bool {
	return a.category == "Approval" && a.provider == "Manual"
}

// approvedBefore reports whether stage i's deploy actions follow a manual
// approval: earlier in the same stage, or anywhere in the stage before.
// actions holds each stage's actions.
func approvedBefore(actions [][]action, i int) bool {
	first := math.Inf(1)
	for _, a := range actions[i] {
		if a.category == "Deploy" {
			first = min(first, a.runOrder)
		}
	}
	for _, a := range actions[i] {
		if isManualApproval(a) && a.runOrder < first {
			return true
		}
	}
	if i == 0 {
		return false
	}
	for _, a := range actions[i-1] {
		if isManualApproval(a) {
			return true
		}
	}
	return false
}
