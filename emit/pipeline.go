package emit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pipelines/model"
)

// Logical IDs of the pipeline template.
const (
	paramSuffix     = model.SuffixParameter
	paramVpc        = "VpcId"
	paramSubnets    = "SubnetIds"
	paramRepository = "CodeCommitRepositoryName"
	paramECR        = "EcrRepositoryName"

	idKey            = "ArtifactKey"
	idKeyAlias       = "ArtifactKeyAlias"
	idBucket         = "ArtifactBucket"
	idBucketPolicy   = "ArtifactBucketPolicy"
	idLogGroup       = "BuildLogGroup"
	idSecurityGroup  = "BuildSecurityGroup"
	idBuildProject   = "BuildProject"
	idTestProject    = "TestProject"
	idPipeline       = "Pipeline"
	idApplication    = "DeployApplication"
	idEventsRule     = "SourceChangeRule"
	idTopic          = "NotificationTopic"
	idTopicPolicy    = "NotificationTopicPolicy"
	idNotifyRule     = "PipelineNotificationRule"
	artifactSource   = "SourceOutput"
	artifactBuild    = "BuildOutput"
	imagePlaceholder = "IMAGE1_NAME"

	idAssumeDeployRolesPolicy = "AssumeDeployRolesPolicy"
	idInvokeChecksPolicy      = "InvokeChecksPolicy"
)

func roleID(job model.Job) string {
	if ids, ok := jobIDs[job]; ok {
		return ids.role
	}
	return logicalID(string(job), "role")
}

func policyID(job model.Job) string {
	if ids, ok := jobIDs[job]; ok {
		return ids.policy
	}
	return logicalID(string(job), "policy")
}

// jobIDs are the logical IDs of the roles and policies of the jobs,
// built once: a template names them a few dozen times.
var jobIDs = func() map[model.Job]struct{ role, policy string } {
	ids := map[model.Job]struct{ role, policy string }{}
	for _, job := range []model.Job{model.JobPipeline, model.JobBuild, model.JobTest, model.JobEvents, model.JobDeploy} {
		ids[job] = struct{ role, policy string }{logicalID(string(job), "role"), logicalID(string(job), "policy")}
	}
	return ids
}()

// A stage in the pipeline's account has a CodeDeploy service role of its
// own: IAM caps the inline policies of a role at 10,240 characters, which
// one role for every stage, each with its ECS service, listeners and
// alarms, would pass at a dozen stages.
func stageDeployRoleID(stage string) string   { return logicalID(stage, "deploy-role") }
func stageDeployPolicyID(stage string) string { return logicalID(stage, "deploy-policy") }

func clusterParam(stage string) string      { return logicalID(stage, "cluster-name") }
func serviceParam(stage string) string      { return logicalID(stage, "service-name") }
func deploymentGroupID(stage string) string { return logicalID(stage, "deployment-group") }
func pipelineStageName(stage string) string { return logicalID(stage) }

// pipelineTemplate is the template of a service's pipeline in the
// pipeline account.
func pipelineTemplate(s *model.Service) (*Template, error) {
	info := TemplateInfo{Service: s.Name, Kind: "pipeline", Account: s.AccountID}
	for _, st := range s.Stages {
		if st.RequireApproval {
			info.ApprovalStages = append(info.ApprovalStages, pipelineStageName(st.Name))
		}
	}
	b := newBuilder(pipelineDescription(s), info)
	b.tags = tags(s)
	p := &pipelineBuilder{builder: b, s: s, same: sameAccountStages(s), cross: crossAccountStages(s)}
	p.image.account, p.image.region, p.image.repository, p.image.ok = model.ECRImage(s.Build.Image)
	p.parameters()
	p.key()
	p.bucket()
	p.logGroup()
	p.securityGroup()
	p.projects()
	p.roles()
	p.deployments()
	p.notifications()
	p.validations()
	p.pipeline()
	p.eventsRule()
	p.outputs()
	return b.done()
}

func stageList(s *model.Service) string {
	names := make([]string, len(s.Stages))
	for i, st := range s.Stages {
		names[i] = st.Name
	}
	return strings.Join(names, ", then ")
}

// maxDescription is the most bytes CloudFormation takes in a template's
// Description.
const maxDescription = 1024

// pipelineDescription describes the pipeline template, naming its stages
// in order, or only the first and the last when all of them would not
// fit the Description.
func pipelineDescription(s *model.Service) string {
	const format = "CI/CD pipeline of the %s service: CodeCommit, CodeBuild in a private VPC, ECR and CodeDeploy blue/green deployments to ECS (%s)."
	if d := fmt.Sprintf(format, s.Name, stageList(s)); len(d) <= maxDescription {
		return d
	}
	first, last := s.Stages[0].Name, s.Stages[len(s.Stages)-1].Name
	return fmt.Sprintf(format, s.Name, fmt.Sprintf("%d stages, from %s to %s", len(s.Stages), first, last))
}

type pipelineBuilder struct {
	*builder
	s           *model.Service
	same, cross []model.Stage // stages in the pipeline's account, and in others
	image       ecrImage      // the build image, when it is in ECR

	stagePolicyIDs []string // the managed policies of the pipeline's role
}

// ecrImage is an image in an ECR repository.
type ecrImage struct {
	account, region, repository string
	ok                          bool // whether the image is in ECR at all
}

// suffixParam declares the EnvironmentSuffix parameter.
func (b *builder) suffixParam(def, description string) {
	b.param(paramSuffix, Parameter{
		Type:                  "String",
		Description:           description,
		Default:               defaultOf(def),
		AllowedPattern:        model.SuffixPattern,
		MinLength:             1,
		MaxLength:             model.SuffixMaxLength,
		ConstraintDescription: "1 to " + strconv.Itoa(model.SuffixMaxLength) + " lowercase letters and digits in groups joined by single hyphens; the last group is not s3alias, as S3 refuses bucket names ending in -s3alias.",
	})
}

// stageParams declares the parameters naming a stage's ECS cluster and
// service.
func (b *builder) stageParams(st model.Stage) {
	b.param(clusterParam(st.Name), Parameter{
		Type:                  "String",
		Description:           "ECS cluster of the " + st.Name + " stage.",
		Default:               defaultOf(st.Cluster),
		AllowedPattern:        model.ECSNamePattern,
		MinLength:             1,
		MaxLength:             model.ECSNameMax,
		ConstraintDescription: "an ECS cluster name: letters, digits, '_' and '-'.",
	})
	b.param(serviceParam(st.Name), Parameter{
		Type:                  "String",
		Description:           "ECS service of the " + st.Name + " stage, using the CODE_DEPLOY deployment controller.",
		Default:               defaultOf(st.ECSService),
		AllowedPattern:        model.ECSNamePattern,
		MinLength:             1,
		MaxLength:             model.ECSNameMax,
		ConstraintDescription: "an ECS service name: letters, digits, '_' and '-'.",
	})
}

