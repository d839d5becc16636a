package emit

// Property types of the resources the templates hold. Field names and
// shapes follow the CloudFormation resource schemas; a field that may
// hold an intrinsic function is a Value.

// KeyProperties is AWS::KMS::Key.
type KeyProperties struct {
	Description         string         `json:"Description"`
	EnableKeyRotation   bool           `json:"EnableKeyRotation"`
	KeySpec             string         `json:"KeySpec"`
	KeyUsage            string         `json:"KeyUsage"`
	PendingWindowInDays int            `json:"PendingWindowInDays"`
	KeyPolicy           PolicyDocument `json:"KeyPolicy"`
	Tags                []Tag          `json:"Tags"`
}

// AliasProperties is AWS::KMS::Alias.
type AliasProperties struct {
	AliasName   Value `json:"AliasName"`
	TargetKeyId Value `json:"TargetKeyId"`
}

// BucketProperties is AWS::S3::Bucket.
type BucketProperties struct {
	BucketName                     Value                   `json:"BucketName"`
	BucketEncryption               BucketEncryption        `json:"BucketEncryption"`
	VersioningConfiguration        VersioningConfiguration `json:"VersioningConfiguration"`
	PublicAccessBlockConfiguration PublicAccessBlock       `json:"PublicAccessBlockConfiguration"`
	OwnershipControls              OwnershipControls       `json:"OwnershipControls"`
	LifecycleConfiguration         LifecycleConfiguration  `json:"LifecycleConfiguration"`
	LoggingConfiguration           LoggingConfiguration    `json:"LoggingConfiguration"`
	Tags                           []Tag                   `json:"Tags"`
}

type BucketEncryption struct {
	ServerSideEncryptionConfiguration []ServerSideEncryptionRule `json:"ServerSideEncryptionConfiguration"`
}

type ServerSideEncryptionRule struct {
	BucketKeyEnabled              bool                          `json:"BucketKeyEnabled"`
	ServerSideEncryptionByDefault ServerSideEncryptionByDefault `json:"ServerSideEncryptionByDefault"`
}

type ServerSideEncryptionByDefault struct {
	SSEAlgorithm   string `json:"SSEAlgorithm"`
	KMSMasterKeyID Value  `json:"KMSMasterKeyID"`
}

type VersioningConfiguration struct {
	Status string `json:"Status"`
}

type PublicAccessBlock struct {
	BlockPublicAcls       bool `json:"BlockPublicAcls"`
	BlockPublicPolicy     bool `json:"BlockPublicPolicy"`
	IgnorePublicAcls      bool `json:"IgnorePublicAcls"`
	RestrictPublicBuckets bool `json:"RestrictPublicBuckets"`
}

type OwnershipControls struct {
	Rules []OwnershipControlsRule `json:"Rules"`
}

type OwnershipControlsRule struct {
	ObjectOwnership string `json:"ObjectOwnership"`
}

type LifecycleConfiguration struct {
	Rules []LifecycleRule `json:"Rules"`
}

type LifecycleRule struct {
	Id                             string                         `json:"Id"`
	Status                         string                         `json:"Status"`
	ExpirationInDays               int                            `json:"ExpirationInDays"`
	NoncurrentVersionExpiration    NoncurrentVersionExpiration    `json:"NoncurrentVersionExpiration"`
	AbortIncompleteMultipartUpload AbortIncompleteMultipartUpload `json:"AbortIncompleteMultipartUpload"`
}

type NoncurrentVersionExpiration struct {
	NoncurrentDays int `json:"NoncurrentDays"`
}

type AbortIncompleteMultipartUpload struct {
	DaysAfterInitiation int `json:"DaysAfterInitiation"`
}

type LoggingConfiguration struct {
	DestinationBucketName string `json:"DestinationBucketName"`
	LogFilePrefix         Value  `json:"LogFilePrefix"`
}

// BucketPolicyProperties is AWS::S3::BucketPolicy.
type BucketPolicyProperties struct {
	Bucket         Value          `json:"Bucket"`
	PolicyDocument PolicyDocument `json:"PolicyDocument"`
}

// LogGroupProperties is AWS::Logs::LogGroup.
type LogGroupProperties struct {
	LogGroupName    Value `json:"LogGroupName"`
	RetentionInDays int   `json:"RetentionInDays"`
	KmsKeyId        Value `json:"KmsKeyId"`
	Tags            []Tag `json:"Tags"`
}

