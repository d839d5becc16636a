package check

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// extended is a template with the AWS::LanguageExtensions transform and the
// given sections.
func extended(sections string) string {
	return `{"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::LanguageExtensions", ` + sections + `}`
}

// The examples of the Fn::ForEach documentation
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-examples.html),
// with the resources and conditions they assume declared.
const (
	docTopics = `"Resources": {"Fn::ForEach::Topics": ["TopicName", ["Success", "Failure", "Timeout", "Unknown"], {
		"SnsTopic${TopicName}": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "${TopicName}.fifo"}, "FifoTopic": true}}}]}`

	docTopicsParameter = `"Parameters": {"pRepoARNs": {"Description": "ARN of SSO instance", "Type": "CommaDelimitedList"%s}},
	"Resources": {"Fn::ForEach::Topics": ["TopicName", {"Ref": "pRepoARNs"}, {
		"SnsTopic${TopicName}": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Join": [".", [{"Ref": "TopicName"}, "fifo"]]}, "FifoTopic": true}}}]}`

	docTables = `"Resources": {"Fn::ForEach::Tables": ["TableName", ["Points", "Score", "Name", "Leaderboard"], {
		"DynamoDB${TableName}": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": {"Ref": "TableName"},
			"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
			"ProvisionedThroughput": {"ReadCapacityUnits": "5", "WriteCapacityUnits": "5"}}}}]}`

	docNatGateways = `"Mappings": {"NatGateway": {"Condition": {"B": "TwoNatGateways", "C": "ThreeNatGateways"}}},
	"Parameters": {"Count": {"Type": "Number", "Default": 3}},
	"Conditions": {"TwoNatGateways": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Count"}, 1]}]}, "ThreeNatGateways": {"Fn::Equals": [{"Ref": "Count"}, 3]}},
	"Resources": {
		"PublicSubnetA": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1"}},
		"PublicSubnetB": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1"}},
		"PublicSubnetC": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1"}},
		"Fn::ForEach::NatGatewayAndEIP": ["Identifier", ["A", "B", "C"], {
			"NatGateway${Identifier}": {"Type": "AWS::EC2::NatGateway", "Properties": {
				"AllocationId": {"Fn::GetAtt": [{"Fn::Sub": "NatGatewayAttachment${Identifier}"}, "AllocationId"]},
				"SubnetId": {"Ref": {"Fn::Sub": "PublicSubnet${Identifier}"}}},
				"Condition": {"Fn::FindInMap": ["NatGateway", "Condition", {"Ref": "Identifier"}, {"DefaultValue": {"Ref": "AWS::NoValue"}}]}},
			"NatGatewayAttachment${Identifier}": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"},
				"Condition": {"Fn::FindInMap": ["NatGateway", "Condition", {"Ref": "Identifier"}, {"DefaultValue": {"Ref": "AWS::NoValue"}}]}}}]}`

	docNestedSubnets = `"Resources": {
		"VPC": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16", "EnableDnsSupport": "true", "EnableDnsHostnames": "true"}},
		"Fn::ForEach::SubnetResources": ["Prefix", ["Transit", "Public"], {
			"Nacl${Prefix}Subnet": {"Type": "AWS::EC2::NetworkAcl", "Properties": {"VpcId": {"Ref": "VPC"}}},
			"Fn::ForEach::LoopInner": ["Suffix", ["A", "B"], {
				"${Prefix}Subnet${Suffix}": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "VPC"}}},
				"Nacl${Prefix}Subnet${Suffix}Association": {"Type": "AWS::EC2::SubnetNetworkAclAssociation", "Properties": {
					"SubnetId": {"Ref": {"Fn::Sub": "${Prefix}Subnet${Suffix}"}},
					"NetworkAclId": {"Ref": {"Fn::Sub": "Nacl${Prefix}Subnet"}}}}}]}]}`

	docInstances = `"Mappings": {"Instances": {"InstanceType": {"B": "m5.4xlarge", "C": "c5.2xlarge"}, "ImageId": {"A": "ami-id1"}}},
	"Resources": {"Fn::ForEach::Instances": ["Identifier", ["A", "B", "C"], {
		"Instance${Identifier}": {"Type": "AWS::EC2::Instance", "Properties": {
			"InstanceType": {"Fn::FindInMap": ["Instances", "InstanceType", {"Ref": "Identifier"}, {"DefaultValue": "m5.xlarge"}]},
			"ImageId": {"Fn::FindInMap": ["Instances", "ImageId", {"Ref": "Identifier"}, {"DefaultValue": "ami-id-default"}]}}}}]},
	"Outputs": {
		"SecondInstanceId": {"Description": "Instance Id for InstanceB", "Value": {"Ref": "InstanceB"}},
		"SecondPrivateIp": {"Description": "Private IP for InstanceB", "Value": {"Fn::GetAtt": ["InstanceB", "PrivateIp"]}}}`

	docInstanceProperties = `"Mappings": {
		"InstanceA": {"Properties": {"ImageId": "ami-id1", "InstanceType": "m5.xlarge"}},
		"InstanceB": {"Properties": {"ImageId": "ami-id2"}},
		"InstanceC": {"Properties": {"ImageId": "ami-id3", "InstanceType": "m5.2xlarge", "AvailabilityZone": "us-east-1a"}}},
	"Resources": {"Fn::ForEach::Instances": ["InstanceLogicalId", ["InstanceA", "InstanceB", "InstanceC"], {
		"${InstanceLogicalId}": {"Type": "AWS::EC2::Instance", "Properties": {
			"DisableApiTermination": true,
			"UserData": {"Fn::Base64": {"Fn::Join": ["", ["#!/bin/bash\n", "yum update -y\n"]]}},
			"Fn::ForEach::Properties": ["PropertyName", ["ImageId", "InstanceType", "AvailabilityZone"], {
				"${PropertyName}": {"Fn::FindInMap": [{"Ref": "InstanceLogicalId"}, "Properties", {"Ref": "PropertyName"}, {"DefaultValue": {"Ref": "AWS::NoValue"}}]}}]}}}]}`

	docBucketOutputs = `"Resources": {"Fn::ForEach::Buckets": ["Identifier", ["A", "B", "C"], {
		"S3Bucket${Identifier}": {"Type": "AWS::S3::Bucket", "Properties": {
			"AccessControl": "PublicRead",
			"MetricsConfigurations": [{"Id": {"Fn::Sub": "EntireBucket${Identifier}"}}],
			"WebsiteConfiguration": {"IndexDocument": "index.html", "ErrorDocument": "error.html",
				"RoutingRules": [{"RoutingRuleCondition": {"HttpErrorCodeReturnedEquals": "404", "KeyPrefixEquals": "out1/"},
					"RedirectRule": {"HostName": "ec2-11-22-333-44.compute-1.amazonaws.com", "ReplaceKeyPrefixWith": "report-404/"}}]}},
			"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}}]},
	"Outputs": {"Fn::ForEach::BucketOutputs": ["Identifier", ["A", "B", "C"], {
		"Fn::ForEach::GetAttLoop": ["Property", ["Arn", "DomainName", "WebsiteURL"], {
			"S3Bucket${Identifier}${Property}": {"Value": {"Fn::GetAtt": [{"Fn::Sub": "S3Bucket${Identifier}"}, {"Ref": "Property"}]}}}]}]}`

	docConditions = `"Parameters": {
		"ParamA": {"Type": "String", "AllowedValues": ["true", "false"]}, "ParamB": {"Type": "String", "AllowedValues": ["true", "false"]},
		"ParamC": {"Type": "String", "AllowedValues": ["true", "false"]}, "ParamD": {"Type": "String", "AllowedValues": ["true", "false"]}},
	"Conditions": {"Fn::ForEach::CheckTrue": ["Identifier", ["A", "B", "C", "D"], {
		"IsParam${Identifier}Enabled": {"Fn::Equals": [{"Ref": {"Fn::Sub": "Param${Identifier}"}}, "true"]}}]},
	"Resources": {"WaitConditionHandle": {"Type": "AWS::CloudFormation::WaitConditionHandle", "Condition": "IsParamDEnabled"}}`
)

