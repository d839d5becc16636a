package config_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pipelines/model"
)

var printGot = flag.Bool("print", false, "print the diagnostics TestValidate got")

// TestValidate checks each validation rule's message and the range it
// blames, for a service added to the valid base.
func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		service string
		want    []string // "line:col-endcol: summary: detail"
	}{
		{
			name: "compute type",
			service: `service "orders" {
  build {
    compute_type = "BUILD_GENERAL1_LARGE"
  }
}`,
			want: []string{
				`24:20-42: Policy violation in "compute_type": Compute type "BUILD_GENERAL1_LARGE" is not allowed; builds use "BUILD_GENERAL1_SMALL".`,
			},
		},
		{
			name:    "build timeout within CloudFormation's limit",
			service: "service \"orders\" {\n  build {\n    timeout_minutes = 480\n  }\n}",
		},
		{
			name:    "build timeout over CloudFormation's limit",
			service: "service \"orders\" {\n  build {\n    timeout_minutes = 481\n  }\n}",
			want: []string{
				`24:23-26: Invalid value for "timeout_minutes": 481 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			name:    "buildspec path too long",
			service: "service \"orders\" {\n  build {\n    buildspec = \"" + strings.Repeat("b", 256) + "\"\n  }\n}",
			want: []string{
				`24:17-275: Invalid value for "buildspec": The buildspec path is 256 characters; at most 255 are allowed.`,
			},
		},
		{
			name:    "alarm names the pipeline cannot watch",
			service: "service \"orders\" {\n  stage \"staging\" {\n    rollback_alarms = [\"5xx-*\", \"遅延\"]\n  }\n}",
			want: []string{
				`24:24-31: Invalid value for "rollback_alarms": "5xx-*" is not an alarm name the pipeline can watch: IAM reads '*' in an ARN as a wildcard. Give an alarm whose name is 1 to 255 characters of printable ASCII and Latin-1 (U+0020 to U+007E, U+00A0 to U+00FF), without '*', '?' or '$' and with no space at either end, such as "orders-prod-5xx".`,
				`24:33-37: Invalid value for "rollback_alarms": "遅延" is not an alarm name the pipeline can watch: it holds '遅' (U+9045), which IAM refuses in a policy. Give an alarm whose name is 1 to 255 characters of printable ASCII and Latin-1 (U+0020 to U+007E, U+00A0 to U+00FF), without '*', '?' or '$' and with no space at either end, such as "orders-prod-5xx".`,
			},
		},
		{
			// The example is what the stage takes without the list.
			name:    "one target group",
			service: "service \"orders\" {\n  stage \"staging\" {\n    target_groups = [\"blue\"]\n  }\n}",
			want: []string{
				`24:21-29: Invalid value for "target_groups": 1 target group is given; a blue/green deployment needs exactly 2, such as ["orders-staging-blue", "orders-staging-green"].`,
			},
		},
		{
			// Names written in the file get no advice to write them.
			name:    "target group names written",
			service: "service \"orders\" {\n  stage \"staging\" {\n    target_groups = [\"a_b\", \"" + strings.Repeat("b", 33) + "\"]\n  }\n}",
			want: []string{
				`24:22-27: Invalid value for "target_groups": "a_b" is not a target group name (1 to 32 letters, digits and '-', not starting or ending with '-'): it holds '_'.`,
				`24:29-64: Invalid value for "target_groups": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" is 33 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'.`,
			},
		},
		{
			name:    "target group ARN",
			service: "service \"orders\" {\n  stage \"staging\" {\n    target_groups = [\"arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/orders-blue/0123456789abcdef\", \"orders-green\"]\n  }\n}",
			want: []string{
				`24:22-116: Invalid value for "target_groups": "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/orders-blue/0123456789abcdef" is 92 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. Give the target group's name, not its ARN: the name follows "targetgroup/" in the ARN.`,
			},
		},
		{
			name:    "ECR image without a tag",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images\"\n  }\n}",
			want:    []string{`24:13-72: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images" is not an ECR image URI: it names no tag or digest of the image, by which CodeBuild pulls it, as in "build-images:1" or "build-images@sha256:<64 hex digits>".`},
		},
		{
			name:    "ECR image with a tag and a digest",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n  }\n}",
			want:    []string{`24:13-146: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is not an ECR image URI: it gives both a tag, "1", and a digest, where CodeBuild takes one.`},
		},
		{
			name:    "ECR image with a tag, a digest and other flaws",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/Build_Images:1@sha256:zz\"\n  }\n}",
			want:    []string{`24:13-84: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/Build_Images:1@sha256:zz" is not an ECR image URI: it gives both a tag, "1", and a digest, where CodeBuild takes one; and "Build_Images" is not an ECR repository name (2 to 256 lowercase letters, digits, and '.', '_', '-' or '/' between them): it holds 'B'; and "sha256:zz" is not an image digest, which is "sha256:" and 64 lowercase hex digits.`},
		},
		{
			name:    "ECR image with an uppercase repository",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/A:b\"\n  }\n}",
			want:    []string{`24:13-63: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/A:b" is not an ECR image URI: "A" is not an ECR repository name (2 to 256 lowercase letters, digits, and '.', '_', '-' or '/' between them): it holds 'A'.`},
		},
		{
			name:    "ECR image with a long tag",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt\"\n  }\n}",
			want:    []string{`24:13-202: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt" is not an ECR image URI: its tag is 129 characters long; a tag is at most 128.`},
		},
		{
			name:    "ECR image with a bad tag",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:-1\"\n  }\n}",
			want:    []string{`24:13-75: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:-1" is not an ECR image URI: "-1" is not an image tag, which is 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.`},
		},
		{
			name:    "ECR image with a bad digest",
			service: "service \"orders\" {\n  build {\n    image = \"111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images@sha256:abc\"\n  }\n}",
			want:    []string{`24:13-83: Invalid value for "image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images@sha256:abc" is not an ECR image URI: "sha256:abc" is not an image digest, which is "sha256:" and 64 lowercase hex digits.`},
		},
		{
			name:    "Windows build image",
			service: "service \"orders\" {\n  build {\n    image = \"aws/codebuild/windows-base:2019-3.0\"\n  }\n}",
			want:    []string{`24:13-50: Invalid value for "image": "aws/codebuild/windows-base:2019-3.0" is a Windows image, for CodeBuild's WINDOWS_SERVER_2019_CONTAINER environment. Builds run in CodeBuild's LINUX_CONTAINER environment, Linux on x86-64, with BUILD_GENERAL1_SMALL: use one of its images, such as "aws/codebuild/amazonlinux2-x86_64-standard:5.0" or "aws/codebuild/standard:7.0".`},
		},
		{
			name:    "ARM build image",
			service: "service \"orders\" {\n  build {\n    image = \"aws/codebuild/amazonlinux2-aarch64-standard:3.0\"\n  }\n}",
			want:    []string{`24:13-62: Invalid value for "image": "aws/codebuild/amazonlinux2-aarch64-standard:3.0" is an ARM (aarch64) image, for CodeBuild's ARM_CONTAINER environment. Builds run in CodeBuild's LINUX_CONTAINER environment, Linux on x86-64, with BUILD_GENERAL1_SMALL: use one of its images, such as "aws/codebuild/amazonlinux2-x86_64-standard:5.0" or "aws/codebuild/standard:7.0".`},
		},
		{
			name:    "Ubuntu build image",
			service: "service \"orders\" {\n  build {\n    image = \"aws/codebuild/standard:7.0\"\n  }\n}",
		},
		{
			name:    "test timeout over CloudFormation's limit",
			service: "service \"orders\" {\n  test {\n    timeout_minutes = 2160\n  }\n}",
			want: []string{
				`24:23-27: Invalid value for "timeout_minutes": 2160 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			name: "service name too long for its AWS names",
			// Target group names are values derived from the name, each
			// checked as a value; the generated names are reported once
			// for the service's own and once for each stage's.
			service: `service "` + strings.Repeat("a", 60) + `" {
  stage "staging" {
    target_groups = ["blue", "green"]
  }
  stage "production" {
    target_groups = ["blue", "green"]
  }
}`,
			want: []string{
				`22:9-71: Service name too long: The IAM role name "role-` + strings.Repeat("a", 60) + `-production-codedeploy-${EnvironmentSuffix}" is 98 characters with a 10-character EnvironmentSuffix; AWS allows 64. Shorten the service name "` + strings.Repeat("a", 60) + `" or the stage name "production" by 34 characters.`,
				`22:9-71: Service name too long: The IAM role name "role-` + strings.Repeat("a", 60) + `-staging-codedeploy-${EnvironmentSuffix}" is 95 characters with a 10-character EnvironmentSuffix; AWS allows 64. Shorten the service name "` + strings.Repeat("a", 60) + `" or the stage name "staging" by 31 characters.`,
				`22:9-71: Service name too long: The S3 bucket name "s3-` + strings.Repeat("a", 60) + `-artifacts-${AWS::AccountId}-${EnvironmentSuffix}" is 97 characters with a 10-character EnvironmentSuffix; AWS allows 63. Shorten the service name "` + strings.Repeat("a", 60) + `" by 34 characters. 4 other generated names are too long as well, by as much or less.`,
			},
		},
		{
			name: "service name one character too long",
			service: `service "` + strings.Repeat("a", 27) + `" {
  stage "staging" {
    target_groups = ["blue", "green"]
  }
  stage "production" {
    target_groups = ["blue", "green"]
  }
}`,
			want: []string{
				`22:9-38: Service name too long: The IAM role name "role-` + strings.Repeat("a", 27) + `-production-codedeploy-${EnvironmentSuffix}" is 65 characters with a 10-character EnvironmentSuffix; AWS allows 64. Shorten the service name "` + strings.Repeat("a", 27) + `" or the stage name "production" by 1 character.`,
				`22:9-38: Service name too long: The S3 bucket name "s3-` + strings.Repeat("a", 27) + `-artifacts-${AWS::AccountId}-${EnvironmentSuffix}" is 64 characters with a 10-character EnvironmentSuffix; AWS allows 63. Shorten the service name "` + strings.Repeat("a", 27) + `" by 1 character.`,
			},
		},
		{
			name:    "argument on the line of its block's brace",
			service: "service \"orders\" {\n  build { timeout_minutes = 45\n  }\n}",
			want: []string{
				`23:31-1: Invalid single-argument block definition: An argument on the line of the { that opens its block, "timeout_minutes" here, makes the block one line long, which must end on that line. Move the argument to a line of its own after the {, or close the block with } right after the argument.`,
			},
		},
		{
			name:    "heredoc on the line of its block's brace",
			service: "service \"orders\" {\n  build { buildspec = <<EOT\nci/buildspec.yml\nEOT\n  }\n}",
			want: []string{
				`25:4-1: Invalid single-argument block definition: An argument on the line of the { that opens its block, "buildspec" here, makes the block one line long, which must end on that line. Move the argument to a line of its own after the {.`,
			},
		},
		{
			name:    "log retention",
			service: "service \"orders\" {\n  logs {\n    retention_days = 7\n  }\n}",
			want: []string{
				`24:22-23: Policy violation in "retention_days": Log retention is 7 days; the platform keeps logs exactly 30 days.`,
			},
		},
		{
			name:    "region",
			service: `service "orders" { region = "us-west-2" }`,
			want: []string{
				`22:29-40: Policy violation in "region": Region "us-west-2" is not supported; every pipeline runs in "us-east-1".`,
			},
		},
		{
			name:    "last stage needs approval",
			service: "service \"orders\" {\n  stage \"production\" {\n    require_approval = false\n  }\n}",
			want: []string{
				`24:24-29: Policy violation in "require_approval": Stage "production" is the last stage and deploys without approval; the last stage must set require_approval = true.`,
			},
		},
		{
			name:    "account id shape",
			service: `service "orders" { account_id = "1234" }`,
			want: []string{
				`22:33-39: Invalid value for "account_id": "1234" is 4 characters long; an AWS account id (12 digits) must be exactly 12 characters.`,
			},
		},
		{
			// Lengths count characters, as AWS does, not the bytes of
			// their UTF-8: full-width digits are 12 characters.
			name:    "account id of full-width digits",
			service: `service "orders" { account_id = "１１１１１１１１１１１１" }`,
			want:    []string{`22:33-47: Invalid value for "account_id": "１１１１１１１１１１１１" is not a valid AWS account id (12 digits): it holds '１' (U+FF11), which is not ASCII.`},
		},
		{
			name:    "account id with a no-break space",
			service: "service \"orders\" { account_id = \"111111111111\u00a0\" }",
			want:    []string{`22:33-48: Invalid value for "account_id": "111111111111\u00a0" is not a valid AWS account id (12 digits): it ends with a no-break space (U+00A0). Write the value without it: "111111111111".`},
		},
		{
			name:    "buildspec path of characters beyond ASCII",
			service: "service \"orders\" {\n  build {\n    buildspec = \"" + strings.Repeat("é", 130) + "\"\n  }\n}",
			want:    []string{`24:17-149: Invalid value for "buildspec": "` + strings.Repeat("é", 126) + `..." is not a valid buildspec path: it holds 'é' (U+00E9), which is not ASCII. Give a path relative to the top of the repository, with '/' between folders and no "." or "..", such as "ci/buildspec.yml".`},
		},
		{
			name:    "branch of characters beyond ASCII",
			service: "service \"orders\" {\n  branch = \"" + strings.Repeat("é", 130) + "\"\n}",
			want:    []string{`23:12-144: Invalid value for "branch": "` + strings.Repeat("é", 126) + `..." is not a valid branch name: it holds 'é'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
		},
		{
			name:    "validation URL of characters beyond ASCII",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://10.20.0.10/" + strings.Repeat("é", 400) + "\"\n    }\n  }\n}",
			want:    []string{`25:13-434: Invalid value for "url": The URL holds 'é', which a URL carries percent-encoded: write %C3%A9 instead. The function sends the URL as it is written, and its HTTP client refuses any other character.`},
		},
		{
			// The AppSpec's path is the built-in one: the value the
			// service sets is blamed.
			name:    "task definition read from the AppSpec's file",
			service: "service \"orders\" {\n  stage \"staging\" {\n    task_definition_path = \"appspec-staging.yaml\"\n  }\n}",
			want: []string{
				`24:28-50: Invalid value for "task_definition_path": The task definition and the AppSpec are both read from "appspec-staging.yaml". The deploy action registers the task definition from one file of the build output, an ECS task definition, and deploys it with the AppSpec of another, a CodeDeploy AppSpec: no file can be both. Give each a file of its own, such as "taskdef-staging.json" and "appspec-staging.yaml".`,
			},
		},
		{
			name:    "task definition read from the image's file",
			service: "service \"orders\" {\n  stage \"staging\" {\n    task_definition_path = \"imageDetail.json\"\n  }\n}",
			want: []string{
				`24:28-46: Invalid value for "task_definition_path": "imageDetail.json" is the file the deploy action reads the image to deploy from, which holds its URI alone ({"ImageURI": "..."}); the task definition cannot be that file too. Give the task definition a file of its own in the build output, such as "taskdef-staging.json".`,
			},
		},
		{
			// What is wrong is named: a character no such name holds.
			name:    "ECR repository with an uppercase letter",
			service: `service "orders" { ecr_repository = "Orders" }`,
			want: []string{
				`22:37-45: Invalid value for "ecr_repository": "Orders" is not a valid ECR repository name (lowercase letters, digits, '.', '_', '-' and '/' between them): it holds 'O'.`,
			},
		},
		{
			name:    "CodeCommit repository ending in .git",
			service: `service "orders" { repository = "orders.git.GIT" }`,
			want: []string{
				`22:33-49: Invalid value for "repository": CodeCommit repository names cannot end in ".git"; use "orders".`,
			},
		},
		{
			// The name without ".git" is offered only when CodeCommit
			// accepts it.
			name:    "CodeCommit repository ending in .git, with a space",
			service: `service "orders" { repository = "orders service.git" }`,
			want: []string{
				`22:33-53: Invalid value for "repository": "orders service.git" is not a valid CodeCommit repository name (letters, digits, '.', '_' and '-'): it holds a space.`,
				`22:33-53: Invalid value for "repository": CodeCommit repository names cannot end in ".git"; give the repository's name without it.`,
			},
		},
		{
			name:    "access logs bucket name too long",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"" + strings.Repeat("b", 64) + "\"\n  }\n}",
			want: []string{
				`24:26-92: Invalid value for "access_logs_bucket": "` + strings.Repeat("b", 64) + `" is 64 characters long; an S3 bucket name is 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit.`,
			},
		},
		{
			name:    "access logs bucket name written like an IP address",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"192.168.1.1\"\n  }\n}",
			want: []string{
				`24:26-39: Invalid value for "access_logs_bucket": "192.168.1.1" is not a valid S3 bucket name: it is written like an IP address, which S3 refuses. Give the name of the bucket that receives the logs.`,
			},
		},
		{
			name:    "access logs bucket name with two periods in a row",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"logs..example\"\n  }\n}",
			want: []string{
				`24:26-41: Invalid value for "access_logs_bucket": "logs..example" is not a valid S3 bucket name: it holds two periods in a row, which S3 refuses.`,
			},
		},
		{
			// S3 delivers access logs only to a bucket of the source
			// bucket's account: one named after another account of the
			// file is that account's.
			name:    "access logs bucket of another account, inherited",
			service: "service \"orders\" {\n  account_id = \"444444444444\"\n  stage \"staging\" {\n    account_id = \"111111111111\"\n  }\n  stage \"production\" {\n    account_id = \"111111111111\"\n  }\n}",
			want: []string{
				`23:16-30: Invalid value for "account_id": This runs the service's pipeline in account 444444444444, but the access logs bucket it inherits, "s3-access-logs-111111111111-us-east-1", seems to be account 111111111111's: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Set artifacts.access_logs_bucket here to a bucket of account 444444444444.`,
			},
		},
		{
			name:    "access logs bucket of another account, set",
			service: "service \"orders\" {\n  account_id = \"444444444444\"\n  stage \"staging\" {\n    account_id = \"111111111111\"\n  }\n  stage \"production\" {\n    account_id = \"111111111111\"\n  }\n  artifacts {\n    access_logs_bucket = \"logs-111111111111\"\n  }\n}",
			want: []string{
				`31:26-45: Invalid value for "access_logs_bucket": "logs-111111111111" seems to be a bucket of account 111111111111, but the service's pipeline runs in account 444444444444: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Give a bucket of account 444444444444.`,
			},
		},
		{
			// An account only defaults declare counts too.
			name:    "access logs bucket of the account of defaults alone",
			service: "service \"orders\" {\n  account_id = \"444444444444\"\n  stage \"staging\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:444444444444:listener/app/staging/0123456789abcdef/0123456789abcdef\"\n  }\n  stage \"production\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:444444444444:listener/app/production/0123456789abcdef/0123456789abcdef\"\n  }\n}",
			want: []string{
				`23:16-30: Invalid value for "account_id": This runs the service's pipeline in account 444444444444, but the access logs bucket it inherits, "s3-access-logs-111111111111-us-east-1", seems to be account 111111111111's: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Set artifacts.access_logs_bucket here to a bucket of account 444444444444.`,
			},
		},
		{
			// A name refused already is not blamed twice.
			name:    "access logs bucket refused, named after another account",
			service: "service \"orders\" {\n  account_id = \"444444444444\"\n  stage \"staging\" {\n    account_id = \"111111111111\"\n  }\n  stage \"production\" {\n    account_id = \"111111111111\"\n  }\n  artifacts {\n    access_logs_bucket = \"logs..111111111111\"\n  }\n}",
			want: []string{
				`31:26-46: Invalid value for "access_logs_bucket": "logs..111111111111" is not a valid S3 bucket name: it holds two periods in a row, which S3 refuses.`,
			},
		},
		{
			// Digits that are no account of the file, or more of them.
			name:    "access logs bucket with digits of no account",
			service: "service \"orders\" {\n  account_id = \"444444444444\"\n  stage \"staging\" {\n    account_id = \"111111111111\"\n  }\n  stage \"production\" {\n    account_id = \"111111111111\"\n  }\n  artifacts {\n    access_logs_bucket = \"logs-444444444444-202611251200-1111111111110\"\n  }\n}",
		},
		{
			// S3 refuses these starts and ends in the name of a general
			// purpose bucket, the only kind that receives access logs.
			name:    "access logs bucket name S3 reserves",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"xn--logs\"\n  }\n}",
			want: []string{
				`24:26-36: Invalid value for "access_logs_bucket": "xn--logs" starts with "xn--", which S3 refuses in the name of a general purpose bucket, the only kind that receives server access logs. Give the name of the bucket that receives them.`,
			},
		},
		{
			name:    "access logs bucket name of a Multi-Region Access Point",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"logs.mrap\"\n  }\n}",
			want: []string{
				`24:26-37: Invalid value for "access_logs_bucket": "logs.mrap" ends with ".mrap", which S3 refuses in the name of a general purpose bucket, the only kind that receives server access logs. Give the name of the bucket that receives them.`,
			},
		},
		{
			name:    "access logs bucket name of an access point alias",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"logs--ol-s3\"\n  }\n}",
			want: []string{
				`24:26-39: Invalid value for "access_logs_bucket": "logs--ol-s3" ends with "--ol-s3", which S3 refuses in the name of a general purpose bucket, the only kind that receives server access logs. Give the name of the bucket that receives them.`,
			},
		},
		{
			// Only at the start or the end.
			name:    "access logs bucket name holding reserved words inside",
			service: "service \"orders\" {\n  artifacts {\n    access_logs_bucket = \"logs-xn--sthree-s3alias-2\"\n  }\n}",
		},
		{
			name:    "task role names too long",
			service: "service \"orders\" {\n  task_roles = [\"" + strings.Repeat("r", 65) + "\", \"" + strings.Repeat("p/", 70) + "r" + "\"]\n}",
			want: []string{
				`23:17-84: Invalid value for "task_roles": The name of role "` + strings.Repeat("r", 65) + `" is 65 characters long, after its path; IAM allows 64.`,
				`23:86-229: Invalid value for "task_roles": "` + strings.Repeat("p/", 70) + `r" is 141 characters long; a role is named here in at most 128, path included.`,
			},
		},
		{
			name:    "subnet id shape",
			service: "service \"orders\" {\n  network {\n    subnet_ids = [\"subnet-xyz\"]\n  }\n}",
			want: []string{
				`24:19-31: Invalid value for "subnet_ids": "subnet-xyz" is not a valid subnet id ("subnet-" and 8 or 17 hex digits).`,
			},
		},
		{
			// A validation function runs in the service's subnets, which
			// then need two Availability Zones; builds alone need one.
			name:    "one subnet for a validation function",
			service: "service \"orders\" {\n  network {\n    subnet_ids = [\"subnet-0a1b2c3d\"]\n  }\n  stage \"production\" {\n    validation {\n      url = \"https://orders.internal.example.com/health\"\n    }\n  }\n}\nservice \"catalog\" {\n  network {\n    subnet_ids = [\"subnet-0a1b2c3d\"]\n  }\n}",
			want: []string{
				`24:18-37: Invalid value for "subnet_ids": 1 subnet is given, and the validation function of stage "production" runs in the subnets: a function in a VPC needs subnets in at least two Availability Zones to keep running when one fails (Security Hub Lambda.5). List a private subnet of each of two or more Availability Zones.`,
			},
		},
		{
			// A problem with one element of a list points at the element.
			name:    "list elements",
			service: "service \"orders\" {\n  task_roles = [\"orders-task\", \"orders task\", \"Orders-Task\"]\n  stage \"production\" {\n    rollback_alarms = [\"5xx\", \"5xx\"]\n    target_groups   = [\"blue\", \"blue\"]\n  }\n}",
			want: []string{
				`23:32-45: Invalid value for "task_roles": "orders task" is not an IAM role name: up to 64 letters, digits and '+=,.@_-', after an optional path such as "ecs/", 128 characters in all, as in "orders-task" or "ecs/orders-execution". Give the name, not the ARN: the role is looked up in each stage's account.`,
				`23:47-60: Invalid value for "task_roles": Role "Orders-Task" is listed twice (IAM role names ignore case); list each role once.`,
				`25:31-36: Invalid value for "rollback_alarms": Alarm "5xx" is listed twice; list each alarm once.`,
				`26:32-38: Invalid value for "target_groups": Both target groups are "blue"; blue and green must be different target groups.`,
			},
		},
		{
			name:    "image URI of another account given for the ECR repository",
			service: `service "orders" { ecr_repository = "999999999999.dkr.ecr.eu-west-1.amazonaws.com/team/orders:v2" }`,
			want: []string{
				`22:37-98: Invalid value for "ecr_repository": "999999999999.dkr.ecr.eu-west-1.amazonaws.com/team/orders:v2" is an image URI, not an ECR repository name. Give the repository's name alone, "team/orders": the build pushes the image to the repository of that name in the pipeline's account.`,
			},
		},
		{
			name:    "load balancer given for a listener",
			service: "service \"orders\" {\n  stage \"staging\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/staging/0123456789abcdef\"\n  }\n}",
			want: []string{
				`24:20-115: Invalid value for "listener_arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/staging/0123456789abcdef" is not an Application or Network Load Balancer listener ARN: it is the ARN of a load balancer; give the ARN of its listener, which starts with "listener/" after the account. Give one such as "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb/0123456789abcdef/0123456789abcdef".`,
			},
		},
		{
			name:    "listener of a load balancer no name allows",
			service: "service \"orders\" {\n  stage \"staging\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/internal-staging/0123456789abcdef/0123456789abcdef\"\n  }\n}",
			want: []string{
				`24:20-137: Invalid value for "listener_arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/internal-staging/0123456789abcdef/0123456789abcdef" is not an Application or Network Load Balancer listener ARN: its load balancer name, "internal-staging", starts with "internal-", which no load balancer's name may. Give one such as "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb/0123456789abcdef/0123456789abcdef".`,
			},
		},
		{
			name:    "listener in another account",
			service: "service \"orders\" {\n  stage \"staging\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:999999999999:listener/app/staging/0123456789abcdef/0123456789abcdef\"\n  }\n}",
			want: []string{
				`24:20-128: Invalid value for "listener_arn": The listener belongs to account 999999999999, but the stage deploys into account 111111111111. Use a listener of the stage's account, or set the stage's account_id.`,
			},
		},
		{
			name:    "derived target group too long",
			service: `service "order-fulfilment-service" {}`,
			want: []string{
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-production-blue" is 40 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-production-green" is 41 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-staging-blue" is 37 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-staging-green" is 38 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
			},
		},
		{
			name:    "name over the AWS limit with the longest suffix",
			service: "service \"orders-and-returns-processing\" {\n  stage \"staging\" {\n    target_groups = [\"a-blue\", \"a-green\"]\n  }\n  stage \"production\" {\n    target_groups = [\"b-blue\", \"b-green\"]\n  }\n}",
			want: []string{
				`22:9-40: Service name too long: The IAM role name "role-orders-and-returns-processing-production-codedeploy-${EnvironmentSuffix}" is 67 characters with a 10-character EnvironmentSuffix; AWS allows 64. Shorten the service name "orders-and-returns-processing" or the stage name "production" by 3 characters.`,
				`22:9-40: Service name too long: The S3 bucket name "s3-orders-and-returns-processing-artifacts-${AWS::AccountId}-${EnvironmentSuffix}" is 66 characters with a 10-character EnvironmentSuffix; AWS allows 63. Shorten the service name "orders-and-returns-processing" by 3 characters.`,
			},
		},
		{
			name:    "image without internet",
			service: "service \"orders\" {\n  build {\n    image = \"docker.io/library/node:20\"\n  }\n}",
			want: []string{
				`24:13-40: Invalid value for "image": "docker.io/library/node:20" is not an image builds can pull without internet access. Use a CodeBuild image such as "aws/codebuild/amazonlinux2-x86_64-standard:5.0" or an ECR image such as "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1".`,
			},
		},
		{
			// Blanks that make the length wrong are told, not counted.
			name:    "account ids with a blank at either end",
			service: "service \"orders\" {\n  account_id = \"111111111111 \"\n  stage \"staging\" {\n    account_id = \"\\t111111111111\"\n  }\n}",
			want: []string{
				`23:16-31: Invalid value for "account_id": "111111111111 " is not a valid AWS account id (12 digits): it ends with a space. Write the value without it: "111111111111".`,
				`25:18-34: Invalid value for "account_id": "\t111111111111" is not a valid AWS account id (12 digits): it starts with a tab. Write the value without it: "111111111111".`,
			},
		},
		{
			name:    "account ids with several blanks",
			service: "service \"orders\" {\n  account_id = \"\\t111111111111 \"\n  stage \"staging\" {\n    account_id = \"111111111111  \"\n  }\n}",
			want: []string{
				`23:16-33: Invalid value for "account_id": "\t111111111111 " is not a valid AWS account id (12 digits): it starts with a tab and ends with a space. Write the value without them: "111111111111".`,
				`25:18-34: Invalid value for "account_id": "111111111111  " is not a valid AWS account id (12 digits): it ends with 2 spaces. Write the value without them: "111111111111".`,
			},
		},
		{
			name:    "service name and suffix with misplaced hyphens",
			service: "service \"orders--api\" {\n  environment_suffix = \"dev-\"\n}",
			want: []string{
				`22:9-22: Invalid service name: "orders--api" is not a valid service name: it holds two hyphens in a row. Use lowercase letters and digits, starting with a letter, in words joined by single hyphens, such as "orders-api". The name is also the folder of the service's templates in out/, and part of its AWS names.`,
				`23:24-30: Invalid value for "environment_suffix": "dev-" is not a valid environment suffix (lowercase letters and digits in groups joined by single hyphens): it ends with a hyphen.`,
			},
		},
		{
			name:    "CodeBuild image without a tag",
			service: "service \"orders\" {\n  build {\n    image = \"aws/codebuild/standard\"\n  }\n}",
			want: []string{
				`24:13-37: Invalid value for "image": "aws/codebuild/standard" is not a CodeBuild image: it names no tag, by which CodeBuild pulls the image, as in "aws/codebuild/standard:7.0". Use one such as "aws/codebuild/amazonlinux2-x86_64-standard:5.0" or "aws/codebuild/standard:7.0".`,
			},
		},
		{
			name:    "CodeBuild image with an invisible character",
			service: "service \"orders\" {\n  build {\n    image = \"aws/codebuild/standard:7.0\u200b\"\n  }\n}",
			want: []string{
				`24:13-42: Invalid value for "image": "aws/codebuild/standard:7.0\u200b" is not a CodeBuild image: the tag "7.0\u200b" holds '\u200b', which is not ASCII; a tag is letters, digits, '.', '_' and '-'. Use one such as "aws/codebuild/amazonlinux2-x86_64-standard:5.0" or "aws/codebuild/standard:7.0".`,
			},
		},
		{
			name:    "image with a space",
			service: "service \"orders\" {\n  build {\n    image = \"node:20 \"\n  }\n}",
			want: []string{
				`24:13-23: Invalid value for "image": "node:20 " is not an image builds can pull without internet access (and it holds a space). Use a CodeBuild image such as "aws/codebuild/amazonlinux2-x86_64-standard:5.0" or an ECR image such as "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1".`,
			},
		},
		{
			// Without its blank, the image is one builds can pull.
			name:    "CodeBuild image with a blank",
			service: "service \"orders\" {\n  build {\n    image = \" aws/codebuild/standard:7.0\"\n  }\n}",
			want: []string{
				`24:13-42: Invalid value for "image": " aws/codebuild/standard:7.0" is not a valid image: it starts with a space. Write the value without it: "aws/codebuild/standard:7.0".`,
			},
		},
		{
			name:    "ECR image with blanks",
			service: "service \"orders\" {\n  build {\n    image = \"\t111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1 \"\n  }\n}",
			want: []string{
				`24:13-76: Invalid value for "image": "\t111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1 " is not a valid image: it starts with a tab and ends with a space. Write the value without them: "111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1".`,
			},
		},
		{
			name:    "cross-account stage needs the pipeline account",
			service: "service \"orders\" {\n  account_id = \"\"\n  stage \"production\" {\n    account_id = \"222222222222\"\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/production/0123456789abcdef/0123456789abcdef\"\n  }\n}",
			want: []string{
				`25:18-32: Invalid value for "account_id": Stage "production" names account 222222222222, but the pipeline's own account is not declared. Set account_id in defaults so that cross-account stages can be told apart and their roles can trust it.`,
			},
		},
		{
			name:    "a value of defaults that is wrong for some services",
			service: "service \"orders\" {}\nservice \"payments\" {\n  account_id = \"222222222222\"\n}\nservice \"search\" {\n  account_id = \"222222222222\"\n}",
			want: []string{
				`14:20-128: Invalid value for "listener_arn": The listener belongs to account 111111111111, but the stage deploys into account 222222222222. Use a listener of the stage's account, or set the stage's account_id. It is a problem in 2 of the 3 services, which inherit the value: "payments", "search".`,
				`18:24-135: Invalid value for "listener_arn": The listener belongs to account 111111111111, but the stage deploys into account 222222222222. Use a listener of the stage's account, or set the stage's account_id. It is a problem in 2 of the 3 services, which inherit the value: "payments", "search".`,
				`24:16-30: Invalid value for "account_id": This runs the service's pipeline in account 222222222222, but the access logs bucket it inherits, "s3-access-logs-111111111111-us-east-1", seems to be account 111111111111's: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Set artifacts.access_logs_bucket here to a bucket of account 222222222222.`,
				`27:16-30: Invalid value for "account_id": This runs the service's pipeline in account 222222222222, but the access logs bucket it inherits, "s3-access-logs-111111111111-us-east-1", seems to be account 111111111111's: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Set artifacts.access_logs_bucket here to a bucket of account 222222222222.`,
			},
		},
		{
			name:    "a value derived from a name that is too short",
			service: "service \"s\" {}",
			want: []string{
				`22:9-12: Invalid value for "ecr_repository": "s" is 1 character long; an ECR repository name (lowercase letters, digits, '.', '_', '-' and '/' between them) must be 2 to 256 characters. The value comes from the name; set ecr_repository, or choose another name.`,
			},
		},
		{
			name:    "branch given as a full reference name",
			service: "service \"orders\" {\n  branch = \"refs/heads/main\"\n}",
			want: []string{
				`23:12-29: Invalid value for "branch": "refs/heads/main" is a full reference name; the pipeline already watches refs/heads/<branch>, so give "main".`,
			},
		},
		{
			name:    "branch git refuses",
			service: "service \"orders\" {\n  branch = \"a.lock/b\"\n}",
			want: []string{
				`23:12-22: Invalid value for "branch": "a.lock/b" is not a valid branch name: its part "a.lock" ends with ".lock", which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`,
			},
		},
		{
			// Each address is blamed where it is written, with what is
			// wrong with it.
			name:    "email addresses",
			service: "service \"orders\" {\n  notifications {\n    emails = [\"team@example.com\", \"a\u200b@example.com\", \"a@[10.0.0.1]\", \"a@b\"]\n  }\n}",
			want: []string{
				`24:35-51: Invalid value for "emails": "a\u200b@example.com" holds '\u200b', which is not ASCII; before the @, use ASCII letters, digits and !#$%&'*+-/=?^_` + "`{|}~" + `, with single dots between them.`,
				`24:53-67: Invalid value for "emails": "a@[10.0.0.1]" gives an IP address after the @; give a domain name, as in "team@example.com".`,
				`24:69-74: Invalid value for "emails": The domain of "a@b", "b", is a single label; give the full domain, such as "example.com".`,
			},
		},
		{
			name:    "email address too long",
			service: "service \"orders\" {\n  notifications {\n    emails = [\"" + strings.Repeat("a", 65) + "@example.com\"]\n  }\n}",
			want: []string{
				`24:15-94: Invalid value for "emails": The part of "` + strings.Repeat("a", 65) + `@example.com" before the @ is 65 characters long; it may be at most 64.`,
			},
		},
		{
			name:    "validation URL without a host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://:8080/health\"\n    }\n  }\n}",
			want: []string{
				`25:13-34: Invalid value for "url": "http://:8080/health" has no host; give the service's DNS name or IPv4 address, as in "https://orders.internal.example.com/health".`,
			},
		},
		{
			name:    "validation URL with a dot for a host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://./\"\n    }\n  }\n}",
			want: []string{
				`25:13-25: Invalid value for "url": The host "." is not a DNS name: it has no label; a DNS name is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots, at most 253 characters (an internationalized name in its xn-- form).`,
			},
		},
		{
			name:    "validation URL with two dots for a host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://../x\"\n    }\n  }\n}",
			want: []string{
				`25:13-27: Invalid value for "url": The host ".." is not a DNS name: it has an empty label (a dot at its start or end, or two dots in a row); a DNS name is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots, at most 253 characters (an internationalized name in its xn-- form).`,
			},
		},
		{
			name:    "validation URL with a host that is no DNS name",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://a!b$c/\"\n    }\n  }\n}",
			want: []string{
				`25:13-28: Invalid value for "url": The host "a!b$c" is not a DNS name: its label "a!b$c" holds '!'; a DNS name is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots, at most 253 characters (an internationalized name in its xn-- form).`,
			},
		},
		{
			name:    "validation URL with an underscore in the host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://my_service.internal.example.com/health\"\n    }\n  }\n}",
			want: []string{
				`25:13-61: Invalid value for "url": The host "my_service.internal.example.com" is not a DNS name: its label "my_service" holds '_'; a DNS name is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots, at most 253 characters (an internationalized name in its xn-- form).`,
			},
		},
		{
			name:    "validation URL with a label over 63 characters",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://" + strings.Repeat("a", 64) + ".example.com/\"\n    }\n  }\n}",
			want: []string{
				`25:13-100: Invalid value for "url": The host "` + strings.Repeat("a", 64) + `.example.com" is not a DNS name: its label "` + strings.Repeat("a", 64) + `" is 64 characters long, over 63; a DNS name is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots, at most 253 characters (an internationalized name in its xn-- form).`,
			},
		},
		{
			name:    "validation URL with a label starting with a hyphen",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://-orders.internal.example.com/\"\n    }\n  }\n}",
			want: []string{
				`25:13-52: Invalid value for "url": The host "-orders.internal.example.com" is not a DNS name: its label "-orders" starts with a hyphen; a DNS name is labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, joined by dots, at most 253 characters (an internationalized name in its xn-- form).`,
			},
		},
		{
			name:    "validation URL at the VPC's network address",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://10.20.0.0/\"\n    }\n  }\n}",
			want: []string{
				`25:13-33: Invalid value for "url": 10.20.0.0 is the network address of the VPC's range 10.20.0.0/16, which no host has; use the address of a host inside the range.`,
			},
		},
		{
			name:    "validation URL at the VPC's broadcast address",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://10.20.255.255/\"\n    }\n  }\n}",
			want: []string{
				`25:13-37: Invalid value for "url": 10.20.255.255 is the broadcast address of the VPC's range 10.20.0.0/16, its last, which no host has; use the address of a host inside the range.`,
			},
		},
		{
			name:    "validation URL at the first and last addresses of the VPC a host may have",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://10.20.0.4/\"\n    }\n  }\n  stage \"production\" {\n    validation {\n      url = \"https://10.20.255.254:8443/\"\n    }\n  }\n}",
		},
		{
			name:    "validation URL at an address AWS reserves",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://10.20.0.2/\"\n    }\n  }\n}",
			want: []string{
				`25:13-33: Invalid value for "url": 10.20.0.2 is reserved by AWS in the VPC's range 10.20.0.0/16: its second, third and fourth addresses are the VPC router's, the DNS server's and reserved, and no service has them. Use the address of a host inside the range.`,
			},
		},
		{
			name:    "validation URL with a character to percent-encode",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://orders.internal/prüfung\"\n    }\n  }\n}",
			want: []string{
				`25:13-46: Invalid value for "url": The URL holds 'ü', which a URL carries percent-encoded: write %C3%BC instead. The function sends the URL as it is written, and its HTTP client refuses any other character.`,
			},
		},
		{
			name:    "validation URL with a space",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://orders.internal/health check\"\n    }\n  }\n}",
			want:    []string{`25:13-51: Invalid value for "url": The URL holds a space, which a URL carries percent-encoded: write %20 instead. The function sends the URL as it is written, and its HTTP client refuses a space.`},
		},
		{
			name:    "validation URL with a tab",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://orders.internal/health\\tcheck\"\n    }\n  }\n}",
			want:    []string{`25:13-52: Invalid value for "url": The URL holds a tab, which a URL carries percent-encoded: write %09 instead. The function sends the URL as it is written, and its HTTP client refuses a tab.`},
		},
		{
			name:    "validation URL with user information",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://probe:s3cret@orders.internal:8443/health?deep=1\"\n    }\n  }\n}",
			want:    []string{`25:13-70: Invalid value for "url": The URL gives user information, "probe:s3cret@", before its host, which the function's HTTP client does not send: it would fail to reach the host, and a password there would show in the pipeline's configuration. Remove it, as in "https://orders.internal:8443/health?deep=1": the health check must answer without credentials.`},
		},
		{
			name:    "validation URL with a percent sign that encodes nothing",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://orders.internal/health%2\"\n    }\n  }\n}",
			want:    []string{`25:13-47: Invalid value for "url": The URL holds "%2", which is no percent-encoded byte: a '%' starts one, with two hex digits, as in %20; write a '%' itself as %25.`},
		},
		{
			name:    "validation URL with a percent escape in its host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://%78.example.com/\"\n    }\n  }\n}",
			want:    []string{`25:13-38: Invalid value for "url": The host "%78.example.com" holds "%78", a percent escape: a host is a DNS name (labels of letters, digits and hyphens joined by dots; an internationalized name in its xn-- form) or an IPv4 address such as 10.20.0.5, written as it is, and never percent-encoded. Write it as "x.example.com".`},
		},
		{
			name:    "validation URL with an escaped slash in its host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://10.20.0.5%2f/\"\n    }\n  }\n}",
			want:    []string{`25:13-35: Invalid value for "url": The host "10.20.0.5%2f" holds "%2f", a percent escape: a host is a DNS name (labels of letters, digits and hyphens joined by dots; an internationalized name in its xn-- form) or an IPv4 address such as 10.20.0.5, written as it is, and never percent-encoded.`},
		},
		{
			name:    "validation URL with a percent sign in its host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://%zz.example.com/\"\n    }\n  }\n}",
			want:    []string{`25:13-38: Invalid value for "url": The host "%zz.example.com" holds '%', which no host holds: a host is a DNS name (labels of letters, digits and hyphens joined by dots; an internationalized name in its xn-- form) or an IPv4 address such as 10.20.0.5, written as it is.`},
		},
		{
			name:    "validation URL with a space in its host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://a b.example.com/\"\n    }\n  }\n}",
			want:    []string{`25:13-38: Invalid value for "url": The host "a b.example.com" holds a space, which no host holds: a host is a DNS name (labels of letters, digits and hyphens joined by dots; an internationalized name in its xn-- form) or an IPv4 address such as 10.20.0.5, written as it is.`},
		},
		{
			name:    "validation URL with an IPv6 address",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://[::ffff:10.20.0.5]/\"\n    }\n  }\n}",
			want: []string{
				`25:13-42: Invalid value for "url": ::ffff:10.20.0.5 is an IPv6 address; the VPC's range, and the function's egress, are IPv4. Give the host's IPv4 address or a DNS name.`,
			},
		},
		{
			name:    "validation URL with an absolute DNS name in its xn-- form",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://xn--mnchen-3ya.internal.example.com./health\"\n    }\n  }\n}",
		},
		{
			name:    "validation URL with an octal host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://010.020.0.5/\"\n    }\n  }\n}",
			want: []string{
				`25:13-34: Invalid value for "url": The host "010.020.0.5" is read by resolvers as the IPv4 address 8.16.0.5. Write IPv4 addresses in dotted-decimal form, here "8.16.0.5", so that the address can be checked against the VPC's range.`,
			},
		},
		{
			name:    "validation URL with a decimal host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://134744072/\"\n    }\n  }\n}",
			want: []string{
				`25:13-32: Invalid value for "url": The host "134744072" is read by resolvers as the IPv4 address 8.8.8.8. Write IPv4 addresses in dotted-decimal form, here "8.8.8.8", so that the address can be checked against the VPC's range.`,
			},
		},
		{
			name:    "validation URL with a hexadecimal host",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://0x08080808/\"\n    }\n  }\n}",
			want: []string{
				`25:13-33: Invalid value for "url": The host "0x08080808" is read by resolvers as the IPv4 address 8.8.8.8. Write IPv4 addresses in dotted-decimal form, here "8.8.8.8", so that the address can be checked against the VPC's range.`,
			},
		},
		{
			name:    "validation URL with a host in the VPC, not in dotted-decimal form",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://10.20.0.5.:8443/health\"\n    }\n  }\n}",
			want: []string{
				`25:13-45: Invalid value for "url": The host "10.20.0.5." is read by resolvers as the IPv4 address 10.20.0.5. Write IPv4 addresses in dotted-decimal form, here "10.20.0.5", so that the address can be checked against the VPC's range.`,
			},
		},
		{
			name:    "validation URL with full-width digits",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://８.８.８.８/\"\n    }\n  }\n}",
			want: []string{
				`25:13-31: Invalid value for "url": The host "８.８.８.８" holds '８', which is not ASCII. The function's HTTP client maps such a host to ASCII before resolving it (a full-width digit to a digit, say), so it cannot be checked against the VPC's range; write the host in ASCII, an internationalized name in its xn-- form.`,
			},
		},
		{
			name:    "validation URL with an ideographic full stop",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"https://8。8。8。8/\"\n    }\n  }\n}",
			want: []string{
				`25:13-31: Invalid value for "url": The host "8。8。8。8" holds '。', which is not ASCII. The function's HTTP client maps such a host to ASCII before resolving it (a full-width digit to a digit, say), so it cannot be checked against the VPC's range; write the host in ASCII, an internationalized name in its xn-- form.`,
			},
		},
		{
			name:    "validation URL on localhost",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://LocalHost.:8080/health\"\n    }\n  }\n}",
			want: []string{
				`25:13-44: Invalid value for "url": The host "LocalHost." is the function's own machine, not the service; use an address or a name that resolves inside the VPC's range.`,
			},
		},
		{
			name:    "validation URL with a numeric host that is no address",
			service: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url = \"http://10.20.0.5.1/\"\n    }\n  }\n}",
			want: []string{
				`25:13-34: Invalid value for "url": The host "10.20.0.5.1" is made of numbers, as an IPv4 address is, but is not an address in dotted-decimal form, and no DNS name is all numbers. Give an address in dotted-decimal form, such as "10.20.0.5", or a DNS name.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadString(t, base+tt.service)
			var got []string
			for _, d := range diags {
				r := d.Subject
				got = append(got, fmt.Sprintf("%d:%d-%d: %s: %s", r.Start.Line, r.Start.Column, r.End.Column, d.Summary, d.Detail))
			}
			if *printGot {
				for _, g := range got {
					fmt.Printf("%q,\n", g)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateDisabled checks that the values of an optional block switched
// off with enabled = false are validated as when the block is on: the same
// messages at the same places, once for a value of defaults. Only the
// rules that a block that is off cannot break are left out: those
// diagnostics appear in on, what the file gives with every enabled = false
// read as enabled = true.
func TestValidateDisabled(t *testing.T) {
	addresses := make([]string, model.MaxEmails+1)
	for i := range addresses {
		addresses[i] = fmt.Sprintf("%q", fmt.Sprintf("team-%d@example.com", i))
	}
	tests := []struct {
		name     string
		defaults string   // lines added to the valid base's defaults, after account_id
		staging  string   // lines added to its stage "staging", after cluster
		services string   // after the base
		want     []string // "line:col-endcol: summary: detail"
		on       []string // with the blocks on, when it differs from want
	}{
		{
			name:     "test timeout out of range",
			services: "service \"orders\" {\n  test {\n    enabled         = false\n    timeout_minutes = 9999\n  }\n}",
			want: []string{
				`25:23-27: Invalid value for "timeout_minutes": 9999 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			name:     "test switched off in defaults, reported once",
			defaults: "  test {\n    enabled   = false\n    buildspec = \"../buildspec-test.yml\"\n  }\n",
			services: "service \"orders\" {}\nservice \"payments\" {}",
			want: []string{
				`6:17-40: Invalid value for "buildspec": "../buildspec-test.yml" is not a valid buildspec path. Give a path relative to the top of the repository, with '/' between folders and no "." or "..", such as "ci/buildspec-test.yml".`,
			},
		},
		{
			name:     "test switched off in one service, a value of defaults it overrides in another",
			defaults: "  test {\n    enabled         = false\n    timeout_minutes = 1\n  }\n",
			services: "service \"orders\" {}\nservice \"payments\" {\n  test {\n    enabled         = false\n    timeout_minutes = 20\n  }\n}",
			want: []string{
				`6:23-24: Invalid value for "timeout_minutes": 1 is out of range; a CodeBuild timeout in minutes must be between 5 and 480. It is a problem in service "orders", which inherits the value.`,
			},
		},
		{
			name:     "test switched off in a service, a bad value of defaults",
			defaults: "  test {\n    timeout_minutes = 1\n  }\n",
			services: "service \"orders\" {\n  test {\n    enabled = false\n  }\n}",
			want: []string{
				`5:23-24: Invalid value for "timeout_minutes": 1 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			// A value that does not decode is reported as such, and not
			// validated again.
			name:     "test timeout that is no number",
			services: "service \"orders\" {\n  test {\n    enabled         = false\n    timeout_minutes = \"soon\"\n  }\n}",
			want: []string{
				`25:23-29: Invalid value for "timeout_minutes": "timeout_minutes" needs a whole number, such as 30; found the string "soon".`,
			},
		},
		{
			name:     "email addresses",
			services: "service \"orders\" {\n  notifications {\n    enabled = false\n    emails  = [\"ops@@example\", \"team@example.com\", \"Team@example.com\", \"team@example.com\"]\n  }\n}",
			want: []string{
				`25:16-30: Invalid value for "emails": "ops@@example" is not an email address such as "team@example.com": the part before the @ holds '@'. Before the @, an address holds letters, digits and !#$%&'*+-/=?^_` + "`{|}~" + `, with single dots between them.`,
				`25:52-70: Invalid value for "emails": "Team@example.com" is "team@example.com", listed before, in another case; list each address once.`,
				`25:72-90: Invalid value for "emails": "team@example.com" is listed twice; list each address once.`,
			},
		},
		{
			name:     "too many email addresses",
			services: "service \"orders\" {\n  notifications {\n    enabled = false\n    emails  = [" + strings.Join(addresses, ", ") + "]\n  }\n}",
			want: []string{
				fmt.Sprintf(`25:15-%d: Invalid value for "emails": 101 addresses are given; list 1 to 100 email addresses, or remove the notifications block.`, 15+2+len(strings.Join(addresses, ", "))),
			},
		},
		{
			// Addresses are required only to send to them.
			name:     "notifications without addresses",
			services: "service \"orders\" {\n  notifications {\n    enabled = false\n  }\n}",
			on: []string{
				`23:3-16: Missing required argument "emails": The "emails" attribute is required in the notifications block. Set it in defaults, or in each service.`,
			},
		},
		{
			name:     "notifications with an empty list of addresses",
			services: "service \"orders\" {\n  notifications {\n    enabled = false\n    emails  = []\n  }\n}",
			on: []string{
				`25:15-17: Invalid value for "emails": 0 addresses are given; list 1 to 100 email addresses, or remove the notifications block.`,
			},
		},
		{
			name:     "validation URL, status and timeout",
			services: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      enabled         = false\n      url             = \"https//orders.internal.example.com/health\"\n      expected_status = 2000\n      timeout_seconds = 0\n    }\n  }\n}",
			want: []string{
				`26:25-68: Invalid value for "url": "https//orders.internal.example.com/health" is not an http or https URL such as "https://orders.internal.example.com/health".`,
				`27:25-29: Invalid value for "expected_status": 2000 is out of range; an HTTP status code must be between 100 and 599.`,
				`28:25-26: Invalid value for "timeout_seconds": 0 is out of range; a timeout in seconds must be between 1 and 300.`,
			},
		},
		{
			name:     "validation switched off in defaults, reported once",
			staging:  "    validation {\n      enabled = false\n      url     = \"https://[::1]/health\"\n    }\n",
			services: "service \"orders\" {}\nservice \"payments\" {}",
			want: []string{
				`16:17-39: Invalid value for "url": ::1 is an IPv6 address; the VPC's range, and the function's egress, are IPv4. Give the host's IPv4 address or a DNS name.`,
			},
		},
		{
			// The function that would reach the URL is not deployed: a
			// service may switch off a validation of defaults because
			// its VPC is another.
			name:     "validation URL outside the VPC's range",
			services: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      enabled = false\n      url     = \"https://192.168.1.10/health\"\n    }\n  }\n}",
			on: []string{
				`26:17-46: Invalid value for "url": 192.168.1.10 is outside the VPC's range 10.20.0.0/16. The validation function runs in the VPC with egress to that range only; use an address or a name that resolves inside it.`,
			},
		},
		{
			name:     "validation without a URL",
			services: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      enabled         = false\n      expected_status = 204\n    }\n  }\n}",
			on: []string{
				`24:5-15: Missing required argument "url": The "url" attribute is required in the stage "staging" validation block. Set it in defaults, or in each service.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const account, cluster = "  account_id = \"111111111111\"\n", "    cluster      = \"staging\"\n"
			src := strings.Replace(base, account, account+tt.defaults, 1)
			src = strings.Replace(src, cluster, cluster+tt.staging, 1) + tt.services
			if diff := cmp.Diff(tt.want, diagnosticLines(t, src)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			on := tt.on
			if on == nil {
				on = tt.want
			}
			src = strings.ReplaceAll(src, "enabled = false", "enabled = true")
			src = strings.ReplaceAll(src, "enabled         = false", "enabled         = true")
			if diff := cmp.Diff(on, diagnosticLines(t, src)); diff != "" {
				t.Errorf("diagnostics with the blocks on (-want +got):\n%s", diff)
			}
		})
	}
}

// diagnosticLines loads src and renders each diagnostic as
// "line:col-endcol: summary: detail".
func diagnosticLines(t *testing.T, src string) []string {
	t.Helper()
	_, diags := loadString(t, src)
	var got []string
	for _, d := range diags {
		r := d.Subject
		got = append(got, fmt.Sprintf("%d:%d-%d: %s: %s", r.Start.Line, r.Start.Column, r.End.Column, d.Summary, d.Detail))
	}
	if *printGot {
		for _, g := range got {
			fmt.Printf("%q,\n", g)
		}
	}
	return got
}

// TestValidateDefaults checks that a value written in defaults is validated
// even when every service overrides it: by the rules and with the messages
// of a service that inherits it, once, where it is written, with a note
// that a new service would inherit it. Left out are the problems that
// depend on what a service sets: values derived from the service's name,
// required values only services give, and rules between a value of
// defaults and one a service may set apart from it.
func TestValidateDefaults(t *testing.T) {
	const listener = `"arn:aws:elasticloadbalancing:us-east-1:%s:listener/app/staging/0123456789abcdef/%s"`
	tests := []struct {
		name     string
		replace  []string // pairs of old and new text of the valid base
		defaults string   // lines added to the base's defaults, after account_id
		staging  string   // lines added to its stage "staging", after cluster
		services string   // after the base
		want     []string // "line:col-endcol: summary: detail"
	}{
		{
			name:     "build value every service overrides",
			defaults: "  build {\n    timeout_minutes = 9999\n  }\n",
			services: "service \"orders\" {\n  build {\n    timeout_minutes = 45\n  }\n}\nservice \"payments\" {\n  build {\n    timeout_minutes = 60\n  }\n}",
			want: []string{
				`5:23-27: Invalid value for "timeout_minutes": 9999 is out of range; a CodeBuild timeout in minutes must be between 5 and 480. Every service overrides the value, but a new service would inherit it.`,
			},
		},
		{
			name:     "build value the only service overrides",
			defaults: "  build {\n    compute_type = \"BUILD_GENERAL1_LARGE\"\n  }\n",
			services: "service \"orders\" {\n  build {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n  }\n}",
			want: []string{
				`5:20-42: Policy violation in "compute_type": Compute type "BUILD_GENERAL1_LARGE" is not allowed; builds use "BUILD_GENERAL1_SMALL". Service "orders" overrides the value, but a new service would inherit it.`,
			},
		},
		{
			// As before: once, naming the services that inherit it.
			name:     "build value some services inherit",
			defaults: "  build {\n    timeout_minutes = 9999\n  }\n",
			services: "service \"orders\" {\n  build {\n    timeout_minutes = 45\n  }\n}\nservice \"payments\" {}\nservice \"search\" {}",
			want: []string{
				`5:23-27: Invalid value for "timeout_minutes": 9999 is out of range; a CodeBuild timeout in minutes must be between 5 and 480. It is a problem in 2 of the 3 services, which inherit the value: "payments", "search".`,
			},
		},
		{
			name:     "build value every service inherits",
			defaults: "  build {\n    timeout_minutes = 9999\n  }\n",
			services: "service \"orders\" {}\nservice \"payments\" {}",
			want: []string{
				`5:23-27: Invalid value for "timeout_minutes": 9999 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			name:     "list item one service inherits",
			defaults: "  task_roles = [\"orders-task\", \"orders task\"]\n",
			services: "service \"orders\" {}\nservice \"payments\" {\n  task_roles = [\"payments-task\"]\n}",
			want: []string{
				`4:32-45: Invalid value for "task_roles": "orders task" is not an IAM role name: up to 64 letters, digits and '+=,.@_-', after an optional path such as "ecs/", 128 characters in all, as in "orders-task" or "ecs/orders-execution". Give the name, not the ARN: the role is looked up in each stage's account. It is a problem in service "orders", which inherits the value.`,
			},
		},
		{
			name:     "stage values every service overrides",
			staging:  "    rollback_alarms      = [\"5xx\", \"5xx\"]\n    task_definition_path = \"../taskdef.json\"\n    test_listener_arn    = \"arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef\"\n",
			services: "service \"orders\" {\n  stage \"staging\" {\n    rollback_alarms      = []\n    task_definition_path = \"taskdef.json\"\n    test_listener_arn    = \"\"\n  }\n}\nservice \"payments\" {\n  stage \"staging\" {\n    rollback_alarms      = [\"5xx\"]\n    task_definition_path = \"deploy/taskdef.json\"\n    test_listener_arn    = \"\"\n  }\n}",
			want: []string{
				`14:36-41: Invalid value for "rollback_alarms": Alarm "5xx" is listed twice; list each alarm once. Every service overrides the value, but a new service would inherit it.`,
				`15:28-45: Invalid value for "task_definition_path": "../taskdef.json" is not a valid task definition path. Give a path relative to the top of the build output, with '/' between folders and no "." or "..", such as "taskdef-staging.json". Every service overrides the value, but a new service would inherit it.`,
				`16:28-136: Invalid value for "test_listener_arn": The listener is in eu-west-1; it must be in the pipelines' region, us-east-1. Every service overrides the value, but a new service would inherit it.`,
			},
		},
		{
			name:     "last stage's approval every service sets",
			replace:  []string{"    require_approval = true\n", "    require_approval = false\n"},
			services: "service \"orders\" {\n  stage \"production\" {\n    require_approval = true\n  }\n}\nservice \"payments\" {\n  stage \"production\" {\n    require_approval = true\n  }\n}",
			want: []string{
				`19:24-29: Policy violation in "require_approval": Stage "production" is the last stage and deploys without approval; the last stage must set require_approval = true. Every service overrides the value, but a new service would inherit it.`,
			},
		},
		{
			name:     "test block on, a value every service overrides",
			defaults: "  test {\n    timeout_minutes = 1\n  }\n",
			services: "service \"orders\" {\n  test {\n    timeout_minutes = 20\n  }\n}\nservice \"payments\" {\n  test {\n    enabled         = false\n    timeout_minutes = 20\n  }\n}",
			want: []string{
				`5:23-24: Invalid value for "timeout_minutes": 1 is out of range; a CodeBuild timeout in minutes must be between 5 and 480. Every service overrides the value, but a new service would inherit it.`,
			},
		},
		{
			name:     "test block off, a value every service overrides",
			defaults: "  test {\n    enabled   = false\n    buildspec = \"../buildspec-test.yml\"\n  }\n",
			services: "service \"orders\" {\n  test {\n    buildspec = \"ci/test.yml\"\n  }\n}\nservice \"payments\" {\n  test {\n    buildspec = \"ci/test.yml\"\n  }\n}",
			want: []string{
				`6:17-40: Invalid value for "buildspec": "../buildspec-test.yml" is not a valid buildspec path. Give a path relative to the top of the repository, with '/' between folders and no "." or "..", such as "ci/buildspec-test.yml". Every service overrides the value, but a new service would inherit it.`,
			},
		},
		{
			name:     "notifications off, addresses every service overrides",
			defaults: "  notifications {\n    enabled = false\n    emails  = [\"ops@@example\"]\n  }\n",
			services: "service \"orders\" {\n  notifications {\n    emails = [\"ops@example.com\"]\n  }\n}",
			want: []string{
				`6:16-30: Invalid value for "emails": "ops@@example" is not an email address such as "team@example.com": the part before the @ holds '@'. Before the @, an address holds letters, digits and !#$%&'*+-/=?^_` + "`{|}~" + `, with single dots between them. Service "orders" overrides the value, but a new service would inherit it.`,
			},
		},
		{
			name:     "validation of a stage of defaults, values every service overrides",
			staging:  "    validation {\n      url             = \"ftp://orders.internal.example.com/health\"\n      timeout_seconds = 0\n    }\n",
			services: "service \"orders\" {\n  stage \"staging\" {\n    validation {\n      url             = \"https://orders.internal.example.com/health\"\n      timeout_seconds = 5\n    }\n  }\n}\nservice \"payments\" {\n  stage \"staging\" {\n    validation {\n      enabled         = false\n      url             = \"https://payments.internal.example.com/health\"\n      timeout_seconds = 5\n    }\n  }\n}",
			want: []string{
				`15:25-67: Invalid value for "url": "ftp://orders.internal.example.com/health" is not an http or https URL such as "https://orders.internal.example.com/health". Every service overrides the value, but a new service would inherit it.`,
				`16:25-26: Invalid value for "timeout_seconds": 0 is out of range; a timeout in seconds must be between 1 and 300. Every service overrides the value, but a new service would inherit it.`,
			},
		},
		{
			// Decode errors are reported as such, once, and not validated.
			name:     "value that does not decode, every service overrides",
			defaults: "  build {\n    timeout_minutes = \"soon\"\n  }\n",
			services: "service \"orders\" {\n  build {\n    timeout_minutes = 45\n  }\n}",
			want: []string{
				`5:23-29: Invalid value for "timeout_minutes": "timeout_minutes" needs a whole number, such as 30; found the string "soon".`,
			},
		},
		{
			name:     "no service",
			defaults: "  build {\n    timeout_minutes = 9999\n  }\n",
			want: []string{
				`1:1-1: No services: services.hcl declares no service block, so a build would delete every generated template. Declare at least one service "name" { ... } block; to retire every service, delete the output folder.`,
				`5:23-27: Invalid value for "timeout_minutes": 9999 is out of range; a CodeBuild timeout in minutes must be between 5 and 480.`,
			},
		},
		{
			// Defaults alone have no name to derive these from.
			name:     "names derived from the service's",
			services: "service \"orders\" {\n  stage \"staging\" {\n    ecs_service   = \"orders-api\"\n    target_groups = [\"orders-staging-a\", \"orders-staging-b\"]\n  }\n  stage \"production\" {\n    ecs_service   = \"orders-api\"\n    target_groups = [\"orders-production-a\", \"orders-production-b\"]\n  }\n}",
		},
		{
			name:     "derived names too long, reported at the service's name only",
			services: `service "order-fulfilment-service" {}`,
			want: []string{
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-production-blue" is 40 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-production-green" is 41 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-staging-blue" is 37 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
				`22:9-35: Invalid value for "target_groups": "order-fulfilment-service-staging-green" is 38 characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'. The name comes from the service's and the stage's names; name the target groups explicitly with target_groups.`,
			},
		},
		{
			name:     "invalid service name",
			services: `service "Orders" {}`,
			want: []string{
				`22:9-17: Invalid service name: "Orders" is not a valid service name: it holds 'O'. Use lowercase letters and digits, starting with a letter, in words joined by single hyphens, such as "orders-api". The name is also the folder of the service's templates in out/, and part of its AWS names.`,
			},
		},
		{
			// Only services give the clusters: defaults alone lack them.
			name:     "required value only services give",
			replace:  []string{"    cluster      = \"staging\"\n", ""},
			services: "service \"orders\" {\n  stage \"staging\" {\n    cluster = \"staging\"\n  }\n}",
		},
		{
			// A service may deploy the stage into the listener's account.
			name:     "listener of another account than the stage's, every service overrides",
			staging:  "    account_id   = \"222222222222\"\n",
			services: "service \"orders\" {\n  stage \"staging\" {\n    listener_arn = " + fmt.Sprintf(listener, "222222222222", "0123456789abcdef") + "\n  }\n}",
		},
		{
			// A service may give the pipeline's account.
			name:     "stage in another account, the pipeline's account only services give",
			staging:  "    account_id   = \"222222222222\"\n",
			replace:  []string{"  account_id = \"111111111111\"\n", ""},
			services: "service \"orders\" {\n  account_id = \"111111111111\"\n  stage \"staging\" {\n    listener_arn = " + fmt.Sprintf(listener, "222222222222", "0123456789abcdef") + "\n  }\n}",
		},
		{
			name:     "test listener that is the listener, every service overrides",
			staging:  "    test_listener_arn = " + fmt.Sprintf(listener, "111111111111", "0123456789abcdef") + "\n",
			services: "service \"orders\" {\n  stage \"staging\" {\n    test_listener_arn = " + fmt.Sprintf(listener, "111111111111", "fedcba9876543210") + "\n  }\n}",
		},
		{
			// The URL is inherited, and in each service's VPC.
			name:     "validation URL outside the range of defaults, which every service overrides",
			staging:  "    validation {\n      url = \"https://192.168.1.10/health\"\n    }\n",
			services: "service \"orders\" {\n  network {\n    cidr_block = \"192.168.0.0/16\"\n  }\n}",
		},
		{
			// A service may switch the notifications off.
			name:     "empty addresses every service overrides",
			defaults: "  notifications {\n    emails = []\n  }\n",
			services: "service \"orders\" {\n  notifications {\n    emails = [\"ops@example.com\"]\n  }\n}",
		},
		{
			name:     "stage named test, with a test block every service switches off",
			replace:  []string{"  stage \"staging\" {\n", "  stage \"test\" {\n"},
			defaults: "  test {}\n",
			services: "service \"orders\" {\n  test {\n    enabled = false\n  }\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const account, cluster = "  account_id = \"111111111111\"\n", "    cluster      = \"staging\"\n"
			src := strings.Replace(base, account, account+tt.defaults, 1)
			src = strings.Replace(src, cluster, cluster+tt.staging, 1)
			for i := 0; i+1 < len(tt.replace); i += 2 {
				if !strings.Contains(src, tt.replace[i]) {
					t.Fatalf("the base holds no %q", tt.replace[i])
				}
				src = strings.Replace(src, tt.replace[i], tt.replace[i+1], 1)
			}
			if diff := cmp.Diff(tt.want, diagnosticLines(t, src+tt.services)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInvalidStageNameDerived checks that a stage name that is invalid is
// reported once, at its label, and not again in the target groups and file
// paths made of it for each service; nor is it given back as the example
// of a valid file name.
func TestInvalidStageNameDerived(t *testing.T) {
	src := strings.Replace(base, `stage "production" {`, `stage "prod eu" {`, 1) +
		"service \"orders\" {\n  stage \"prod eu\" {\n    appspec_path = \"appspec prod.yaml\"\n  }\n}\nservice \"payments\" {}\nservice \"search\" {}"
	want := []string{
		`16:9-18: Invalid stage name: "prod eu" is not a valid stage name: it holds a space. Use at most 32 lowercase letters and digits, in words that start with a letter, joined by single hyphens, such as "staging" or "prod-eu".`,
		`24:20-39: Invalid value for "appspec_path": "appspec prod.yaml" is not a valid AppSpec path: it holds a space. Give a path relative to the top of the build output, with '/' between folders and no "." or "..", such as "appspec-production.yaml".`,
	}
	if diff := cmp.Diff(want, diagnosticLines(t, src)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestBlockHeaderMessages checks the messages of a block with labels it
// does not take, which point at all of them, and of a block declared twice.
func TestBlockHeaderMessages(t *testing.T) {
	tests := []messageCase{
		{
			name:    "label of a block that takes none",
			service: "service \"orders\" {\n  artifacts \"logs\" \"main\" {\n    expire_days = 30\n  }\n}",
			want: []string{
				`23:13-26: Extraneous label for artifacts: An artifacts block takes no label: write artifacts { ... }. Its contents are checked as if the label were removed.`,
			},
		},
		{
			name:    "second label of a stage",
			service: "service \"orders\" {\n  stage \"production\" \"eu\" {\n    cluster = \"production-eu\"\n  }\n}",
			want: []string{
				`23:22-26: Extraneous label for stage: A stage block takes one label, its name, as in stage "production" { ... }. Its contents are checked as if the other labels were removed.`,
			},
		},
		{
			name:    "block declared twice",
			service: "service \"orders\" {\n  artifacts {\n    expire_days = 30\n  }\n  artifacts {\n    expire_days = 60\n  }\n}",
			want: []string{
				`26:3-12: Duplicate artifacts block: An artifacts block was already declared at services.hcl:23:3. Merge the two into one block.`,
			},
		},
	}
	checkMessages(t, tests)
}

// TestUnsupportedNameMessages checks that the name of an unknown argument
// or block that holds a character beyond ASCII, such as a Cyrillic letter
// that looks like a Latin one, says which.
func TestUnsupportedNameMessages(t *testing.T) {
	tests := []messageCase{
		{
			name:    "argument",
			service: "service \"orders\" {\n  brаnch = \"main\"\n}",
			want: []string{
				`23:3-9: Unsupported argument: An argument named "brаnch" is not expected here: the name holds 'а' (U+0430), which is not ASCII. Did you mean "branch"?`,
			},
		},
		{
			name:    "block",
			service: "service \"orders\" {\n  bиild {\n  }\n}",
			want: []string{
				`23:3-8: Unsupported block type: Blocks of type "bиild" are not expected here: the name holds 'и' (U+0438), which is not ASCII. Did you mean "build"?`,
			},
		},
		{
			name:    "argument without a suggestion",
			service: "service \"orders\" {\n  stage \"staging\" {\n    ѕize = 1\n  }\n}",
			want: []string{
				`24:5-9: Unsupported argument: An argument named "ѕize" is not expected here: the name holds 'ѕ' (U+0455), which is not ASCII. Valid arguments here: "account_id", "cluster", "ecs_service", "listener_arn", "test_listener_arn", "target_groups", "rollback_alarms", "require_approval", "task_definition_path", "appspec_path".`,
			},
		},
	}
	checkMessages(t, tests)
}

// TestMisplacedMessages checks that an argument or block of the file
// written in a block that does not take it says where it goes.
func TestMisplacedMessages(t *testing.T) {
	tests := []messageCase{
		{
			name:    "argument of nested blocks in a service",
			service: "service \"orders\" {\n  timeout_minutes = 30\n  cluster = \"production\"\n  expire_days = 30\n}",
			want: []string{
				`23:3-18: Unsupported argument: An argument named "timeout_minutes" is not expected here. "timeout_minutes" is set in a build { ... } or test { ... } block.`,
				`24:3-10: Unsupported argument: An argument named "cluster" is not expected here. "cluster" is set in a stage "name" { ... } block.`,
				`25:3-14: Unsupported argument: An argument named "expire_days" is not expected here. "expire_days" is set in an artifacts { ... } block.`,
			},
		},
		{
			name:    "argument of a service and a stage in a build block",
			service: "service \"orders\" {\n  build {\n    account_id = \"111111111111\"\n  }\n}",
			want: []string{
				`24:5-15: Unsupported argument: An argument named "account_id" is not expected here. "account_id" is set directly in defaults { ... } or a service block, or in a stage "name" { ... } block.`,
			},
		},
		{
			name:    "blocks in the wrong block",
			service: "service \"orders\" {\n  validation {\n  }\n  stage \"staging\" {\n    network {\n    }\n  }\n}",
			want: []string{
				`23:3-13: Unsupported block type: Blocks of type "validation" are not expected here. A validation block goes in a stage "name" { ... } block.`,
				`26:5-12: Unsupported block type: Blocks of type "network" are not expected here. A network block goes directly in defaults { ... } or a service block.`,
			},
		},
		{
			name:    "argument of nested blocks at the top level",
			service: "timeout_minutes = 30\nservice \"orders\" {}",
			want: []string{
				`22:1-16: Unsupported argument: An argument named "timeout_minutes" is not expected here. "timeout_minutes" is set in a build { ... } or test { ... } block.`,
			},
		},
		{
			// The top level's own message says where a service's
			// argument goes.
			name:    "argument of a service at the top level",
			service: "region = \"us-east-1\"\nservice \"orders\" {}",
			want: []string{
				`22:1-7: Unsupported argument: An argument named "region" is not expected here. The top level of the file holds only the defaults block and service blocks: move it into defaults { ... } to set it for every service, or into a service block.`,
			},
		},
	}
	checkMessages(t, tests)
}

// messageCase is a service block, written after the base, and the
// diagnostics it gives, as "line:col-endcol: summary: detail".
type messageCase struct {
	name    string
	base    string // the file before service; "" for base
	service string
	want    []string
}

// checkMessages runs each case as a subtest.
func checkMessages(t *testing.T, tests []messageCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base
			if tt.base != "" {
				before = tt.base
			}
			if diff := cmp.Diff(tt.want, diagnosticLines(t, before+tt.service)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInvalidCharacterMessages: a character HCL does not know is named,
// and one that stands in for an ASCII character, as pasted text often
// holds, is told apart from it.
func TestInvalidCharacterMessages(t *testing.T) {
	checkMessages(t, []messageCase{
		{
			name:    "no-break space",
			service: "service \"orders\" {\n  branch\u00a0= \"main\"\n}",
			want: []string{
				`23:9-10: Invalid character: This character, U+00A0 NO-BREAK SPACE, is not used within the language. Replace it with a plain space.`,
			},
		},
		{
			name:    "form feed",
			service: "service \"orders\" {\n\f  branch = \"main\"\n}",
			want: []string{
				`23:1-2: Invalid character: This character, U+000C FORM FEED, is not used within the language. Replace it with a plain space or a line break.`,
			},
		},
		{
			name:    "vertical tab",
			service: "service \"orders\" {\n  branch\v= \"main\"\n}",
			want: []string{
				`23:9-10: Invalid character: This character, U+000B LINE TABULATION (a vertical tab), is not used within the language. Replace it with a plain space or a line break.`,
			},
		},
		{
			name:    "other control character",
			service: "service \"orders\" {\n  branch\x01 = \"main\"\n}",
			want: []string{
				`23:9-10: Invalid character: This character, U+0001, a control character, is not used within the language. Remove it.`,
			},
		},
		{
			name:    "zero width no-break space inside the file",
			service: "\ufeffservice \"orders\" {\n  branch = \"main\"\n}",
			want: []string{
				`22:1-2: Invalid character: This character, U+FEFF ZERO WIDTH NO-BREAK SPACE, is not used within the language. It is a formatting character, most often invisible: remove it.`,
			},
		},
		{
			name:    "curly quotes",
			service: "service \"orders\" {\n  branch = \u201cmain\u201d\n}",
			want: []string{
				`23:12-13: Invalid character: This character, U+201C LEFT DOUBLE QUOTATION MARK, is not used within the language. Replace it with the ASCII character '"'.`,
				`23:17-18: Invalid character: This character, U+201D RIGHT DOUBLE QUOTATION MARK, is not used within the language. Replace it with the ASCII character '"'.`,
			},
		},
		{
			name:    "curly single quotes",
			service: "service \"orders\" {\n  branch = \u2018main\u2019\n}",
			want: []string{
				`23:12-13: Invalid character: This character, U+2018 LEFT SINGLE QUOTATION MARK, is not used within the language. Replace it with the ASCII character '"'.`,
				`23:17-18: Invalid character: This character, U+2019 RIGHT SINGLE QUOTATION MARK, is not used within the language. Replace it with the ASCII character '"'.`,
			},
		},
		{
			name:    "full-width equals sign",
			service: "service \"orders\" {\n  branch \uff1d \"main\"\n}",
			want: []string{
				`23:10-11: Invalid character: This character, U+FF1D FULLWIDTH EQUALS SIGN, is not used within the language. Replace it with the ASCII character '='.`,
			},
		},
		{
			name:    "minus sign",
			service: "service \"orders\" {\n  container_port = \u221280\n}",
			want: []string{
				`23:20-21: Invalid character: This character, U+2212 MINUS SIGN, is not used within the language. Replace it with the ASCII character '-'.`,
			},
		},
		{
			name:    "a character like no ASCII one",
			service: "service \"orders\" {\n  branch = \u00a7\n}",
			want: []string{
				`23:12-13: Invalid character: This character, U+00A7 SECTION SIGN, is not used within the language.`,
			},
		},
	})
}

// TestUndeclaredStageMessages: a service's stage that defaults does not
// declare lists those it does, and names the one it differs from in case
// only, by a typo, or by its end.
func TestUndeclaredStageMessages(t *testing.T) {
	checkMessages(t, []messageCase{
		{
			name:    "case",
			service: "service \"orders\" {\n  stage \"Production\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`23:9-21: Undeclared stage: Stage "Production" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "production". Did you mean "production"? Names differ in case.`,
			},
		},
		{
			name:    "typo",
			service: "service \"orders\" {\n  stage \"prodution\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`23:9-20: Undeclared stage: Stage "prodution" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "production". Did you mean "production"?`,
			},
		},
		{
			name:    "abbreviation",
			service: "service \"orders\" {\n  stage \"prod\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`23:9-15: Undeclared stage: Stage "prod" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "production". Did you mean "production"?`,
			},
		},
		{
			// The name to change is that of defaults, which is invalid.
			name:    "a name of defaults that is invalid",
			base:    strings.Replace(base, `stage "production" {`, `stage "prod_eu" {`, 1),
			service: "service \"orders\" {\n  stage \"prod-eu\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`16:9-18: Invalid stage name: "prod_eu" is not a valid stage name: it holds '_'. Use at most 32 lowercase letters and digits, in words that start with a letter, joined by single hyphens, such as "staging" or "prod-eu".`,
				`23:9-18: Undeclared stage: Stage "prod-eu" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "prod_eu". Defaults declares "prod_eu", probably this stage, which is not a valid stage name: rename it "prod-eu" in defaults.`,
			},
		},
		{
			name:    "a letter of another script",
			service: "service \"orders\" {\n  stage \"\u0455taging\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`23:9-18: Undeclared stage: Stage "ѕtaging" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "production". The name holds 'ѕ' (U+0455), which is not ASCII. Did you mean "staging"?`,
			},
		},
		{
			name:    "an invisible character",
			service: "service \"orders\" {\n  stage \"staging\u200b\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`23:9-19: Undeclared stage: Stage "staging\u200b" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "production". The name holds '\u200b', which is not ASCII. Did you mean "staging"?`,
			},
		},
		{
			name:    "unlike any",
			service: "service \"orders\" {\n  stage \"qa\" {\n    cluster = \"p\"\n  }\n}",
			want: []string{
				`23:9-13: Undeclared stage: Stage "qa" is not declared in defaults, so the service cannot override it. Stages come from defaults, which declares "staging", "production".`,
			},
		},
	})
}

// TestInvalidStageNameReasons: a stage name of allowed characters in a
// wrong arrangement says what is wrong with it.
func TestInvalidStageNameReasons(t *testing.T) {
	const rule = `. Use at most 32 lowercase letters and digits, in words that start with a letter, joined by single hyphens, such as "staging" or "prod-eu".`
	for name, reason := range map[string]string{
		"prod--eu":                          "it holds two hyphens in a row",
		"-prod":                             "it starts with a hyphen",
		"prod-":                             "it ends with a hyphen",
		"1prod":                             "it starts with a digit",
		"prod-2eu":                          `its word "2eu" starts with a digit`,
		"abcdefghijabcdefghijabcdefghijabc": "it is 33 characters long",
	} {
		src := strings.Replace(base, `stage "production" {`, `stage "`+name+`" {`, 1) + "service \"orders\" {}"
		want := fmt.Sprintf(`16:9-%d: Invalid stage name: %q is not a valid stage name: %s%s`, 9+len(name)+2, name, reason, rule)
		if got := diagnosticLines(t, src); len(got) == 0 || got[0] != want {
			t.Errorf("stage %q: %q\nwant %q", name, got, want)
		}
	}
}

// TestStageNamesAlike: a stage whose name differs from another's, or from
// the pipeline's own Source stage, only in its hyphens is told which
// names its pipeline stage would have, which the tool gives it.
func TestStageNamesAlike(t *testing.T) {
	stage := func(name string) string {
		return fmt.Sprintf("  stage %q {\n    cluster      = %q\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/staging/0123456789abcdef/0123456789abcdef\"\n  }\n", name, name)
	}
	src := strings.Replace(base, "  stage \"production\" {", stage("sta-ging")+stage("sou-rce")+"  stage \"production\" {", 1) + "service \"orders\" {}\n"
	_, diags := loadString(t, src)
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d: %s: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Detail))
	}
	want := []string{
		`16:9: Stage names alike: Stage "sta-ging" differs from stage "staging" only in its hyphens: their pipeline stages would be named StaGing and Staging, and the logical IDs of their resources would differ in the same way, told apart by letter case alone. Name the stages with different letters.`,
		`20:9: Stage names alike: Stage "sou-rce" differs from the pipeline's own stage Source only in its hyphens: its pipeline stage would be named SouRce, told apart from Source by letter case alone. Name the stage otherwise, such as "staging" or "prod-eu".`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
