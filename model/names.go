package model

import "strings"

// The EnvironmentSuffix parameter completes every physical name. Its
// constraints are part of each template, and name limits are checked
// against the longest suffix they allow.
//
// A suffix is lowercase letters and digits in groups joined by single
// hyphens, and its last group is not "s3alias". The artifact bucket's name
// ends with "-" and the suffix, and S3 refuses a general purpose bucket
// whose name ends with -s3alias, --ol-s3, --x-s3 or --table-s3: with
// single hyphens, only the first can happen. The pattern spells out "any
// group but s3alias" (shorter or longer, or a first differing character)
// because neither Go's regular expressions nor the documentation of
// AllowedPattern offer a lookahead; a value the template accepts is one
// S3 accepts at deploy time too.
const (
	SuffixParameter = "EnvironmentSuffix"
	SuffixMaxLength = 10
	SuffixPattern   = `^(?:[a-z0-9]+-)*(?:[a-z0-9]{1,6}|[a-z0-9]{8,}|[a-rt-z0-9][a-z0-9]{6}|s[a-z0-24-9][a-z0-9]{5}|s3[b-z0-9][a-z0-9]{4}|s3a[a-km-z0-9][a-z0-9]{3}|s3al[a-hj-z0-9][a-z0-9]{2}|s3ali[b-z0-9][a-z0-9]|s3alia[a-rt-z0-9])$`
)

// reservedSuffixGroup is the last group of a suffix that would end the
// artifact bucket's name in -s3alias.
const reservedSuffixGroup = "s3alias"

const (
	suffixRef    = "${" + SuffixParameter + "}"
	accountIDRef = "${AWS::AccountId}"
)

// PhysicalName is a derived AWS name in Fn::Sub syntax: it contains
// ${EnvironmentSuffix} and may contain ${AWS::AccountId}.
type PhysicalName struct {
	Kind  string // what is named, for messages: "IAM role name"
	Sub   string // the Fn::Sub template
	Limit int    // AWS's maximum length
	Scope Scope  // where AWS requires it to be unique among names of its Kind
	Stage string // the stage whose name is part of it, if any
}

// Scope is where AWS requires a name to be unique. Creating a resource
// whose name is taken in its scope fails, and so does the stack.
type Scope int

const (
	// ScopeRegion names are unique in one account and region: CodeBuild
	// projects, pipelines, CodeDeploy applications, log groups, KMS
	// aliases, SNS topics, Lambda functions, EventBridge rules and
	// notification rules.
	ScopeRegion Scope = iota + 1
	// ScopeAccount names are unique in one account, in every region: IAM
	// roles.
	ScopeAccount
	// ScopeGlobal names are unique across every account: S3 buckets.
	ScopeGlobal
	// ScopeParent names are unique in the resource they belong to:
	// deployment groups in their CodeDeploy application, inline policies
	// in their role.
	ScopeParent
)

// LongestLen is the name's length with the longest suffix a template
// accepts.
func (n PhysicalName) LongestLen() int {
	l := len(n.Sub)
	// Both references start with "${": one pass finds them all.
	for s := n.Sub; ; {
		i := strings.Index(s, "${")
		if i < 0 {
			return l
		}
		s = s[i:]
		switch {
		case strings.HasPrefix(s, suffixRef):
			l += SuffixMaxLength - len(suffixRef)
			s = s[len(suffixRef):]
		case strings.HasPrefix(s, accountIDRef):
			l += 12 - len(accountIDRef)
			s = s[len(accountIDRef):]
		default:
			s = s[2:]
		}
	}
}

// Resolve returns the name for a concrete suffix and account, as it will
// exist in AWS.
func (n PhysicalName) Resolve(suffix, accountID string) string {
	// Neither reference contains the other, nor can a suffix or an account
	// id form one, so replacing them one after the other is exact.
	return strings.ReplaceAll(strings.ReplaceAll(n.Sub, suffixRef, suffix), accountIDRef, accountID)
}

// InAccount fixes the account id of a name that contains one, so that a
// template in another account can name it: the pipeline's artifact bucket
// as seen from a stage's account, say.
func (n PhysicalName) InAccount(accountID string) PhysicalName {
	n.Sub = strings.ReplaceAll(n.Sub, accountIDRef, accountID)
	return n
}

// name joins parts and the suffix with hyphens, in one allocation: a
// load of 10,000 services makes hundreds of thousands of names to check
// their lengths.
func name(kind string, limit int, scope Scope, parts ...string) PhysicalName {
	n := len(parts) + len(suffixRef)
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(p)
	}
	b.WriteByte('-')
	b.WriteString(suffixRef)
	return PhysicalName{Kind: kind, Sub: b.String(), Limit: limit, Scope: scope}
}

// tagName is the value of a Name tag, in Fn::Sub syntax: the parts and
// the suffix joined with hyphens, as physical names are.
func tagName(parts ...string) string {
	return strings.Join(parts, "-") + "-" + suffixRef
}

func stageName(n PhysicalName, stage string) PhysicalName {
	n.Stage = stage
	return n
}

