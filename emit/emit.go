// Package emit turns validated services into CloudFormation templates.
// Rendering is pure: a service in, files out, in a stable order.
package emit

import (
	"fmt"
	"slices"
	"strings"

	"pipelines/model"
)

// File is one generated file, its path relative to the output folder.
type File struct {
	Path string
	Data []byte

	counts counts // of a template Render gave; zero for any other file
}

// Generator is written into every template's Metadata.
const Generator = "pipelines"

// Render returns the files of one service: its pipeline template, then a
// template per cross-account stage.
func Render(s *model.Service) ([]File, error) {
	t, err := pipelineTemplate(s)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", s.Name, err)
	}
	file, err := encodeFile(s.Name+"/pipeline.json", t)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", s.Name, err)
	}
	files := []File{file}
	for _, st := range crossAccountStages(s) {
		t, err := deployTemplate(s, st)
		if err != nil {
			Release(files)
			return nil, fmt.Errorf("render %s: stage %s: %w", s.Name, st.Name, err)
		}
		file, err := encodeFile(s.Name+"/"+DeployFile(st.Name), t)
		if err != nil {
			Release(files)
			return nil, fmt.Errorf("render %s: stage %s: %w", s.Name, st.Name, err)
		}
		files = append(files, file)
	}
	return files, nil
}

// encodeFile encodes t as the file at path, counting what
// CloudFormation's quotas count.
func encodeFile(path string, t *Template) (File, error) {
	data, err := Encode(t)
	if err != nil {
		return File{}, err
	}
	return File{Path: path, Data: data, counts: counts{resources: len(t.Resources), parameters: len(t.Parameters), outputs: len(t.Outputs)}}, nil
}

// counts are the entries of a template's sections. Every template has a
// resource.
type counts struct{ resources, parameters, outputs int }

// OverQuotas lists the quotas of CloudFormation on one template that a
// template rendered by Render passes, as "1008450 bytes, where
// CloudFormation accepts 1000000"; none for any other file.
func (f File) OverQuotas() []string {
	if f.counts.resources == 0 {
		return nil // not a template
	}
	var over []string
	if len(f.Data) > MaxTemplateSize {
		over = append(over, fmt.Sprintf("%d bytes, where CloudFormation accepts %d", len(f.Data), MaxTemplateSize))
	}
	for _, q := range []struct {
		what   string
		n, max int
	}{
		{"resources", f.counts.resources, MaxResources},
		{"parameters", f.counts.parameters, MaxParameters},
		{"outputs", f.counts.outputs, MaxOutputs},
	} {
		if q.n > q.max {
			over = append(over, fmt.Sprintf("%d %s, where CloudFormation accepts %d", q.n, q.what, q.max))
		}
	}
	return over
}

// CloudFormation's quotas on one template besides its size (check's rule
// CFN005).
const (
	MaxResources  = 500
	MaxParameters = 200
	MaxOutputs    = 200
)

// PassedFromDefault reports whether a deployment passes the parameter
// called name as the template's default, as the README's deploy commands
// do: every parameter but EnvironmentSuffix, given per environment, and
// the shared template's <Endpoint>Needed switches, which the platform team
// sets per VPC and an update keeps. services.hcl gives the defaults, so a
// new one changes the stack, which plan shows.
func PassedFromDefault(name string) bool {
	return name != model.SuffixParameter && !strings.HasSuffix(name, "Needed")
}

// MaxTemplateSize is the largest template CloudFormation accepts, in
// bytes, uploaded to S3 (check's rule CFN005).
const MaxTemplateSize = 1_000_000

// StagesWithinSizeLimit is the most stages a service may have for each of
// its templates to stay within MaxTemplateSize, whatever else it sets: a
// test renders the largest such service, and one with a stage more that
// passes the limit. Only a service with more stages can make a template
// too large, so only those need rendering to tell.
const StagesWithinSizeLimit = 23

// DeployFile is the name of the template of a cross-account stage, in its
// service's folder.
func DeployFile(stage string) string { return "deploy-" + stage + ".json" }

// sameAccountStages are the stages that deploy into the pipeline's own
// account, in order; crossAccountStages the others.
func sameAccountStages(s *model.Service) []model.Stage {
	var stages []model.Stage
	for _, st := range s.Stages {
		if !st.CrossAccount(s.AccountID) {
			stages = append(stages, st)
		}
	}
	return stages
}

func crossAccountStages(s *model.Service) []model.Stage {
	var stages []model.Stage
	for _, st := range s.Stages {
		if st.CrossAccount(s.AccountID) {
			stages = append(stages, st)
		}
	}
	return stages
}

// builder collects a template's parts and guards the invariants of
// logical IDs: alphanumeric and unique. Breaking them is an internal error.
type builder struct {
	t    *Template
	tags []Tag // of every taggable resource of a service's template, shared by them
	err  error
}

func newBuilder(description string, info TemplateInfo) *builder {
	info.Generator = Generator
	return &builder{t: &Template{
		AWSTemplateFormatVersion: "2010-09-09",
		Description:              description,
		Metadata:                 &Metadata{Pipelines: info},
		// Sized for a typical pipeline template, so that they need not grow.
		Parameters: make(map[string]Parameter, 12),
		Resources:  make(map[string]Resource, 24),
		Outputs:    make(map[string]Output, 14),
	}}
}