func TestForEachDocumentedExamples(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// The topics are checked under the logical IDs the loop gives.
		{name: "topics", rule: "CFN", template: extended(docTopics)},
		{name: "topics are checked", rule: "PL012", template: extended(docTopics),
			want: []string{"SnsTopicFailure PL012", "SnsTopicSuccess PL012", "SnsTopicTimeout PL012", "SnsTopicUnknown PL012"}},
		{name: "topics from a parameter", rule: "CFN", template: extended(fmt.Sprintf(docTopicsParameter, `, "Default": "Success, Failure"`))},
		{name: "topics from a parameter are checked", rule: "PL012", template: extended(fmt.Sprintf(docTopicsParameter, `, "Default": "Success, Failure"`)),
			want: []string{"SnsTopicFailure PL012", "SnsTopicSuccess PL012"}},
		// Without a Default the collection is known only on deploy.
		{name: "topics from a parameter without a default", rule: "CFN", template: extended(fmt.Sprintf(docTopicsParameter, "")),
			want: []string{"Fn::ForEach::Topics CFN019"},
			msgs: []string{"The loop's collection is parameter pRepoARNs, which has no Default, known only on deploy, so the loop is not expanded and the entries it gives are not checked."}},
		{name: "tables", rule: "CFN", template: extended(docTables),
			want: []string{"DynamoDBLeaderboard CFN004", "DynamoDBName CFN004", "DynamoDBPoints CFN004", "DynamoDBScore CFN004"}},
		{name: "nat gateways", rule: "CFN", template: extended(docNatGateways),
			want: []string{"NatGatewayA CFN004", "NatGatewayAttachmentA CFN004", "NatGatewayAttachmentB CFN004", "NatGatewayAttachmentC CFN004",
				"NatGatewayB CFN004", "NatGatewayC CFN004", "PublicSubnetA CFN004", "PublicSubnetB CFN004", "PublicSubnetC CFN004"}},
		{name: "nested loops", rule: "CFN", template: extended(docNestedSubnets),
			want: []string{"NaclPublicSubnet CFN004", "NaclPublicSubnetAAssociation CFN004", "NaclPublicSubnetBAssociation CFN004",
				"NaclTransitSubnet CFN004", "NaclTransitSubnetAAssociation CFN004", "NaclTransitSubnetBAssociation CFN004",
				"PublicSubnetA CFN004", "PublicSubnetB CFN004", "TransitSubnetA CFN004", "TransitSubnetB CFN004", "VPC CFN004"}},
		{name: "instances and outputs", rule: "CFN", template: extended(docInstances),
			want: []string{"InstanceA CFN004", "InstanceB CFN004", "InstanceC CFN004"}},
		{name: "properties", rule: "CFN", template: extended(docInstanceProperties),
			want: []string{"InstanceA CFN004", "InstanceB CFN004", "InstanceC CFN004"}},
		{name: "outputs", rule: "CFN", template: extended(docBucketOutputs)},
		{name: "outputs are checked", rule: "PL010", template: extended(docBucketOutputs),
			want: []string{"S3BucketA PL010", "S3BucketA PL010", "S3BucketB PL010", "S3BucketB PL010", "S3BucketC PL010", "S3BucketC PL010"}},
		{name: "conditions", rule: "CFN", template: extended(docConditions),
			want: []string{"WaitConditionHandle CFN004"}},
	})
}