// Job names the IAM roles of a pipeline: one role per job.
type Job string

const (
	JobPipeline Job = "pipeline"
	JobBuild    Job = "build"
	JobTest     Job = "test"
	JobEvents   Job = "events"
	JobDeploy   Job = "deploy"
)

// Names of a service's resources in the pipeline account. Limits are AWS's
// documented maximum lengths.

func (s *Service) KeyAlias() PhysicalName {
	n := name("KMS alias", 256, ScopeRegion, "kms", s.Name, "artifacts")
	n.Sub = "alias/" + n.Sub
	return n
}

func (s *Service) ArtifactBucket() PhysicalName {
	return name("S3 bucket name", 63, ScopeGlobal, "s3", s.Name, "artifacts", accountIDRef)
}

func (s *Service) BuildLogGroup() PhysicalName {
	return name("log group name", 512, ScopeRegion, "logs", s.Name, "builds")
}

func (s *Service) BuildProject() PhysicalName {
	return name("CodeBuild project name", 255, ScopeRegion, "codebuild", s.Name, "build")
}

func (s *Service) TestProject() PhysicalName {
	return name("CodeBuild project name", 255, ScopeRegion, "codebuild", s.Name, "test")
}

// Security groups are named by their Name tag, not by GroupName:
// CloudFormation replaces a security group when its VpcId (a parameter)
// or its description changes, and it cannot replace a resource whose
// name is set. A tag value holds up to 256 characters; a service's names
// are far shorter.

func (s *Service) BuildSecurityGroup() string {
	return tagName("securitygroup", s.Name, "build")
}

func (s *Service) Pipeline() PhysicalName {
	return name("CodePipeline name", 100, ScopeRegion, "codepipeline", s.Name)
}

func (s *Service) DeployApplication() PhysicalName {
	return name("CodeDeploy application name", 100, ScopeRegion, "codedeploy", s.Name)
}

func (s *Service) DeploymentGroup(stage string) PhysicalName {
	return stageName(name("CodeDeploy deployment group name", 100, ScopeParent, "codedeploy", s.Name, stage), stage)
}

func (s *Service) EventsRule() PhysicalName {
	return name("EventBridge rule name", 64, ScopeRegion, "events", s.Name, "commits")
}

func (s *Service) Role(job Job) PhysicalName {
	return name("IAM role name", 64, ScopeAccount, "role", s.Name, string(job))
}

func (s *Service) Policy(job Job) PhysicalName {
	return name("IAM policy name", 128, ScopeParent, "policy", s.Name, string(job))
}

// StagesPolicy is a managed policy of the pipeline's role that lists one
// resource per stage.
func (s *Service) StagesPolicy(purpose string) PhysicalName {
	return name("IAM managed policy name", 128, ScopeAccount, "policy", s.Name, purpose)
}

func (s *Service) Topic() PhysicalName {
	return name("SNS topic name", 256, ScopeRegion, "sns", s.Name, "notifications")
}

func (s *Service) NotificationRule() PhysicalName {
	return name("notification rule name", 64, ScopeRegion, "notifications", s.Name, "pipeline")
}

// ArtifactBuckets matches the artifact bucket of every service in one
// account, whatever its EnvironmentSuffix, for policies that cover them
// all: one VPC's S3 endpoint serves the pipelines of every suffix.
func ArtifactBuckets() string {
	return "s3-*-artifacts-" + accountIDRef + "-*"
}

// EndpointSecurityGroup is the Name tag of the security group of a VPC's
// interface endpoints, created by the shared VPC endpoints template.
func EndpointSecurityGroup() string {
	return tagName("securitygroup", "vpcendpoints")
}

// Names of a stage's resources.

// StageDeployApplication is the CodeDeploy application in a stage's
// account, when that is not the pipeline's. Each cross-account stage has
// its own, so that two stages may deploy into one account.
func (s *Service) StageDeployApplication(stage string) PhysicalName {
	return stageName(name("CodeDeploy application name", 100, ScopeRegion, "codedeploy", s.Name, stage), stage)
}

// CrossAccountRole is created in the stage's account and assumed by the
// pipeline to deploy there.
func (s *Service) CrossAccountRole(stage string) PhysicalName {
	return stageName(name("IAM role name", 64, ScopeAccount, "role", s.Name, stage, "crossaccount"), stage)
}

// StageDeployRole is CodeDeploy's service role for a stage, in the
// stage's account.
func (s *Service) StageDeployRole(stage string) PhysicalName {
	return stageName(name("IAM role name", 64, ScopeAccount, "role", s.Name, stage, "codedeploy"), stage)
}

func (s *Service) StagePolicy(stage, job string) PhysicalName {
	return stageName(name("IAM policy name", 128, ScopeParent, "policy", s.Name, stage, job), stage)
}

func (s *Service) ValidationFunction(stage string) PhysicalName {
	return stageName(name("Lambda function name", 64, ScopeRegion, "lambda", s.Name, stage, "check"), stage)
}

func (s *Service) ValidationRole(stage string) PhysicalName {
	return stageName(name("IAM role name", 64, ScopeAccount, "role", s.Name, stage, "check"), stage)
}

