package emit

import (
	"strconv"

	"pipelines/model"
)

func validationFunctionID(stage string) string { return logicalID(stage, "validation-function") }
func validationRoleID(stage string) string     { return logicalID(stage, "validation-role") }
func validationPolicyID(stage string) string   { return logicalID(stage, "validation-policy") }
func validationLogsID(stage string) string     { return logicalID(stage, "validation-log-group") }
func validationGroupID(stage string) string    { return logicalID(stage, "validation-security-group") }

// validationRuntime is the Lambda runtime of the validation functions; its
// AWS SDK (boto3) reports the result to CodePipeline.
const validationRuntime = "python3.12"

// validationCode is the validation function. The pipeline's Invoke action
// passes {"url", "expected_status", "timeout_seconds"} as UserParameters;
// the function GETs the URL once, without following redirects, and reports
// success when the status is the expected one. The request runs in a
// thread the handler waits for only until reportTime seconds are left, so
// that a slow answer, or a name that takes long to resolve, fails the job
// instead of leaving it to CodePipeline's 20-minute timeout; reporting is
// bounded by short SDK timeouts and retries. It must stay under the 4 KB
// that CloudFormation accepts inline.
const validationCode = `import json
import threading
import urllib.error
import urllib.request

import boto3
import botocore.config

codepipeline = boto3.client("codepipeline", config=botocore.config.Config(
    connect_timeout=3, read_timeout=5, retries={"mode": "standard", "total_max_attempts": 2}))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def check(params):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(params["url"], timeout=params["timeout_seconds"]) as response:
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    if status != params["expected_status"]:
        raise RuntimeError("GET %s answered %d; expected %d" % (params["url"], status, params["expected_status"]))
    return "GET %s answered %d" % (params["url"], status)


def handler(event, context):
    job = event["CodePipeline.job"]
    outcome = {}

    def run():
        try:
            params = json.loads(job["data"]["actionConfiguration"]["configuration"]["UserParameters"])
            outcome["result"] = (True, check(params))
        except Exception as err:
            outcome["result"] = (False, str(err) or type(err).__name__)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(max(context.get_remaining_time_in_millis() / 1000 - 20, 1))
    ok, message = outcome.get("result", (False, "the health check did not finish in time"))
    if not ok:
        print("validation failed: %s" % message)
        codepipeline.put_job_failure_result(
            jobId=job["id"],
            failureDetails={"type": "JobFailed", "message": message[:4096]},
        )
        return
    print(message)
    codepipeline.put_job_success_result(jobId=job["id"])
`

// reportTime is the seconds the validation function keeps for reporting
// its result: two attempts of at most 3 s to connect and 5 s to read. The
// function's code says it too: TestValidationCode holds them equal.
const reportTime = 20

// validations adds the validation function of each stage that has one.
func (p *pipelineBuilder) validations() {
	for _, st := range p.s.Stages {
		if st.Validation != nil {
			p.validation(st)
		}
	}
}

// validation is the health check that runs after a stage's deployment: a
// function in the VPC's private subnets, its log group, its security group
// and its role. The function reaches the URL and the CodePipeline
// interface endpoint, both in the VPC, and nothing else.
func (p *pipelineBuilder) validation(st model.Stage) {
	s, v := p.s, st.Validation
	logGroup := s.ValidationLogGroup(st.Name)
	p.stateful(validationLogsID(st.Name), "AWS::Logs::LogGroup", LogGroupProperties{
		LogGroupName:    sub(logGroup),
		RetentionInDays: s.Logs.RetentionDays,
		KmsKeyId:        p.keyArn(),
		Tags:            p.tags,
	})

	cidr := s.Network.CIDRBlock
	egress := []EgressRule{{Description: "HTTPS to the CodePipeline interface endpoint", IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: cidr}}
	if port := model.ValidationPort(v.URL); port != 443 {
		egress = append(egress, EgressRule{Description: "The health check, port " + strconv.Itoa(port) + " in the VPC", IpProtocol: "tcp", FromPort: port, ToPort: port, CidrIp: cidr})
	} else {
		egress[0].Description = "HTTPS to the health check and the CodePipeline interface endpoint"
	}
	p.resource(validationGroupID(st.Name), "AWS::EC2::SecurityGroup", SecurityGroupProperties{
		GroupDescription:    "Validation of " + s.Name + " in " + st.Name + ": the health check and CodePipeline, in the VPC only",
		VpcId:               Ref(paramVpc),
		SecurityGroupEgress: egress,
		Tags:                named(p.tags, s.ValidationSecurityGroup(st.Name)),
	})

	p.builder.role(validationRoleID(st.Name), validationPolicyID(st.Name), s.ValidationRole(st.Name), s.StagePolicy(st.Name, "check"),
		trustPolicy("lambda.amazonaws.com"),
		"Checks "+s.Name+" after each deployment to "+st.Name+" and reports the result to the pipeline.",
		// The job result actions support no resource-level permissions.
		allow("ReportJobResult", []string{"codepipeline:PutJobFailureResult", "codepipeline:PutJobSuccessResult"}, "*"),
		allow("WriteLogs", []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			logGroupArn(logGroup), Arn("logs", "", "", "log-group:"+logGroup.Sub+":log-stream:*")),
		// Lambda needs these EC2 actions to attach the function to the
		// VPC. As for CodeBuild, they are granted on "*", as Lambda
		// documents them: DescribeNetworkInterfaces works only on "*", and
		// DeleteNetworkInterface needs the interface's own ID, which the
		// template cannot know, or every interface.
		allow("ManageFunctionNetworkInterfaces", []string{
			"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
		}, "*"),
		allow("AssignFunctionAddresses", []string{"ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"},
			Arn("ec2", "", "", "network-interface/*")),
	)

	p.resource(validationFunctionID(st.Name), "AWS::Lambda::Function", FunctionProperties{
		FunctionName: sub(s.ValidationFunction(st.Name)),
		Description:  "Checks that " + s.Name + " answers " + strconv.Itoa(v.ExpectedStatus) + " after each deployment to " + st.Name + ".",
		Runtime:      validationRuntime,
		Handler:      "index.handler",
		Code:         FunctionCode{ZipFile: validationCode},
		Role:         GetAtt(validationRoleID(st.Name), "Arn"),
		// Time for the request, with some to spare, and for reporting
		// its result.
		Timeout:    v.TimeoutSeconds + 10 + reportTime,
		MemorySize: 128,
		VpcConfig: FunctionVpcConfig{
			SubnetIds:        Ref(paramSubnets),
			SecurityGroupIds: []Value{GetAtt(validationGroupID(st.Name), "GroupId")},
		},
		LoggingConfig: FunctionLoggingConfig{LogGroup: Ref(validationLogsID(st.Name)), LogFormat: "Text"},
		Tags:          p.tags,
	}, validationPolicyID(st.Name)) // Lambda checks the role's VPC permissions when it creates the function.
}