// TestForEachExpansion checks what a loop gives.
func TestForEachExpansion(t *testing.T) {
	topics := func(key, collection, props string) string {
		return extended(`"Parameters": {"Names": {"Type": "CommaDelimitedList", "Default": "a-b, c.d"}, "Suffix": {"Type": "String"}},
			"Resources": {"Fn::ForEach::Topics": ["Name", ` + collection + `, {"` + key + `": {"Type": "AWS::SNS::Topic", "Properties": ` + props + `}}]}`)
	}
	runRuleCases(t, []ruleCase{
		// &{Name} drops the characters other than letters and digits.
		{name: "alphanumeric keys", rule: "PL012", template: topics("Topic&{Name}", `{"Ref": "Names"}`, `{"TopicName": {"Fn::Sub": "t-&{Name}-${Name}"}}`),
			want: []string{"Topicab PL012", "Topiccd PL012"}},
		{name: "values in strings", rule: "CFN012", template: topics("Topic&{Name}", `["true", "ma ybe"]`, `{"FifoTopic": "${Name}"}`),
			want: []string{"Topicmaybe CFN012"},
			msgs: []string{"Properties.FifoTopic is a string, but it must be a boolean."}},
		{name: "a ref to the identifier gives the value", rule: "CFN012", template: topics("Topic&{Name}", `["false", "no"]`, `{"FifoTopic": {"Ref": "Name"}}`),
			want: []string{"Topicno CFN012"}},
		{name: "identifier refs are not references", rule: "CFN02", template: topics("Topic${Name}", `["A"]`, `{"DisplayName": {"Fn::Join": ["", [{"Ref": "Name"}, {"Fn::Sub": "${Name}-${Suffix}"}]]}}`)},
		{name: "numbers and booleans", rule: "CFN0", template: topics("Topic${Name}", `[1, true]`, `{"DisplayName": {"Ref": "Name"}}`)},
		{name: "an empty collection", rule: "CFN0", template: extended(`"Resources": {"T": {"Type": "AWS::SNS::Topic"}, "Fn::ForEach::None": ["X", [], {"Q${X}": {"Type": "AWS::SNS::Topic"}}]}`)},
		{name: "a list parameter", rule: "CFN0", template: extended(`"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-0a1b2c3d4e5f67890,subnet-0f9e8d7c6b5a43210"}},
			"Resources": {"Fn::ForEach::Groups": ["Subnet", {"Ref": "Subnets"}, {"Group&{Subnet}": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": {"Ref": "Subnet"}}}}]}`)},
		{name: "references to what the loop gives", rule: "CFN02", template: extended(docTopics + `, "Outputs": {"Arn": {"Value": {"Ref": "SnsTopicSuccess"}}, "Name": {"Value": {"Fn::GetAtt": ["SnsTopicFailure", "TopicName"]}}}`)},
		{name: "references through Fn::Sub", rule: "CFN02", template: extended(`"Resources": {"Fn::ForEach::Topics": ["Env", ["Dev", "Prod"], {
			"Topic${Env}": {"Type": "AWS::SNS::Topic"},
			"Other${Env}": {"Type": "AWS::SNS::Topic", "DependsOn": {"Fn::Sub": "Topic${Env}"}, "Properties": {
				"DisplayName": {"Fn::GetAtt": [{"Fn::Sub": "Topic${Env}"}, "TopicNam"]}}}}]}`),
			want: []string{"OtherDev CFN021", "OtherProd CFN021"}},
		{name: "a reference to what the loop does not give", rule: "CFN02", template: extended(docTopics + `, "Outputs": {"Arn": {"Value": {"Ref": "SnsTopicNone"}}}`),
			want: []string{"Outputs.Arn CFN020"}},
		{name: "a loop in properties", rule: "CFN01", template: extended(`"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {
			"Fn::ForEach::Names": ["P", ["Display", "Topic"], {"${P}Name": {"Fn::Sub": "x-${P}"}}], "Bogus": 1}}}`),
			want: []string{"T CFN010"}},
		{name: "conditions a loop gives", rule: "CFN02", template: extended(`"Parameters": {"Env": {"Type": "String"}},
			"Conditions": {"Fn::ForEach::Envs": ["E", ["Dev", "Prod"], {"Is${E}": {"Fn::Equals": [{"Ref": "Env"}, {"Ref": "E"}]}}]},
			"Resources": {"T": {"Type": "AWS::SNS::Topic", "Condition": "IsProd"}, "U": {"Type": "AWS::SNS::Topic", "Condition": "IsTest"}}`),
			want: []string{"U CFN023"}},
		{name: "outputs a loop gives", rule: "CFN032", template: extended(docTopics + `, "Outputs": {"Fn::ForEach::Out": ["N", ["A"], {"Out${N}": {"Valu": "x"}}]}`),
			want: []string{"Outputs.OutA CFN032", "Outputs.OutA CFN032"}},
	})
}

