package config

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"

	"pipelines/model"
)

// stageBlock is one deployment stage. Defaults declare the stages and
// their order; a service's stage block of the same name overrides them.
type stageBlock struct {
	name       string
	labelRange hcl.Range
	defRange   hcl.Range

	accountID, cluster, ecsService  attr[string]
	listenerARN, testListenerARN    attr[string]
	taskDefinitionPath, appSpecPath attr[string]
	targetGroups, rollbackAlarms    attr[[]string]
	requireApproval                 attr[bool]
	validation                      validationBlock
	validationRange                 *hcl.Range
}

var stageBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "account_id"},
		{Name: "cluster"},
		{Name: "ecs_service"},
		{Name: "listener_arn"},
		{Name: "test_listener_arn"},
		{Name: "target_groups"},
		{Name: "rollback_alarms"},
		{Name: "require_approval"},
		{Name: "task_definition_path"},
		{Name: "appspec_path"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

func decodeStageBlock(block *hcl.Block, layer model.Layer) (stageBlock, hcl.Diagnostics) {
	b := stageBlock{name: block.Labels[0], labelRange: block.LabelRanges[0], defRange: block.DefRange}
	content, diags := bodyContent(block.Body, stageBlockSchema)
	a := content.Attributes
	diags = append(diags, decodeAttr(a, "account_id", layer, &b.accountID)...)
	diags = append(diags, decodeAttr(a, "cluster", layer, &b.cluster)...)
	diags = append(diags, decodeAttr(a, "ecs_service", layer, &b.ecsService)...)
	diags = append(diags, decodeAttr(a, "listener_arn", layer, &b.listenerARN)...)
	diags = append(diags, decodeAttr(a, "test_listener_arn", layer, &b.testListenerARN)...)
	diags = append(diags, decodeAttr(a, "target_groups", layer, &b.targetGroups)...)
	diags = append(diags, decodeAttr(a, "rollback_alarms", layer, &b.rollbackAlarms)...)
	diags = append(diags, decodeAttr(a, "require_approval", layer, &b.requireApproval)...)
	diags = append(diags, decodeAttr(a, "task_definition_path", layer, &b.taskDefinitionPath)...)
	diags = append(diags, decodeAttr(a, "appspec_path", layer, &b.appSpecPath)...)
	var first *hcl.Block
	for _, vb := range content.Blocks {
		if first != nil {
			diags = append(diags, duplicateBlock(vb, first))
			_, d := decodeValidationBlock(vb, layer) // its problems too
			diags = append(diags, d...)
			continue
		}
		first = vb
		var d hcl.Diagnostics
		b.validation, d = decodeValidationBlock(vb, layer)
		diags = append(diags, d...)
		b.validationRange = vb.DefRange.Ptr()
	}
	return b, diags
}

// mergeStage layers over on top of base; the result keeps base's name and
// position, since stage order is the order of defaults.
func mergeStage(base, over stageBlock) stageBlock {
	m := base
	m.accountID = over.accountID.or(base.accountID)
	m.cluster = over.cluster.or(base.cluster)
	m.ecsService = over.ecsService.or(base.ecsService)
	m.listenerARN = over.listenerARN.or(base.listenerARN)
	m.testListenerARN = over.testListenerARN.or(base.testListenerARN)
	m.targetGroups = over.targetGroups.or(base.targetGroups)
	m.rollbackAlarms = over.rollbackAlarms.or(base.rollbackAlarms)
	m.requireApproval = over.requireApproval.or(base.requireApproval)
	m.taskDefinitionPath = over.taskDefinitionPath.or(base.taskDefinitionPath)
	m.appSpecPath = over.appSpecPath.or(base.appSpecPath)
	m.validation = mergeValidation(base.validation, over.validation)
	if over.validationRange != nil {
		m.validationRange = over.validationRange
	}
	return m
}

// undeclaredStages reports the stages of a service that defaults does not
// declare (base), on their labels: a service may only override stages.
// Stage names are unique in either, so that each stage of defaults has at
// most one override.
func undeclaredStages(base, over []stageBlock) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, o := range over {
		if stageIndex(base, o.name) < 0 {
			names := make([]string, len(base))
			for j, b := range base {
				names[j] = fmt.Sprintf("%q", b.name)
			}
			detail := fmt.Sprintf("Stage %q is not declared in defaults, so the service cannot override it. Stages come from defaults", o.name)
			if len(names) == 0 {
				detail += ", which declares none."
			} else {
				detail += ", which declares " + strings.Join(names, ", ") + "."
			}
			if held := nonASCII(o.name); held != "" {
				// A letter of another script, or an invisible character,
				// makes a name look like one declared.
				detail += fmt.Sprintf(" The name holds %s, which is not ASCII.", held)
			}
			switch close := closestStage(base, o.name); {
			case close == "":
			case !model.IsStageName(close) && model.IsStageName(o.name):
				// The name of defaults is the one to change: its own
				// problem is reported, and this name is valid.
				detail += fmt.Sprintf(" Defaults declares %q, probably this stage, which is not a valid stage name: rename it %q in defaults.", close, o.name)
			default:
				detail += fmt.Sprintf(" Did you mean %q?", close)
				if strings.EqualFold(close, o.name) {
					detail += " Names differ in case."
				}
			}
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Undeclared stage",
				Detail:   detail,
				Subject:  o.labelRange.Ptr(),
			})
		}
	}
	return diags
}