func (p *pipelineBuilder) parameters() {
	s := p.s
	p.suffixParam(s.EnvironmentSuffix, "Suffix of every resource name, such as dev or prod: lowercase letters and digits in groups joined by single hyphens.")
	p.param(paramVpc, Parameter{
		Type:        "AWS::EC2::VPC::Id",
		Description: "VPC the builds run in. It has no internet access; builds reach AWS through its VPC endpoints.",
		Default:     defaultOf(s.Network.VPCID),
	})
	p.param(paramSubnets, Parameter{
		Type:        "List<AWS::EC2::Subnet::Id>",
		Description: "Private subnets of the VPC for the build containers.",
		Default:     defaultOf(strings.Join(s.Network.SubnetIDs, ",")),
	})
	p.param(paramRepository, Parameter{
		Type:                  "String",
		Description:           "CodeCommit repository holding the service's source, buildspec, task definitions and AppSpecs.",
		Default:               defaultOf(s.Repository),
		AllowedPattern:        model.CodeCommitRepositoryPattern,
		MinLength:             1,
		MaxLength:             model.CodeCommitRepositoryMax,
		ConstraintDescription: "a CodeCommit repository name: letters, digits, '.', '_' and '-'.",
	})
	p.param(paramECR, Parameter{
		Type:                  "String",
		Description:           "ECR repository the build pushes the service's image to.",
		Default:               defaultOf(s.ECRRepository),
		AllowedPattern:        model.ECRRepositoryPattern,
		MinLength:             2,
		MaxLength:             model.ECRRepositoryMax,
		ConstraintDescription: "an ECR repository name: lowercase letters, digits, and '.', '_', '-' or '/' between them.",
	})
	// A cross-account stage's cluster and service are parameters of its
	// own template, in its account.
	for _, st := range p.same {
		p.stageParams(st)
	}
}

// ARNs of the resources the roles work on, built from names so that
// policies never wait for the resources they describe.
func (p *pipelineBuilder) bucketArn() Value  { return bucketArn }
func (p *pipelineBuilder) objectsArn() Value { return objectsArn }
func (p *pipelineBuilder) keyArn() Value     { return keyArn }

// The ARNs of the template's bucket and key are the same in every
// template: they are built once, and shared, since templates are only
// read once built.
var (
	bucketArn  Value = GetAtt(idBucket, "Arn")
	objectsArn Value = Join("", GetAtt(idBucket, "Arn"), "/*")
	keyArn     Value = GetAtt(idKey, "Arn")
)

func (p *pipelineBuilder) roleArn(job model.Job) Fn {
	return Arn("iam", "-", "", "role/"+p.s.Role(job).Sub)
}
func (p *pipelineBuilder) logGroupArn() Fn {
	return logGroupArn(p.s.BuildLogGroup())
}
func logGroupArn(n model.PhysicalName) Fn {
	return Arn("logs", "", "", "log-group:"+n.Sub)
}

// crossAccountRoleArn is the role the pipeline assumes to deploy a stage in
// another account.
func crossAccountRoleArn(s *model.Service, st model.Stage) Fn {
	return Arn("iam", "-", st.AccountID, "role/"+s.CrossAccountRole(st.Name).Sub)
}

// accountRoot is an account as a principal: every principal of that
// account that its own policies allow.
func accountRoot(account string) Fn {
	return Arn("iam", "-", account, "root")
}

// oneOrMany renders a single value as itself, and several as a list.
func oneOrMany(values []Value) Value {
	if len(values) == 1 {
		return values[0]
	}
	return values
}
func (p *pipelineBuilder) repositoryArn() Value { return repositoryArn }
func (p *pipelineBuilder) ecrArn() Value        { return ecrArn }
func (p *pipelineBuilder) pipelineArn() Value   { return pipelineArn }

// Like the bucket's and key's, these ARNs name only parameters and
// resources of the template, and are built once.
var (
	repositoryArn Value = Arn("codecommit", "", "", "${"+paramRepository+"}")
	ecrArn        Value = Arn("ecr", "", "", "repository/${"+paramECR+"}")
	pipelineArn   Value = Arn("codepipeline", "", "", "${"+idPipeline+"}")
)

func (p *pipelineBuilder) projectArn(id string) Fn {
	return Arn("codebuild", "", "", "project/${"+id+"}")
}

