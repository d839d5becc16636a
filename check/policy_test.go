package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// identity is a template with a role and an AWS::IAM::Policy attached to it
// whose statements are stmts.
func identity(stmts string) string {
	return doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
	"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": {"Fn::Sub": "p-${EnvironmentSuffix}"}, "Roles": [{"Ref": "Role"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [` + stmts + `]}}}`)
}

// trust is a template with a role whose trust policy has statement stmt.
func trust(stmt string) string {
	return doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [` + stmt + `]}}}`)
}

// managedPolicies is a template with a role whose ManagedPolicyArns holds
// arns.
func managedPolicies(arns string) string {
	return doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "ManagedPolicyArns": [` + arns + `]}}`)
}

// topicPolicy is a template with a topic and a topic policy statement.
func topicPolicy(stmt string) string {
	return keyed(`"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Ref": "Key"}}}, "TopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Topic"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [` + stmt + `]}}}`)
}

const tlsDeny = `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [{"Fn::GetAtt": ["Bucket", "Arn"]}, {"Fn::Sub": "${Bucket.Arn}/*"}], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`

func TestIAMRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "PL001 pass", rule: "PL001", template: identity(`{"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111111111111"}}}`)},
		{name: "PL001 string policy", rule: "PL001", template: doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}"}}`)},
		{name: "PL001 fail", rule: "PL001", template: identity(`{"Effect": "Permit", "Actions": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Action": "GetObject", "Principal": "*", "Resource": "arn:aws:s3:::b/*"}`),
			want: []string{"Policy PL001", "Policy PL001", "Policy PL001", "Policy PL001", "Policy PL001"}},
		{name: "PL001 effect missing or null", rule: "PL001", template: identity(`{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": null, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`),
			want: []string{"Policy PL001", "Policy PL001"},
			msgs: []string{
				`Properties.PolicyDocument.Statement[0] has no Effect; set it to "Allow" or "Deny".`,
				`Properties.PolicyDocument.Statement[1].Effect is null; use "Allow" or "Deny".`,
			}},
		{name: "PL001 Sids IAM accepts", rule: "PL001", template: identity(`{"Sid": "ReadArtifacts2", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}, {"Fn::If": ["C", {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::c/*"}]}`)},
		{name: "PL001 Sids of exclusive branches", rule: "PL001", template: identity(`{"Fn::If": ["C", {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}, {"Ref": "AWS::NoValue"}]}, {"Fn::If": ["NotC", {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::c/*"}, {"Ref": "AWS::NoValue"}]}`)},
		{name: "PL001 Sid of a branch and of a statement", rule: "PL001", template: identity(`{"Fn::If": ["C", {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}, {"Ref": "AWS::NoValue"}]}, {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::c/*"}`),
			want: []string{"Policy PL001"}},
		{name: "PL001 Sids of a key policy", rule: "PL001", template: keyed(`"Bucket": {"Type": "AWS::S3::Bucket"}, "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Sid": "Deny plain HTTP", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}, "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}}`)},
		{name: "PL001 Sids IAM refuses", rule: "PL001", template: identity(`{"Sid": "Read artifacts", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::c/*"}`),
			want: []string{"Policy PL001", "Policy PL001"},
			msgs: []string{
				`Properties.PolicyDocument.Statement[0].Sid "Read artifacts" holds characters IAM refuses in a Sid; use only ASCII letters and digits, such as "ReadArtifacts".`,
				`Properties.PolicyDocument.Statement[2].Sid "Write" is also the Sid of Properties.PolicyDocument.Statement[1]; IAM requires the Sids of a policy to differ.`,
			}},
		{name: "PL001 Sid of a trust policy", rule: "PL001", template: trust(`{"Sid": "assumed-by-codebuild", "Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}`), want: []string{"Role PL001"}},
		{name: "PL001 version", rule: "PL001", template: doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}}}}`),
			want: []string{"Role PL001", "Role PL001"}},
		{name: "PL001 condition operators", rule: "PL001", template: trust(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/r"}, "StringLikeIfExists": {"aws:PrincipalTag/team": "a*"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "team"}, "ForAllValues:ArnLikeIfExists": {"aws:SourceArn": "arn:aws:iam::111111111111:role/*"}, "Null": {"aws:SourceIp": "false"}, "numericlessthan": {"aws:MultiFactorAuthAge": "3600"}}}`)},
		{name: "PL001 condition operators IAM refuses", rule: "PL001", template: trust(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole", "Condition": {"ArnEqual": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/r"}, "NullIfExists": {"aws:SourceIp": "false"}, "ForEveryValue:StringEquals": {"aws:TagKeys": "team"}, "StringEqualsIfExist": {"aws:PrincipalTag/team": "a"}, "ForAnyValue:StringEqual": {"aws:TagKeys": "team"}, "Boolean": {"aws:SecureTransport": "true"}, "\u017FtringLike": {"aws:PrincipalTag/team": "a*"}}}`),
			want: []string{"Role PL001", "Role PL001", "Role PL001", "Role PL001", "Role PL001", "Role PL001", "Role PL001"},
			msgs: []string{
				`Properties.AssumeRolePolicyDocument.Statement[0].Condition.ArnEqual is not a condition operator, and the policy is refused; did you mean "ArnEquals"?`,
				`Properties.AssumeRolePolicyDocument.Statement[0].Condition.Boolean is not a condition operator, and the policy is refused; did you mean "Bool"?`,
				`Properties.AssumeRolePolicyDocument.Statement[0].Condition.ForAnyValue:StringEqual is not a condition operator, and the policy is refused; did you mean "ForAnyValue:StringEquals"?`,
				`Properties.AssumeRolePolicyDocument.Statement[0].Condition.ForEveryValue:StringEquals is not a condition operator, and the policy is refused; did you mean "ForAnyValue:StringEquals"?`,
				`Properties.AssumeRolePolicyDocument.Statement[0].Condition.NullIfExists is not a condition operator, and the policy is refused; did you mean "Null"?`,
				`Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEqualsIfExist is not a condition operator, and the policy is refused; did you mean "StringEqualsIfExists"?`,
				"Properties.AssumeRolePolicyDocument.Statement[0].Condition.\u017FtringLike is not a condition operator, and the policy is refused; did you mean \"StringLike\"?",
			}},
		{name: "PL013 pass", rule: "PL013", template: identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "S3:getobjectVERSION", "codebuild:BatchPutTestCases", "codestar-notifications:CreateNotificationRule", {"Fn::Sub": "ecr:${AWS::NoValue}GetAuthorizationToken"}, "s3:*"], "Resource": "*"}`)},
		{name: "PL013 fail", rule: "PL013", template: identity(`{"Effect": "Allow", "Action": ["s3:GetObjects", "s3:GetObjects", "codepipelines:StartPipelineExecution", "GetObject", "kms:Frobnicate", "s3:", "s3:GetObject PutObject", "s3:ListBuc\u212Aet", "codepipelines:StartPipelineExecutin", "s4:Frobnicate"], "Resource": "*"}, {"Effect": "Deny", "Action": "s3:DeleteBuckett", "Resource": "*"}`),
			want: []string{"Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013", "Policy PL013"},
			msgs: []string{
				`Properties.PolicyDocument.Statement[0].Action "GetObject" names no service; an action is written service:Action, such as "s3:GetObject".`,
				`Properties.PolicyDocument.Statement[0].Action "codepipelines:StartPipelineExecutin" names the service prefix "codepipelines", which no AWS service has, so it allows or denies nothing; did you mean "codepipeline:StartPipelineExecution"?`,
				`Properties.PolicyDocument.Statement[0].Action "codepipelines:StartPipelineExecution" names the service prefix "codepipelines", which no AWS service has, so it allows or denies nothing; did you mean "codepipeline:StartPipelineExecution"?`,
				`Properties.PolicyDocument.Statement[0].Action "kms:Frobnicate" is not an action of kms, so it allows or denies nothing.`,
				`Properties.PolicyDocument.Statement[0].Action "s3:" names no action; an action is written service:Action, such as "s3:GetObject".`,
				`Properties.PolicyDocument.Statement[0].Action "s3:GetObject PutObject" is not an action of s3, so it allows or denies nothing; did you mean "s3:GetObject"?`,
				`Properties.PolicyDocument.Statement[0].Action "s3:GetObjects" is not an action of s3, so it allows or denies nothing; did you mean "s3:GetObject"?`,
				"Properties.PolicyDocument.Statement[0].Action \"s3:ListBuc\u212Aet\" is not an action of s3, so it allows or denies nothing; did you mean \"s3:ListBucket\"?",
				`Properties.PolicyDocument.Statement[0].Action "s4:Frobnicate" names the service prefix "s4", which no AWS service has, so it allows or denies nothing.`,
				`Properties.PolicyDocument.Statement[1].Action "s3:DeleteBuckett" is not an action of s3, so it allows or denies nothing; did you mean "s3:DeleteBucket"?`,
			}},
		{name: "PL013 action cut short", rule: "PL013", template: identity(`{"Effect": "Allow", "Action": ["kms:ReEncrypt", "s3:PutObjec"], "Resource": "*"}`),
			want: []string{"Policy PL013", "Policy PL013"},
			msgs: []string{
				`Properties.PolicyDocument.Statement[0].Action "kms:ReEncrypt" is not an action of kms, so it allows or denies nothing; did you mean "kms:ReEncryptFrom" or "kms:ReEncryptTo"?`,
				`Properties.PolicyDocument.Statement[0].Action "s3:PutObjec" is not an action of s3, so it allows or denies nothing; did you mean "s3:PutObject"?`,
			}},
		{name: "PL013 Lambda permission", rule: "PL013", template: doc(`"P": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFuncton", "FunctionName": "f", "Principal": "codepipeline.amazonaws.com"}}`),
			want: []string{"P PL013"},
			msgs: []string{`Properties.Action "lambda:InvokeFuncton" is not an action of lambda, so it allows or denies nothing; did you mean "lambda:InvokeFunction"?`}},
		{name: "PL014 pass", rule: "PL014", template: identity(`{"Effect": "Allow", "Action": ["kms:Decrypt", "KMS:generatedatakey"], "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com", "KMS:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b", "aws:SourceAccount": "111111111111"}, "ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/a"}}}, ` +
			// Missing keys handled by the operator, a cross-service key,
			// an identity provider's key, and actions PL002 and PL013 own.
			`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:*", "s3:GetObjectz"], "Resource": "*", "Condition": {"StringEqualsIfExists": {"kms:ViaService": "x"}, "Null": {"ec2:Vpc": "true"}, "ForAllValues:StringEquals": {"kms:ResourceAliases": "alias/a"}, "stringequalsifexists": {"kms:CallerAccount": "1"}, "NULL": {"ec2:Region": "true"}, "forallvalues:StringLike": {"kms:ResourceAliases": "alias/*"}, "ArnEquals": {"lambda:SourceFunctionArn": "arn:aws:lambda:us-east-1:111111111111:function:f"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:*"}, "ArnLike": {"codebuild:BuildArn": "arn:aws:codebuild:us-east-1:111111111111:build/*"}}}, ` +
			// Keys written with a variable in other forms than ${Name}.
			`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:ExistingObjectTag/team": "a"}}}, ` +
			`{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringEquals": {"secretsmanager:ResourceTag/team": "a"}}}, ` +
			`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqualz": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}, ` +
			`{"Effect": "Allow", "Action": "ec2:CreateNetworkInterfacePermission", "Resource": "*", "Condition": {"StringEquals": {"ec2:AuthorizedService": "codebuild.amazonaws.com"}, "ArnEquals": {"ec2:Vpc": "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1"}}}`)},
		{name: "PL014 fail", rule: "PL014", template: identity(`{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*", "Condition": {"ArnEquals": {"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111111111111:log-group:g"}}}, ` +
			`{"Effect": "Deny", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*", "Condition": {"StringNotEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}, "ForAnyValue:StringNotEquals": {"s3:x-amz-acl": "private"}}}, ` +
			// Operators are read letter case aside.
			`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"stringnotequals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}, "FORANYVALUE:StringNotEquals": {"s3:x-amz-acl": "private"}}}`),
			want: []string{"Policy PL014", "Policy PL014", "Policy PL014", "Policy PL014", "Policy PL014"},
			msgs: []string{
				`Properties.PolicyDocument.Statement[0].Condition.ArnEquals "kms:EncryptionContext:aws:logs:arn" is a condition key that "kms:DescribeKey" does not support: AWS never puts it in that action's requests, so the condition never holds for it. Use a key the action supports, or give the action a statement of its own.`,
				`Properties.PolicyDocument.Statement[1].Condition.ForAnyValue:StringNotEquals "s3:x-amz-acl" is a condition key that "s3:GetObject" does not support: AWS never puts it in that action's requests, so the condition never holds for it. Use a key the action supports, or give the action a statement of its own.`,
				`Properties.PolicyDocument.Statement[1].Condition.StringNotEquals "kms:ViaService" is a condition key that "s3:GetObject" and "s3:PutObject" do not support: AWS never puts it in those actions' requests, so the condition always holds for them. Use keys the actions support, or give them a statement of their own.`,
				`Properties.PolicyDocument.Statement[2].Condition.FORANYVALUE:StringNotEquals "s3:x-amz-acl" is a condition key that "s3:GetObject" does not support: AWS never puts it in that action's requests, so the condition never holds for it. Use a key the action supports, or give the action a statement of its own.`,
				`Properties.PolicyDocument.Statement[2].Condition.stringnotequals "kms:ViaService" is a condition key that "s3:GetObject" does not support: AWS never puts it in that action's requests, so the condition always holds for it. Use a key the action supports, or give the action a statement of its own.`,
			}},
		{name: "PL002 pass", rule: "PL002", template: identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}`)},
		{name: "PL002 fail", rule: "PL002", template: identity(`{"Effect": "Allow", "Action": ["*", "s3:*", "s3:Get*", "kms:ReEncrypt*"], "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "Action": "s3:Delete?bject", "Resource": "arn:aws:s3:::b/*"}`),
			want: []string{"Policy PL002", "Policy PL002", "Policy PL002", "Policy PL002", "Policy PL002"}},
		{name: "PL002 Fn::Sub and Fn::Join", rule: "PL002", template: identity(`{"Effect": "Allow", "Action": [{"Fn::Sub": "s3:*"}, {"Fn::Join": ["", ["sns:", "*"]]}, {"Fn::Sub": ["${S}:Get*", {"S": "s3"}]}, {"Fn::Join": [":", ["kms", {"Fn::Sub": "ReEncrypt*"}]]}], "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Action": {"Fn::If": ["C", {"Fn::Sub": "*"}, "s3:GetObject"]}, "Resource": "arn:aws:s3:::b/*"}`),
			want: []string{"Policy PL002", "Policy PL002", "Policy PL002", "Policy PL002", "Policy PL002"}},
		{name: "PL002 Fn::Split", rule: "PL002", template: identity(`{"Effect": "Allow", "Action": {"Fn::Split": [",", "s3:GetObject,s3:*"]}, "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Action": {"Fn::Split": [",", {"Fn::Sub": "s3:GetObject,${AWS::Region}"}]}, "Resource": "arn:aws:s3:::b/*"}`),
			want: []string{"Policy PL002"}},
		{name: "PL002 Fn::Sub and Fn::Join of explicit actions", rule: "PL002", template: identity(`{"Effect": "Allow", "Action": [{"Fn::Sub": "s3:GetObject"}, {"Fn::Join": ["", ["s3:", "PutObject"]]}, {"Fn::Sub": "${Service}:*"}, {"Fn::Join": ["", [{"Ref": "Service"}, ":*"]]}], "Resource": "arn:aws:s3:::b/*"}`)},
		{name: "PL002 TLS deny exception", rule: "PL002", template: keyed(`"Bucket": {"Type": "AWS::S3::Bucket"}, "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": [` + tlsDeny + `]}}}`)},
		{name: "PL002 deny without the TLS condition", rule: "PL002", template: topicPolicy(`{"Effect": "Deny", "Principal": "*", "Action": "sns:*", "Resource": {"Ref": "Topic"}}`), want: []string{"TopicPolicy PL002"}},
		{name: "PL002 lambda permission", rule: "PL002", template: doc(`"Perm": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": "f", "Action": "lambda:*", "Principal": "events.amazonaws.com", "SourceAccount": "111111111111"}}`), want: []string{"Perm PL002"}},
		{name: "PL002 lambda permission through Fn::Sub", rule: "PL002", template: doc(`"Perm": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": "f", "Action": {"Fn::Sub": "lambda:*"}, "Principal": "events.amazonaws.com", "SourceAccount": "111111111111"}}`), want: []string{"Perm PL002"}},
		{name: "PL001 action through Fn::Join", rule: "PL001", template: identity(`{"Effect": "Allow", "Action": {"Fn::Join": ["", ["s3", "GetObject"]]}, "Resource": "arn:aws:s3:::b/*"}`), want: []string{"Policy PL001"}},
		{name: "PL003 pass", rule: "PL003", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`)},
		{name: "PL003 fail", rule: "PL003", template: identity(`{"Effect": "Allow", "NotAction": "iam:CreateUser", "NotResource": "arn:aws:s3:::b/*"}`), want: []string{"Policy PL003", "Policy PL003"}},
		{name: "PL004 pass", rule: "PL004", template: trust(`{"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com", "AWS": ["222222222222", "arn:aws:iam::222222222222:role/pipeline", {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}]}, "Action": "sts:AssumeRole"}`)},
		{name: "PL004 fail", rule: "PL004", template: trust(`{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}, {"Effect": "Allow", "Principal": {"AWS": ["*", "arn:aws:iam::222222222222:user/bob"], "Service": "codepipeline"}, "Action": "sts:AssumeRole"}`),
			want: []string{"Role PL004", "Role PL004", "Role PL004", "Role PL004"}},
		{name: "PL005 pass", rule: "PL005", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`)},
		{name: "PL005 fail", rule: "PL005", template: doc(`"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Users": ["bob"], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}}}`), want: []string{"Policy PL005"}},
		{name: "PL005 users and access keys", rule: "PL005", template: doc(`"User": {"Type": "AWS::IAM::User", "Properties": {"UserName": {"Fn::Sub": "u-${EnvironmentSuffix}"}}},
			"Key": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "User"}}},
			"Group": {"Type": "AWS::IAM::Group", "Properties": {"ManagedPolicyArns": [{"Ref": "Managed"}], "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}}]}},
			"Empty": {"Type": "AWS::IAM::Group", "Properties": {"Policies": []}},
			"Inline": {"Type": "AWS::IAM::UserPolicy", "Properties": {"UserName": {"Ref": "User"}, "PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}}},
			"Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Groups": [{"Ref": "Group"}], "Users": {"Ref": "AWS::NoValue"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}}}`),
			want: []string{"Group PL005", "Group PL005", "Inline PL005", "Key PL005", "Managed PL005", "User PL005"}},
		{name: "PL006 pass", rule: "PL006", template: identity(`{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ec2:DescribeVpcs", "EC2:describeSubnets"], "Resource": "*"}, {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}`)},
		{name: "PL006 fail", rule: "PL006", template: identity(`{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "sqs:SendMessage"], "Resource": ["*"]}`), want: []string{"Policy PL006"}},
		{name: "PL006 ARN of every resource", rule: "PL006", template: identity(`{"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "arn:aws:sqs:*:*:*"}, {"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "arn:aws:sqs:*:*:queue-*"}`), want: []string{"Policy PL006"}},
		{name: "PL006 through Fn::Sub", rule: "PL006", template: identity(`{"Effect": "Allow", "Action": {"Fn::Sub": "sqs:SendMessage"}, "Resource": {"Fn::Sub": "*"}}`), want: []string{"Policy PL006"}},
		{name: "PL103 pass", rule: "PL103", template: identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::artifacts/*"}, {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "sqs:SendMessage"], "Resource": "*"}`)},
		{name: "PL103 fail", rule: "PL103", template: identity(`{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "s3:GetObject", "S3:PutObject", "sqs:SendMessage"], "Resource": ["*"]}`), want: []string{"Policy PL103"},
			msgs: []string{`Properties.PolicyDocument.Statement[0] allows S3:PutObject, s3:GetObject on Resource "*"; these actions act on resources a policy can name: scope them to the ARNs involved.`}},
		{name: "PL103 through Fn::Split", rule: "PL103", template: identity(`{"Effect": "Allow", "Action": {"Fn::Split": [",", "s3:GetObject,s3:PutObject"]}, "Resource": "*"}`), want: []string{"Policy PL103"},
			msgs: []string{`Properties.PolicyDocument.Statement[0] allows s3:GetObject, s3:PutObject on Resource "*"; these actions act on resources a policy can name: scope them to the ARNs involved.`}},
		{name: "PL103 ARN of every resource", rule: "PL103", template: identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": {"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::*/*"]}, {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "arn:aws:*:*:*:*"}`),
			want: []string{"Policy PL103", "Policy PL103", "Policy PL103"},
			msgs: []string{
				`Properties.PolicyDocument.Statement[0] allows s3:GetObject, s3:PutObject on Resource "arn:aws:s3:::*", which names every resource of the s3 service; these actions act on resources a policy can name: scope them to the ARNs involved.`,
				`Properties.PolicyDocument.Statement[1] allows s3:GetObject on Resource "arn:aws:s3:::*/*", which names every resource of the s3 service; these actions act on resources a policy can name: scope them to the ARNs involved.`,
				`Properties.PolicyDocument.Statement[2] allows kms:Encrypt on Resource "arn:aws:*:*:*:*", which names every resource of every service; these actions act on resources a policy can name: scope them to the ARNs involved.`,
			}},
		{name: "PL103 ARN of a resource type or of another service", rule: "PL103", template: identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::artifacts-*/*", "arn:aws:kms:*:*:*"]}, {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "arn:aws:kms:us-east-1:111111111111:key/*", "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}`)},
		{name: "PL103 through Fn::Sub", rule: "PL103", template: identity(`{"Effect": "Allow", "Action": {"Fn::Sub": "s3:GetObject"}, "Resource": {"Fn::Sub": "*"}}`), want: []string{"Policy PL103"}},
		{name: "PL002 role policy resource", rule: "PL002", template: doc(`"Inline": {"Type": "AWS::IAM::RolePolicy", "Properties": {"RoleName": "r", "PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}]}}}`), want: []string{"Inline PL002"}},
		{name: "PL006 inline role policy", rule: "PL006", template: doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "Policies": [{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}}]}}`), want: []string{"Role PL006"}},
		{name: "PL007 pass", rule: "PL007", template: topicPolicy(`{"Effect": "Allow", "Principal": {"Service": "codestar-notifications.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "Topic"}}, {"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": {"Ref": "Topic"}, "Condition": {"StringEquals": {"aws:SourceAccount": "111111111111"}}}`)},
		{name: "PL007 fail", rule: "PL007", template: topicPolicy(`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": {"Ref": "Topic"}}`), want: []string{"TopicPolicy PL007"}},
		{name: "PL007 key policy", rule: "PL007", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]}}}`), want: []string{"Key PL007"}},
		{name: "PL008 pass", rule: "PL008", template: identity(`{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111111111111:key/abc"}`)},
		{name: "PL008 fail", rule: "PL008", template: identity(`{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:ReEncryptFrom"], "Resource": "*"}`), want: []string{"Policy PL008", "Policy PL008"}},
		{name: "PL008 ARN of every key", rule: "PL008", template: identity(`{"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "arn:aws:kms:*:*:*"}, {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "arn:aws:s3:::*"}`), want: []string{"Policy PL008"},
			msgs: []string{`Properties.PolicyDocument.Statement[0] allows kms:Decrypt on Resource "arn:aws:kms:*:*:*", that is with every KMS key; scope it to the key's ARN.`}},
		{name: "PL008 through Fn::Join and Fn::Sub", rule: "PL008", template: identity(`{"Effect": "Allow", "Action": [{"Fn::Join": [":", ["kms", "Decrypt"]]}, {"Fn::Sub": ["kms:${Op}", {"Op": "ReEncryptFrom"}]}], "Resource": "*"}`), want: []string{"Policy PL008", "Policy PL008"}},
		{name: "PL009 pass", rule: "PL009", template: managedPolicies(`"arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForECS", {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}, "arn:aws:iam::111111111111:policy/AdministratorAccess", {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/${Name}"}, {"Ref": "Policy"}`)},
		{name: "PL009 fail", rule: "PL009", template: managedPolicies(`"arn:aws:iam::aws:policy/AdministratorAccess", {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess"}, {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/IAMFullAccess"]]}, "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess", {"Fn::If": ["C", "arn:aws:iam::aws:policy/AdministratorAccess-Amplify", {"Ref": "AWS::NoValue"}]}`),
			want: []string{"Role PL009", "Role PL009", "Role PL009", "Role PL009", "Role PL009"}},
		{name: "PL100 pass", rule: "PL100", template: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:passedtoservice": "ecs-tasks.amazonaws.com"}}}, {"Effect": "Allow", "Action": ["iam:PassRole", "iam:GetRole"], "Resource": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/task"}}, {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}`)},
		{name: "PL100 conditions that name no service", rule: "PL100", template: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringLike": {"iam:PassedToService": "*"}}}, {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringNotEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}, {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role*", "Condition": {"StringLike": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}, {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role*"}`),
			want: []string{"Policy PL100", "Policy PL100", "Policy PL100"}},
		{name: "PL100 fail", rule: "PL100", template: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "iam:Pass*", "Resource": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*"}}, {"Effect": "Allow", "Action": [{"Fn::Sub": "IAM:passrole"}], "Resource": "arn:aws:iam::111111111111:*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111111111111"}}}, {"Effect": "Allow", "Action": "*", "Resource": "*"}`),
			want: []string{"Policy PL100", "Policy PL100", "Policy PL100", "Policy PL100"}},
		{name: "PL006 leaves iam:PassRole to PL100", rule: "PL006", template: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`)},
		{name: "PL006 iam:PassRole to a service", rule: "PL006", template: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringLike": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}`), want: []string{"Policy PL006"}},
		{name: "PL101 pass", rule: "PL101", template: trust(`{"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::222222222222:root"}}, "Action": "sts:AssumeRole", "Condition": {"ArnEquals": {"aws:PrincipalArn": {"Fn::Sub": "arn:${AWS::Partition}:iam::222222222222:role/pipeline"}}}}, {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222222222222:role/pipeline", {"Ref": "TrustedAccount"}], "Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Effect": "Deny", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole"}`)},
		{name: "PL101 conditions that limit nothing", rule: "PL101", template: trust(`{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {}}}, {"Effect": "Allow", "Principal": {"AWS": "333333333333"}, "Action": "sts:AssumeRole", "Condition": {"StringLike": {"aws:PrincipalArn": "*"}}}, {"Effect": "Allow", "Principal": {"AWS": "444444444444"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`),
			want: []string{"Role PL101", "Role PL101"},
			msgs: []string{
				`Properties.AssumeRolePolicyDocument.Statement[0].Principal.AWS trusts the whole of account 222222222222 with only a Condition that every principal meets, so any user or role there that the account's administrators allow sts:AssumeRole can assume this role; name the role that needs it, or add a Condition such as {"ArnEquals": {"aws:PrincipalArn": "arn:${AWS::Partition}:iam::222222222222:role/<name>"}}.`,
				`Properties.AssumeRolePolicyDocument.Statement[1].Principal.AWS trusts the whole of account 333333333333 with only a Condition that every principal meets, so any user or role there that the account's administrators allow sts:AssumeRole can assume this role; name the role that needs it, or add a Condition such as {"ArnEquals": {"aws:PrincipalArn": "arn:${AWS::Partition}:iam::333333333333:role/<name>"}}.`,
			}},
		{name: "PL101 fail", rule: "PL101", template: trust(`{"Effect": "Allow", "Principal": {"AWS": ["222222222222", "arn:aws:iam::333333333333:root"]}, "Action": "sts:AssumeRole"}, {"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::444444444444:root"}}, "Action": "sts:AssumeRole", "Condition": {}}`),
			want: []string{"Role PL101", "Role PL101", "Role PL101"}},
		{name: "PL102 pass", rule: "PL102", template: trust(`{"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}, "Action": "sts:AssumeRole", "Condition": {"ArnEquals": {"aws:PrincipalArn": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/deployer"}}}}, {"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/deployer"}}, "Action": "sts:AssumeRole"}`)},
		{name: "PL102 fail", rule: "PL102", template: trust(`{"Effect": "Allow", "Principal": {"AWS": [{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}, {"Ref": "AWS::AccountId"}]}, "Action": "sts:AssumeRole"}, {"Effect": "Allow", "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":root"]]}}, "Action": ["sts:AssumeRole", "sts:TagSession"]}`),
			want: []string{"Role PL102", "Role PL102"}},
		{name: "CFN034 pass", rule: "CFN034", template: identity(`{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "arn:aws:s3:::caf\u00e9-\u00ff/\t\r\n~\u007f*"}, "Condition": {"StringEquals": {"aws:PrincipalTag/équipe": ["Zoë", {"Fn::Join": ["\u00a0", ["a", "b"]]}]}}}`)},
		{name: "CFN034 fail", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/it\u2019s"}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 control character", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/\u0001"}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 in a key", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/\u56e2\u961f": "x"}}}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 in intrinsic functions", rule: "CFN034", template: doc(`"Role": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": {"Fn::Sub": ["${S}.amazonaws.com", {"S": "code\u2014build"}]}}, "Action": "sts:AssumeRole"}]},
			"Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Join": ["", ["arn:aws:s3:::b/", {"Fn::If": ["C", "\u20ac", "x"]}]]}}]}}]}}`),
			want: []string{"Role CFN034", "Role CFN034"}},
		{name: "CFN034 names are not text", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [{"Ref": "Caf\u00e9\u2019"}, {"Fn::FindInMap": ["M\u2019", "a", "b"]}, {"Fn::Split": ["\u2019", "a"]}]}`)},
		{name: "CFN034 string policy", rule: "CFN034", template: doc(`"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::\u2603\"}]}"}}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 escape inside a string policy", rule: "CFN034", template: doc(`"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::\\u2603\"}]}"}}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 raw UTF-8", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/it’s-café"}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 backspace escape", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/\b"}`), want: []string{"Policy CFN034"}},
		{name: "CFN034 Latin-1 escapes", rule: "CFN034", template: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/caf\u00e9\t\u007f"}`)},
		{name: "CFN034 key policy", rule: "CFN034", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Sid": "Use \u2713", "Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "kms:DescribeKey", "Resource": "*"}]}}}`), want: []string{"Key CFN034"}},
		{name: "CFN034 not for bucket and topic policies", rule: "CFN034", template: topicPolicy(`{"Sid": "\u2713", "Effect": "Allow", "Principal": {"Service": "codestar-notifications.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "Topic"}}`)},
	})
}

func TestPolicyCharacterMessage(t *testing.T) {
	fs := Template("t.json", []byte(identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["*", {"Fn::Sub": "arn:aws:s3:::b/it\u2019s \u201cx\u201d"}]}`)))
	var got []string
	for _, f := range fs {
		if f.Rule == "CFN034" {
			got = append(got, f.Message)
		}
	}
	want := "Properties.PolicyDocument.Statement[0].Resource[1].Fn::Sub holds \"’\" (U+2019), and 2 more such characters, which IAM refuses in a policy document: it takes tab, line feed, carriage return and U+0020 to U+00FF only. Use ASCII instead (typographic quotes and dashes have plain equivalents)."
	if len(got) != 1 || got[0] != want {
		t.Errorf("messages = %q, want %q", got, want)
	}
}

func TestGeneralRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "PL010 pass", rule: "PL010", template: doc(`"T": {"Type": "AWS::SNS::Topic", "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Snapshot"}`)},
		{name: "PL010 pass through functions", rule: "PL010", template: `{"Transform": "AWS::LanguageExtensions", "Parameters": {"Policy": {"Type": "String", "AllowedValues": ["Delete", "Snapshot"], "Default": "Delete"}}, "Conditions": {"C": {"Fn::Equals": ["a", "b"]}},
			"Resources": {"T": {"Type": "AWS::SNS::Topic", "DeletionPolicy": {"Ref": "Policy"}, "UpdateReplacePolicy": {"Fn::If": ["C", "Snapshot", "Delete"]}}}}`},
		{name: "PL010 fail through functions", rule: "PL010", template: `{"Transform": "AWS::LanguageExtensions", "Parameters": {"Keep": {"Type": "String", "AllowedValues": ["Delete", "Retain"], "Default": "Delete"}, "Free": {"Type": "String", "Default": "Delete"}, "Kept": {"Type": "String", "Default": "RetainExceptOnCreate"}}, "Conditions": {"C": {"Fn::Equals": ["a", "b"]}},
			"Resources": {"A": {"Type": "AWS::SNS::Topic", "DeletionPolicy": {"Ref": "Keep"}, "UpdateReplacePolicy": {"Fn::If": ["C", "Retain", "Delete"]}},
				"B": {"Type": "AWS::SNS::Topic", "DeletionPolicy": {"Fn::If": ["C", "Delete", {"Ref": "Free"}]}, "UpdateReplacePolicy": {"Ref": "Kept"}}}}`,
			want: []string{"A PL010", "A PL010", "B PL010", "B PL010"},
			msgs: []string{
				`DeletionPolicy is the parameter Keep, which allows "Retain", so the resource may outlive its stack; remove it or use "Delete".`,
				`UpdateReplacePolicy {"Fn::If":["C","Retain","Delete"]} can give "Retain", so the resource may outlive its stack; remove it or use "Delete".`,
				`DeletionPolicy is the parameter Free, which allows any value, "Retain" too, so the resource may outlive its stack; remove it or use "Delete".`,
				`UpdateReplacePolicy is the parameter Kept, which defaults to "RetainExceptOnCreate", so the resource may outlive its stack; remove it or use "Delete".`,
			}},
		{name: "PL010 fail", rule: "PL010", template: doc(`"T": {"Type": "AWS::SNS::Topic", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "RetainExceptOnCreate"}`), want: []string{"T PL010", "T PL010"}},
		{name: "PL011 pass", rule: "PL011", template: doc(`"App": {"Type": "AWS::CodeDeploy::Application", "Properties": {"ApplicationName": {"Fn::Join": ["-", ["app", {"Ref": "EnvironmentSuffix"}]]}}},
			"DG": {"Type": "AWS::CodeDeploy::DeploymentGroup", "Properties": {"ApplicationName": {"Ref": "App"}, "DeploymentGroupName": {"Fn::Sub": ["dg-${S}", {"S": {"Ref": "EnvironmentSuffix"}}]}, "ServiceRoleArn": "arn:aws:iam::111111111111:role/r"}},
			"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "sns-${EnvironmentSuffix}"}}}`)},
		{name: "PL011 fail", rule: "PL011", template: doc(`"App": {"Type": "AWS::CodeDeploy::Application", "Properties": {"ApplicationName": "app"}},
			"DG": {"Type": "AWS::CodeDeploy::DeploymentGroup", "Properties": {"ApplicationName": "app", "DeploymentGroupName": {"Fn::Sub": "dg-${AWS::Region}"}, "ServiceRoleArn": "arn:aws:iam::111111111111:role/r"}},
			"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Join": ["-", ["sns", "x"]]}}}`), want: []string{"App PL011", "DG PL011", "DG PL011", "T PL011"}},
		{name: "PL011 no suffix parameter", rule: "PL011", template: `{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "t"}}, "U": {"Type": "AWS::SNS::Topic"}}}`, want: []string{"Parameters.EnvironmentSuffix PL011"}},
		{name: "PL012 pass", rule: "PL012", template: keyed(`"Alias": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": {"Fn::Sub": "alias/k-${EnvironmentSuffix}"}, "TargetKeyId": {"Ref": "Key"}}},
			"T": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Ref": "Alias"}}},
			"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}},
			"F": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}}}`)},
		{name: "PL012 fail", rule: "PL012", template: keyed(`"T": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/aws/sns"}},
			"L": {"Type": "AWS::Logs::LogGroup"},
			"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}},
			"F": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}, "Environment": {"Variables": {"A": "b"}}}},
			"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"RoleArn": "arn:aws:iam::111111111111:role/r", "ArtifactStore": {"Type": "S3", "Location": "b"}, "Stages": []}}`),
			want: []string{"B PL012", "F PL012", "L PL012", "P PL012", "T PL012"}},
		{name: "PL012 no key in template", rule: "PL012", template: doc(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/abc"}}`), want: []string{"L PL012"}},
		{name: "PL012 silent without encryptable resources", rule: "PL012", template: doc(`"App": {"Type": "AWS::CodeDeploy::Application"}`)},
		{name: "PL020 pass", rule: "PL020", template: doc(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": "30"}}`)},
		{name: "PL020 pass through functions", rule: "PL020", template: withInputs(doc(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Fn::If": ["C", 30, {"Ref": "Days"}]}}}`), `"Days": {"Type": "Number", "Default": 30, "AllowedValues": ["30"]}`)},
		{name: "PL020 fail through functions", rule: "PL020", template: withInputs(doc(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Fn::If": ["C", {"Ref": "Days"}, {"Ref": "AWS::NoValue"}]}}}, "M": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Ref": "Any"}}}`), `"Days": {"Type": "Number", "Default": 30, "AllowedValues": [30, 365]}, "Any": {"Type": "Number", "Default": 30}`),
			want: []string{"L PL020", "L PL020", "M PL020"},
			msgs: []string{
				"Properties.RetentionInDays is 365 (parameter Days allows it); the platform requires exactly 30.",
				"Properties.RetentionInDays is an Fn::If that can give AWS::NoValue, and logs are then kept forever; set it to 30 in every case.",
				"Properties.RetentionInDays is the parameter Any, which allows any number of days; set it to 30, or give the parameter AllowedValues [30].",
			}},
		{name: "PL020 fail", rule: "PL020", template: doc(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 90}}, "M": {"Type": "AWS::Logs::LogGroup"}`), want: []string{"L PL020", "M PL020"}},
		{name: "PL020 fail null", rule: "PL020", template: doc(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": null}}`), want: []string{"L PL020"},
			msgs: []string{"Properties.RetentionInDays is null; the platform requires exactly 30."}},
	})
}

// project is a template with one CodeBuild project with the given extra
// Properties (and everything else compliant).
func project(extra string) string {
	return keyed(`"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 30, "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}},
	"Project": {"Type": "AWS::CodeBuild::Project", "Properties": {"ServiceRole": "arn:aws:iam::111111111111:role/r", "Artifacts": {"Type": "CODEPIPELINE"}, "EncryptionKey": {"Fn::GetAtt": ["Key", "Arn"]}` + extra + `}}`)
}

const (
	goodEnv  = `, "Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "i", "PrivilegedMode": true}`
	goodVPC  = `, "VpcConfig": {"VpcId": "vpc-0a1b2c3d", "Subnets": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]}`
	goodLogs = `, "LogsConfig": {"CloudWatchLogs": {"Status": "ENABLED", "GroupName": {"Ref": "Logs"}}}`
	goodSrc  = `, "Source": {"Type": "CODEPIPELINE"}`
)

// withInputs adds parameters (members of the Parameters object) and a
// condition C, which may be true or false on deploy, to a template made by
// doc.
func withInputs(template, params string) string {
	if params != "" {
		template = strings.Replace(template, `"Parameters": {`, `"Parameters": {`+params+`, `, 1)
	}
	return strings.Replace(template, `"Resources": {`, `"Conditions": {"C": {"Fn::Equals": [{"Ref": "EnvironmentSuffix"}, "prod"]}}, "Resources": {`, 1)
}

func TestCodeBuildRules(t *testing.T) {
	good := goodEnv + goodVPC + goodLogs + goodSrc
	runRuleCases(t, []ruleCase{
		{name: "compliant project", rule: "PL03", template: project(good)},
		{name: "PL030 fail", rule: "PL030", template: project(strings.Replace(good, "BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", 1)), want: []string{"Project PL030"}},
		{name: "PL030 pass through functions", rule: "PL030", template: withInputs(project(strings.Replace(good, `"BUILD_GENERAL1_SMALL"`, `{"Fn::If": ["C", "BUILD_GENERAL1_SMALL", {"Ref": "Compute"}]}`, 1)), `"Compute": {"Type": "String", "Default": "BUILD_GENERAL1_SMALL", "AllowedValues": ["BUILD_GENERAL1_SMALL"]}`)},
		{name: "PL030 fail through functions", rule: "PL030", template: withInputs(project(strings.Replace(good, `"BUILD_GENERAL1_SMALL"`, `{"Fn::If": ["C", {"Ref": "Size"}, {"Fn::If": ["C", {"Ref": "Compute"}, {"Ref": "Free"}]}]}`, 1)),
			`"Compute": {"Type": "String", "Default": "BUILD_GENERAL1_LARGE"}, "Size": {"Type": "String", "Default": "BUILD_GENERAL1_SMALL", "AllowedValues": ["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM"]}, "Free": {"Type": "String", "Default": "BUILD_GENERAL1_SMALL"}`),
			want: []string{"Project PL030", "Project PL030", "Project PL030"},
			msgs: []string{
				`Properties.Environment.ComputeType is the parameter Free, which allows any compute type; use "BUILD_GENERAL1_SMALL", or give the parameter AllowedValues ["BUILD_GENERAL1_SMALL"].`,
				`Properties.Environment.ComputeType: "BUILD_GENERAL1_LARGE" (parameter Compute defaults to it) is not allowed; use "BUILD_GENERAL1_SMALL".`,
				`Properties.Environment.ComputeType: "BUILD_GENERAL1_MEDIUM" (parameter Size allows it) is not allowed; use "BUILD_GENERAL1_SMALL".`,
			}},
		{name: "PL031 no vpc", rule: "PL031", template: project(goodEnv + goodLogs + goodSrc), want: []string{"Project PL031"}},
		{name: "PL031 vpc in every case", rule: "PL031", template: withInputs(project(goodEnv+goodLogs+goodSrc+`, "VpcConfig": {"Fn::If": ["C", `+goodVPC[len(`, "VpcConfig": `):]+`, `+goodVPC[len(`, "VpcConfig": `):]+`]}`), "")},
		{name: "PL031 vpc in one case", rule: "PL031", template: withInputs(project(goodEnv+goodLogs+goodSrc+`, "VpcConfig": {"Fn::If": ["C", `+goodVPC[len(`, "VpcConfig": `):]+`, {"Ref": "AWS::NoValue"}]}`), ""), want: []string{"Project PL031"}},
		{name: "PL031 partial vpc", rule: "PL031", template: project(goodEnv + goodLogs + goodSrc + `, "VpcConfig": {"VpcId": "vpc-0a1b2c3d", "Subnets": []}`), want: []string{"Project PL031", "Project PL031"}},
		{name: "PL032 no logs", rule: "PL032", template: project(goodEnv + goodVPC + goodSrc), want: []string{"Project PL032"}},
		{name: "PL032 disabled", rule: "PL032", template: project(goodEnv + goodVPC + goodSrc + `, "LogsConfig": {"CloudWatchLogs": {"Status": "DISABLED"}}`), want: []string{"Project PL032", "Project PL032"}},
		{name: "PL032 not a log group", rule: "PL032", template: project(goodEnv + goodVPC + goodSrc + `, "LogsConfig": {"CloudWatchLogs": {"Status": "ENABLED", "GroupName": {"Ref": "Key"}}}`), want: []string{"Project PL032"}},
		{name: "PL033 pass", rule: "PL033", template: project(goodVPC + goodLogs + goodSrc + `, "Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "i", "EnvironmentVariables": [{"Name": "DB_PASSWORD", "Type": "SECRETS_MANAGER", "Value": "db:password"}, {"Name": "STAGE", "Value": "dev"}]}`)},
		{name: "PL033 fail", rule: "PL033", template: project(goodVPC + goodLogs + goodSrc + `, "Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "i", "EnvironmentVariables": [{"Name": "AWS_SECRET_ACCESS_KEY", "Value": "x"}, {"Name": "github_token", "Type": "PLAINTEXT", "Value": "y"}]}`), want: []string{"Project PL033", "Project PL033"}},
		{name: "PL034 pass", rule: "PL034", template: project(goodEnv + goodVPC + goodLogs + `, "Source": {"Type": "GITHUB", "Location": "https://github.com/org/repo.git"}`)},
		{name: "PL034 fail", rule: "PL034", template: project(goodEnv + goodVPC + goodLogs + `, "Source": {"Type": "BITBUCKET", "Location": "https://user:secret@bitbucket.org/org/repo.git"}, "SecondarySources": [{"Type": "GITHUB", "SourceIdentifier": "s", "Location": {"Fn::Sub": "https://${AWS::AccountId}@github.com/org/repo"}}]`), want: []string{"Project PL034", "Project PL034"}},
		{name: "PL035 fail", rule: "PL035", template: keyed(`"Project": {"Type": "AWS::CodeBuild::Project", "Properties": {"ServiceRole": "r", "Artifacts": {"Type": "S3", "Location": "b", "EncryptionDisabled": true}, "Source": {"Type": "NO_SOURCE"}, "Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "i"}, "LogsConfig": {"S3Logs": {"Status": "ENABLED", "Location": "b/logs", "EncryptionDisabled": "true"}}}}`), want: []string{"Project PL035", "Project PL035"}},
	})
}

// s3Bucket is a compliant bucket and bucket policy with extra replacing
// nothing: tests remove parts with strings.Replace.
const s3Bucket = `"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {
	"VersioningConfiguration": {"Status": "Enabled"},
	"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["Key", "Arn"]}}}]},
	"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
	"LifecycleConfiguration": {"Rules": [{"Status": "Enabled", "ExpirationInDays": 90, "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]},
	"LoggingConfiguration": {"DestinationBucketName": "logs"},
	"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}},
	"BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": [` + tlsDeny + `]}}}`

func s3Case(name, rule, old, new string, want ...string) ruleCase {
	return ruleCase{name: name, rule: rule, template: keyed(strings.Replace(s3Bucket, old, new, 1)), want: want}
}

func TestS3Rules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		s3Case("compliant bucket", "PL04", "", ""),
		s3Case("PL040 suspended", "PL040", `"Status": "Enabled"}`, `"Status": "Suspended"}`, "Bucket PL040"),
		s3Case("PL041 partial", "PL041", `"RestrictPublicBuckets": true`, `"RestrictPublicBuckets": false`, "Bucket PL041"),
		s3Case("PL041 missing", "PL041", `"PublicAccessBlockConfiguration"`, `"PublicAccessBlockConfig"`, "Bucket PL041"),
		s3Case("PL042 no TLS statement", "PL042", `"aws:SecureTransport": "false"`, `"aws:SecureTransport": "true"`, "Bucket PL042"),
		s3Case("PL042 no policy", "PL042", `"Bucket": {"Ref": "Bucket"}`, `"Bucket": "other"`, "Bucket PL042"),
		s3Case("PL043 no noncurrent expiration", "PL043", `, "NoncurrentVersionExpiration": {"NoncurrentDays": 30}`, ``, "Bucket PL043"),
		s3Case("PL043 disabled rule", "PL043", `"Status": "Enabled", "Expiration`, `"Status": "Disabled", "Expiration`, "Bucket PL043"),
		s3Case("PL044 no logging", "PL044", `"LoggingConfiguration": {"DestinationBucketName": "logs"},`, ``, "Bucket PL044"),
		s3Case("PL045 ACLs", "PL045", `"BucketOwnerEnforced"`, `"ObjectWriter"`, "Bucket PL045"),
		s3Case("PL012 bucket without KMS key id", "PL012", `, "KMSMasterKeyID": {"Fn::GetAtt": ["Key", "Arn"]}`, ``, "Bucket PL012"),
	})
}

func TestKMSRules(t *testing.T) {
	policy := `"KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "kms:DescribeKey", "Resource": "*"}]}`
	runRuleCases(t, []ruleCase{
		{name: "PL050 pass", rule: "PL050", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": "true", ` + policy + `}}, "Signing": {"Type": "AWS::KMS::Key", "Properties": {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY", ` + policy + `}}`)},
		{name: "PL050 fail", rule: "PL050", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false, ` + policy + `}}`), want: []string{"Key PL050"}},
		{name: "PL051 fail", rule: "PL051", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}}`), want: []string{"Key PL051"}},
		{name: "PL052 pass", rule: "PL052", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY", ` + policy + `}}`)},
		{name: "PL052 fail", rule: "PL052", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeySpec": "RSA_2048", ` + policy + `}}`), want: []string{"Key PL052"}},
		{name: "PL053 pass", rule: "PL053", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": ["kms:CreateGrant"], "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}}]}}}`)},
		{name: "PL053 through Fn::Sub", rule: "PL053", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": [{"Fn::Sub": "kms:CreateGrant"}], "Resource": "*"}]}}}`), want: []string{"Key PL053"}},
		{name: "PL053 fail", rule: "PL053", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": ["kms:CreateGrant"], "Resource": "*"}]}}}`), want: []string{"Key PL053"}},
		{name: "statements from a macro", rule: "PL001", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": {"Fn::Transform": {"Name": "MergeStatements", "Parameters": {"Files": "kms-admin.json"}}}}}}`)},
		{name: "pending window bounds come from the schema", rule: "CFN015", template: doc(`"Key": {"Type": "AWS::KMS::Key", "Properties": {"PendingWindowInDays": 31, ` + policy + `}}`), want: []string{"Key CFN015"}},
	})
}

// pipeline is a template with a pipeline whose stages are stages, plus
// extra resources.
func pipeline(stages, extra string) string {
	return doc(`"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"RoleArn": "arn:aws:iam::111111111111:role/r", "ArtifactStore": {"Type": "S3", "Location": "b"}, "Stages": [` + stages + `]}}` + extra)
}

func stage(name string, actions ...string) string {
	return `{"Name": "` + name + `", "Actions": [` + strings.Join(actions, ", ") + `]}`
}

func act(name, category, provider string, runOrder int, config string) string {
	return `{"Name": "` + name + `", "ActionTypeId": {"Category": "` + category + `", "Owner": "AWS", "Provider": "` + provider + `", "Version": "1"}, "RunOrder": ` + string(rune('0'+runOrder)) + `, "Configuration": {` + config + `}}`
}

const rule = `, "Trigger": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"source": ["aws.codecommit"]}, "Targets": [{"Id": "p", "Arn": {"Fn::Sub": "arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${P}"}}]}}`

func TestPipelineRules(t *testing.T) {
	source := stage("Source", act("S", "Source", "CodeCommit", 1, `"RepositoryName": "r", "BranchName": "main", "PollForSourceChanges": "false"`))
	polling := stage("Source", act("S", "Source", "CodeCommit", 1, `"RepositoryName": "r", "BranchName": "main"`))
	buildStage := stage("Build", act("B", "Build", "CodeBuild", 1, `"ProjectName": "p"`))
	deploy := func(name string) string { return stage(name, act("D", "Deploy", "CodeDeployToECS", 1, "")) }
	approve := stage("Approve", act("A", "Approval", "Manual", 1, ""))
	approvedDeploy := func(name string, approvalOrder int) string {
		return stage(name, act("A", "Approval", "Manual", approvalOrder, ""), act("D", "Deploy", "CodeDeployToECS", 2, ""))
	}
	runRuleCases(t, []ruleCase{
		{name: "PL060 pass", rule: "PL060", template: pipeline(source+", "+buildStage, rule)},
		{name: "PL060 fail", rule: "PL060", template: pipeline(polling+", "+buildStage, rule), want: []string{"P PL060"}},
		{name: "PL060 pass through functions", rule: "PL060", template: withInputs(pipeline(strings.Replace(source, `"false"`, `{"Fn::If": ["C", false, {"Ref": "Poll"}]}`, 1)+", "+buildStage, rule), `"Poll": {"Type": "String", "Default": "false", "AllowedValues": ["false"]}`)},
		{name: "PL060 fail through functions", rule: "PL060", template: withInputs(pipeline(strings.Replace(source, `"false"`, `{"Fn::If": ["C", "true", {"Ref": "Poll"}]}`, 1)+", "+buildStage, rule), `"Poll": {"Type": "String", "Default": "false", "AllowedValues": ["false", "true"]}`),
			want: []string{"P PL060", "P PL060"},
			msgs: []string{
				`Properties.Stages[0].Actions[0].Configuration.PollForSourceChanges can be "true" (parameter Poll allows it); set it to false and let an EventBridge rule start the pipeline.`,
				`Properties.Stages[0].Actions[0].Configuration.PollForSourceChanges can be "true"; set it to false and let an EventBridge rule start the pipeline.`,
			}},
		{name: "PL061 pass", rule: "PL061", template: pipeline(source+", "+buildStage, rule)},
		{name: "PL061 fail", rule: "PL061", template: pipeline(source+", "+buildStage, ""), want: []string{"P PL061"}},
		{name: "PL061 enabled rule", rule: "PL061", template: pipeline(source+", "+buildStage, strings.Replace(rule, `"Properties": {`, `"Properties": {"State": "ENABLED", `, 1))},
		{name: "PL061 disabled rule", rule: "PL061", template: pipeline(source+", "+buildStage, strings.Replace(rule, `"Properties": {`, `"Properties": {"State": "DISABLED", `, 1)),
			want: []string{"Trigger PL061"},
			msgs: []string{`Properties.State is "DISABLED", so the rule starts the pipeline P on no commit, and its CodeCommit source does not poll; set State to "ENABLED".`}},
		{name: "PL062 approval stage before", rule: "PL062", template: pipeline(strings.Join([]string{source, buildStage, deploy("Staging"), approve, deploy("Production")}, ", "), rule)},
		{name: "PL062 approval earlier in stage", rule: "PL062", template: pipeline(strings.Join([]string{source, buildStage, deploy("Staging"), approvedDeploy("Production", 1)}, ", "), rule)},
		{name: "PL062 no approval", rule: "PL062", template: pipeline(strings.Join([]string{source, buildStage, deploy("Staging"), deploy("Production")}, ", "), rule), want: []string{"P PL062"}},
		{name: "PL062 approval in the same run order", rule: "PL062", template: pipeline(strings.Join([]string{source, buildStage, approvedDeploy("Production", 2)}, ", "), rule), want: []string{"P PL062"}},
		{name: "PL062 metadata stages", rule: "PL062", template: strings.Replace(pipeline(strings.Join([]string{source, buildStage, deploy("Staging"), approve, deploy("Production")}, ", "), rule), `{"Parameters"`, `{"Metadata": {"Pipelines": {"ApprovalStages": ["Staging", "Production", "Canary"]}}, "Parameters"`, 1), want: []string{"P PL062", "P PL062"}},
	})
}

func TestCodeDeployRules(t *testing.T) {
	group := func(props string) string {
		return doc(`"App": {"Type": "AWS::CodeDeploy::Application", "Properties": {"ComputePlatform": "ECS"}}, "DG": {"Type": "AWS::CodeDeploy::DeploymentGroup", "Properties": {"ApplicationName": {"Ref": "App"}, "ServiceRoleArn": "arn:aws:iam::111111111111:role/r"` + props + `}}`)
	}
	style := `, "DeploymentStyle": {"DeploymentType": "BLUE_GREEN", "DeploymentOption": "WITH_TRAFFIC_CONTROL"}`
	rollback := `, "AutoRollbackConfiguration": {"Enabled": true, "Events": ["DEPLOYMENT_FAILURE"]}`
	runRuleCases(t, []ruleCase{
		{name: "PL070 pass", rule: "PL070", template: group(style + rollback)},
		{name: "PL070 fail", rule: "PL070", template: group(`, "DeploymentStyle": {"DeploymentType": "IN_PLACE"}` + rollback), want: []string{"DG PL070", "DG PL070"}},
		{name: "PL071 pass", rule: "PL071", template: group(style + rollback)},
		{name: "PL071 disabled", rule: "PL071", template: group(style), want: []string{"DG PL071"}},
		{name: "PL071 wrong events", rule: "PL071", template: group(style + `, "AutoRollbackConfiguration": {"Enabled": "true", "Events": ["DEPLOYMENT_STOP_ON_ALARM"]}`), want: []string{"DG PL071"}},
	})
}

func TestSecurityGroupRules(t *testing.T) {
	sg := func(rules string) string {
		return doc(`"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": "vpc-0a1b2c3d"` + rules + `}}`)
	}
	egress443 := `, "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.20.0.0/16"}, {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "DestinationPrefixListId": "pl-63a5400a"}]`
	runRuleCases(t, []ruleCase{
		{name: "PL080 pass", rule: "PL080", template: sg(egress443 + `, "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.20.0.0/16"}]`)},
		{name: "PL080 fail", rule: "PL080", template: sg(egress443+`, "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]`) + ``, want: []string{"SG PL080"}},
		{name: "PL080 stand-alone rule", rule: "PL080", template: doc(`"In": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0"}}`), want: []string{"In PL080"}},
		{name: "PL081 pass", rule: "PL081", template: sg(egress443)},
		{name: "PL081 pass with stand-alone egress", rule: "PL081", template: doc(`"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": "vpc-0a1b2c3d"}}, "Out": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": {"Fn::GetAtt": ["SG", "GroupId"]}, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.20.0.0/16"}}`)},
		{name: "PL081 no egress", rule: "PL081", template: sg(""), want: []string{"SG PL081"}},
		{name: "PL081 open egress", rule: "PL081", template: sg(`, "SecurityGroupEgress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}, {"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "CidrIpv6": "::/0"}]`), want: []string{"SG PL081", "SG PL081"}},
		{name: "PL081 HTTPS to the internet", rule: "PL081", template: doc(`"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": "vpc-0a1b2c3d", "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.20.0.0/16"}, {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0"}]}}, "Out": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {"GroupId": {"Fn::GetAtt": ["SG", "GroupId"]}, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}}`),
			want: []string{"Out PL081", "SG PL081"},
			msgs: []string{
				"Properties allows traffic to 0.0.0.0/0, the whole internet; builds and validation functions reach AWS only through the VPC endpoints, so allow only destinations in the VPC: its CIDR range, a prefix list (S3's, for the gateway endpoint) or a security group.",
				"Properties.SecurityGroupEgress[1] allows traffic to ::/0, the whole internet; builds and validation functions reach AWS only through the VPC endpoints, so allow only destinations in the VPC: its CIDR range, a prefix list (S3's, for the gateway endpoint) or a security group.",
			}},
	})
}

func TestLambdaRules(t *testing.T) {
	fn := func(runtime string) string {
		return doc(`"F": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}, "Handler": "index.handler", "Runtime": "` + runtime + `"}}`)
	}
	perm := func(props string) string {
		return doc(`"Perm": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": "f", "Action": "lambda:InvokeFunction"` + props + `}}`)
	}
	runRuleCases(t, []ruleCase{
		{name: "PL090 pass", rule: "PL090", template: fn("python3.13")},
		{name: "PL090 fail", rule: "PL090", template: fn("python3.8"), want: []string{"F PL090"}},
		{name: "PL091 pass", rule: "PL091", template: perm(`, "Principal": "codepipeline.amazonaws.com", "SourceArn": "arn:aws:codepipeline:us-east-1:111111111111:p"`)},
		{name: "PL091 public", rule: "PL091", template: perm(`, "Principal": "*"`), want: []string{"Perm PL091"}},
		{name: "PL091 service without source", rule: "PL091", template: perm(`, "Principal": "events.amazonaws.com"`), want: []string{"Perm PL091"}},
		{name: "PL092 pass", rule: "PL092", template: inVPC(`["subnet-0a1b2c3d", "subnet-1a2b3c4d"]`, "")},
		{name: "PL092 one subnet", rule: "PL092", template: inVPC(`["subnet-0a1b2c3d"]`, ""), want: []string{"F PL092"},
			msgs: []string{"Properties.VpcConfig.SubnetIds lists 1 subnet; a function in a VPC needs subnets in at least two Availability Zones to keep running when one fails. List a private subnet of each of two or more Availability Zones."}},
		{name: "PL092 parameter with two", rule: "PL092", template: inVPC(`{"Ref": "Subnets"}`, "subnet-0a1b2c3d,subnet-1a2b3c4d")},
		{name: "PL092 parameter with one", rule: "PL092", template: inVPC(`{"Ref": "Subnets"}`, "subnet-0a1b2c3d"), want: []string{"F PL092"},
			msgs: []string{"Properties.VpcConfig.SubnetIds is the parameter Subnets, whose default lists 1 subnet; a function in a VPC needs subnets in at least two Availability Zones to keep running when one fails. List a private subnet of each of two or more Availability Zones."}},
		{name: "PL092 parameter given at deployment", rule: "PL092", template: inVPC(`{"Ref": "Subnets"}`, "")},
		{name: "PL092 no subnet: not in a VPC", rule: "PL092", template: inVPC(`[]`, "")},
		{name: "PL092 parameter with two, spaced", rule: "PL092", template: inVPC(`{"Ref": "Subnets"}`, "subnet-0a1b2c3d, subnet-1a2b3c4d")},
	})
}

// inVPC is a template with a function in a VPC, in subnets, and a
// parameter Subnets whose default is subnetsDefault.
func inVPC(subnets, subnetsDefault string) string {
	def := ""
	if subnetsDefault != "" {
		def = `, "Default": "` + subnetsDefault + `"`
	}
	return `{"Parameters": {"EnvironmentSuffix": {"Type": "String", "Default": "dev"}, "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"` + def + `}},
		"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "arn:aws:iam::111111111111:role/r", "Code": {"ZipFile": "x"}, "Handler": "index.handler", "Runtime": "python3.13",
			"VpcConfig": {"SubnetIds": ` + subnets + `, "SecurityGroupIds": ["sg-0a1b2c3d"]}}}}}`
}

func TestPolicyCharacters(t *testing.T) {
	reference := func(s string) (first rune, n int) {
		for _, r := range s {
			if r != '\t' && r != '\n' && r != '\r' && (r < 0x20 || r > 0xFF) {
				if n == 0 {
					first = r
				}
				n++
			}
		}
		return first, n
	}
	pieces := []string{"a", "arn:aws:s3:::", "\t", "\n", "\r", "\x01", "\x1f", " ", "~", "\x7f", "é", "ÿ", "’", "☃", "\xff", "\xe2\x80", "🙂"}
	for i := range 5000 {
		var b strings.Builder
		for j := range i % 23 {
			b.WriteString(pieces[(i*7+j*13+j*j)%len(pieces)])
		}
		s := b.String()
		f1, n1 := policyCharacters(s)
		f2, n2 := reference(s)
		if f1 != f2 || n1 != n2 {
			t.Fatalf("policyCharacters(%q) = %U, %d; want %U, %d", s, f1, n1, f2, n2)
		}
	}
}

func TestMatchesAction(t *testing.T) {
	reference := func(pattern, action string) bool {
		re := strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace("(?i)^" + regexp.QuoteMeta(pattern) + "$")
		return regexp.MustCompile(re).MatchString(action)
	}
	patterns := []string{"*", "iam:*", "iam:PassRole", "IAM:PASSROLE", "iam:Pass*", "iam:*Role", "iam:P?ssRole", "iam:*s*R*e", "iam:PassRole*", "*:*", "iam:PassRol", "iam:??ss*", "s3:*", "**", "iam:*a*a*"}
	actions := []string{"iam:PassRole", "iam:passrole", "iam:PassRoles", "iam:GetRole", "s3:GetObject", "", "iam:"}
	for _, p := range patterns {
		for _, a := range actions {
			if got, want := matchesAction(p, a), reference(p, a); got != want {
				t.Errorf("matchesAction(%q, %q) = %v, want %v", p, a, got, want)
			}
		}
	}
}

// TestActionsInMessages: a message names each action once, cut to a
// readable length.
func TestActionsInMessages(t *testing.T) {
	long := "s3:" + strings.Repeat("G", 500)
	tmpl := identity(`{"Effect": "Allow", "Action": {"Fn::If": ["C", "s3:*", {"Fn::If": ["D", "s3:*", "s3:*"]}]}, "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Action": ["` + long + `", "` + long + `", "s3:GetObjectTagging"], "Resource": "*"}`)
	var got []string
	for _, f := range Template("t.json", []byte(tmpl)) {
		if f.Rule == "PL002" || f.Rule == "PL006" {
			got = append(got, f.Rule+": "+f.Message)
		}
	}
	want := []string{
		`PL002: Properties.PolicyDocument.Statement[0].Action "s3:*" is a wildcard; list the actions the role needs explicitly.`,
		`PL006: Properties.PolicyDocument.Statement[1] allows ` + long[:100] + `…, s3:GetObjectTagging on Resource "*"; scope them to the ARNs involved (only actions without resource-level permissions may use "*").`,
	}
	if !slices.Equal(want, got) {
		t.Errorf("messages:\n%q\nwant\n%q", got, want)
	}
}

// TestMayEndInWildcard holds the filter of everyResource to what it spares:
// for every value it turns away, expanding the value finds no ARN of every
// resource.
func TestMayEndInWildcard(t *testing.T) {
	values := []string{
		`"*"`, `"arn:aws:s3:::*"`, `"arn:aws:s3:::bucket/*"`, `"arn:aws:s3:::bucket"`,
		`"arn:aws:logs:*:*:*"`, `"arn:aws:kms:us-east-1:111111111111:key/*"`, `"arn:*"`,
		`{"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}`,
		`{"Fn::Sub": "arn:${AWS::Partition}:s3:::*/${AWS::AccountId}"}`,
		`{"Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:*"}`,
		`{"Fn::Sub": "arn:${AWS::Partition}:s3:::b-${EnvironmentSuffix}/*"}`,
		`{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/r-${EnvironmentSuffix}"}`,
		`{"Fn::Sub": ["arn:aws:s3:::${B}", {"B": "*"}]}`,
		`{"Fn::Join": ["", ["arn:aws:s3:::", "*"]]}`,
		`{"Fn::If": ["C", "arn:aws:s3:::x", "arn:aws:s3:::*"]}`,
		`["arn:aws:s3:::x", {"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}]`,
		`["arn:aws:s3:::x", "arn:aws:s3:::y"]`,
	}
	for _, text := range values {
		v, err := decodeJSON(text)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		resources, _ := literalsWith(v, arnPseudo)
		every := slices.ContainsFunc(resources, func(r string) bool { return r == "*" || arnService(r) != "" })
		if every && !mayEndInWildcard(v) {
			t.Errorf("mayEndInWildcard(%s) = false, but it names every resource", text)
		}
	}
}