// closestStage returns the stage of base a service most likely meant by
// name, which base does not declare: one of another case, else the
// nearest within a few edits (a typo) or that starts the other ("prod"
// for "production"); "" when none is.
func closestStage(base []stageBlock, name string) string {
	for _, b := range base {
		if strings.EqualFold(b.name, name) {
			return b.name
		}
	}
	// No stage name is that long: one that is was not meant for one, and
	// comparing it would cost its length times the other's.
	const longest = 4 * model.MaxStageName
	if len(name) > longest {
		return ""
	}
	lower := strings.ToLower(name)
	best, bestDist := "", -1
	for _, b := range base {
		if len(b.name) > longest {
			continue
		}
		d := levenshtein.Distance(lower, b.name, nil)
		near := d <= max(2, utf8.RuneCountInString(b.name)/3)
		prefix := lower != "" && (strings.HasPrefix(b.name, lower) || strings.HasPrefix(lower, b.name))
		if (near || prefix) && (bestDist < 0 || d < bestDist) {
			best, bestDist = b.name, d
		}
	}
	return best
}

func stageIndex(stages []stageBlock, name string) int {
	for i, s := range stages {
		if s.name == name {
			return i
		}
	}
	return -1
}

// stagePaths are the paths of a stage's settings, such as
// "stage.production.cluster", and the values derived from the stage's name
// alone: made once per stage of defaults, not once per service.
type stagePaths struct {
	name                                               string
	stage                                              string
	accountID, cluster, ecsService, listenerARN        string
	testListenerARN, targetGroups, rollbackAlarms      string
	requireApproval, taskDefinitionPath, appSpecPath   string
	validationEnabled, validationURL                   string
	validationExpectedStatus, validationTimeoutSeconds string

	defaultTaskDefinitionPath, defaultAppSpecPath string
}

func newStagePaths(name string) *stagePaths {
	p := "stage." + name + "."
	return &stagePaths{
		name:                      name,
		stage:                     "stage." + name,
		accountID:                 p + "account_id",
		cluster:                   p + "cluster",
		ecsService:                p + "ecs_service",
		listenerARN:               p + "listener_arn",
		testListenerARN:           p + "test_listener_arn",
		targetGroups:              p + "target_groups",
		rollbackAlarms:            p + "rollback_alarms",
		requireApproval:           p + "require_approval",
		taskDefinitionPath:        p + "task_definition_path",
		appSpecPath:               p + "appspec_path",
		validationEnabled:         p + "validation.enabled",
		validationURL:             p + "validation.url",
		validationExpectedStatus:  p + "validation.expected_status",
		validationTimeoutSeconds:  p + "validation.timeout_seconds",
		defaultTaskDefinitionPath: model.DefaultTaskDefinitionPath(name),
		defaultAppSpecPath:        model.DefaultAppSpecPath(name),
	}
}

// stagePathsOf makes the paths of the stages defaults declares (nil when
// there is no defaults block), by name.
func stagePathsOf(defaults *layerBlock) map[string]*stagePaths {
	if defaults == nil {
		return nil
	}
	paths := make(map[string]*stagePaths, len(defaults.stages))
	for _, st := range defaults.stages {
		paths[st.name] = newStagePaths(st.name)
	}
	return paths
}

