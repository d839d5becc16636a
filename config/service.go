package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"pipelines/model"
)

// layerBlock is the body of defaults or of one service: the same settings,
// layered built-in < defaults < service.
type layerBlock struct {
	layer               model.Layer
	name                string // the service's name; empty for defaults
	nameRange, defRange hcl.Range

	environmentSuffix, region, accountID, branch attr[string]
	repository, ecrRepository, containerName     attr[string] // services only
	containerPort                                attr[int]
	taskRoles                                    attr[[]string]

	network       networkBlock
	build         buildBlock
	test          testBlock
	artifacts     artifactsBlock
	logs          logsBlock
	notifications notificationsBlock
	stages        []stageBlock

	// blocks holds the definition range of each nested block by path
	// ("network", "stage.production"), to blame missing attributes on.
	blocks map[string]hcl.Range
}

var layerAttributes = []hcl.AttributeSchema{
	{Name: "environment_suffix"},
	{Name: "region"},
	{Name: "account_id"},
	{Name: "branch"},
	{Name: "container_port"},
	{Name: "task_roles"},
}

var layerBlocks = []hcl.BlockHeaderSchema{
	{Type: "network"},
	{Type: "build"},
	{Type: "test"},
	{Type: "artifacts"},
	{Type: "logs"},
	{Type: "notifications"},
	{Type: "stage", LabelNames: []string{"name"}},
}

var defaultsBlockSchema = &hcl.BodySchema{Attributes: layerAttributes, Blocks: layerBlocks}

var serviceBlockSchema = &hcl.BodySchema{
	Attributes: append(append([]hcl.AttributeSchema{}, layerAttributes...),
		hcl.AttributeSchema{Name: "repository"},
		hcl.AttributeSchema{Name: "ecr_repository"},
		hcl.AttributeSchema{Name: "container_name"},
	),
	Blocks: layerBlocks,
}

// decodeLayerBlock decodes a defaults or service block. A duplicate
// nested block is an error; the first one is used.
func decodeLayerBlock(block *hcl.Block, layer model.Layer) (layerBlock, hcl.Diagnostics) {
	b := layerBlock{layer: layer, defRange: block.DefRange, blocks: map[string]hcl.Range{}}
	schema := defaultsBlockSchema
	if layer == model.LayerService {
		schema = serviceBlockSchema
		b.name, b.nameRange = block.Labels[0], block.LabelRanges[0]
	}
	content, diags := bodyContent(block.Body, schema)
	a := content.Attributes
	diags = append(diags, decodeAttr(a, "environment_suffix", layer, &b.environmentSuffix)...)
	diags = append(diags, decodeAttr(a, "region", layer, &b.region)...)
	diags = append(diags, decodeAttr(a, "account_id", layer, &b.accountID)...)
	diags = append(diags, decodeAttr(a, "branch", layer, &b.branch)...)
	diags = append(diags, decodeAttr(a, "container_port", layer, &b.containerPort)...)
	diags = append(diags, decodeAttr(a, "task_roles", layer, &b.taskRoles)...)
	diags = append(diags, decodeAttr(a, "repository", layer, &b.repository)...)
	diags = append(diags, decodeAttr(a, "ecr_repository", layer, &b.ecrRepository)...)
	diags = append(diags, decodeAttr(a, "container_name", layer, &b.containerName)...)

	stages := 0
	for _, nb := range content.Blocks {
		if nb.Type == "stage" {
			stages++
		}
	}
	if stages > 0 {
		b.stages = make([]stageBlock, 0, stages)
	}
	seen := map[string]*hcl.Block{}
	for _, nb := range content.Blocks {
		key := nb.Type
		if nb.Type == "stage" {
			key += "." + nb.Labels[0]
		}
		if first, dup := seen[key]; dup {
			d := duplicateBlock(nb, first)
			if nb.Type == "stage" {
				d.Summary = fmt.Sprintf("Duplicate stage %q", nb.Labels[0])
				d.Detail = fmt.Sprintf("Stage %q was already declared at %s. Each stage is declared once; merge the two blocks.", nb.Labels[0], toRange(first.LabelRanges[0]))
				d.Subject = nb.LabelRanges[0].Ptr()
			}
			diags = append(diags, d)
			// Its contents are decoded all the same, and their problems
			// reported: merged into the first block, or renamed, they
			// would be the next ones.
			var dup layerBlock
			diags = append(diags, dup.decodeNested(nb, layer)...)
			continue
		}
		seen[key] = nb
		b.blocks[key] = nb.DefRange
		diags = append(diags, b.decodeNested(nb, layer)...)
	}
	return b, diags
}

