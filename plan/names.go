package plan

import "strings"

// nameProperties are the properties that give a resource of each type its
// physical name, for the types pipelines writes and others common beside
// them.
var nameProperties = map[string]string{
	"AWS::CodeBuild::Project":                      "Name",
	"AWS::CodeCommit::Repository":                  "RepositoryName",
	"AWS::CodeDeploy::Application":                 "ApplicationName",
	"AWS::CodeDeploy::DeploymentGroup":             "DeploymentGroupName",
	"AWS::CodePipeline::Pipeline":                  "Name",
	"AWS::CodeStarNotifications::NotificationRule": "Name",
	"AWS::EC2::SecurityGroup":                      "GroupName",
	"AWS::ECR::Repository":                         "RepositoryName",
	"AWS::Events::Rule":                            "Name",
	"AWS::IAM::ManagedPolicy":                      "ManagedPolicyName",
	"AWS::IAM::Role":                               "RoleName",
	"AWS::KMS::Alias":                              "AliasName",
	"AWS::Lambda::Function":                        "FunctionName",
	"AWS::Logs::LogGroup":                          "LogGroupName",
	"AWS::S3::Bucket":                              "BucketName",
	"AWS::SNS::Topic":                              "TopicName",
}

// markKeptNames sets KeepsName on each resource to be replaced whose
// physical name is given, and the same before and after: CloudFormation
// creates the new resource before it deletes the old one, and so cannot
// replace a resource with a custom name under that name; the update fails
// ("CloudFormation cannot update a stack when a custom-named resource
// requires replacing").
func markKeptNames(t *Template, old, new Doc) {
	oldRes, newRes := section(old, "Resources"), section(new, "Resources")
	for i := range t.Resources {
		r := &t.Resources[i]
		prop := nameProperties[r.Type]
		if r.Action != Replace || prop == "" {
			continue
		}
		ov, _ := oldRes[r.LogicalID].(map[string]any)
		nv, _ := newRes[r.LogicalID].(map[string]any)
		if resourceType(ov) != resourceType(nv) {
			continue // another type is another resource, whatever its name
		}
		oldName, inOld := properties(ov)[prop]
		newName, inNew := properties(nv)[prop]
		if !inOld || !inNew || !equal(oldName, newName) {
			continue
		}
		at := "Properties." + prop
		renamed := false
		for _, c := range r.Changes {
			// A new default of a parameter the name uses renames it.
			renamed = renamed || c.Path == at || strings.HasPrefix(c.Path, at+".") || strings.HasPrefix(c.Path, at+"[")
		}
		if !renamed {
			r.KeepsName = prop
		}
	}
}

func properties(resource map[string]any) map[string]any {
	p, _ := resource["Properties"].(map[string]any)
	return p
}