// ValidationSecurityGroup is the Name tag of a stage's validation
// function's security group.
func (s *Service) ValidationSecurityGroup(stage string) string {
	return tagName("securitygroup", s.Name, stage, "check")
}

// ValidationLogGroup is the log group Lambda writes the function's logs to.
func (s *Service) ValidationLogGroup(stage string) PhysicalName {
	n := s.ValidationFunction(stage)
	n.Kind, n.Limit = "log group name", 512
	n.Sub = "/aws/lambda/" + n.Sub
	return n
}

// PipelineNames lists every name the service's pipeline template creates,
// in the pipeline's account. The templates place these names and
// validation checks them, for length and for collisions with other
// services' names, so the list must be exactly what the template creates:
// a test in package emit holds it to the rendered templates.
func (s *Service) PipelineNames() []PhysicalName {
	size := 14
	if s.Test != nil {
		size += 3
	}
	if s.Notifications != nil {
		size += 2
	}
	same := false
	for _, st := range s.Stages {
		if !st.CrossAccount(s.AccountID) {
			if !same {
				size++
			}
			same = true
			size += 3
		}
		if st.Validation != nil {
			size += 4
		}
	}
	names := make([]PhysicalName, 0, size)
	names = append(names,
		s.KeyAlias(), s.ArtifactBucket(), s.BuildLogGroup(), s.BuildProject(),
		s.Pipeline(), s.EventsRule(),
		s.Role(JobPipeline), s.Policy(JobPipeline), s.Role(JobBuild), s.Policy(JobBuild),
		s.Role(JobEvents), s.Policy(JobEvents),
	)
	if s.Test != nil {
		names = append(names, s.TestProject(), s.Role(JobTest), s.Policy(JobTest))
	}
	if s.Notifications != nil {
		names = append(names, s.Topic(), s.NotificationRule())
	}
	// CodeDeploy's application exists in this account only for the
	// stages that deploy into it, and each of those has its own role.
	if same {
		names = append(names, s.DeployApplication())
	}
	cross, checks := false, false
	for _, st := range s.Stages {
		cross = cross || st.CrossAccount(s.AccountID)
		checks = checks || st.Validation != nil
	}
	if cross {
		names = append(names, s.StagesPolicy("assumedeploy"))
	}
	if checks {
		names = append(names, s.StagesPolicy("invokechecks"))
	}
	for _, st := range s.Stages {
		if !st.CrossAccount(s.AccountID) {
			names = append(names, s.DeploymentGroup(st.Name), s.StageDeployRole(st.Name), s.StagePolicy(st.Name, "codedeploy"))
		}
		if st.Validation != nil {
			names = append(names, s.ValidationFunction(st.Name), s.ValidationRole(st.Name),
				s.ValidationLogGroup(st.Name), s.StagePolicy(st.Name, "check"))
		}
	}
	return names
}

// DeployNames lists every name the template of a cross-account stage
// creates, in the stage's account; as PipelineNames, exactly those.
func (s *Service) DeployNames(stage string) []PhysicalName {
	return []PhysicalName{
		s.StageDeployApplication(stage), s.DeploymentGroup(stage),
		s.StageDeployRole(stage), s.StagePolicy(stage, "codedeploy"),
		s.CrossAccountRole(stage), s.StagePolicy(stage, "crossaccount"),
	}
}

// PhysicalNames lists every name the service's templates create, for the
// length check.
func (s *Service) PhysicalNames() []PhysicalName {
	names := s.PipelineNames()
	for _, st := range s.Stages {
		if st.CrossAccount(s.AccountID) {
			names = append(names, s.DeployNames(st.Name)...)
		}
	}
	return names
}

// nameSetKnown reports whether the names the service's templates create
// are known, and in which accounts: no value was refused that decides
// which resources there are (whether an optional block is on) or whether
// a stage deploys into another account (see Service.Refused). Else the
// names are not checked, for their lengths or against other services'.
func (s *Service) nameSetKnown() bool {
	for _, p := range s.Refused {
		switch {
		case p == "account_id", p == "test.enabled", p == "notifications.enabled":
			return false
		case strings.HasPrefix(p, "stage.") && (strings.HasSuffix(p, ".account_id") || strings.HasSuffix(p, ".validation.enabled")):
			return false
		}
	}
	return true
}

// DefaultTargetGroups are the target group names a stage uses unless
// target_groups is set.
func DefaultTargetGroups(service, stage string) []string {
	return []string{service + "-" + stage + "-blue", service + "-" + stage + "-green"}
}

// DefaultTaskDefinitionPath and DefaultAppSpecPath are the files a stage
// reads from the build output unless overridden.
func DefaultTaskDefinitionPath(stage string) string { return "taskdef-" + stage + ".json" }
func DefaultAppSpecPath(stage string) string        { return "appspec-" + stage + ".yaml" }

// IsServiceName reports whether s is a valid service name: the only names
// the folders of out/ that hold a service's templates can have.
func IsServiceName(s string) bool { return serviceNameRE.MatchString(s) }