// decodeNested decodes a block nested in a defaults or service block into
// b.
func (b *layerBlock) decodeNested(nb *hcl.Block, layer model.Layer) hcl.Diagnostics {
	var d hcl.Diagnostics
	switch nb.Type {
	case "network":
		b.network, d = decodeNetworkBlock(nb, layer)
	case "build":
		b.build, d = decodeBuildBlock(nb, layer)
	case "test":
		b.test, d = decodeTestBlock(nb, layer)
	case "artifacts":
		b.artifacts, d = decodeArtifactsBlock(nb, layer)
	case "logs":
		b.logs, d = decodeLogsBlock(nb, layer)
	case "notifications":
		b.notifications, d = decodeNotificationsBlock(nb, layer)
	case "stage":
		var st stageBlock
		st, d = decodeStageBlock(nb, layer)
		b.stages = append(b.stages, st)
		if st.validationRange != nil {
			if b.blocks == nil {
				b.blocks = map[string]hcl.Range{}
			}
			b.blocks["stage."+nb.Labels[0]+".validation"] = *st.validationRange
		}
	}
	return d
}

// mergeLayer layers over on top of base, attribute by attribute. The
// stages of a service are merged as they are lowered (see lowerService),
// which spares a copy of every stage; mergeLayer reports the stages of
// over that base does not declare.
func mergeLayer(base, over layerBlock) (layerBlock, hcl.Diagnostics) {
	m := layerBlock{
		layer:             over.layer,
		name:              over.name,
		nameRange:         over.nameRange,
		defRange:          over.defRange,
		environmentSuffix: over.environmentSuffix.or(base.environmentSuffix),
		region:            over.region.or(base.region),
		accountID:         over.accountID.or(base.accountID),
		branch:            over.branch.or(base.branch),
		repository:        over.repository.or(base.repository),
		ecrRepository:     over.ecrRepository.or(base.ecrRepository),
		containerName:     over.containerName.or(base.containerName),
		containerPort:     over.containerPort.or(base.containerPort),
		taskRoles:         over.taskRoles.or(base.taskRoles),
		network:           mergeNetwork(base.network, over.network),
		build:             mergeBuild(base.build, over.build),
		test:              mergeTest(base.test, over.test),
		artifacts:         mergeArtifacts(base.artifacts, over.artifacts),
		logs:              mergeLogs(base.logs, over.logs),
		notifications:     mergeNotifications(base.notifications, over.notifications),
	}
	if over.layer == model.LayerDefaults {
		// Defaults declare the stages; services override them.
		m.stages = over.stages
		return m, nil
	}
	m.stages = base.stages
	return m, undeclaredStages(base.stages, over.stages)
}

// lowerOptions is what the lowering of every service of a file shares.
// It is read only, so that services lower in parallel.
type lowerOptions struct {
	base   *layerBlock            // the built-in values with defaults merged in
	record bool                   // record each service's Settings
	stages map[string]*stagePaths // the paths of the stages of defaults
}

// newLowerOptions prepares the lowering of the services of a file with
// defaults, which may be nil.
func newLowerOptions(defaults *layerBlock) lowerOptions {
	base := builtinLayer()
	if defaults != nil {
		// Merging defaults reports nothing: only service stages can be
		// undeclared.
		base, _ = mergeLayer(base, *defaults)
	}
	return lowerOptions{base: &base, stages: stagePathsOf(defaults)}
}

// lowerer turns a merged service into the model, recording each value's
// source when asked to and reporting required attributes that no layer
// set.
type lowerer struct {
	lowerOptions
	settings settings
	defaults *layerBlock    // nil when the file has no defaults block
	bad      []model.Range  // values that failed to decode
	refused  []string       // their paths
	missing  []missingValue // required values no layer sets

	// disabled gathers the optional blocks declared but switched off;
	// off tells that one of them is being lowered, so that its values
	// go to disabled rather than to the settings.
	disabled *disabledBlocks
	off      bool

	// Where the service and its blocks were declared, copied from its
	// layerBlock: a pointer to that would move it to the heap.
	serviceName, serviceDef hcl.Range
	serviceBlocks           map[string]hcl.Range
}

// missingValue is a required value no layer sets, and where its absence
// is blamed.
type missingValue struct {
	path  string
	blame hcl.Range
}

func (l *lowerer) required(path string, ok bool) {
	if !ok {
		l.missing = append(l.missing, missingValue{path, l.blame(path)})
	}
}