// key is the customer-managed key that encrypts artifacts, build output,
// logs and notifications.
func (p *pipelineBuilder) key() {
	s := p.s
	statements := append(make([]Statement, 0, 10), // room for all
		Statement{
			Sid:       "AccountAdministersKey",
			Effect:    "Allow",
			Principal: Principal{AWS: accountRoot("")},
			Action:    keyAdminActions(),
			Resource:  "*",
		},
		// The pipeline reads and writes artifacts in S3 only, which uses the
		// key on its behalf.
		p.roleUsesKey("PipelineRolesUseKeyThroughS3", model.JobPipeline,
			Condition{"StringEquals", "kms:ViaService", Sub("s3.${AWS::Region}.amazonaws.com")}),
		p.roleUsesKey("BuildRoleUsesKey", model.JobBuild),
	)
	if s.Test != nil {
		statements = append(statements, p.roleUsesKey("TestRoleReadsArtifacts", model.JobTest))
	}
	if len(p.cross) > 0 {
		// The roles live in other accounts and may not exist yet: KMS
		// refuses a principal that does not exist, so the key trusts
		// each account and the condition names the role.
		roots, roles := p.crossAccountPrincipals()
		statements = append(statements, Statement{
			Sid:       "CrossAccountRolesDecryptArtifactsThroughS3",
			Effect:    "Allow",
			Principal: Principal{AWS: oneOrMany(roots)},
			Action:    []string{"kms:Decrypt"},
			Resource:  "*",
			Condition: Conditions{
				{"StringEquals", "kms:ViaService", Sub("s3.${AWS::Region}.amazonaws.com")},
				{"ArnEquals", "aws:PrincipalArn", oneOrMany(roles)},
			},
		})
	}
	if s.Notifications != nil {
		statements = append(statements,
			Statement{
				Sid:       "PipelineRolePublishesThroughSNS",
				Effect:    "Allow",
				Principal: Principal{AWS: accountRoot("")},
				Action:    []string{"kms:Decrypt", "kms:GenerateDataKey"},
				Resource:  "*",
				Condition: Conditions{
					{"StringEquals", "kms:CallerAccount", Ref("AWS::AccountId")},
					{"StringEquals", "kms:ViaService", Sub("sns.${AWS::Region}.amazonaws.com")},
					{"ArnEquals", "aws:PrincipalArn", p.roleArn(model.JobPipeline)},
				},
			},
			Statement{
				Sid:       "CodeStarNotificationsPublishThroughSNS",
				Effect:    "Allow",
				Principal: servicePrincipal("codestar-notifications.amazonaws.com"),
				Action:    []string{"kms:Decrypt", "kms:GenerateDataKey"},
				Resource:  "*",
				Condition: Conditions{{"StringEquals", "kms:ViaService", Sub("sns.${AWS::Region}.amazonaws.com")}},
			},
		)
	}
	logGroups := []Value{p.logGroupArn()}
	for _, st := range s.Stages {
		if st.Validation != nil {
			logGroups = append(logGroups, logGroupArn(s.ValidationLogGroup(st.Name)))
		}
	}
	statements = append(statements,
		Statement{
			Sid:    "CloudWatchLogsEncryptsLogGroups",
			Effect: "Allow",
			// CloudWatch Logs' principal is regional: the stack's.
			Principal: servicePrincipal(Sub("logs.${AWS::Region}.amazonaws.com")),
			// The actions of CloudWatch Logs' documented key policy
			// (kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*,
			// kms:GenerateDataKey*, kms:Describe*), each named: what Logs
			// calls is not documented more narrowly, and a log group whose
			// key Logs cannot use fails to create. All but kms:DescribeKey:
			// its requests hold no encryption context, so under this
			// statement's condition the documented policy never allows it.
			Action: []string{
				"kms:Decrypt", "kms:Encrypt",
				"kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateDataKeyWithoutPlaintext",
				"kms:ReEncryptFrom", "kms:ReEncryptTo",
			},
			Resource: "*",
			Condition: Conditions{
				{"ArnEquals", "kms:EncryptionContext:aws:logs:arn", oneOrMany(logGroups)},
			},
		},
		Statement{
			Sid:       "DenyGrantsExceptForAWSResources",
			Effect:    "Deny",
			Principal: "*",
			Action:    []string{"kms:CreateGrant"},
			Resource:  "*",
			Condition: Conditions{
				{"BoolIfExists", "aws:PrincipalIsAWSService", "false"},
				{"BoolIfExists", "kms:GrantIsForAWSResource", "false"},
			},
		},
	)
	p.stateful(idKey, "AWS::KMS::Key", KeyProperties{
		Description:         "Encrypts the pipeline artifacts, build output, logs and notifications of the " + s.Name + " service.",
		EnableKeyRotation:   true,
		KeySpec:             "SYMMETRIC_DEFAULT",
		KeyUsage:            "ENCRYPT_DECRYPT",
		PendingWindowInDays: 7,
		KeyPolicy:           policy(statements...),
		Tags:                p.tags,
	})
	p.resource(idKeyAlias, "AWS::KMS::Alias", AliasProperties{
		AliasName:   sub(s.KeyAlias()),
		TargetKeyId: Ref(idKey),
	})
}

// crossAccountPrincipals are the roots of the accounts of cross-account
// stages and the roles the pipeline assumes there. Policies name the
// accounts as principals, since the roles may not exist yet, and the roles
// in an aws:PrincipalArn condition.
func (p *pipelineBuilder) crossAccountPrincipals() (roots, roles []Value) {
	var accounts []string
	for _, st := range p.cross {
		if !slices.Contains(accounts, st.AccountID) {
			accounts = append(accounts, st.AccountID)
			roots = append(roots, accountRoot(st.AccountID))
		}
		roles = append(roles, crossAccountRoleArn(p.s, st))
	}
	return roots, roles
}

// keyAdminActions lets the account's administrators manage the key (and
// keeps the key manageable: CloudFormation refuses a policy that locks the
// account out). It grants no use of the key. kms:ListAliases is not among
// them: it acts on no key, so only an IAM policy can grant it.
func keyAdminActions() []string {
	return []string{
		"kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey",
		"kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation",
		"kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListGrants",
		"kms:ListKeyPolicies", "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:RevokeGrant",
		"kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias",
		"kms:UpdateKeyDescription",
	}
}

func (p *pipelineBuilder) bucket() {
	s := p.s
	p.stateful(idBucket, "AWS::S3::Bucket", BucketProperties{
		BucketName: sub(s.ArtifactBucket()),
		BucketEncryption: BucketEncryption{ServerSideEncryptionConfiguration: []ServerSideEncryptionRule{{
			BucketKeyEnabled:              true,
			ServerSideEncryptionByDefault: ServerSideEncryptionByDefault{SSEAlgorithm: "aws:kms", KMSMasterKeyID: p.keyArn()},
		}}},
		VersioningConfiguration: VersioningConfiguration{Status: "Enabled"},
		PublicAccessBlockConfiguration: PublicAccessBlock{
			BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
		},
		OwnershipControls: OwnershipControls{Rules: []OwnershipControlsRule{{ObjectOwnership: "BucketOwnerEnforced"}}},
		LifecycleConfiguration: LifecycleConfiguration{Rules: []LifecycleRule{{
			Id:                             "expire-artifacts",
			Status:                         "Enabled",
			ExpirationInDays:               s.Artifacts.ExpireDays,
			NoncurrentVersionExpiration:    NoncurrentVersionExpiration{NoncurrentDays: s.Artifacts.NoncurrentExpireDays},
			AbortIncompleteMultipartUpload: AbortIncompleteMultipartUpload{DaysAfterInitiation: 7},
		}}},
		LoggingConfiguration: LoggingConfiguration{
			DestinationBucketName: s.Artifacts.AccessLogsBucket,
			LogFilePrefix:         Sub(s.ArtifactBucket().Sub + "/"),
		},
		Tags: p.tags,
	})
	statements := []Statement{{
		Sid:       "DenyInsecureTransport",
		Effect:    "Deny",
		Principal: "*",
		// AWS's TLS-only controls (Security Hub S3.5, Control Tower
		// CT.S3.PR.8) require a Deny of every S3 action.
		Action:    []string{"s3:*"},
		Resource:  []Value{p.bucketArn(), p.objectsArn()},
		Condition: Conditions{{"Bool", "aws:SecureTransport", "false"}},
	}}
	if len(p.cross) > 0 {
		// As in the key policy: the accounts are the principals, since
		// their roles may not exist yet, and the condition names the
		// roles.
		roots, roles := p.crossAccountPrincipals()
		statements = append(statements, Statement{
			Sid:       "CrossAccountRolesReadArtifacts",
			Effect:    "Allow",
			Principal: Principal{AWS: oneOrMany(roots)},
			Action:    []string{"s3:GetObject", "s3:GetObjectVersion"},
			Resource:  p.objectsArn(),
			Condition: Conditions{{"ArnEquals", "aws:PrincipalArn", oneOrMany(roles)}},
		})
	}
	p.resource(idBucketPolicy, "AWS::S3::BucketPolicy", BucketPolicyProperties{
		Bucket:         Ref(idBucket),
		PolicyDocument: policy(statements...),
	})
}

