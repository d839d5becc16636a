package plan

import "strings"

// security lists the resource types whose changes alter who may do what,
// with the property path that matters ("" for any change): identities and
// their policies, key, bucket and topic policies, key aliases, function
// permissions and network rules. Adding or deleting a resource of these
// types is always security-relevant.
var security = map[string]string{
	"AWS::IAM::Role":                 "",
	"AWS::IAM::Policy":               "",
	"AWS::IAM::ManagedPolicy":        "",
	"AWS::KMS::Key":                  "Properties.KeyPolicy",
	"AWS::KMS::Alias":                "",
	"AWS::S3::BucketPolicy":          "",
	"AWS::SNS::TopicPolicy":          "",
	"AWS::Lambda::Permission":        "",
	"AWS::EC2::SecurityGroup":        "",
	"AWS::EC2::SecurityGroupIngress": "",
	"AWS::EC2::SecurityGroupEgress":  "",
}

// securityType reports whether resources of type t are security-relevant.
func securityType(t string) bool {
	_, ok := security[t]
	return ok
}

// securityChange reports whether a change at path p of a resource whose
// type was oldType and is newType is security-relevant.
func securityChange(oldType, newType, p string) bool {
	if p == "Type" {
		return securityType(oldType) || securityType(newType)
	}
	for _, t := range []string{oldType, newType} {
		prefix, ok := security[t]
		switch {
		case !ok:
		case prefix == "", p == prefix, strings.HasPrefix(p, prefix+"."), strings.HasPrefix(p, prefix+"["):
			return true
		case strings.HasPrefix(prefix, p+"."):
			return true // a block holding the policy was added or removed
		}
	}
	return false
}