// TestForEachNotExpanded checks the loops over collections known only on
// deploy: one warning each, and nothing in them or around them checked.
func TestForEachNotExpanded(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "in properties", rule: "CFN", template: extended(`"Parameters": {"Names": {"Type": "CommaDelimitedList"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"Bogus": 1,
				"Fn::ForEach::Tags": ["N", {"Ref": "Names"}, {"DisplayName${N}": {"Ref": "N"}}]}},
				"U": {"Type": "AWS::SNS::Topic", "DependsOn": "T", "Properties": {"DisplayName": {"Fn::GetAtt": ["T", "TopicName"]}}}}`),
			want: []string{"T CFN019"},
			msgs: []string{"Properties.Fn::ForEach::Tags: the loop's collection is parameter Names, which has no Default, known only on deploy, so the loop is not expanded and what holds it is not checked."}},
		{name: "from another function", rule: "CFN", template: extended(`"Mappings": {"M": {"K": {"L": ["A", "B"]}}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}, "Fn::ForEach::Topics": ["N", {"Fn::FindInMap": ["M", "K", "L"]}, {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]},
			"Outputs": {"A": {"Value": {"Ref": "TopicA"}}, "B": {"Value": {"Fn::GetAtt": ["TopicB", "TopicArn"]}}, "C": {"Value": {"Ref": "Other"}}}`),
			want: []string{"Fn::ForEach::Topics CFN019", "Outputs.C CFN020"},
			msgs: []string{
				`The loop's collection is {"Fn::FindInMap":["M","K","L"]}, known only on deploy, so the loop is not expanded and the entries it gives are not checked.`,
				`Value: Ref "Other" names no parameter, resource or pseudo parameter; declare it or fix the name.`}},
		{name: "from systems manager", rule: "CFN019", template: extended(`"Parameters": {"Names": {"Type": "AWS::SSM::Parameter::Value<List<String>>", "Default": "/names"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"Fn::ForEach::Out": ["N", {"Ref": "Names"}, {"Out${N}": {"Value": {"Ref": "N"}}}]}`),
			want: []string{"Outputs.Fn::ForEach::Out CFN019"},
			msgs: []string{"The loop's collection is parameter Names, read from Systems Manager, known only on deploy, so the loop is not expanded and the entries it gives are not checked."}},
		{name: "conditions", rule: "CFN", template: extended(`"Conditions": {"Fn::ForEach::C": ["N", {"Fn::Split": [",", "a,b"]}, {"Is${N}": {"Fn::Equals": [{"Ref": "N"}, "a"]}}]},
			"Resources": {"T": {"Type": "AWS::SNS::Topic", "Condition": "Isa"}}`),
			want: []string{"Template CFN019"}},
		{name: "a list with a function", rule: "CFN019", template: extended(`"Parameters": {"P": {"Type": "String"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}, "Fn::ForEach::Topics": ["N", ["A", {"Ref": "P"}], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]}`),
			want: []string{"Fn::ForEach::Topics CFN019"}},
		{name: "inside a loop that is expanded", rule: "CFN", template: extended(`"Parameters": {"Extra": {"Type": "CommaDelimitedList"}},
			"Resources": {"Fn::ForEach::Topics": ["Env", ["Dev", "Prod"], {"Topic${Env}": {"Type": "AWS::SNS::Topic", "Properties": {
				"Fn::ForEach::Tags": ["T", {"Ref": "Extra"}, {"X${T}": "y"}]}}}]}`),
			want: []string{"TopicDev CFN019", "TopicProd CFN019"}},
		{name: "names of many loops", rule: "CFN02", template: extended(`"Parameters": {"Extra": {"Type": "CommaDelimitedList"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}, "Fn::ForEach::Outer": ["A", ` + hundred + `, {"Fn::ForEach::Inner": ["B", {"Ref": "Extra"}, {
				"X${A}${B}": {"Type": "AWS::SNS::Topic"}, "Y${A}${B}": {"Type": "AWS::SNS::Topic"}, "Z${A}${B}": {"Type": "AWS::SNS::Topic"}}]}]},
			"Outputs": {"A": {"Value": {"Ref": "Xv7q"}}, "B": {"Value": {"Ref": "Anything"}}}`),
			want: []string{"Outputs.B CFN020"}},
		{name: "names of a long fragment", rule: "CFN02", template: extended(`"Parameters": {"Extra": {"Type": "CommaDelimitedList"}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}, "Fn::ForEach::Many": ["B", {"Ref": "Extra"}, {` + manyKeys(maxKeyPatterns+1) + `}]},
			"Outputs": {"A": {"Value": {"Ref": "K7x"}}, "B": {"Value": {"Ref": "Anything"}}}`)},
		{name: "too many values", rule: "CFN019", template: extended(`"Resources": {"Fn::ForEach::A": ["A", ` + hundred + `, {
			"Fn::ForEach::B": ["B", ` + hundred + `, {"Fn::ForEach::C": ["C", ` + hundred + `, {"T${A}${B}${C}": [[], [], [], [], [], [], [], [], [], []]}]}]}]}`),
			want: []string{"Template CFN019"}},
		{name: "too many bytes", rule: "CFN0", template: extended(`"Resources": {"Fn::ForEach::A": ["A", ` + hundred + `, {
			"Fn::ForEach::B": ["B", ` + hundred + `, {"Fn::ForEach::C": ["C", ` + hundred + `, {"T${A}${B}${C}": {"Type": "AWS::SNS::Topic"}}]}]}]}`),
			want: []string{"Template CFN005"}},
	})
}