// SecurityGroupProperties is AWS::EC2::SecurityGroup.
type SecurityGroupProperties struct {
	GroupDescription     string        `json:"GroupDescription"`
	VpcId                Value         `json:"VpcId"`
	SecurityGroupIngress []IngressRule `json:"SecurityGroupIngress,omitempty"`
	SecurityGroupEgress  []EgressRule  `json:"SecurityGroupEgress"`
	Tags                 []Tag         `json:"Tags"`
}

type IngressRule struct {
	Description string `json:"Description"`
	IpProtocol  string `json:"IpProtocol"`
	FromPort    int    `json:"FromPort"`
	ToPort      int    `json:"ToPort"`
	CidrIp      Value  `json:"CidrIp"`
}

type EgressRule struct {
	Description             string `json:"Description"`
	IpProtocol              string `json:"IpProtocol"`
	FromPort                int    `json:"FromPort"`
	ToPort                  int    `json:"ToPort"`
	CidrIp                  Value  `json:"CidrIp,omitempty"`
	DestinationPrefixListId string `json:"DestinationPrefixListId,omitempty"`
}

// ProjectProperties is AWS::CodeBuild::Project.
type ProjectProperties struct {
	Name                   Value              `json:"Name"`
	Description            string             `json:"Description"`
	ServiceRole            Value              `json:"ServiceRole"`
	Source                 ProjectSource      `json:"Source"`
	Artifacts              ProjectArtifacts   `json:"Artifacts"`
	Environment            ProjectEnvironment `json:"Environment"`
	VpcConfig              ProjectVpcConfig   `json:"VpcConfig"`
	EncryptionKey          Value              `json:"EncryptionKey"`
	TimeoutInMinutes       int                `json:"TimeoutInMinutes"`
	QueuedTimeoutInMinutes int                `json:"QueuedTimeoutInMinutes"`
	LogsConfig             ProjectLogsConfig  `json:"LogsConfig"`
	Tags                   []Tag              `json:"Tags"`
}

type ProjectSource struct {
	Type      string `json:"Type"`
	BuildSpec string `json:"BuildSpec"`
}

type ProjectArtifacts struct {
	Type string `json:"Type"`
}

type ProjectEnvironment struct {
	Type                     string                `json:"Type"`
	ComputeType              string                `json:"ComputeType"`
	Image                    string                `json:"Image"`
	ImagePullCredentialsType string                `json:"ImagePullCredentialsType"`
	PrivilegedMode           bool                  `json:"PrivilegedMode"`
	EnvironmentVariables     []EnvironmentVariable `json:"EnvironmentVariables"`
}

type EnvironmentVariable struct {
	Name  string `json:"Name"`
	Type  string `json:"Type"`
	Value Value  `json:"Value"`
}

type ProjectVpcConfig struct {
	VpcId            Value   `json:"VpcId"`
	Subnets          Value   `json:"Subnets"`
	SecurityGroupIds []Value `json:"SecurityGroupIds"`
}

type ProjectLogsConfig struct {
	CloudWatchLogs CloudWatchLogsConfig `json:"CloudWatchLogs"`
	S3Logs         S3LogsConfig         `json:"S3Logs"`
}

type CloudWatchLogsConfig struct {
	Status     string `json:"Status"`
	GroupName  Value  `json:"GroupName"`
	StreamName string `json:"StreamName"`
}

type S3LogsConfig struct {
	Status string `json:"Status"`
}

// PipelineProperties is AWS::CodePipeline::Pipeline.
type PipelineProperties struct {
	Name                     Value         `json:"Name"`
	RoleArn                  Value         `json:"RoleArn"`
	PipelineType             string        `json:"PipelineType"`
	ExecutionMode            string        `json:"ExecutionMode"`
	RestartExecutionOnUpdate bool          `json:"RestartExecutionOnUpdate"`
	ArtifactStore            ArtifactStore `json:"ArtifactStore"`
	Stages                   []Stage       `json:"Stages"`
	Tags                     []Tag         `json:"Tags"`
}

