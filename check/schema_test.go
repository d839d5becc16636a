package check

import (
	"strings"
	"testing"
)

// bucket is a template with one bucket whose Properties are props.
func bucket(props string) string {
	return doc(`"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {` + props + `}}`)
}

// build is a template with one CodeBuild project; extra is added to its
// Properties, which otherwise hold only the required ones.
func build(environment, extra string) string {
	return `{"Parameters": {"EnvironmentSuffix": {"Type": "String"}, "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}, "Vpc": {"Type": "AWS::EC2::VPC::Id"}},
	"Resources": {"Key": {"Type": "AWS::KMS::Key"}, "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
	"Project": {"Type": "AWS::CodeBuild::Project", "Properties": {"ServiceRole": {"Fn::GetAtt": ["Role", "Arn"]}, "Artifacts": {"Type": "CODEPIPELINE"}, "Source": {"Type": "CODEPIPELINE"},
	"Environment": {` + environment + `}` + extra + `}}}}`
}

// withEndpoints is a template with a security group, a queue (a type
// without a schema here) and two VPC endpoints, Endpoint and Other, whose
// Properties add endpoint and other to their ServiceName.
func withEndpoints(endpoint, other string) string {
	return `{"Resources": {"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": "vpc-0a1b2c3d"}}, "Queue": {"Type": "AWS::SQS::Queue"},
	"Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"ServiceName": "com.amazonaws.us-east-1.s3", ` + endpoint + `}},
	"Other": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"ServiceName": "com.amazonaws.us-east-1.s3", ` + other + `}}}}`
}

const smallEnv = `"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0"`