// manyKeys is n entries of a loop's fragment, "K${B}0" to "K${B}<n-1>".
func manyKeys(n int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf(`"K${B}%d": {"Type": "AWS::SNS::Topic"}`, i)
	}
	return strings.Join(keys, ", ")
}

// hundred is a collection of 100 values.
var hundred = func() string {
	vs := make([]string, 100)
	for i := range vs {
		vs[i] = fmt.Sprintf(`"v%d"`, i)
	}
	return "[" + strings.Join(vs, ", ") + "]"
}()

func TestForEachMalformed(t *testing.T) {
	topics := func(loop string) string {
		return extended(`"Parameters": {"Name": {"Type": "String"}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}, "Fn::ForEach::Topics": ` + loop + `}`)
	}
	runRuleCases(t, []ruleCase{
		{name: "no transform", rule: "CFN", template: `{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"Fn::ForEach::Names": ["N", ["A"], {"DisplayName": {"Ref": "N"}}]}},
			"Fn::ForEach::Topics": ["N", ["A"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]},
			"Conditions": {"Fn::ForEach::C": ["N", ["A"], {"Is${N}": {"Fn::Equals": [{"Ref": "N"}, "A"]}}]},
			"Outputs": {"Fn::ForEach::Out": ["N", ["A"], {"Out${N}": {"Value": {"Ref": "N"}}}]}}`,
			want: []string{"Fn::ForEach::Topics CFN018", "Outputs.Fn::ForEach::Out CFN018", "T CFN018", "Template CFN018"},
			msgs: []string{
				noTransform,
				noTransform,
				"Properties.Fn::ForEach::Names: " + noTransform,
				"Conditions.Fn::ForEach::C: " + noTransform}},
		{name: "two values", rule: "CFN018", template: topics(`["N", ["A"]]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{`The loop takes a list of three values, ["Identifier", ["Value1", "Value2"], {"Key${Identifier}": Value}]; it is a list of 2.`}},
		{name: "an object", rule: "CFN018", template: topics(`{"N": ["A"]}`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{`The loop takes a list of three values, ["Identifier", ["Value1", "Value2"], {"Key${Identifier}": Value}]; it is an object.`}},
		{name: "identifier not a string", rule: "CFN018", template: topics(`[["N"], ["A"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{`The loop's identifier is ["N"]; it must be a name, such as "Name", that ${Name} and &{Name} stand for in the fragment.`}},
		{name: "identifier empty", rule: "CFN018", template: topics(`["", ["A"], {"Topic": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN018"}},
		{name: "collection a string", rule: "CFN018", template: topics(`["N", "A,B", {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{"The loop's collection is a string; it must be a list of strings, or a Ref to a CommaDelimitedList or List parameter."}},
		{name: "collection with null", rule: "CFN018", template: topics(`["N", ["A", null], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{"The loop's collection holds null at [1]; it must be a list of strings, or a Ref to a CommaDelimitedList or List parameter."}},
		{name: "collection a string parameter", rule: "CFN018", template: topics(`["N", {"Ref": "Name"}, {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{`The loop's collection is a Ref to "Name", a parameter of type "String"; it must be a list of strings, or a Ref to a CommaDelimitedList or List parameter.`}},
		{name: "collection a resource", rule: "CFN018", template: topics(`["N", {"Ref": "T"}, {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{`The loop's collection is a Ref to "T", which is not a parameter; it must be a list of strings, or a Ref to a CommaDelimitedList or List parameter.`}},
		{name: "fragment a list", rule: "CFN018", template: topics(`["N", ["A"], [{"Topic${N}": {"Type": "AWS::SNS::Topic"}}]]`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{"The loop's fragment, its third value, is a list; it must be an object whose keys hold ${N} or &{N}."}},
		{name: "key without the identifier", rule: "CFN", template: topics(`["N", ["A", "B"], {"Topic": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN003", "Fn::ForEach::Topics CFN018"},
			msgs: []string{
				`The loop gives the key "Topic" for more than one value of its collection; put ${Identifier} or &{Identifier} in the key and give the collection no value twice.`,
				`The fragment's key "Topic" holds neither ${N} nor &{N}, so every value of the collection would give it.`}},
		{name: "a value twice", rule: "CFN003", template: topics(`["N", ["A", "A"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN003"}},
		{name: "a key the section holds", rule: "CFN003", template: topics(`["N", ["", "A"], {"T${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN003"},
			msgs: []string{`The loop gives the key "T", which the object holds already; keys must be unique.`}},
		{name: "two loops give a key", rule: "CFN003", template: extended(`"Resources": {"Fn::ForEach::A": ["N", ["X"], {"T${N}": {"Type": "AWS::SNS::Topic"}}],
			"Fn::ForEach::B": ["M", ["X"], {"T${M}": {"Type": "AWS::SNS::Topic"}}]}`),
			want: []string{"Fn::ForEach::B CFN003"},
			msgs: []string{`The loop gives the key "TX", which Fn::ForEach::A gives too; keys must be unique.`}},
		{name: "a key that is no logical ID", rule: "CFN", template: topics(`["N", ["a-b"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]`),
			want: []string{"Fn::ForEach::Topics CFN003"},
			msgs: []string{`The loop gives the key "Topica-b", which is not a logical ID: use 1 to 255 ASCII letters and digits, and &{Identifier} rather than ${Identifier} in the key, which drops the other characters of the value.`}},
		{name: "a property key collides", rule: "CFN018", template: extended(`"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "a",
			"Fn::ForEach::P": ["N", ["Topic"], {"${N}Name": "b"}]}}}`),
			want: []string{"T CFN018"},
			msgs: []string{`Properties.Fn::ForEach::P: the loop gives the key "TopicName", which the object holds already; keys must be unique.`}},
		{name: "name not a logical ID", rule: "CFN018", template: extended(`"Resources": {"Fn::ForEach::My-Topics": ["N", ["A"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]}`),
			want: []string{"Fn::ForEach::My-Topics CFN018"},
			msgs: []string{`The loop's name "My-Topics" is not a logical ID: write 1 to 255 ASCII letters and digits after Fn::ForEach::.`}},
		{name: "name twice", rule: "CFN018", template: extended(`"Resources": {"Fn::ForEach::Topics": ["N", ["A"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]},
			"Outputs": {"Fn::ForEach::Topics": ["N", ["A"], {"Out${N}": {"Value": "x"}}]}`),
			want: []string{"Outputs.Fn::ForEach::Topics CFN018"},
			msgs: []string{`The loop at Resources.Fn::ForEach::Topics is named "Topics" too; a loop's name must be unique in the template.`}},
		{name: "name of a resource", rule: "CFN018", template: extended(`"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {
			"Fn::ForEach::T": ["N", ["Display"], {"${N}Name": "x"}]}}}`),
			want: []string{"T CFN018"},
			msgs: []string{`Properties.Fn::ForEach::T: the loop's name "T" is also the logical ID of a resource; a loop's name must differ from every logical ID of the Resources section (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html).`}},
		{name: "nested loop names are not repeated", rule: "CFN", template: extended(docNestedSubnets), // LoopInner is expanded twice
			want: []string{"NaclPublicSubnet CFN004", "NaclPublicSubnetAAssociation CFN004", "NaclPublicSubnetBAssociation CFN004",
				"NaclTransitSubnet CFN004", "NaclTransitSubnetAAssociation CFN004", "NaclTransitSubnetBAssociation CFN004",
				"PublicSubnetA CFN004", "PublicSubnetB CFN004", "TransitSubnetA CFN004", "TransitSubnetB CFN004", "VPC CFN004"}},
		{name: "nested identifier reused", rule: "CFN018", template: extended(`"Resources": {"Fn::ForEach::Outer": ["N", ["A", "B"], {
			"Fn::ForEach::Inner": ["N", ["C"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}]}]}`),
			want: []string{"Fn::ForEach::Inner CFN018"},
			msgs: []string{`The loop's identifier "N" is also the identifier of a loop around it; give each nested loop its own.`}},
		{name: "condition first", rule: "CFN018", template: extended(`"Conditions": {"C": {"Fn::Equals": ["a", "a"]}},
			"Resources": {"Fn::ForEach::Topics": ["N", ["A"], {"Topic${N}": {"Condition": "C", "Type": "AWS::SNS::Topic"}}]}`),
			want: []string{"Fn::ForEach::Topics CFN018"},
			msgs: []string{`Condition is the first attribute of "Topic${N}" in the loop's fragment; CloudFormation fails to create the stack unless it comes second or later, so move it after Type.`}},
		{name: "in conditions", rule: "CFN018", template: extended(`"Conditions": {"Fn::ForEach::C": ["N", ["a", "b-c"], {"Is${N}": {"Fn::Equals": ["x", "y"]}}]},
			"Resources": {"T": {"Type": "AWS::SNS::Topic"}}`),
			want: []string{"Template CFN018"},
			msgs: []string{`Conditions.Fn::ForEach::C: the loop gives the key "Isb-c", which is not a logical ID: use 1 to 255 ASCII letters and digits, and &{Identifier} rather than ${Identifier} in the key, which drops the other characters of the value.`}},
	})
}

// TestForEachBounds checks templates under CloudFormation's size quota whose
// loops would expand into much more: the expansion stops at the quota, and
// checking them allocates little.
func TestForEachBounds(t *testing.T) {
	big := strings.Repeat("x", 600_000)
	keys := strings.Repeat("${", 300_000)
	quota := fmt.Sprintf("The template the AWS::LanguageExtensions transform gives exceeds CloudFormation's quota of %d bytes: its Fn::ForEach loops give ", maxTemplateBytes)
	for _, tc := range []struct {
		name, template string
		want           []string
		msg            string // the start of the first finding's message
	}{
		{name: "a long string copied", template: extended(`"Resources": {"Fn::ForEach::T": ["N", ` + numbers(1_000) + `, {"T${N}": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "` + big + `"}}}]}`),
			want: []string{"Template CFN005"}, msg: quota},
		{name: "many small values", template: extended(`"Resources": {"Fn::ForEach::T": ["N", ` + numbers(39_000) + `, {"T${N}": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Ref": "Missing${N}"}}}}]}`),
			want: []string{"Template CFN005"}, msg: quota},
		{name: "a long string in a loop inside a loop", template: extended(`"Resources": {"Fn::ForEach::O": ["A", ` + numbers(30_000) + `, {"Fn::ForEach::I": ["B", [], {"T${A}${B}": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "${A}` + big + `"}}}]}]}`),
			want: []string{"Template CFN019"}, msg: "The Fn::ForEach loops inside other loops are copied"},
		{name: "a key of placeholders", template: extended(`"Parameters": {"P": {"Type": "CommaDelimitedList"}}, "Resources": {"Fn::ForEach::T": ["N", {"Ref": "P"}, {"` + keys + `": {"Type": "AWS::SNS::Topic"}}]}`),
			want: []string{"Fn::ForEach::T CFN018", "Fn::ForEach::T CFN019"}},
		{name: "a key of placeholders in a loop", template: extended(`"Parameters": {"P": {"Type": "CommaDelimitedList"}}, "Resources": {"Fn::ForEach::O": ["A", ` + numbers(150) + `, {"Fn::ForEach::I": ["B", {"Ref": "P"}, {"` + keys[:200_000] + `": {"Type": "AWS::SNS::Topic"}}]}]}`),
			want: []string{"Fn::ForEach::I CFN018", "Fn::ForEach::I CFN019"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.template) > maxTemplateBytes {
				t.Fatalf("the template is %d bytes, over the quota", len(tc.template))
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			got := Template("t.json", []byte(tc.template))
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; n > 50<<20 {
				t.Errorf("checking allocated %d MB; want at most 50", n>>20)
			}
			var ids []string
			for _, f := range got {
				ids = append(ids, f.Resource+" "+f.Rule)
			}
			if !slices.Equal(ids, tc.want) {
				t.Errorf("findings = %q, want %q\n%s", ids, tc.want, describe(got))
			}
			if tc.msg != "" && len(got) > 0 && !strings.HasPrefix(got[0].Message, tc.msg) {
				t.Errorf("message %q; want it to start %q", got[0].Message, tc.msg)
			}
		})
	}
}

// numbers is a collection of the strings "0" to "<n-1>".
func numbers(n int) string {
	vs := make([]string, n)
	for i := range vs {
		vs[i] = fmt.Sprintf(`"%d"`, i)
	}
	return "[" + strings.Join(vs, ",") + "]"
}