type ArtifactStore struct {
	Type          string        `json:"Type"`
	Location      Value         `json:"Location"`
	EncryptionKey EncryptionKey `json:"EncryptionKey"`
}

type EncryptionKey struct {
	Id   Value  `json:"Id"`
	Type string `json:"Type"`
}

type Stage struct {
	Name    string   `json:"Name"`
	Actions []Action `json:"Actions"`
}

type Action struct {
	Name            string           `json:"Name"`
	ActionTypeId    ActionTypeId     `json:"ActionTypeId"`
	RunOrder        int              `json:"RunOrder"`
	Configuration   map[string]Value `json:"Configuration,omitempty"`
	InputArtifacts  []Artifact       `json:"InputArtifacts,omitempty"`
	OutputArtifacts []Artifact       `json:"OutputArtifacts,omitempty"`
	RoleArn         Value            `json:"RoleArn,omitempty"`
}

type ActionTypeId struct {
	Category string `json:"Category"`
	Owner    string `json:"Owner"`
	Provider string `json:"Provider"`
	Version  string `json:"Version"`
}

type Artifact struct {
	Name string `json:"Name"`
}

// ApplicationProperties is AWS::CodeDeploy::Application.
type ApplicationProperties struct {
	ApplicationName Value  `json:"ApplicationName"`
	ComputePlatform string `json:"ComputePlatform"`
	Tags            []Tag  `json:"Tags"`
}

// DeploymentGroupProperties is AWS::CodeDeploy::DeploymentGroup for ECS
// blue/green.
type DeploymentGroupProperties struct {
	ApplicationName                  Value                            `json:"ApplicationName"`
	DeploymentGroupName              Value                            `json:"DeploymentGroupName"`
	ServiceRoleArn                   Value                            `json:"ServiceRoleArn"`
	DeploymentConfigName             string                           `json:"DeploymentConfigName"`
	DeploymentStyle                  DeploymentStyle                  `json:"DeploymentStyle"`
	BlueGreenDeploymentConfiguration BlueGreenDeploymentConfiguration `json:"BlueGreenDeploymentConfiguration"`
	ECSServices                      []ECSService                     `json:"ECSServices"`
	LoadBalancerInfo                 LoadBalancerInfo                 `json:"LoadBalancerInfo"`
	AutoRollbackConfiguration        AutoRollbackConfiguration        `json:"AutoRollbackConfiguration"`
	AlarmConfiguration               *AlarmConfiguration              `json:"AlarmConfiguration,omitempty"`
	Tags                             []Tag                            `json:"Tags"`
}

type DeploymentStyle struct {
	DeploymentType   string `json:"DeploymentType"`
	DeploymentOption string `json:"DeploymentOption"`
}

type BlueGreenDeploymentConfiguration struct {
	DeploymentReadyOption                     DeploymentReadyOption  `json:"DeploymentReadyOption"`
	TerminateBlueInstancesOnDeploymentSuccess TerminateBlueInstances `json:"TerminateBlueInstancesOnDeploymentSuccess"`
}

type DeploymentReadyOption struct {
	ActionOnTimeout string `json:"ActionOnTimeout"`
}

type TerminateBlueInstances struct {
	Action                       string `json:"Action"`
	TerminationWaitTimeInMinutes int    `json:"TerminationWaitTimeInMinutes"`
}

type ECSService struct {
	ClusterName Value `json:"ClusterName"`
	ServiceName Value `json:"ServiceName"`
}

type LoadBalancerInfo struct {
	TargetGroupPairInfoList []TargetGroupPairInfo `json:"TargetGroupPairInfoList"`
}

type TargetGroupPairInfo struct {
	ProdTrafficRoute TrafficRoute      `json:"ProdTrafficRoute"`
	TestTrafficRoute *TrafficRoute     `json:"TestTrafficRoute,omitempty"`
	TargetGroups     []TargetGroupInfo `json:"TargetGroups"`
}

type TrafficRoute struct {
	ListenerArns []string `json:"ListenerArns"`
}

type TargetGroupInfo struct {
	Name string `json:"Name"`
}

type AutoRollbackConfiguration struct {
	Enabled bool     `json:"Enabled"`
	Events  []string `json:"Events"`
}

type AlarmConfiguration struct {
	Enabled bool    `json:"Enabled"`
	Alarms  []Alarm `json:"Alarms"`
}

