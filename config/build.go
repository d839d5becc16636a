package config

import (
	"github.com/hashicorp/hcl/v2"

	"pipelines/model"
)

// buildBlock is the CodeBuild project that builds the image.
type buildBlock struct {
	computeType, image, buildspec attr[string]
	timeoutMinutes                attr[int]
	baseImageRepositories         attr[[]string]
}

var buildBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "compute_type"},
		{Name: "image"},
		{Name: "buildspec"},
		{Name: "timeout_minutes"},
		{Name: "base_image_repositories"},
	},
}

func decodeBuildBlock(block *hcl.Block, layer model.Layer) (buildBlock, hcl.Diagnostics) {
	var b buildBlock
	content, diags := bodyContent(block.Body, buildBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "compute_type", layer, &b.computeType)...)
	diags = append(diags, decodeAttr(content.Attributes, "image", layer, &b.image)...)
	diags = append(diags, decodeAttr(content.Attributes, "buildspec", layer, &b.buildspec)...)
	diags = append(diags, decodeAttr(content.Attributes, "timeout_minutes", layer, &b.timeoutMinutes)...)
	diags = append(diags, decodeAttr(content.Attributes, "base_image_repositories", layer, &b.baseImageRepositories)...)
	return b, diags
}

func mergeBuild(base, over buildBlock) buildBlock {
	return buildBlock{
		computeType:           over.computeType.or(base.computeType),
		image:                 over.image.or(base.image),
		buildspec:             over.buildspec.or(base.buildspec),
		timeoutMinutes:        over.timeoutMinutes.or(base.timeoutMinutes),
		baseImageRepositories: over.baseImageRepositories.or(base.baseImageRepositories),
	}
}

func (l *lowerer) build(b buildBlock) model.Build {
	return model.Build{
		ComputeType:           l.str("build.compute_type", b.computeType),
		Image:                 l.str("build.image", b.image),
		Buildspec:             l.str("build.buildspec", b.buildspec),
		TimeoutMinutes:        l.int("build.timeout_minutes", b.timeoutMinutes),
		BaseImageRepositories: l.list("build.base_image_repositories", b.baseImageRepositories),
	}
}

// testBlock switches on a second CodeBuild project that runs the tests
// after the build. Declaring the block enables it; enabled = false in a
// service turns off what defaults switched on.
type testBlock struct {
	enabled        attr[bool]
	buildspec      attr[string]
	timeoutMinutes attr[int]
}

var testBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "enabled"},
		{Name: "buildspec"},
		{Name: "timeout_minutes"},
	},
}

func decodeTestBlock(block *hcl.Block, layer model.Layer) (testBlock, hcl.Diagnostics) {
	b := testBlock{enabled: present(block, layer)}
	content, diags := bodyContent(block.Body, testBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "enabled", layer, &b.enabled)...)
	diags = append(diags, decodeAttr(content.Attributes, "buildspec", layer, &b.buildspec)...)
	diags = append(diags, decodeAttr(content.Attributes, "timeout_minutes", layer, &b.timeoutMinutes)...)
	return b, diags
}

func mergeTest(base, over testBlock) testBlock {
	return testBlock{
		enabled:        over.enabled.or(base.enabled),
		buildspec:      over.buildspec.or(base.buildspec),
		timeoutMinutes: over.timeoutMinutes.or(base.timeoutMinutes),
	}
}

// test lowers the test block: nil when it is off, and then, if it is
// declared, among the disabled blocks.
func (l *lowerer) test(b testBlock) *model.Test {
	on := l.bool("test.enabled", b.enabled)
	if !on && !declared(b.enabled) {
		return nil
	}
	l.off = !on
	t := &model.Test{
		Buildspec:      l.str("test.buildspec", b.buildspec),
		TimeoutMinutes: l.int("test.timeout_minutes", b.timeoutMinutes),
	}
	l.off = false
	if on {
		return t
	}
	l.offBlocks().blocks.Test = t
	return nil
}

// present is the implicit "enabled = true" of an optional block that is
// declared: it points at the block's header.
func present(block *hcl.Block, layer model.Layer) attr[bool] {
	return attr[bool]{val: true, src: model.Source{Layer: layer, Range: toRange(block.DefRange)}}
}