func (p *pipelineBuilder) logGroup() {
	p.stateful(idLogGroup, "AWS::Logs::LogGroup", LogGroupProperties{
		LogGroupName:    sub(p.s.BuildLogGroup()),
		RetentionInDays: p.s.Logs.RetentionDays,
		KmsKeyId:        p.keyArn(),
		Tags:            p.tags,
	})
}

// securityGroup lets builds reach only the VPC's interface endpoints and
// S3 through its gateway endpoint, over HTTPS. It has no ingress rules.
func (p *pipelineBuilder) securityGroup() {
	s := p.s
	p.resource(idSecurityGroup, "AWS::EC2::SecurityGroup", SecurityGroupProperties{
		GroupDescription: "Builds of " + s.Name + ": HTTPS to the VPC endpoints and S3 only",
		VpcId:            Ref(paramVpc),
		SecurityGroupEgress: []EgressRule{
			{Description: "HTTPS to the interface VPC endpoints", IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: s.Network.CIDRBlock},
			{Description: "HTTPS to S3 through the gateway VPC endpoint", IpProtocol: "tcp", FromPort: 443, ToPort: 443, DestinationPrefixListId: s.Network.S3PrefixListID},
		},
		Tags: named(p.tags, s.BuildSecurityGroup()),
	})
}

func (p *pipelineBuilder) projects() {
	s := p.s
	env := []EnvironmentVariable{
		{Name: "AWS_ACCOUNT_ID", Type: "PLAINTEXT", Value: Ref("AWS::AccountId")},
		{Name: "CONTAINER_NAME", Type: "PLAINTEXT", Value: s.ContainerName},
		{Name: "CONTAINER_PORT", Type: "PLAINTEXT", Value: strconv.Itoa(s.ContainerPort)},
		{Name: "ENVIRONMENT_SUFFIX", Type: "PLAINTEXT", Value: Ref(paramSuffix)},
		{Name: "IMAGE_REPO_NAME", Type: "PLAINTEXT", Value: Ref(paramECR)},
		{Name: "REPOSITORY_URI", Type: "PLAINTEXT", Value: Sub("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${" + paramECR + "}")},
	}
	p.project(idBuildProject, model.JobBuild, s.BuildProject(), s.Build.Buildspec, s.Build.TimeoutMinutes, env,
		"Builds the "+s.Name+" image with Docker, pushes it to ECR and writes the deployment files.")
	if s.Test != nil {
		p.project(idTestProject, model.JobTest, s.TestProject(), s.Test.Buildspec, s.Test.TimeoutMinutes, env,
			"Runs the tests of "+s.Name+" after the build.")
	}
}

func (p *pipelineBuilder) project(id string, job model.Job, name model.PhysicalName, buildspec string, timeout int, env []EnvironmentVariable, description string) {
	s := p.s
	pull := "CODEBUILD"
	if p.image.ok {
		pull = "SERVICE_ROLE"
	}
	p.resource(id, "AWS::CodeBuild::Project", ProjectProperties{
		Name:        sub(name),
		Description: description,
		ServiceRole: GetAtt(roleID(job), "Arn"),
		Source:      ProjectSource{Type: "CODEPIPELINE", BuildSpec: buildspec},
		Artifacts:   ProjectArtifacts{Type: "CODEPIPELINE"},
		Environment: ProjectEnvironment{
			Type:                     "LINUX_CONTAINER",
			ComputeType:              s.Build.ComputeType,
			Image:                    s.Build.Image,
			ImagePullCredentialsType: pull,
			PrivilegedMode:           job == model.JobBuild, // Docker builds the image; the tests need no daemon
			EnvironmentVariables:     env,
		},
		VpcConfig: ProjectVpcConfig{
			VpcId:            Ref(paramVpc),
			Subnets:          Ref(paramSubnets),
			SecurityGroupIds: []Value{GetAtt(idSecurityGroup, "GroupId")},
		},
		EncryptionKey:          p.keyArn(),
		TimeoutInMinutes:       timeout,
		QueuedTimeoutInMinutes: 60,
		LogsConfig: ProjectLogsConfig{
			CloudWatchLogs: CloudWatchLogsConfig{Status: "ENABLED", GroupName: Ref(idLogGroup), StreamName: string(job)},
			S3Logs:         S3LogsConfig{Status: "DISABLED"},
		},
		Tags: p.tags,
	}, policyID(job)) // CodeBuild checks the role's VPC permissions when it creates the project.
}

func (p *pipelineBuilder) role(job model.Job, service, description string, statements ...Statement) {
	s := p.s
	p.builder.role(roleID(job), policyID(job), s.Role(job), s.Policy(job), trustPolicy(service), description, statements...)
}

func (p *pipelineBuilder) roles() {
	s := p.s
	p.role(model.JobPipeline, "codepipeline.amazonaws.com",
		"Runs the "+s.Name+" pipeline: reads the source, starts builds and deployments.",
		p.pipelineStatements()...)
	p.stagePolicyIDs = p.stagePolicies()
	p.role(model.JobBuild, "codebuild.amazonaws.com",
		"Builds "+s.Name+" in the VPC and pushes its image to ECR.",
		p.buildStatements(true)...)
	if s.Test != nil {
		p.role(model.JobTest, "codebuild.amazonaws.com",
			"Runs the tests of "+s.Name+" in the VPC.",
			p.buildStatements(false)...)
	}
	p.role(model.JobEvents, "events.amazonaws.com",
		"Starts the "+s.Name+" pipeline when its branch changes.",
		allow("StartPipeline", []string{"codepipeline:StartPipelineExecution"}, p.pipelineArn()))
	for _, st := range p.same {
		p.builder.role(stageDeployRoleID(st.Name), stageDeployPolicyID(st.Name),
			s.StageDeployRole(st.Name), s.StagePolicy(st.Name, "codedeploy"), codeDeployTrustPolicy(s.DeployApplication()),
			"Lets CodeDeploy shift traffic between the blue and green task sets of "+s.Name+" in "+st.Name+".",
			deployStatements(s, st)...)
	}
}

