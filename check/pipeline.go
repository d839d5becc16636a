package check

import (
	"fmt"
	"math"
	"strconv"
)

// checkPipelines applies PL060 to PL062 to every pipeline.
func checkPipelines(t *template) {
	approvalStages := approvalStagesMetadata(t)
	for _, id := range t.ids {
		r := t.resources[id]
		if r.typ != "AWS::CodePipeline::Pipeline" {
			continue
		}
		stages := list(get(r.props, "Stages"))
		if checkSourcePolling(t, id, stages) && !t.ruleTargets(id) {
			t.report(id, "PL061", "No AWS::Events::Rule targets this pipeline, and its CodeCommit source does not poll; add a rule on CodeCommit Repository State Change events whose target Arn is the pipeline's ARN.")
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
			if !isFalse(poll) && !isIntrinsic(poll) {
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

// ruleTargets reports whether an EventBridge rule targets the pipeline.
func (t *template) ruleTargets(pipeline string) bool {
	for _, id := range t.ids {
		r := t.resources[id]
		if r.typ != "AWS::Events::Rule" {
			continue
		}
		for _, target := range list(get(r.props, "Targets")) {
			if refersTo(get(target, "Arn"), pipeline) {
				return true
			}
		}
	}
	return false
}

func checkApprovals(t *template, id string, stages []any, named []string) {
	lastDeploy := -1
	for i := range stages {
		for _, a := range stageActions(stages, i) {
			if a.category == "Deploy" {
				lastDeploy = i
			}
		}
	}
	if lastDeploy >= 0 && !approvedBefore(stages, lastDeploy) {
		t.reportf(id, "PL062", "Properties.Stages[%d] %s is the last deploy stage and no manual approval precedes it; add a Manual approval action in an earlier RunOrder of that stage or in the stage before it.", lastDeploy, stageName(stages[lastDeploy]))
	}
	for _, name := range named {
		i := stageIndex(stages, name)
		switch {
		case i < 0:
			t.reportf(id, "PL062", "Metadata.Pipelines.ApprovalStages names stage %q, which this pipeline does not have.", name)
		case i != lastDeploy && !approvedBefore(stages, i):
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

func stageIndex(stages []any, name string) int {
	for i, s := range stages {
		if get(s, "Name") == name {
			return i
		}
	}
	return -1
}

func isManualApproval(a action) bool {
	return a.category == "Approval" && a.provider == "Manual"
}

// approvedBefore reports whether stage i's deploy actions follow a manual
// approval: earlier in the same stage, or anywhere in the stage before.
func approvedBefore(stages []any, i int) bool {
	actions := stageActions(stages, i)
	first := math.Inf(1)
	for _, a := range actions {
		if a.category == "Deploy" {
			first = min(first, a.runOrder)
		}
	}
	for _, a := range actions {
		if isManualApproval(a) && a.runOrder < first {
			return true
		}
	}
	if i == 0 {
		return false
	}
	for _, a := range stageActions(stages, i-1) {
		if isManualApproval(a) {
			return true
		}
	}
	return false
}
