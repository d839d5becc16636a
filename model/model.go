// Package model holds the typed, merged description of every service's
// pipeline, the platform policy it must satisfy and the AWS names derived
// from it. It knows nothing about HCL or CloudFormation.
package model

import (
	"fmt"
	"slices"
)

// Pos is a position in a source file: 1-based line and column (in
// characters), and 0-based byte offset.
type Pos struct {
	Line, Column, Byte int
}

// Range is a span of a source file, end exclusive.
type Range struct {
	Filename   string
	Start, End Pos
}

// String formats the start of r as file:line:col, the form people and
// editors expect.
func (r Range) String() string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// Layer says which layer of the configuration a value came from.
type Layer int

const (
	// LayerBuiltin values come from the tool's own defaults.
	LayerBuiltin Layer = iota + 1
	// LayerDefaults values come from the defaults block.
	LayerDefaults
	// LayerService values come from the service block itself.
	LayerService
	// LayerDerived values are computed from other values (the service's
	// name, say).
	LayerDerived
)

func (l Layer) String() string {
	switch l {
	case LayerBuiltin:
		return "built-in"
	case LayerDefaults:
		return "defaults"
	case LayerService:
		return "service"
	case LayerDerived:
		return "derived"
	}
	panic(fmt.Sprintf("model: unknown layer %d", int(l)))
}

// Source is where a value was set.
type Source struct {
	Layer Layer
	Range Range // the value's expression; empty for built-in and derived values
	// Items are the ranges of the elements of a list written as a list
	// literal, so that a problem with one can point at it.
	Items []Range
}

// Setting is one effective value of a service, after merging, with the
// place that set it. Path is the attribute's address inside the service,
// such as "build.timeout_minutes" or "stage.production.cluster".
type Setting struct {
	Path   string
	Value  string // rendered as HCL
	Source Source
}

// Project is everything services.hcl declares.
type Project struct {
	Filename string
	Services []*Service // sorted by name
}

// Service is one service's pipeline with defaults merged in. Every field is
// concrete; optional features are nil pointers when switched off.
type Service struct {
	Name      string
	NameRange Range // the block label
	DefRange  Range // the block header

	EnvironmentSuffix string
	Region            string
	AccountID         string // the pipeline's account; empty when not declared
	Branch            string

	Repository    string // CodeCommit repository name
	ECRRepository string
	ContainerName string
	ContainerPort int
	// TaskRoles are the IAM roles, by name with any path, that the task
	// definitions name (task and execution roles): the only roles the
	// pipeline and CodeDeploy may pass to ECS, in each stage's account.
	// Empty, any role of the account may be passed to ECS tasks.
	TaskRoles []string

	Network       Network
	Build         Build
	Test          *Test
	Artifacts     Artifacts
	Logs          Logs
	Notifications *Notifications
	Stages        []Stage // in the order of the defaults block

	// Settings lists every effective value with its source, in the
	// order they are lowered: the service's own attributes, then each
	// block's, then each stage's. It is nil unless the loader was
	// asked to record it: only a report such as pipelines show needs it.
	Settings []Setting

	// Refused lists the paths of the settings whose values were written
	// but refused before validation (a number where a string is needed,
	// say, or null), reported as such. Their fields hold zero values,
	// which validation takes for unknown, never for the value: it reports
	// nothing at them, and leaves out every check that needs them, within
	// the service and between services. Empty in a service without
	// errors.
	Refused []string
}

// Network is the VPC the builds run in.
type Network struct {
	VPCID          string
	SubnetIDs      []string
	CIDRBlock      string
	S3PrefixListID string
}

// Build is the CodeBuild project that builds and pushes the image.
type Build struct {
	ComputeType    string
	Image          string
	Buildspec      string
	TimeoutMinutes int
	// BaseImageRepositories are ECR repositories of the pipeline's
	// account that the Docker build pulls base images from: builds have
	// no internet access.
	BaseImageRepositories []string
}

// Test is the optional CodeBuild project that runs after the build.
type Test struct {
	Buildspec      string
	TimeoutMinutes int
}

// Artifacts configures the artifact bucket.
type Artifacts struct {
	ExpireDays           int
	NoncurrentExpireDays int
	AccessLogsBucket     string
}

// Logs configures the build log group.
type Logs struct {
	RetentionDays int
}

// Notifications is the optional SNS topic for approvals and pipeline
// events.
type Notifications struct {
	Emails []string
}

// Stage is one deployment target, an ECS service updated blue/green.
type Stage struct {
	Name            string
	AccountID       string // target account; empty means the pipeline's own
	Cluster         string
	ECSService      string
	ListenerARN     string
	TestListenerARN string // optional
	TargetGroups    []string
	RollbackAlarms  []string
	RequireApproval bool

	TaskDefinitionPath string // in the build output artifact
	AppSpecPath        string

	Validation *Validation
}

// CrossAccount reports whether the stage deploys into an account other
// than the pipeline's.
func (st *Stage) CrossAccount(pipelineAccount string) bool {
	return st.AccountID != "" && st.AccountID != pipelineAccount
}

// Validation is an optional post-deployment health check run by a Lambda
// function.
type Validation struct {
	URL            string
	ExpectedStatus int
	TimeoutSeconds int
}

// Disabled holds the optional blocks a service declares but switches off
// with enabled = false, with the values they would have if on. They reach
// no template, so a Service never holds them: Service.ValidateDisabled
// checks them, so that a mistake in a block is reported where it is
// written, not once someone switches the block on.
type Disabled struct {
	Test          *Test
	Notifications *Notifications
	Validations   []StageValidation // in stage order
}

// StageValidation is the validation block of the stage named Stage.
type StageValidation struct {
	Stage      string
	Validation Validation
}

// Source returns where the setting at path came from, or the service's
// definition range when path is unknown or Settings was not recorded.
func (s *Service) Source(path string) Source {
	for _, st := range s.Settings {
		if st.Path == path {
			return st.Source
		}
	}
	return Source{Layer: LayerService, Range: s.DefRange}
}

// known reports whether the value of the setting at path is known: not
// refused (see Refused).
func (s *Service) known(path string) bool {
	return len(s.Refused) == 0 || !slices.Contains(s.Refused, path)
}

// Stage returns the stage named name, or nil.
func (s *Service) Stage(name string) *Stage {
	for i := range s.Stages {
		if s.Stages[i].Name == name {
			return &s.Stages[i]
		}
	}
	return nil
}