type Alarm struct {
	Name string `json:"Name"`
}

// RuleProperties is AWS::Events::Rule.
type RuleProperties struct {
	Name         Value        `json:"Name"`
	Description  string       `json:"Description"`
	State        string       `json:"State"`
	EventPattern EventPattern `json:"EventPattern"`
	Targets      []RuleTarget `json:"Targets"`
}

type EventPattern struct {
	Source     []string      `json:"source"`
	DetailType []string      `json:"detail-type"`
	Resources  []Value       `json:"resources"`
	Detail     CommitPattern `json:"detail"`
}

type CommitPattern struct {
	Event         []string `json:"event"`
	ReferenceType []string `json:"referenceType"`
	ReferenceName []string `json:"referenceName"`
}

type RuleTarget struct {
	Id      string `json:"Id"`
	Arn     Value  `json:"Arn"`
	RoleArn Value  `json:"RoleArn"`
}

// TopicProperties is AWS::SNS::Topic.
type TopicProperties struct {
	TopicName      Value  `json:"TopicName"`
	DisplayName    string `json:"DisplayName"`
	KmsMasterKeyId Value  `json:"KmsMasterKeyId"`
	Tags           []Tag  `json:"Tags"`
}

// SubscriptionProperties is AWS::SNS::Subscription.
type SubscriptionProperties struct {
	TopicArn Value  `json:"TopicArn"`
	Protocol string `json:"Protocol"`
	Endpoint string `json:"Endpoint"`
}

// TopicPolicyProperties is AWS::SNS::TopicPolicy.
type TopicPolicyProperties struct {
	Topics         []Value        `json:"Topics"`
	PolicyDocument PolicyDocument `json:"PolicyDocument"`
}

// NotificationRuleProperties is
// AWS::CodeStarNotifications::NotificationRule. Its tags are a map, unlike
// other resources'.
type NotificationRuleProperties struct {
	Name         Value                `json:"Name"`
	DetailType   string               `json:"DetailType"`
	EventTypeIds []string             `json:"EventTypeIds"`
	Resource     Value                `json:"Resource"`
	Status       string               `json:"Status"`
	Targets      []NotificationTarget `json:"Targets"`
	Tags         map[string]Value     `json:"Tags"`
}

type NotificationTarget struct {
	TargetType    string `json:"TargetType"`
	TargetAddress Value  `json:"TargetAddress"`
}

// FunctionProperties is AWS::Lambda::Function.
type FunctionProperties struct {
	FunctionName  Value                 `json:"FunctionName"`
	Description   string                `json:"Description"`
	Runtime       string                `json:"Runtime"`
	Handler       string                `json:"Handler"`
	Code          FunctionCode          `json:"Code"`
	Role          Value                 `json:"Role"`
	Timeout       int                   `json:"Timeout"`
	MemorySize    int                   `json:"MemorySize"`
	VpcConfig     FunctionVpcConfig     `json:"VpcConfig"`
	LoggingConfig FunctionLoggingConfig `json:"LoggingConfig"`
	Tags          []Tag                 `json:"Tags"`
}

type FunctionCode struct {
	ZipFile string `json:"ZipFile"`
}

type FunctionVpcConfig struct {
	SubnetIds        Value   `json:"SubnetIds"`
	SecurityGroupIds []Value `json:"SecurityGroupIds"`
}

type FunctionLoggingConfig struct {
	LogGroup  Value  `json:"LogGroup"`
	LogFormat string `json:"LogFormat"`
}

// VPCEndpointProperties is AWS::EC2::VPCEndpoint, gateway or interface.
type VPCEndpointProperties struct {
	VpcId             Value           `json:"VpcId"`
	ServiceName       Value           `json:"ServiceName"`
	VpcEndpointType   string          `json:"VpcEndpointType"`
	PrivateDnsEnabled bool            `json:"PrivateDnsEnabled,omitempty"`
	SubnetIds         Value           `json:"SubnetIds,omitempty"`
	SecurityGroupIds  []Value         `json:"SecurityGroupIds,omitempty"`
	RouteTableIds     Value           `json:"RouteTableIds,omitempty"`
	PolicyDocument    *PolicyDocument `json:"PolicyDocument,omitempty"`
	Tags              []Tag           `json:"Tags"`
}