func (l *lowerer) stage(b stageBlock, service string, pipelineAccount attr[string]) model.Stage {
	p := l.stages[b.name]
	if p == nil {
		p = newStagePaths(b.name)
	}
	declared := b
	b = mergeStage(builtinStage(service, p), b)
	b.name, b.labelRange, b.defRange = declared.name, declared.labelRange, declared.defRange
	if l.record {
		l.settings.add(p.stage, fmt.Sprintf("%q", b.name), model.Source{Layer: model.LayerDefaults, Range: toRange(b.labelRange)})
	}
	l.required(p.cluster, b.cluster.set())
	l.required(p.listenerARN, b.listenerARN.set())
	st := model.Stage{
		Name:               b.name,
		AccountID:          l.stageAccount(p.accountID, b.accountID, pipelineAccount),
		Cluster:            l.str(p.cluster, b.cluster),
		ECSService:         l.str(p.ecsService, b.ecsService),
		ListenerARN:        l.str(p.listenerARN, b.listenerARN),
		TestListenerARN:    l.str(p.testListenerARN, b.testListenerARN),
		TargetGroups:       l.list(p.targetGroups, b.targetGroups),
		RollbackAlarms:     l.list(p.rollbackAlarms, b.rollbackAlarms),
		RequireApproval:    l.bool(p.requireApproval, b.requireApproval),
		TaskDefinitionPath: l.str(p.taskDefinitionPath, b.taskDefinitionPath),
		AppSpecPath:        l.str(p.appSpecPath, b.appSpecPath),
	}
	st.Validation = l.validation(p, b.validation)
	return st
}

// stageAccount lowers a stage's account_id. Unset, it is "", the
// pipeline's account: the value recorded is that account, derived from
// the service's account_id, so that show does not print "" for a stage
// that deploys into a known account.
func (l *lowerer) stageAccount(path string, a, pipeline attr[string]) string {
	if !l.record || l.off || a.src.Layer != model.LayerBuiltin || pipeline.val == "" {
		return l.str(path, a)
	}
	l.str(path, attr[string]{val: pipeline.val, src: model.Source{Layer: model.LayerDerived}})
	return a.val
}

// validationBlock switches on a Lambda health check after a stage's
// deployment.
type validationBlock struct {
	enabled                        attr[bool]
	url                            attr[string]
	expectedStatus, timeoutSeconds attr[int]
}

var validationBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "enabled"},
		{Name: "url"},
		{Name: "expected_status"},
		{Name: "timeout_seconds"},
	},
}

func decodeValidationBlock(block *hcl.Block, layer model.Layer) (validationBlock, hcl.Diagnostics) {
	b := validationBlock{enabled: present(block, layer)}
	content, diags := bodyContent(block.Body, validationBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "enabled", layer, &b.enabled)...)
	diags = append(diags, decodeAttr(content.Attributes, "url", layer, &b.url)...)
	diags = append(diags, decodeAttr(content.Attributes, "expected_status", layer, &b.expectedStatus)...)
	diags = append(diags, decodeAttr(content.Attributes, "timeout_seconds", layer, &b.timeoutSeconds)...)
	return b, diags
}

func mergeValidation(base, over validationBlock) validationBlock {
	return validationBlock{
		enabled:        over.enabled.or(base.enabled),
		url:            over.url.or(base.url),
		expectedStatus: over.expectedStatus.or(base.expectedStatus),
		timeoutSeconds: over.timeoutSeconds.or(base.timeoutSeconds),
	}
}

// validation lowers a stage's validation block: nil when it is off, and
// then, if it is declared, among the disabled blocks, where url is not
// required.
func (l *lowerer) validation(p *stagePaths, b validationBlock) *model.Validation {
	on := l.bool(p.validationEnabled, b.enabled)
	if !on && !declared(b.enabled) {
		return nil
	}
	if on {
		l.required(p.validationURL, b.url.set())
	}
	l.off = !on
	v := model.Validation{
		URL:            l.str(p.validationURL, b.url),
		ExpectedStatus: l.int(p.validationExpectedStatus, b.expectedStatus),
		TimeoutSeconds: l.int(p.validationTimeoutSeconds, b.timeoutSeconds),
	}
	l.off = false
	if on {
		return &v
	}
	off := &l.offBlocks().blocks
	off.Validations = append(off.Validations, model.StageValidation{Stage: p.name, Validation: v})
	return nil
}