func TestSchemaValidation(t *testing.T) {
	cases := []ruleCase{
		{name: "known properties", rule: "CFN010", template: bucket(`"VersioningConfiguration": {"Status": "Enabled"}, "Tags": [{"Key": "a", "Value": "b"}]`)},
		{name: "property typo", rule: "CFN010", template: bucket(`"VersioningConfig": {"Status": "Enabled"}`), want: []string{"Bucket CFN010"}},
		{name: "nested typo", rule: "CFN010", template: bucket(`"VersioningConfiguration": {"Statuss": "Enabled"}`), want: []string{"Bucket CFN010"}},
		{name: "pattern properties", rule: "CFN010", template: doc(`"Rule": {"Type": "AWS::CodeStarNotifications::NotificationRule", "Properties": {"Name": {"Fn::Sub": "n-${EnvironmentSuffix}"}, "DetailType": "FULL", "EventTypeIds": ["codepipeline-pipeline-pipeline-execution-failed"], "Resource": "arn:aws:codepipeline:us-east-1:111111111111:p", "Targets": [{"TargetType": "SNS", "TargetAddress": "arn:aws:sns:us-east-1:111111111111:t"}], "Tags": {"team": "platform"}}}`)},
		{name: "missing required", rule: "CFN011", template: doc(`"Alias": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": {"Fn::Sub": "alias/a-${EnvironmentSuffix}"}}}, "Role": {"Type": "AWS::IAM::Role"}`), want: []string{"Alias CFN011", "Role CFN011"}},
		{name: "missing nested required", rule: "CFN011", template: build(`"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL"`, ""), want: []string{"Project CFN011"}},
		{name: "required inside anyOf", rule: "CFN011", template: doc(`"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": {"Fn::Sub": "p-${EnvironmentSuffix}"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111111111111:t"}]}}}`), want: []string{"Policy CFN011"}},
		{name: "requiredXor missing", rule: "CFN011", template: doc(`"Egress": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443}}`), want: []string{"Egress CFN011"}},
		{name: "requiredXor both", rule: "CFN017", template: doc(`"Egress": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16", "DestinationPrefixListId": "pl-63a5400a"}}`), want: []string{"Egress CFN017"}},
		{name: "requiredXor in opposite cases of a condition", rule: "CFN01", template: `{"Parameters": {"Client": {"Type": "String", "Default": ""}, "Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}}, "Conditions": {"HasClient": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Client"}, ""]}]}, "Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}, "Dev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}}, "Resources": {
			"A": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "DestinationSecurityGroupId": {"Fn::If": ["HasClient", {"Ref": "Client"}, {"Ref": "AWS::NoValue"}]}, "CidrIp": {"Fn::If": ["HasClient", {"Ref": "AWS::NoValue"}, "10.0.0.0/16"]}}},
			"B": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "DestinationPrefixListId": {"Fn::If": ["Prod", "pl-63a5400a", {"Ref": "AWS::NoValue"}]}, "CidrIp": {"Fn::If": ["Dev", "10.0.0.0/16", {"Ref": "AWS::NoValue"}]}}},
			"C": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "DestinationSecurityGroupId": {"Fn::If": ["HasClient", {"Ref": "Client"}, {"Ref": "AWS::NoValue"}]}, "CidrIp": {"Fn::If": ["Prod", "10.0.0.0/16", {"Ref": "AWS::NoValue"}]}}},
			"D": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "DestinationSecurityGroupId": {"Fn::If": ["HasClient", {"Ref": "Client"}, {"Ref": "AWS::NoValue"}]}, "CidrIp": "10.0.0.0/16"}}}}`,
			want: []string{"C CFN017", "D CFN017"}},
		{name: "dependentExcluded in opposite cases of a condition", rule: "CFN017", template: `{"Parameters": {"Stat": {"Type": "String", "Default": ""}}, "Conditions": {"Extended": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Stat"}, ""]}]}}, "Resources": {
			"A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 1, "Threshold": 1, "MetricName": "Errors", "Namespace": "AWS/Lambda", "Period": 60, "ExtendedStatistic": {"Fn::If": ["Extended", {"Ref": "Stat"}, {"Ref": "AWS::NoValue"}]}, "Statistic": {"Fn::If": ["Extended", {"Ref": "AWS::NoValue"}, "Sum"]}}},
			"B": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 1, "Threshold": 1, "MetricName": "Errors", "Namespace": "AWS/Lambda", "Period": 60, "ExtendedStatistic": {"Fn::If": ["Extended", {"Ref": "Stat"}, {"Ref": "AWS::NoValue"}]}, "Statistic": "Sum"}}}}`,
			want: []string{"B CFN017"}},
		{name: "dependentRequired", rule: "CFN011", template: doc(`"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}]}}`), want: []string{"SG CFN011"}},
		{name: "string where list", rule: "CFN012", template: build(smallEnv, `, "VpcConfig": {"VpcId": {"Ref": "Vpc"}, "Subnets": "subnet-0a1b2c3d", "SecurityGroupIds": ["sg-0a1b2c3d"]}`), want: []string{"Project CFN012"}},
		{name: "object where string", rule: "CFN012", template: bucket(`"BucketName": {"Name": "x"}`), want: []string{"Bucket CFN012"}},
		{name: "null value", rule: "CFN012", template: bucket(`"BucketName": null`), want: []string{"Bucket CFN012"}},
		{name: "coerced scalars", rule: "CFN012", template: build(smallEnv+`, "PrivilegedMode": "true"`, `, "TimeoutInMinutes": "30", "QueuedTimeoutInMinutes": 60, "BadgeEnabled": false, "Description": 5`)},
		{name: "non-numeric string for integer", rule: "CFN012", template: build(smallEnv, `, "TimeoutInMinutes": "thirty"`), want: []string{"Project CFN012"}},
		{name: "bad enum", rule: "CFN013", template: bucket(`"VersioningConfiguration": {"Status": "On"}`), want: []string{"Bucket CFN013"}},
		{name: "numeric enum", rule: "CFN013", template: doc(`"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 31}}, "Logs2": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": "30"}}`), want: []string{"Logs CFN013"}},
		{name: "legacy enum restored", rule: "CFN013", template: doc(`"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"RoleArn": "arn:aws:iam::111111111111:role/r", "ArtifactStore": {"Type": "S3", "Location": "b"}, "Stages": [{"Name": "Source", "Actions": [{"Name": "S", "ActionTypeId": {"Category": "Source", "Owner": "Amazon", "Provider": "CodeCommit", "Version": "1"}}]}]}}`), want: []string{"P CFN013"}},
		{name: "legacy compute type enum not restored", rule: "CFN013", template: build(`"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_NEWSIZE", "Image": "i"`, "")},
		{name: "pattern", rule: "CFN014", template: bucket(`"BucketName": "Not_Valid"`), want: []string{"Bucket CFN014"}},
		{name: "pattern with \\Z", rule: "CFN014", template: doc(`"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "bad name"}}`), want: []string{"Logs CFN014"}},
		{name: "format cidr", rule: "CFN014", template: doc(`"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": "vpc-0a1b2c3d", "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/33"}]}}`), want: []string{"SG CFN014"}},
		{name: "max length", rule: "CFN015", template: bucket(`"BucketName": "` + strings.Repeat("a", 64) + `"`), want: []string{"Bucket CFN015"}},
		{name: "minimum and maximum", rule: "CFN015", template: build(smallEnv, `, "TimeoutInMinutes": 4, "QueuedTimeoutInMinutes": "500"`), want: []string{"Project CFN015", "Project CFN015"}},
		{name: "unique keys", rule: "CFN015", template: doc(`"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"RoleArn": "arn:aws:iam::111111111111:role/r", "ArtifactStore": {"Type": "S3", "Location": "b"}, "Stages": [{"Name": "A", "Actions": [{"Name": "S", "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "CodeCommit", "Version": "1"}}]}, {"Name": "A", "Actions": [{"Name": "B", "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"}}]}]}}`), want: []string{"P CFN015"}},
		{name: "read-only property", rule: "CFN016", template: bucket(`"Arn": "arn:aws:s3:::b"`), want: []string{"Bucket CFN016"}},
		{name: "dependentExcluded", rule: "CFN017", template: doc(`"Alarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 1, "MetricName": "m", "Namespace": "n", "Period": 60, "Statistic": "Sum", "ExtendedStatistic": "p99", "Threshold": 1}}`), want: []string{"Alarm CFN017"}},
		{name: "oneOf", rule: "CFN017", template: bucket(`"LoggingConfiguration": {"DestinationBucketName": "logs", "TargetObjectKeyFormat": {"SimplePrefix": {}, "PartitionedPrefix": {}}}`), want: []string{"Bucket CFN010"}},
	}
	// The oneOf case reports the best branch's violation (an unknown
	// property), so look at CFN010 there.
	cases[len(cases)-1].rule = "CFN010"
	runRuleCases(t, cases)
}