// TestActionCatalogue holds the embedded catalogue to its form: a line
// per service, prefixes sorted and unique, each with sorted actions.
func TestActionCatalogue(t *testing.T) {
	c := iamActions()
	if len(c.prefixes) < 400 {
		t.Fatalf("the catalogue has %d services", len(c.prefixes))
	}
	for i, p := range c.prefixes {
		if i > 0 && c.prefixes[i-1] >= p {
			t.Errorf("prefix %q follows %q", p, c.prefixes[i-1])
		}
		names, _ := c.services[p].split()
		if len(names) == 0 || !slices.IsSorted(names) {
			t.Errorf("%s: %d actions, sorted: %t", p, len(names), slices.IsSorted(names))
		}
	}
	for _, a := range []string{"s3:GetObject", "codebuild:BatchPutTestCases", "ecs:TagResource", "lambda:ListFunctions", "codestar-notifications:CreateNotificationRule", "iam:PassRole"} {
		if !c.knows(a) {
			t.Errorf("the catalogue does not know %s", a)
		}
	}
}

// TestOperatorSuggestionsConcurrently checks templates with misspelled
// condition operators on many workers at once, as a build does: each
// template gets its suggestion, and none shares what it looked up with
// another.
func TestOperatorSuggestionsConcurrently(t *testing.T) {
	const n = 64
	files := map[string][]byte{}
	var names []string
	for i := range n {
		name := fmt.Sprintf("t%02d.json", i)
		names = append(names, name)
		op := fmt.Sprintf("ArnEqual%d", i)
		if i%2 == 1 {
			op = fmt.Sprintf("StringLik%d", i)
		}
		files[name] = []byte(trust(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole", "Condition": {"` + op + `": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/r"}}}`))
	}
	findings, err := Templates(names, func(name string) ([]byte, error) { return files[name], nil })
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, f := range findings {
		if f.Rule == "PL001" && strings.Contains(f.Message, "did you mean") {
			got++
		}
	}
	if got != n {
		t.Errorf("%d of %d templates got a suggestion for their condition operator", got, n)
	}
}