// blame picks where to report a missing attribute: the innermost enclosing
// block declared in defaults, else in the service, else the defaults or
// service block itself.
func (l *lowerer) blame(path string) hcl.Range {
	for block := path; ; {
		i := strings.LastIndexByte(block, '.')
		if i < 0 {
			break
		}
		block = block[:i]
		if l.defaults != nil {
			if r, ok := l.defaults.blocks[block]; ok {
				return r
			}
		}
		if r, ok := l.serviceBlocks[block]; ok {
			return r
		}
	}
	if l.defaults != nil {
		return l.defaults.defRange
	}
	return l.serviceDef
}

// lowerService merges defaults (which may be nil) into a service block and
// lowers the result into the model.
//
// missing holds the required values that no layer sets: such a value is
// zero in s, and a problem validation finds with it is not there.
// disabled holds the optional blocks declared but switched off, which s
// does not; it is nil when there are none.
func lowerService(defaults *layerBlock, svc layerBlock, opts lowerOptions) (s *model.Service, bad []model.Range, missing []missingValue, disabled *disabledBlocks, diags hcl.Diagnostics) {
	m, diags := mergeLayer(*opts.base, svc)

	l := &lowerer{lowerOptions: opts, defaults: defaults,
		serviceName: svc.nameRange, serviceDef: svc.defRange, serviceBlocks: svc.blocks}
	if l.record {
		l.settings = make(settings, 0, 64)
	}
	name := svc.name
	s = &model.Service{
		Name:              name,
		NameRange:         toRange(svc.nameRange),
		DefRange:          toRange(svc.defRange),
		EnvironmentSuffix: l.str("environment_suffix", m.environmentSuffix),
		Region:            l.str("region", m.region),
		AccountID:         l.str("account_id", m.accountID),
		Branch:            l.str("branch", m.branch),
		Repository:        l.str("repository", m.repository.or(derived(name))),
		ECRRepository:     l.str("ecr_repository", m.ecrRepository.or(derived(name))),
		ContainerName:     l.str("container_name", m.containerName.or(derived(name))),
		ContainerPort:     l.int("container_port", m.containerPort),
		TaskRoles:         l.list("task_roles", m.taskRoles),
	}
	s.Network = l.network(m.network)
	s.Build = l.build(m.build)
	s.Test = l.test(m.test)
	s.Artifacts = l.artifacts(m.artifacts)
	s.Logs = l.logs(m.logs)
	s.Notifications = l.notifications(m.notifications)
	s.Stages = make([]model.Stage, len(m.stages))
	for i, st := range m.stages {
		if j := stageIndex(svc.stages, st.name); j >= 0 {
			st = mergeStage(st, svc.stages[j])
		}
		s.Stages[i] = l.stage(st, name, m.accountID)
	}
	if l.record {
		s.Settings = slices.Clone(l.settings) // exact size: 10,000 services keep theirs
	}
	s.Refused = l.refused
	return s, l.bad, l.missing, l.disabled, diags
}

// disabledBlocks are the optional blocks of a service that are declared,
// in defaults or the service, but switched off: lowered only to be
// validated, and never attached to the service, so that they reach no
// template.
type disabledBlocks struct {
	blocks  model.Disabled
	sources []valueSource // where each of their values was set
}

type valueSource struct {
	path string
	src  model.Source
}

// source returns where the value at path of a disabled block was set;
// the zero Source for a value no layer sets.
func (d *disabledBlocks) source(path string) model.Source {
	for _, vs := range d.sources {
		if vs.path == path {
			return vs.src
		}
	}
	return model.Source{}
}

// validate checks the blocks' values as those of blocks that are on. Only
// values written in defaults or the service are reported: a block that is
// off needs no required value, and built-in values are valid.
func (d *disabledBlocks) validate(s *model.Service) model.Problems {
	probs := s.ValidateDisabled(&d.blocks, d.source)
	return slices.DeleteFunc(probs, func(p model.Problem) bool {
		layer := d.source(p.Subject).Layer
		return layer != model.LayerDefaults && layer != model.LayerService
	})
}

// declared reports whether defaults or the service declares the optional
// block whose enabled attribute is enabled: declaring a block sets it (see
// present). A declared block that is off is lowered all the same, for
// validation, with l.off set.
func declared(enabled attr[bool]) bool {
	return enabled.src.Layer != model.LayerBuiltin
}

// offBlocks returns the disabled blocks, made on first use.
func (l *lowerer) offBlocks() *disabledBlocks {
	if l.disabled == nil {
		l.disabled = &disabledBlocks{}
	}
	return l.disabled
}

// offValue notes where the value at path of a disabled block was set.
func (l *lowerer) offValue(path string, src model.Source) {
	d := l.offBlocks()
	d.sources = append(d.sources, valueSource{path, src})
}
