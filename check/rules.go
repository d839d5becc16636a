package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Rule describes one check.
type Rule struct {
	ID        string
	Title     string
	Rationale string
	Severity  Severity
	// Exceptions says where the platform policy deliberately departs from an
	// AWS control that covers the same ground, and why; empty if nowhere.
	Exceptions string
}

// Rules returns every rule, sorted by ID.
func Rules() []Rule {
	out := slices.Clone(rules)
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// checks run in this order on every parsed template.
var checks = []func(*template){
	checkParameters,
	checkSchemas,
	checkReferences,
	checkPolicyDocuments,
	checkPolicySizes,
	checkPolicyCharacters,
	checkActions,
	checkConditionKeys,
	checkNotElements,
	checkTrustPolicies,
	checkPolicyAttachments,
	checkManagedPolicyArns,
	checkPassRole,
	checkAccountTrust,
	checkResourceStar,
	checkPublicResourcePolicies,
	checkKMSDecryptAll,
	checkRetain,
	checkPhysicalNames,
	checkEncryption,
	checkLogRetention,
	checkCodeBuild,
	checkS3Buckets,
	checkKMSKeys,
	checkPipelines,
	checkDeploymentGroups,
	checkSecurityGroups,
	checkLambda,
}

var severities = func() map[string]Severity {
	m := make(map[string]Severity, len(rules))
	for _, r := range rules {
		m[r.ID] = r.Severity
	}
	return m
}()

func severityOf(rule string) Severity {
	if s, ok := severities[rule]; ok {
		return s
	}
	panic("check: unknown rule " + rule)
}

var rules = []Rule{
	// Template structure and schema validation.
	{ID: "CFN001", Title: "Template is a JSON object", Severity: Error,
		Rationale: "CloudFormation only accepts a template that is one JSON (or YAML) object. An object that holds a key twice loses all but one of its values, a resource say, without a word."},
	{ID: "CFN002", Title: "Template sections are valid", Severity: Error,
		Rationale: "Unknown sections (Globals is known only with the AWS::Serverless-2016-10-31 transform), a wrong AWSTemplateFormatVersion or a missing or empty Resources section make CloudFormation reject the template."},
	{ID: "CFN003", Title: "Resources are well formed", Severity: Error,
		Rationale: "Every resource needs a Type, an alphanumeric logical ID and only the attributes CloudFormation knows."},
	{ID: "CFN004", Title: "Resource type has a schema", Severity: Warning,
		Rationale: "A well-formed type without a schema here (AWS::DynamoDB::Table, say, or a third-party extension) cannot be validated; check its name."},
	{ID: "CFN005", Title: "Template is within CloudFormation's quotas", Severity: Error,
		Rationale: fmt.Sprintf("CloudFormation refuses a template over %d bytes (from S3; 51,200 bytes inline) or with more than %d resources, %d parameters, %d outputs or %d mappings. The quotas apply to the template that transforms give: Fn::ForEach loops that would make it larger than %[1]d bytes are not expanded, with this error, and what they give is not checked.", maxTemplateBytes, maxResources, maxParameters, maxOutputs, maxMappings)},
	{ID: "CFN006", Title: "Resource types are spelled as CloudFormation spells them", Severity: Error,
		Rationale: "A type that differs from one the checker knows by letter case, or by one character (two in names of 20 or more), or whose namespace is a near miss of AWS, Alexa or Custom (Aws::S3::Bucket), is a typo that CloudFormation rejects (\"Unrecognized resource types\"); the finding says which type was meant."},
	{ID: "CFN010", Title: "Properties are known", Severity: Error,
		Rationale: "A property the resource schema does not define (often a typo such as VersioningConfig) fails the stack operation."},
	{ID: "CFN011", Title: "Required properties are set", Severity: Error,
		Rationale: "CloudFormation rejects a resource that misses a property its schema requires."},
	{ID: "CFN012", Title: "Values have the right type", Severity: Error,
		Rationale: "A string where a list is expected (or similar) fails the stack operation; CloudFormation's own coercions (\"30\" for 30, \"true\" for true) are accepted."},
	{ID: "CFN013", Title: "Values are among the allowed values", Severity: Error,
		Rationale: "Enumerated properties only accept the values their schema lists."},
	{ID: "CFN014", Title: "Values match their pattern", Severity: Error,
		Rationale: "Names, ARNs and identifiers must have the shape the schema's pattern or format gives."},
	{ID: "CFN015", Title: "Values are within limits", Severity: Error,
		Rationale: "Lengths, numeric ranges, item counts and uniqueness constraints of the schema are enforced by the service."},
	{ID: "CFN016", Title: "Read-only properties are not set", Severity: Error,
		Rationale: "Read-only properties are outputs of the resource; a template must not set them."},
	{ID: "CFN017", Title: "Exclusive properties are not combined", Severity: Error,
		Rationale: "Some properties exclude each other (for example CidrIp and DestinationPrefixListId in one egress rule). Two that Fn::If sets in cases that cannot hold together, the other branch of each AWS::NoValue, are not combined: an opposite value of one condition, or of conditions decided over the values their parameters can take, as for CFN026."},
	{ID: "CFN018", Title: "Intrinsic functions are well formed", Severity: Error,
		Rationale: "Each intrinsic function takes arguments of a fixed shape (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html); a malformed one fails template validation, or the stack. Literal arguments are checked against the documented ranges: Fn::Select's index counts from 0 and stays inside a literal list, which holds no null; Fn::Cidr's ipBlock is a CIDR block, its count 1 to 256 and its cidrBits 0 to 128 (32 for IPv4); Fn::FindInMap's map name and keys are strings, or Ref and Fn::FindInMap; the text that Fn::Join, Fn::Split, Fn::Base64, Fn::GetAZs and Fn::ImportValue work on is no null, list or plain object. Condition functions take their documented number of arguments: Fn::Equals two values, Fn::Not one condition, Fn::And and Fn::Or 2 to 10. Fn::Length, Fn::ToJsonString, Fn::ForEach and Fn::FindInMap's DefaultValue need the AWS::LanguageExtensions transform, which also lets Ref, Fn::GetAtt and Fn::FindInMap take other functions. Fn::ForEach::Name takes [\"Identifier\", Collection, {\"Key${Identifier}\": Value}] (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html): the name is a logical ID unique among the loops and differs from every resource's, the collection is a list of strings or a Ref to a CommaDelimitedList or List parameter, nested loops have identifiers of their own, and every key of the fragment holds ${Identifier} or &{Identifier}; the keys a loop gives must not collide with others, and in the Conditions, Resources and Outputs sections must be logical IDs (a key a loop gives in Resources is CFN003's). A resource a loop gives must not list Condition first (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-example-conditions.html). A value that a function computes is known only on deploy, and is not checked."},
	{ID: "CFN019", Title: "Fn::ForEach loops are expanded before they are checked", Severity: Warning,
		Rationale: "With the AWS::LanguageExtensions transform, Fn::ForEach copies a fragment of the Conditions, Resources or Outputs section, or of a resource's properties, once for each value of its collection, replacing ${Identifier} and &{Identifier} (the value with every character but letters and digits removed) in keys and strings, and {\"Ref\": \"Identifier\"}, by the value (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html); in what a loop gives, an Fn::Sub that the replacement leaves without variables becomes its text, and an Fn::FindInMap of literal keys its value or DefaultValue, as the transformed templates of AWS's examples show (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-example-resource.html). The checker does the same, and checks what the loops give under the logical IDs they give, when it knows the collection: a list of strings, or a Ref to a CommaDelimitedList or List parameter with a Default (split at its commas, each value trimmed). A collection that only the deploy knows (another function, a parameter without a Default, one read from Systems Manager) leaves its loop unexpanded, with this warning: nothing in it is checked, references to the names it may give are taken as resolved, and the resource, output or condition that holds it is not checked either. Loops that would give more than " + strconv.Itoa(maxExpandedValues) + " values in all are left unexpanded the same way, with one warning."},
	{ID: "CFN020", Title: "Ref targets exist", Severity: Error,
		Rationale: "A Ref must name a parameter, a resource or a pseudo parameter of the template (and Fn::FindInMap a declared mapping)."},
	{ID: "CFN021", Title: "Fn::GetAtt names a resource and one of its attributes", Severity: Error,
		Rationale: "Fn::GetAtt fails unless the resource exists and its type returns that attribute."},
	{ID: "CFN022", Title: "Fn::Sub variables resolve", Severity: Error,
		Rationale: "Every ${Name} and ${Resource.Attribute} in Fn::Sub must resolve like a Ref or Fn::GetAtt, to a string: a list parameter (List<...>, CommaDelimitedList, AWS::NotificationARNs) or a list attribute fails template validation (\"variable ... in Fn::Sub expression does not resolve to a string\"); join it in the variable map."},
	{ID: "CFN023", Title: "Conditions are declared", Severity: Error,
		Rationale: "Fn::If and Condition attributes must name a condition of the Conditions section."},
	{ID: "CFN024", Title: "DependsOn names resources", Severity: Error,
		Rationale: "DependsOn may only name resources of the same template."},
	{ID: "CFN025", Title: "Resources and conditions have no dependency cycle", Severity: Error,
		Rationale: "CloudFormation cannot order resources that depend on each other in a circle, nor evaluate a condition that refers to itself, directly or through other conditions (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html)."},
	{ID: "CFN026", Title: "References to conditional resources hold whenever they are used", Severity: Error,
		Rationale: "A resource with a Condition does not exist when the condition is false, and a Ref, Fn::GetAtt or Fn::Sub that names it then fails the stack (\"Unresolved resource dependencies\"): the resource or output that holds the reference needs a Condition that implies the target's, or the reference an Fn::If on it (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html). Conditions are decided over the values their parameters can take (AllowedValues, or the values compared and any other); a condition over anything else is not decided, and not reported."},
	{ID: "CFN030", Title: "Parameters are well formed", Severity: Error,
		Rationale: "Each parameter needs a valid Type and only the attributes CloudFormation knows, each of its shape (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html): AllowedPattern a regular expression that compiles, AllowedValues a list of values, MinLength and MaxLength whole numbers of characters, MinValue and MaxValue numbers, neither minimum above its maximum, NoEcho true or false, Description a string of at most 4,000 characters. CloudFormation reads AllowedPattern as Java does: a pattern is reported only for errors Java makes too (an unbalanced parenthesis or bracket, a quantifier with nothing to repeat), and Java syntax that pipelines cannot parse, such as look-arounds and possessive quantifiers, is accepted."},
	{ID: "CFN031", Title: "Parameter defaults satisfy their constraints", Severity: Error,
		Rationale: "A Default that breaks the parameter's own AllowedPattern, AllowedValues or length limits makes every deploy that relies on it fail. A Default is not matched against an AllowedPattern in Java syntax that pipelines cannot parse (look-arounds, possessive quantifiers)."},
	{ID: "CFN032", Title: "Outputs are well formed", Severity: Error,
		Rationale: "Each output has a logical ID of ASCII letters and digits, a Value that gives a string (not a list, written out or given by Fn::GetAZs, Fn::Split or Fn::Cidr, nor an object that is no function, nor null), a Description, if any, of literal text up to 1,024 bytes, and only Export and Condition besides. An Export.Name is made of text, parameters and pseudo parameters, never a resource, Fn::ImportValue or Fn::GetAZs, and no two outputs (that no Condition sets apart) export one name: CloudFormation refuses the template otherwise."},

	// IAM and resource policies.
	{ID: "CFN033", Title: "IAM policies fit IAM's size quotas", Severity: Error,
		Rationale: "IAM refuses a role whose inline policies together pass 10,240 characters (whitespace not counted), a managed policy over 6,144 and, by default, a trust policy over 2,048, and the stack fails to create. Intrinsic functions are counted at their shortest, so a policy reported is too large whatever the parameters."},
	{ID: "CFN034", Title: "IAM and key policies hold only the characters IAM and KMS accept", Severity: Error,
		Rationale: "IAM refuses a policy document (a managed or inline policy, a role's trust policy) that holds any character but tab, line feed, carriage return and U+0020 to U+00FF, so a typographic quote or dash, or text outside Latin-1, fails the stack (IAM API Reference, CreatePolicy and PutRolePolicy, PolicyDocument: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html). KMS allows the same characters in a key policy (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html). Text in Fn::Sub, Fn::Join, Fn::If, Fn::Select, Fn::Split and Fn::ToJsonString counts, as it becomes part of the document (values a Ref or Fn::FindInMap gives are not read); bucket and topic policies are not checked, as S3 and SNS document no such limit."},
	{ID: "PL001", Title: "Policy documents are well formed", Severity: Error,
		Rationale: "IAM, key, bucket and topic policies need Version 2012-10-17 and statements with Effect, Action and (as the policy kind requires) Principal and Resource, and a Condition only of the policy language's operators (StringEquals, ArnLike, Bool and the others of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html, with IfExists on any but Null): a misspelled one, such as ArnEqual, makes the service refuse the policy. In IAM policies (identity and trust policies), a Sid holds only ASCII letters and digits, and no two statements of a policy share one (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html): IAM refuses the policy otherwise."},
	{ID: "PL002", Title: "No wildcard actions", Severity: Error,
		Rationale:  "Least privilege: every action is named explicitly, never \"*\", \"service:*\" or a pattern such as \"s3:Get*\" (Security Hub IAM.1, IAM.21); an action, resource or principal given as Fn::Sub, Fn::Join or Fn::Split of literal text is read, by every IAM rule, as the text it gives.",
		Exceptions: "A Deny statement with Condition {\"Bool\": {\"aws:SecureTransport\": \"false\"}} may use \"s3:*\" or \"sns:*\": the TLS-only controls (S3.5, CT.S3.PR.8, SNS) require exactly that shape."},
	{ID: "PL003", Title: "No NotAction, NotResource or NotPrincipal", Severity: Error,
		Rationale: "Negated elements grant everything not listed, including actions and resources added later."},
	{ID: "PL004", Title: "Role trust policies name specific principals", Severity: Error,
		Rationale: "A role must only be assumable by service principals or specific accounts and roles, never by \"*\"."},
	{ID: "PL005", Title: "No IAM users or access keys; policies attach to roles, not users or groups", Severity: Error,
		Rationale: "Permissions belong to roles, whose credentials are temporary. An IAM user and its access keys are long-term credentials that work until someone removes them, wherever they were copied; a template creates none, and attaches no policy to users or to the groups that hold them (Security Hub IAM.2)."},
	{ID: "PL006", Title: "Resource \"*\" only where actions have no resource-level permissions", Severity: Warning,
		Rationale: "Identity policies scope resources to ARNs wherever AWS allows it; only the listed actions that support no resource-level permissions may use \"*\". An action the checker does not know to have a resource type is warned about, not refused: many have none (sts:GetCallerIdentity, say)."},
	{ID: "PL007", Title: "Resource policies do not grant access to everyone", Severity: Error,
		Rationale: "An Allow to Principal \"*\" without a Condition makes a key, bucket or topic public (Security Hub S3.2/S3.3, SNS.4, KMS key policy best practice)."},
	{ID: "PL008", Title: "Identity policies do not allow decryption with every KMS key", Severity: Error,
		Rationale: "kms:Decrypt and kms:ReEncryptFrom must be scoped to key ARNs, not \"*\" or an ARN of every key such as arn:aws:kms:*:*:* (Security Hub KMS.1, KMS.2)."},
	{ID: "PL009", Title: "Roles carry no AWS managed policy that grants broad access", Severity: Error,
		Rationale: "AdministratorAccess (and its variants), PowerUserAccess, IAMFullAccess and every other *FullAccess AWS managed policy allow all the actions of every service or of a whole one, which least privilege forbids (Security Hub IAM.1: no full \"*\" administrative privileges); IAMFullAccess alone lets a role grant itself anything. Their ARNs are recognized in any partition, also as Fn::Sub with ${AWS::Partition}."},

	// IAM privilege escalation and trust (PL001 to PL009 are taken).
	{ID: "PL103", Title: "Actions that act on named resources are not granted on Resource \"*\"", Severity: Error,
		Rationale: "Least privilege: the actions the platform's templates grant on ARNs (S3 object reads and writes, KMS encryption, ECR pushes, log writes, CodeBuild, CodeDeploy and CodePipeline calls, among others) have a resource type in AWS's Service Authorization Reference, so a policy can always name the resources they act on; granted on \"*\", they reach every bucket, key or repository of the account. An ARN whose resource part is nothing but wildcards (arn:aws:s3:::*, arn:aws:s3:::*/*, arn:aws:kms:*:*:*) names every resource of its service, and counts as \"*\" for that service's actions, here and for PL006 and PL008."},
	{ID: "PL100", Title: "iam:PassRole on every role names the service it passes to", Severity: Error,
		Rationale: "Allowing iam:PassRole on Resource \"*\" (or role/*) without an iam:PassedToService condition lets a role hand any role of the account, an administrator's too, to any service it can start (a Lambda function, a build, a task) and so act with that role's permissions: privilege escalation. With the condition, it passes this rule. On Resource \"*\" it is still PL006's warning; on role/* it is not, as role/* names a resource type. The pipeline of a service that lists no task_roles gets such a statement, which passes roles to ECS tasks only."},
	{ID: "PL101", Title: "Roles trust no other account as a whole without a condition", Severity: Error,
		Rationale: "A trust policy whose Principal.AWS is another account (its ID or arn:aws:iam::<id>:root) and that has no Condition lets every user and role of that account assume the role, as far as that account's own policies allow: the role's permissions are then up to another account's administrators. Name the role, or restrict it with a condition such as aws:PrincipalArn, as the generated cross-account roles do."},
	{ID: "PL102", Title: "Roles trust their own account as a whole only with a condition", Severity: Warning,
		Rationale: "A trust policy whose Principal.AWS is the template's own account (${AWS::AccountId}, or its root ARN) with no Condition lets any user or role of the account whose identity policy allows sts:AssumeRole on the role assume it; naming the role, or a condition such as aws:PrincipalArn, keeps who can use it visible in the role itself."},

	// Cross-cutting template policy.
	{ID: "PL010", Title: "Nothing is retained on delete or replace", Severity: Error,
		Rationale: "The platform requires every resource to be deletable with its stack: no DeletionPolicy or UpdateReplacePolicy Retain or RetainExceptOnCreate, nor one that can give them: an Fn::If with such a branch, or a parameter that defaults to them, allows them, or allows any value (functions there need the AWS::LanguageExtensions transform, CFN003)."},
	{ID: "PL011", Title: "Physical names carry the EnvironmentSuffix parameter", Severity: Error,
		Rationale: "Named resources of several environments share an account; each name must include ${EnvironmentSuffix} to stay unique."},
	{ID: "PL012", Title: "Data is encrypted with the template's customer-managed key", Severity: Error,
		Rationale: "Buckets, log groups, CodeBuild projects, pipeline artifact stores, SNS topics and Lambda environments use the template's AWS::KMS::Key (Security Hub S3.17, SNS.1, CodeBuild.3; CT.S3.PR.10, CT.CODEBUILD.PR.5)."},

	// CloudWatch Logs.
	{ID: "PL013", Title: "IAM actions exist", Severity: Warning,
		Rationale: "IAM accepts a policy that names an action no service has, and the statement then matches nothing: a misspelled action in an Allow fails at run time with AccessDenied, and one in a Deny denies nothing. Actions are looked up, letter case aside, in the catalogue of AWS's Service Authorization Reference embedded in pipelines (the date is in check/iam-actions.txt); an action AWS added later is reported too, hence a warning."},
	{ID: "PL014", Title: "Condition keys are ones the statement's actions support", Severity: Warning,
		Rationale: "A condition on a key of an AWS service (kms:ViaService, s3:x-amz-acl, ec2:Vpc) tests the request only when AWS puts the key in it, which it does for the actions whose entry in the Service Authorization Reference lists the key, and for the cross-service keys of other services' requests. For any other action of the statement the key is missing: the condition is false (true, for StringNotEquals and the other negating operators), so an Allow grants that action nothing, or a Deny denies it nothing. Keys are looked up in the catalogue of PL013; operators with IfExists, Null and ForAllValues, which handle a missing key, are not checked, nor keys the reference lists under no action. The reference is not complete, and AWS adds keys to actions over time, hence a warning."},
	{ID: "PL020", Title: "Log groups keep logs for exactly 30 days", Severity: Error,
		Rationale:  "The platform fixes log retention at 30 days: logs neither pile up forever nor vanish too soon.",
		Exceptions: "Security Hub CloudWatch.16 and Control Tower CT.CLOUDWATCH.PR.2 ask for at least 365 days; the platform requires exactly 30, so that build logs do not outlive the artifacts they describe."},

	// CodeBuild.
	{ID: "PL030", Title: "CodeBuild uses BUILD_GENERAL1_SMALL", Severity: Error,
		Rationale:  "The platform allows one compute type, BUILD_GENERAL1_SMALL.",
		Exceptions: "PrivilegedMode true is allowed, against Security Hub CodeBuild.5 and Control Tower CT.CODEBUILD.PR.4: the platform builds Docker images, which needs privileged mode."},
	{ID: "PL031", Title: "CodeBuild runs in the VPC", Severity: Error,
		Rationale: "Builds run in the VPC's private subnets behind a security group (VpcConfig with VpcId, Subnets and SecurityGroupIds), with no internet access."},
	{ID: "PL032", Title: "CodeBuild logs to CloudWatch Logs", Severity: Error,
		Rationale: "LogsConfig.CloudWatchLogs must be ENABLED and name the template's log group (Security Hub CodeBuild.4, CT.CODEBUILD.PR.3)."},
	{ID: "PL033", Title: "CodeBuild environment variables hold no plaintext credentials", Severity: Error,
		Rationale: "Credentials come from Parameter Store or Secrets Manager, never PLAINTEXT variables (Security Hub CodeBuild.2, CT.CODEBUILD.PR.2)."},
	{ID: "PL034", Title: "CodeBuild source URLs hold no credentials", Severity: Error,
		Rationale: "A source location must not embed a user name, password or token (Security Hub CodeBuild.1, CT.CODEBUILD.PR.1)."},
	{ID: "PL035", Title: "CodeBuild artifacts and S3 logs stay encrypted", Severity: Error,
		Rationale: "EncryptionDisabled must not be true on artifacts or S3 logs (Security Hub CodeBuild.3, CT.CODEBUILD.PR.5, CT.CODEBUILD.PR.6)."},

	// S3.
	{ID: "PL040", Title: "S3 buckets are versioned", Severity: Error,
		Rationale:  "VersioningConfiguration.Status must be Enabled (Security Hub S3.14, CT.S3.PR.11).",
		Exceptions: "Cross-region replication (S3.7), object lock (S3.15, CT.S3.PR.9) and event notifications (S3.11, CT.S3.PR.4) are not required: artifact buckets hold short-lived, reproducible build output and the platform asks for none of them."},
	{ID: "PL041", Title: "S3 buckets block all public access", Severity: Error,
		Rationale: "PublicAccessBlockConfiguration sets all four settings to true (Security Hub S3.1, S3.8, CT.S3.PR.1)."},
	{ID: "PL042", Title: "S3 buckets require TLS", Severity: Error,
		Rationale: "A bucket policy denies s3:* to everyone when aws:SecureTransport is false (Security Hub S3.5, CT.S3.PR.8)."},
	{ID: "PL043", Title: "S3 buckets expire objects and old versions", Severity: Error,
		Rationale: "An enabled lifecycle rule expires current and noncurrent versions (Security Hub S3.10, S3.13, CT.S3.PR.3, CT.S3.PR.6)."},
	{ID: "PL044", Title: "S3 buckets log server access", Severity: Error,
		Rationale: "LoggingConfiguration.DestinationBucketName sends access logs to the platform's log bucket (Security Hub S3.9, CT.S3.PR.2)."},
	{ID: "PL045", Title: "S3 buckets disable ACLs", Severity: Error,
		Rationale: "OwnershipControls BucketOwnerEnforced disables ACLs, so only policies grant access (Security Hub S3.12)."},

	// KMS.
	{ID: "PL050", Title: "KMS keys rotate", Severity: Error,
		Rationale: "Symmetric customer-managed keys set EnableKeyRotation true (Security Hub KMS.4, CT.KMS.PR.1)."},
	{ID: "PL051", Title: "KMS keys have an explicit key policy", Severity: Error,
		Rationale: "The key policy names who may use the key and how; the default policy hands everything to the account's IAM policies."},
	{ID: "PL052", Title: "KMS RSA encryption keys are longer than 2048 bits", Severity: Error,
		Rationale: "RSA keys used for ENCRYPT_DECRYPT need more than 2048 bits (CT.KMS.PR.2)."},
	{ID: "PL053", Title: "KMS key policies limit grants to AWS services", Severity: Warning,
		Rationale: "A statement allowing kms:CreateGrant should require kms:GrantIsForAWSResource true (CT.KMS.PR.3)."},

	// CodePipeline.
	{ID: "PL060", Title: "CodeCommit source actions do not poll", Severity: Error,
		Rationale: "PollForSourceChanges must be false; an EventBridge rule starts the pipeline instead."},
	{ID: "PL061", Title: "An EventBridge rule starts each CodeCommit pipeline", Severity: Error,
		Rationale: "Without polling, a pipeline with a CodeCommit source needs an AWS::Events::Rule that targets it, and whose State is not DISABLED: a disabled rule matches no event."},
	{ID: "PL062", Title: "Deploy stages that need approval follow a manual approval", Severity: Error,
		Rationale: "The last deploy stage (and every stage named in Metadata.Pipelines.ApprovalStages) must be preceded by a Manual approval action."},

	// CodeDeploy.
	{ID: "PL070", Title: "ECS deployment groups are blue/green with traffic control", Severity: Error,
		Rationale: "The platform deploys every stage as an ECS blue/green deployment: DeploymentStyle BLUE_GREEN with WITH_TRAFFIC_CONTROL."},
	{ID: "PL071", Title: "Deployment groups roll back on failure", Severity: Error,
		Rationale: "AutoRollbackConfiguration must be enabled with DEPLOYMENT_FAILURE among its events."},

	// EC2 security groups.
	{ID: "PL080", Title: "Security groups allow no ingress from anywhere", Severity: Error,
		Rationale: "No ingress rule may allow 0.0.0.0/0 or ::/0 (Security Hub EC2.18, EC2.19)."},
	{ID: "PL081", Title: "Security group egress is explicit and closed to the internet", Severity: Error,
		Rationale: "Builds have no internet access, and their security group's egress reaches only what the VPC endpoints need: egress rules must be declared (otherwise AWS allows all traffic out) and none may reach 0.0.0.0/0 or ::/0, on any port."},

	// Lambda.
	{ID: "PL090", Title: "Lambda functions use a supported runtime", Severity: Error,
		Rationale:  "Deprecated runtimes get no security patches (Security Hub Lambda.2).",
		Exceptions: "A VPC (Security Hub Lambda.3, CT.LAMBDA.PR.3), a dead-letter queue and reserved concurrency are not required: the validation function is optional, short-lived and invoked synchronously by the pipeline."},
	{ID: "PL091", Title: "Lambda permissions are not public", Severity: Error,
		Rationale: "A permission's Principal is never \"*\", and a service principal comes with SourceArn or SourceAccount (Security Hub Lambda.1, CT.LAMBDA.PR.2)."},
	{ID: "PL092", Title: "Lambda functions in a VPC use two or more subnets", Severity: Error,
		Rationale: "A function in a VPC runs only in the Availability Zones of its subnets; with one, it stops when that zone fails (Security Hub Lambda.5: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html). Subnet ids do not tell their zone, so a function with one subnet, listed or a parameter's default, is reported; the subnets listed must be in different zones."},
}