func (b *builder) id(id string) bool {
	if !alphanumeric(id) {
		b.fail(fmt.Errorf("internal error: invalid logical ID %q", id))
		return false
	}
	_, isParam := b.t.Parameters[id]
	_, isRes := b.t.Resources[id]
	_, isCond := b.t.Conditions[id]
	if isParam || isRes || isCond {
		b.fail(fmt.Errorf("internal error: duplicate logical ID %q", id))
		return false
	}
	return true
}

// alphanumeric reports whether id is a non-empty run of ASCII letters and
// digits.
func alphanumeric(id string) bool {
	for i := 0; i < len(id); i++ {
		if c := id[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return id != ""
}

func (b *builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *builder) param(id string, p Parameter) {
	if b.id(id) {
		b.t.Parameters[id] = p
	}
}

func (b *builder) resource(id, typ string, props any, dependsOn ...string) {
	if b.id(id) {
		b.t.Resources[id] = Resource{Type: typ, DependsOn: dependsOn, Properties: props}
	}
}

// rule adds a rule on parameter values.
func (b *builder) rule(id string, r Rule) {
	if _, dup := b.t.Rules[id]; dup {
		b.fail(fmt.Errorf("internal error: duplicate rule %q", id))
		return
	}
	if b.t.Rules == nil {
		b.t.Rules = map[string]Rule{}
	}
	b.t.Rules[id] = r
}

// condition declares a condition that resources can name.
func (b *builder) condition(id string, fn Fn) {
	if args, ok := fn.arg.([]ConditionRef); ok && fn.name == "Fn::Or" && (len(args) < 2 || len(args) > 10) {
		b.fail(fmt.Errorf("internal error: condition %q: Fn::Or takes 2 to 10 conditions, not %d", id, len(args)))
		return
	}
	if b.id(id) {
		if b.t.Conditions == nil {
			b.t.Conditions = map[string]Fn{}
		}
		b.t.Conditions[id] = fn
	}
}

// conditional adds a resource that exists only when condition holds.
func (b *builder) conditional(id, condition, typ string, props any) {
	if _, ok := b.t.Conditions[condition]; !ok {
		b.fail(fmt.Errorf("internal error: resource %q names undeclared condition %q", id, condition))
		return
	}
	if b.id(id) {
		b.t.Resources[id] = Resource{Type: typ, Condition: condition, Properties: props}
	}
}

// role adds an IAM role and, beside it, its permissions as a policy of its
// own, so that other resources can name the role before its permissions
// name them.
func (b *builder) role(roleID, policyID string, roleName, policyName model.PhysicalName,
	trust PolicyDocument, description string, statements ...Statement) {
	b.resource(roleID, "AWS::IAM::Role", RoleProperties{
		RoleName:                 sub(roleName),
		Description:              description,
		AssumeRolePolicyDocument: trust,
		MaxSessionDuration:       3600,
		Tags:                     b.tags,
	})
	b.resource(policyID, "AWS::IAM::Policy", PolicyProperties{
		PolicyName:     sub(policyName),
		Roles:          []Value{Ref(roleID)},
		PolicyDocument: policy(statements...),
	})
}

// stateful adds a resource that holds data, with its deletion policy
// spelled out: nothing is retained.
func (b *builder) stateful(id, typ string, props any) {
	if b.id(id) {
		b.t.Resources[id] = Resource{Type: typ, Properties: props, DeletionPolicy: "Delete", UpdateReplacePolicy: "Delete"}
	}
}

func (b *builder) output(id, description string, v Value) {
	b.conditionalOutput(id, "", description, v)
}

// conditionalOutput adds an output that exists when condition holds, or
// always when condition is "".
func (b *builder) conditionalOutput(id, condition, description string, v Value) {
	if _, dup := b.t.Outputs[id]; dup {
		b.fail(fmt.Errorf("internal error: duplicate output %q", id))
	}
	b.t.Outputs[id] = Output{Description: description, Condition: condition, Value: v}
}

func (b *builder) done() (*Template, error) {
	return b.t, b.err
}

// tags are the tags of every taggable resource, sorted by key.
func tags(s *model.Service) []Tag {
	return []Tag{
		{Key: "EnvironmentSuffix", Value: Ref(model.SuffixParameter)},
		{Key: "ManagedBy", Value: Generator},
		{Key: "Service", Value: s.Name},
	}
}

func sub(n model.PhysicalName) Fn { return Sub(n.Sub) }

// named returns tags with a Name tag of the value name (in Fn::Sub
// syntax), kept sorted by key: the name of a resource that takes no
// physical name, as the EC2 console shows it.
func named(tags []Tag, name string) []Tag {
	i, _ := slices.BinarySearchFunc(tags, "Name", func(t Tag, key string) int { return strings.Compare(t.Key, key) })
	return slices.Insert(slices.Clone(tags), i, Tag{Key: "Name", Value: Sub(name)})
}
