package emit

import (
	"fmt"

	"pipelines/model"
)

// Logical IDs of a cross-account stage's template.
const (
	idCrossAccountRole   = "CrossAccountRole"
	idCrossAccountPolicy = "CrossAccountPolicy"
)

// deployTemplate is the template of a stage in another account than the
// pipeline's: the CodeDeploy application and deployment group there,
// CodeDeploy's service role, and the role the pipeline assumes to deploy.
// It names the pipeline's account, role and bucket only by ARN and needs
// nothing in the pipeline's account to exist, so it is deployed first:
// CodePipeline refuses to create a pipeline whose role cannot assume an
// action's role.
func deployTemplate(s *model.Service, st model.Stage) (*Template, error) {
	b := newBuilder(fmt.Sprintf("Deployment target of the %s service's %s stage in account %s: the CodeDeploy application and blue/green deployment group, CodeDeploy's service role, and the role the %s pipeline in account %s assumes to deploy.",
		s.Name, st.Name, st.AccountID, s.Name, s.AccountID), TemplateInfo{Service: s.Name, Kind: "deploy", Account: st.AccountID, Stage: st.Name})
	b.tags = tags(s)

	b.suffixParam(s.EnvironmentSuffix, "Suffix of every resource name: the EnvironmentSuffix of the pipeline's stack, whose role and bucket names it completes.")
	b.stageParams(st)

	b.resource(idApplication, "AWS::CodeDeploy::Application", ApplicationProperties{
		ApplicationName: sub(s.StageDeployApplication(st.Name)),
		ComputePlatform: "ECS",
		Tags:            b.tags,
	})
	deployRole, deployPolicy := roleID(model.JobDeploy), policyID(model.JobDeploy)
	b.role(deployRole, deployPolicy, s.StageDeployRole(st.Name), s.StagePolicy(st.Name, "codedeploy"),
		codeDeployTrustPolicy(s.StageDeployApplication(st.Name)),
		"Lets CodeDeploy shift traffic between the blue and green task sets of "+s.Name+" in "+st.Name+".",
		deployStatements(s, st)...)
	b.resource(deploymentGroupID(st.Name), "AWS::CodeDeploy::DeploymentGroup",
		b.deploymentGroup(s, st, Ref(idApplication), GetAtt(deployRole, "Arn"), Ref(clusterParam(st.Name)), Ref(serviceParam(st.Name))),
		deployPolicy)

	bucket := s.ArtifactBucket().InAccount(s.AccountID)
	statements := append(deployActionStatements(s),
		allow("ReadArtifacts", []string{"s3:GetObject", "s3:GetObjectVersion"}, Arn("s3", "-", "-", bucket.Sub+"/*")),
		// The key is created by the pipeline's stack, after this one, so
		// its ID is not known here: any key of the pipeline's account, used
		// through S3. The key's own policy admits this role alone.
		Statement{
			Sid:       "DecryptArtifacts",
			Effect:    "Allow",
			Action:    []string{"kms:Decrypt"},
			Resource:  []Value{Arn("kms", "", s.AccountID, "key/*")},
			Condition: Conditions{{"StringEquals", "kms:ViaService", Sub("s3.${AWS::Region}.amazonaws.com")}},
		},
	)
	b.role(idCrossAccountRole, idCrossAccountPolicy, s.CrossAccountRole(st.Name), s.StagePolicy(st.Name, "crossaccount"),
		pipelineTrustPolicy(s),
		"Assumed by the "+s.Name+" pipeline in account "+s.AccountID+" to deploy to "+st.Name+": reads its artifacts and starts the deployment.",
		statements...)

	b.output("CrossAccountRoleArn", "ARN of the role the pipeline assumes to deploy.", GetAtt(idCrossAccountRole, "Arn"))
	b.output("DeployRoleArn", "ARN of CodeDeploy's service role.", GetAtt(deployRole, "Arn"))
	b.output("DeployApplicationName", "CodeDeploy application of the stage.", Ref(idApplication))
	b.output(logicalID(st.Name, "deployment-group-name"), "Deployment group of the "+st.Name+" stage.", Ref(deploymentGroupID(st.Name)))
	return b.done()
}

// pipelineTrustPolicy trusts the pipeline's role and nothing else. The
// principal is the pipeline's account, with the role in a condition: a
// trust policy naming a role that does not exist yet would be refused.
func pipelineTrustPolicy(s *model.Service) PolicyDocument {
	return policy(Statement{
		Sid:       "AssumedByPipeline",
		Effect:    "Allow",
		Principal: Principal{AWS: accountRoot(s.AccountID)},
		Action:    []string{"sts:AssumeRole"},
		Condition: Conditions{{"ArnEquals", "aws:PrincipalArn", Arn("iam", "-", s.AccountID, "role/"+s.Role(model.JobPipeline).Sub)}},
	})
}