// keyActions are the uses of the key a job's role needs, which its own
// policy and the key's grant alike. The pipeline uses the key through S3
// only, which asks for kms:GenerateDataKey to write an object and
// kms:Decrypt to read one; CodeBuild also uses a project's key itself, to
// encrypt the build's output; the tests only read the source.
func keyActions(job model.Job) []string {
	switch job {
	case model.JobPipeline:
		return []string{"kms:Decrypt", "kms:GenerateDataKey"}
	case model.JobBuild:
		return []string{"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"}
	}
	return []string{"kms:Decrypt", "kms:DescribeKey"}
}

// roleUsesKey is the key policy's statement that lets the role of job, in
// this account, use the key as keyActions says, on the conditions given
// besides.
func (p *pipelineBuilder) roleUsesKey(sid string, job model.Job, conditions ...Condition) Statement {
	return Statement{
		Sid:       sid,
		Effect:    "Allow",
		Principal: Principal{AWS: accountRoot("")},
		Action:    keyActions(job),
		Resource:  "*",
		Condition: append(Conditions{
			{"StringEquals", "kms:CallerAccount", Ref("AWS::AccountId")},
			{"ArnEquals", "aws:PrincipalArn", p.roleArn(job)},
		}, conditions...),
	}
}

// appendArtifactStatements appends to st the statements that let the role
// of job read the artifacts and, with write, add to them.
func (p *pipelineBuilder) appendArtifactStatements(st []Statement, job model.Job, write bool) []Statement {
	if !write {
		return append(st,
			allow("ReadArtifacts", []string{"s3:GetObject", "s3:GetObjectVersion"}, p.objectsArn()),
			allow("ReadArtifactBucket", []string{"s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketVersioning"}, p.bucketArn()),
			allow("DecryptArtifacts", keyActions(job), p.keyArn()),
		)
	}
	return append(st,
		allow("ReadWriteArtifacts", []string{"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}, p.objectsArn()),
		allow("ReadArtifactBucket", []string{"s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketVersioning"}, p.bucketArn()),
		allow("UseArtifactKey", keyActions(job), p.keyArn()),
	)
}

func (p *pipelineBuilder) pipelineStatements() []Statement {
	s := p.s
	st := p.appendArtifactStatements(make([]Statement, 0, 16), model.JobPipeline, true) // room for all
	st = append(st,
		allow("ReadSource", []string{
			"codecommit:CancelUploadArchive", "codecommit:GetBranch", "codecommit:GetCommit",
			"codecommit:GetUploadArchiveStatus", "codecommit:UploadArchive",
		}, p.repositoryArn()),
	)
	projects := []Value{p.projectArn(idBuildProject)}
	if s.Test != nil {
		projects = append(projects, p.projectArn(idTestProject))
	}
	st = append(st, allow("RunBuilds", []string{"codebuild:BatchGetBuilds", "codebuild:StartBuild", "codebuild:StopBuild"}, projects...))
	if len(p.same) > 0 {
		st = append(st, deployActionStatements(s)...)
	}
	if s.Notifications != nil {
		st = append(st, allow("PublishApprovalNotifications", []string{"sns:Publish"}, Ref(idTopic)))
	}
	return st
}

// stagePolicies attach to the pipeline's role the permissions that grow
// with its stages, each list in a managed policy of its own: assuming the
// role of each cross-account stage, and invoking the health check of each
// stage that has one. IAM caps the inline policies of a role at 10,240
// characters in all, which 47 stages of ARNs would pass, and a managed
// policy at 6,144, which one list of 47 ARNs stays under. The pipeline
// depends on them: CodePipeline checks that its role may assume an
// action's role when it creates the pipeline.
func (p *pipelineBuilder) stagePolicies() []string {
	s := p.s
	var ids []string
	// A managed policy's Description is create-only, and its name is set:
	// CloudFormation cannot replace it, so a new description would fail
	// the update of every deployed stack. Keep the texts as they are.
	attach := func(id string, name model.PhysicalName, description string, st ...Statement) {
		p.resource(id, "AWS::IAM::ManagedPolicy", ManagedPolicyProperties{
			ManagedPolicyName: sub(name),
			Description:       description,
			Roles:             []Value{Ref(roleID(model.JobPipeline))},
			PolicyDocument:    policy(st...),
		})
		ids = append(ids, id)
	}
	if len(p.cross) > 0 {
		roles := make([]Value, len(p.cross))
		for i, stage := range p.cross {
			roles[i] = crossAccountRoleArn(s, stage)
		}
		attach(idAssumeDeployRolesPolicy, s.StagesPolicy("assumedeploy"),
			"Lets the "+s.Name+" pipeline assume the deployment role of each cross-account stage.",
			allow("AssumeCrossAccountDeployRoles", []string{"sts:AssumeRole"}, roles...))
	}
	var functions []Value
	for _, stage := range s.Stages {
		if stage.Validation != nil {
			functions = append(functions, Arn("lambda", "", "", "function:"+s.ValidationFunction(stage.Name).Sub))
		}
	}
	if len(functions) > 0 {
		attach(idInvokeChecksPolicy, s.StagesPolicy("invokechecks"),
			"Lets the "+s.Name+" pipeline invoke the health check of each stage that has one.",
			allow("InvokeValidationFunctions", []string{"lambda:InvokeFunction"}, functions...),
			// CodePipeline's Lambda invoke action needs lambda:ListFunctions
			// besides lambda:InvokeFunction, or the action fails; the
			// Service Authorization Reference gives ListFunctions no
			// resource type.
			allow("ListFunctions", []string{"lambda:ListFunctions"}, "*"))
	}
	return ids
}

// deployActionStatements let a role run the CodeDeployToECS action of the
// stages whose deployment groups belong to the template's application:
// register the revision and the task definition, pass the task's roles to
// ECS, and start the deployment.
func deployActionStatements(s *model.Service) []Statement {
	return []Statement{
		allow("RegisterRevisions", []string{"codedeploy:GetApplication", "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision"},
			Arn("codedeploy", "", "", "application:${"+idApplication+"}")),
		// The application belongs to this service and holds only the
		// deployment groups of its stages: naming it, rather than each
		// group, keeps the pipeline role's policy the same size however
		// many stages there are.
		allow("Deploy", []string{"codedeploy:CreateDeployment", "codedeploy:GetDeployment"},
			Arn("codedeploy", "", "", "deploymentgroup:${"+idApplication+"}/*")),
		allow("ReadDeploymentConfig", []string{"codedeploy:GetDeploymentConfig"},
			Arn("codedeploy", "", "", "deploymentconfig:"+deploymentConfig)),
		// The task definition's family is named in the service's
		// repository, which the template does not know; CodePipeline's
		// documented policy for this action grants it on "*" too.
		allow("RegisterTaskDefinitions", []string{"ecs:RegisterTaskDefinition"}, "*"),
		// A task definition with tags needs TagResource too, for the
		// registration only.
		Statement{
			Sid:       "TagTaskDefinitions",
			Effect:    "Allow",
			Action:    []string{"ecs:TagResource"},
			Resource:  Arn("ecs", "", "", "task-definition/*"),
			Condition: Conditions{{"StringEquals", "ecs:CreateAction", "RegisterTaskDefinition"}},
		},
		passTaskRoles(s),
	}
}

// passTaskRoles lets a role hand the task definition's roles to ECS tasks,
// and to nothing else: the service's task_roles in the template's
// account or, without them, any role there, since the roles are named in
// the task definition, in the service's repository.
func passTaskRoles(s *model.Service) Statement {
	var roles Value = Arn("iam", "-", "", "role/*")
	if len(s.TaskRoles) > 0 {
		named := make([]Value, len(s.TaskRoles))
		for i, r := range s.TaskRoles {
			named[i] = Arn("iam", "-", "", "role/"+r)
		}
		roles = named
	}
	return Statement{
		Sid:       "PassTaskRolesToECS",
		Effect:    "Allow",
		Action:    []string{"iam:PassRole"},
		Resource:  roles,
		Condition: Conditions{{"StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com"}},
	}
}

func (p *pipelineBuilder) buildStatements(push bool) []Statement {
	s := p.s
	// Only the build adds artifacts; the tests read the source.
	job := model.JobTest
	if push {
		job = model.JobBuild
	}
	st := p.appendArtifactStatements(make([]Statement, 0, 12), job, push) // room for all
	st = append(st,
		allow("WriteBuildLogs", []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			p.logGroupArn(), Arn("logs", "", "", "log-group:"+s.BuildLogGroup().Sub+":*")),
		// CodeBuild needs these EC2 actions to attach the build to the
		// VPC. The Describe calls take no resource; CreateNetworkInterface
		// and DeleteNetworkInterface do, but CodeBuild's documented policy
		// for a build in a VPC grants them on "*", and so does this one.
		allow("ManageBuildNetworkInterfaces", []string{
			"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeDhcpOptions",
			"ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
		}, "*"),
		Statement{
			Sid:      "AuthorizeCodeBuildInVpc",
			Effect:   "Allow",
			Action:   []string{"ec2:CreateNetworkInterfacePermission"},
			Resource: Arn("ec2", "", "", "network-interface/*"),
			Condition: Conditions{
				{"StringEquals", "ec2:AuthorizedService", "codebuild.amazonaws.com"},
				{"ArnEquals", "ec2:Vpc", Arn("ec2", "", "", "vpc/${"+paramVpc+"}")},
			},
		},
	)
	if push {
		st = append(st,
			// GetAuthorizationToken supports no resource-level permissions.
			allow("LogInToECR", []string{"ecr:GetAuthorizationToken"}, "*"),
			allow("PushImage", []string{
				"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
				"ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
			}, p.ecrArn()),
		)
		if repos := s.Build.BaseImageRepositories; len(repos) > 0 {
			arns := make([]Value, len(repos))
			for i, r := range repos {
				arns[i] = Arn("ecr", "", "", "repository/"+r)
			}
			st = append(st, allow("PullBaseImages", []string{
				"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
			}, arns...))
		}
	}
	if !push {
		// The tests' buildspec may report results and coverage: CodeBuild
		// creates a report group for each, named after the project, on
		// the first run. Only those report groups.
		st = append(st, allow("PublishTestReports", []string{
			"codebuild:BatchPutCodeCoverages", "codebuild:BatchPutTestCases", "codebuild:CreateReport",
			"codebuild:CreateReportGroup", "codebuild:UpdateReport",
		}, Arn("codebuild", "", "", "report-group/"+s.TestProject().Sub+"-*")))
	}
	if img := p.image; img.ok {
		if !push {
			st = append(st, allow("LogInToECR", []string{"ecr:GetAuthorizationToken"}, "*"))
		}
		st = append(st, allow("PullBuildImage", []string{
			"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
		}, Sub("arn:${AWS::Partition}:ecr:"+img.region+":"+img.account+":repository/"+img.repository)))
	}
	return st
}

// deployStatements are CodeDeploy's permissions to deploy a stage
// blue/green: its ECS service, listeners and alarms, in the template's
// account, and the AppSpec's lifecycle hooks. The hook functions must be
// named CodeDeployHook_*, as AWS's managed policy for CodeDeploy on ECS
// (AWSCodeDeployRoleForECS) also requires.
func deployStatements(s *model.Service, st model.Stage) []Statement {
	cluster, service := "${"+clusterParam(st.Name)+"}", "${"+serviceParam(st.Name)+"}"
	services := []Value{Arn("ecs", "", "", "service/"+cluster+"/"+service)}
	taskSets := Arn("ecs", "", "", "task-set/"+cluster+"/"+service+"/*")
	var listeners, rules, alarms []Value
	for _, l := range []string{st.ListenerARN, st.TestListenerARN} {
		if l != "" {
			listeners = append(listeners, l)
			rules = append(rules, strings.Replace(l, ":listener/", ":listener-rule/", 1)+"/*")
		}
	}
	for _, a := range st.RollbackAlarms {
		// Validation leaves no '$' in an alarm's name, which Fn::Sub
		// would read, and IAM too.
		alarms = append(alarms, Arn("cloudwatch", "", "", "alarm:"+a))
	}
	stmts := []Statement{
		allow("UpdateECSServices", []string{"ecs:DescribeServices"}, services...),
		allow("ManageTaskSets", []string{"ecs:CreateTaskSet", "ecs:DeleteTaskSet", "ecs:UpdateServicePrimaryTaskSet"}, append(services, taskSets)...),
		// Describe actions of Elastic Load Balancing support no
		// resource-level permissions.
		allow("DescribeLoadBalancing", []string{
			"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups",
		}, "*"),
		allow("ShiftTraffic", []string{"elasticloadbalancing:ModifyListener"}, listeners...),
		allow("ShiftRuleTraffic", []string{"elasticloadbalancing:ModifyRule"}, rules...),
		allow("InvokeLifecycleHooks", []string{"lambda:InvokeFunction"}, Arn("lambda", "", "", "function:CodeDeployHook_*")),
		passTaskRoles(s),
	}
	if len(alarms) > 0 {
		stmts = append(stmts, allow("WatchRollbackAlarms", []string{"cloudwatch:DescribeAlarms"}, alarms...))
	}
	return stmts
}

const deploymentConfig = "CodeDeployDefault.ECSAllAtOnce"

// deployments are the CodeDeploy resources of the stages in the pipeline's
// account; a cross-account stage's are in its own template.
func (p *pipelineBuilder) deployments() {
	s := p.s
	if len(p.same) == 0 {
		return
	}
	p.resource(idApplication, "AWS::CodeDeploy::Application", ApplicationProperties{
		ApplicationName: sub(s.DeployApplication()),
		ComputePlatform: "ECS",
		Tags:            p.tags,
	})
	for _, st := range p.same {
		p.resource(deploymentGroupID(st.Name), "AWS::CodeDeploy::DeploymentGroup",
			p.deploymentGroup(s, st, Ref(idApplication), GetAtt(stageDeployRoleID(st.Name), "Arn"),
				Ref(clusterParam(st.Name)), Ref(serviceParam(st.Name))),
			stageDeployPolicyID(st.Name))
	}
}

// deploymentGroup is the blue/green deployment group of one stage; it
// rolls back when a deployment fails or a rollback alarm fires.
func (b *builder) deploymentGroup(s *model.Service, st model.Stage, app, role, cluster, service Value) DeploymentGroupProperties {
	pair := TargetGroupPairInfo{
		ProdTrafficRoute: TrafficRoute{ListenerArns: []string{st.ListenerARN}},
	}
	for _, tg := range st.TargetGroups {
		pair.TargetGroups = append(pair.TargetGroups, TargetGroupInfo{Name: tg})
	}
	if st.TestListenerARN != "" {
		pair.TestTrafficRoute = &TrafficRoute{ListenerArns: []string{st.TestListenerARN}}
	}
	dg := DeploymentGroupProperties{
		ApplicationName:      app,
		DeploymentGroupName:  sub(s.DeploymentGroup(st.Name)),
		ServiceRoleArn:       role,
		DeploymentConfigName: deploymentConfig,
		DeploymentStyle:      DeploymentStyle{DeploymentType: "BLUE_GREEN", DeploymentOption: "WITH_TRAFFIC_CONTROL"},
		BlueGreenDeploymentConfiguration: BlueGreenDeploymentConfiguration{
			DeploymentReadyOption:                     DeploymentReadyOption{ActionOnTimeout: "CONTINUE_DEPLOYMENT"},
			TerminateBlueInstancesOnDeploymentSuccess: TerminateBlueInstances{Action: "TERMINATE", TerminationWaitTimeInMinutes: 5},
		},
		ECSServices:               []ECSService{{ClusterName: cluster, ServiceName: service}},
		LoadBalancerInfo:          LoadBalancerInfo{TargetGroupPairInfoList: []TargetGroupPairInfo{pair}},
		AutoRollbackConfiguration: AutoRollbackConfiguration{Enabled: true, Events: []string{"DEPLOYMENT_FAILURE"}},
		Tags:                      b.tags,
	}
	if len(st.RollbackAlarms) > 0 {
		dg.AutoRollbackConfiguration.Events = append(dg.AutoRollbackConfiguration.Events, "DEPLOYMENT_STOP_ON_ALARM")
		dg.AlarmConfiguration = &AlarmConfiguration{Enabled: true}
		for _, a := range st.RollbackAlarms {
			dg.AlarmConfiguration.Alarms = append(dg.AlarmConfiguration.Alarms, Alarm{Name: a})
		}
	}
	return dg
}

func (p *pipelineBuilder) pipeline() {
	s := p.s
	source := Stage{Name: "Source", Actions: []Action{{
		Name:         "Source",
		ActionTypeId: ActionTypeId{Category: "Source", Owner: "AWS", Provider: "CodeCommit", Version: "1"},
		RunOrder:     1,
		Configuration: map[string]Value{
			"RepositoryName":       Ref(paramRepository),
			"BranchName":           s.Branch,
			"PollForSourceChanges": "false",
			"OutputArtifactFormat": "CODE_ZIP",
		},
		OutputArtifacts: []Artifact{{Name: artifactSource}},
	}}}
	build := Stage{Name: "Build", Actions: []Action{codeBuildAction("Build", "Build", idBuildProject, artifactBuild)}}
	stages := []Stage{source, build}
	if s.Test != nil {
		stages = append(stages, Stage{Name: "Test", Actions: []Action{codeBuildAction("Test", "Test", idTestProject, "")}})
	}
	for _, st := range s.Stages {
		stages = append(stages, p.deployStage(st))
	}
	p.resource(idPipeline, "AWS::CodePipeline::Pipeline", PipelineProperties{
		Name:                     sub(s.Pipeline()),
		RoleArn:                  GetAtt(roleID(model.JobPipeline), "Arn"),
		PipelineType:             "V2",
		ExecutionMode:            "QUEUED",
		RestartExecutionOnUpdate: false,
		ArtifactStore: ArtifactStore{
			Type:          "S3",
			Location:      Ref(idBucket),
			EncryptionKey: EncryptionKey{Id: p.keyArn(), Type: "KMS"},
		},
		Stages: stages,
		Tags:   p.tags,
	}, append([]string{policyID(model.JobPipeline)}, p.stagePolicyIDs...)...)
}

func codeBuildAction(name, category, project, output string) Action {
	a := Action{
		Name:           name,
		ActionTypeId:   ActionTypeId{Category: category, Owner: "AWS", Provider: "CodeBuild", Version: "1"},
		RunOrder:       1,
		Configuration:  map[string]Value{"ProjectName": Ref(project)},
		InputArtifacts: []Artifact{{Name: artifactSource}},
	}
	if output != "" {
		a.OutputArtifacts = []Artifact{{Name: output}}
	}
	return a
}

// deployStage is one stage of deployment: a manual approval when the stage
// requires it, the blue/green deployment, then the validation when the
// stage has one.
func (p *pipelineBuilder) deployStage(st model.Stage) Stage {
	s := p.s
	var actions []Action
	order := 1
	cross := st.CrossAccount(s.AccountID)
	if st.RequireApproval {
		var target Value = Sub(fmt.Sprintf("Approve deploying %s to the %s stage: ECS service ${%s} in cluster ${%s}, blue/green through CodeDeploy.",
			s.Name, st.Name, serviceParam(st.Name), clusterParam(st.Name)))
		if cross {
			target = fmt.Sprintf("Approve deploying %s to the %s stage: ECS service %s in cluster %s of account %s, blue/green through CodeDeploy.",
				s.Name, st.Name, st.ECSService, st.Cluster, st.AccountID)
		}
		config := map[string]Value{"CustomData": target}
		if s.Notifications != nil {
			config["NotificationArn"] = Ref(idTopic)
		}
		actions = append(actions, Action{
			Name:          "Approve",
			ActionTypeId:  ActionTypeId{Category: "Approval", Owner: "AWS", Provider: "Manual", Version: "1"},
			RunOrder:      order,
			Configuration: config,
		})
		order++
	}
	deploy := Action{
		Name:         "Deploy",
		ActionTypeId: ActionTypeId{Category: "Deploy", Owner: "AWS", Provider: "CodeDeployToECS", Version: "1"},
		RunOrder:     order,
		Configuration: map[string]Value{
			"ApplicationName":                Ref(idApplication),
			"DeploymentGroupName":            Ref(deploymentGroupID(st.Name)),
			"TaskDefinitionTemplateArtifact": artifactBuild,
			"TaskDefinitionTemplatePath":     st.TaskDefinitionPath,
			"AppSpecTemplateArtifact":        artifactBuild,
			"AppSpecTemplatePath":            st.AppSpecPath,
			"Image1ArtifactName":             artifactBuild,
			"Image1ContainerName":            imagePlaceholder,
		},
		InputArtifacts: []Artifact{{Name: artifactBuild}},
	}
	if cross {
		// The application and group live in the stage's account, created
		// by its own template: the action names them and assumes that
		// account's role.
		deploy.Configuration["ApplicationName"] = sub(s.StageDeployApplication(st.Name))
		deploy.Configuration["DeploymentGroupName"] = sub(s.DeploymentGroup(st.Name))
		deploy.RoleArn = crossAccountRoleArn(s, st)
	}
	actions = append(actions, deploy)
	if v := st.Validation; v != nil {
		order++
		actions = append(actions, Action{
			Name:         "Validate",
			ActionTypeId: ActionTypeId{Category: "Invoke", Owner: "AWS", Provider: "Lambda", Version: "1"},
			RunOrder:     order,
			Configuration: map[string]Value{
				"FunctionName":   Ref(validationFunctionID(st.Name)),
				"UserParameters": userParameters(v),
			},
		})
	}
	return Stage{Name: pipelineStageName(st.Name), Actions: actions}
}

// userParameters passes a validation to its function as JSON.
func userParameters(v *model.Validation) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		URL            string `json:"url"`
		ExpectedStatus int    `json:"expected_status"`
		TimeoutSeconds int    `json:"timeout_seconds"`
	}{v.URL, v.ExpectedStatus, v.TimeoutSeconds})
	if err != nil {
		panic(fmt.Sprintf("emit: encode user parameters: %v", err)) // strings and ints always encode
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (p *pipelineBuilder) eventsRule() {
	s := p.s
	p.resource(idEventsRule, "AWS::Events::Rule", RuleProperties{
		Name:        sub(s.EventsRule()),
		Description: "Starts the " + s.Name + " pipeline on every commit to " + s.Branch + ".",
		State:       "ENABLED",
		EventPattern: EventPattern{
			Source:     []string{"aws.codecommit"},
			DetailType: []string{"CodeCommit Repository State Change"},
			Resources:  []Value{p.repositoryArn()},
			Detail: CommitPattern{
				Event:         []string{"referenceCreated", "referenceUpdated"},
				ReferenceType: []string{"branch"},
				ReferenceName: []string{s.Branch},
			},
		},
		Targets: []RuleTarget{{Id: "pipeline", Arn: p.pipelineArn(), RoleArn: GetAtt(roleID(model.JobEvents), "Arn")}},
	})
}

func (p *pipelineBuilder) outputs() {
	s := p.s
	p.output("PipelineName", "Name of the pipeline.", Ref(idPipeline))
	p.output("PipelineArn", "ARN of the pipeline.", p.pipelineArn())
	p.output("PipelineRoleArn", "ARN of the role the pipeline runs as.", GetAtt(roleID(model.JobPipeline), "Arn"))
	p.output("ArtifactBucketName", "Bucket holding the pipeline's artifacts.", Ref(idBucket))
	p.output("ArtifactKeyArn", "ARN of the KMS key encrypting artifacts and logs.", p.keyArn())
	p.output("ArtifactKeyAlias", "Alias of the KMS key.", Ref(idKeyAlias))
	p.output("BuildProjectName", "CodeBuild project that builds the image.", Ref(idBuildProject))
	p.output("BuildLogGroupName", "Log group of the builds.", Ref(idLogGroup))
	p.output("BuildSecurityGroupId", "Security group of the build containers.", GetAtt(idSecurityGroup, "GroupId"))
	if len(p.same) > 0 {
		p.output("DeployApplicationName", "CodeDeploy application of the deployments in this account.", Ref(idApplication))
	}
	for _, st := range p.same {
		p.output(logicalID(st.Name, "deploy-role-arn"), "ARN of CodeDeploy's service role for the "+st.Name+" stage.", GetAtt(stageDeployRoleID(st.Name), "Arn"))
	}
	if s.Test != nil {
		p.output("TestProjectName", "CodeBuild project that runs the tests.", Ref(idTestProject))
	}
	if s.Notifications != nil {
		p.output("NotificationTopicArn", "SNS topic of the approvals and pipeline events.", Ref(idTopic))
		p.output("NotificationRuleArn", "Notification rule sending pipeline events to the topic.", Ref(idNotifyRule))
	}
	for _, st := range s.Stages {
		id := logicalID(st.Name, "deployment-group-name")
		if st.CrossAccount(s.AccountID) {
			p.output(id, fmt.Sprintf("Deployment group of the %s stage, in account %s (created by %s).", st.Name, st.AccountID, DeployFile(st.Name)),
				sub(s.DeploymentGroup(st.Name)))
		} else {
			p.output(id, "Deployment group of the "+st.Name+" stage.", Ref(deploymentGroupID(st.Name)))
		}
		if st.Validation != nil {
			p.output(logicalID(st.Name, "validation-function-name"), "Function that checks the "+st.Name+" stage after each deployment.",
				Ref(validationFunctionID(st.Name)))
		}
	}
}