func TestIntrinsicsAccepted(t *testing.T) {
	clean := []ruleCase{
		{name: "list parameter in Subnets", template: build(smallEnv, `, "VpcConfig": {"VpcId": {"Ref": "Vpc"}, "Subnets": {"Ref": "Subnets"}, "SecurityGroupIds": [{"Fn::GetAtt": ["SG", "GroupId"]}]}`)},
		{name: "GetAtt key arn", template: build(smallEnv, `, "EncryptionKey": {"Fn::GetAtt": ["Key", "Arn"]}`)},
		{name: "Sub name", template: build(smallEnv, `, "Name": {"Fn::Sub": "codebuild-${EnvironmentSuffix}"}`)},
		{name: "If with NoValue", template: `{"Parameters": {"Env": {"Type": "String"}}, "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}, "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Fn::If": ["Prod", 30, {"Ref": "AWS::NoValue"}]}, "LogGroupClass": {"Fn::If": ["Prod", "STANDARD", "INFREQUENT_ACCESS"]}}}}}`},
		{name: "Join", template: bucket(`"BucketName": {"Fn::Join": ["-", ["b", {"Ref": "EnvironmentSuffix"}]]}`)},
		{name: "Split and Select", template: build(smallEnv, `, "VpcConfig": {"VpcId": {"Fn::Select": [0, {"Fn::Split": [",", "vpc-0a1b2c3d,x"]}]}, "Subnets": {"Fn::Split": [",", "subnet-0a1b2c3d"]}, "SecurityGroupIds": [{"Fn::GetAtt": ["SG", "GroupId"]}]}`)},
		{name: "NoValue property is absent", template: bucket(`"BucketName": {"Ref": "AWS::NoValue"}`)},
		{name: "Transform anywhere", template: `{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Fn::Transform": {"Name": "Retention", "Parameters": {"Days": {"Ref": "MacroOnly"}}}}, "Tags": [{"Key": "a", "Value": {"Fn::Transform": [{"Name": "Date", "Parameters": {"Operation": "Current"}}]}}]}}}}`},
		{name: "FindInMap anywhere", template: `{"Mappings": {"M": {"a": {"b": 30}}}, "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Fn::FindInMap": ["M", "a", "b"]}}}}}`},
	}
	for _, tc := range clean {
		t.Run(tc.name, func(t *testing.T) {
			tpl := strings.Replace(tc.template, `"Resources": {`, `"Resources": {"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x"}}, `, 1)
			var got []Finding
			for _, f := range Template("t.json", []byte(tpl)) {
				if strings.HasPrefix(f.Rule, "CFN") {
					got = append(got, f)
				}
			}
			if len(got) != 0 {
				t.Errorf("want no schema or reference findings, got\n%s", describe(got))
			}
		})
	}
	runRuleCases(t, []ruleCase{
		{name: "string function where list", rule: "CFN012", template: build(smallEnv, `, "VpcConfig": {"VpcId": {"Ref": "Vpc"}, "Subnets": {"Fn::Sub": "subnet-0a1b2c3d"}, "SecurityGroupIds": ["sg-0a1b2c3d"]}`), want: []string{"Project CFN012"}},
		{name: "list parameter where string", rule: "CFN012", template: build(smallEnv, `, "VpcConfig": {"VpcId": {"Ref": "Subnets"}, "Subnets": {"Ref": "Subnets"}, "SecurityGroupIds": ["sg-0a1b2c3d"]}`), want: []string{"Project CFN012"}},
		{name: "attributes of the right kind", rule: "CFN012", template: withEndpoints(`"VpcId": {"Fn::GetAtt": ["SG", "VpcId"]}, "SecurityGroupIds": [{"Fn::GetAtt": ["SG", "GroupId"]}], "SubnetIds": {"Fn::GetAtt": ["Other", "NetworkInterfaceIds"]}`, `"VpcId": {"Fn::GetAtt": ["Queue", "Arn"]}, "SecurityGroupIds": {"Fn::GetAtt": ["SG", "NoSuchAttribute"]}`)},
		{name: "attributes of the wrong kind", rule: "CFN012", template: withEndpoints(`"VpcId": {"Fn::GetAtt": ["Other", "DnsEntries"]}, "SecurityGroupIds": {"Fn::GetAtt": "SG.GroupId"}`, `"VpcId": "vpc-0a1b2c3d"`),
			want: []string{"Endpoint CFN012", "Endpoint CFN012"},
			msgs: []string{
				"Properties.SecurityGroupIds uses Fn::GetAtt, which produces a string, but it must be a list.",
				"Properties.VpcId uses Fn::GetAtt, which produces a list, but it must be a string.",
			}},
		{name: "If branches validated", rule: "CFN013", template: `{"Parameters": {"Env": {"Type": "String"}}, "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}, "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Fn::If": ["Prod", 30, 31]}}}}}`, want: []string{"Logs CFN013"}},
		{name: "intrinsic strings skip pattern", rule: "CFN014", template: bucket(`"BucketName": {"Fn::Sub": "Not_Valid_${EnvironmentSuffix}"}`)},
	})
}
