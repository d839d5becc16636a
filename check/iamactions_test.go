package check

import "testing"

func TestMatchesKeyPattern(t *testing.T) {
	for _, tc := range []struct {
		key, pattern string
		want         bool
	}{
		{"kms:encryptioncontext:aws:logs:arn", "kms:encryptioncontext:${encryptioncontextkey}", true},
		{"kms:encryptioncontext:", "kms:encryptioncontext:${encryptioncontextkey}", false}, // the variable takes a character
		{"kms:encryptioncontextkeys", "kms:encryptioncontext:${encryptioncontextkey}", false},
		{"ec2:resourcetag/team", "ec2:resourcetag/${tagkey}", true},
		{"a:x.b.y:c", "a:${x}.b.${y}:c", true},
		{"a:.b.y:c", "a:${x}.b.${y}:c", false},
		{"a:x.b.:c", "a:${x}.b.${y}:c", false},
		{"a:x.b.b.b:c", "a:${x}.b.${y}:c", true},    // the first .b. is the literal
		{"kms:viaservice", "kms:viaservice", false}, // no variable: compared as it is
		{"kms:x", "kms:${", false},
	} {
		if got := matchesKeyPattern(tc.key, tc.pattern); got != tc.want {
			t.Errorf("matchesKeyPattern(%q, %q) = %v, want %v", tc.key, tc.pattern, got, tc.want)
		}
	}
}

// TestCatalogueKeys: the embedded catalogue gives each action the keys of
// its line, and those of the resource types it acts on.
func TestCatalogueKeys(t *testing.T) {
	c := iamActions()
	for _, tc := range []struct {
		action, key string
		want        bool
	}{
		{"kms:Decrypt", "kms:ViaService", true},
		{"kms:Decrypt", "kms:EncryptionContext:aws:s3:arn", true},
		{"kms:Decrypt", "kms:ResourceAliases", true}, // a key of the key resource type
		{"KMS:DESCRIBEKEY", "KMS:VIASERVICE", true},
		{"kms:DescribeKey", "kms:EncryptionContext:aws:logs:arn", false},
		{"iam:PassRole", "iam:PassedToService", true},
		{"s3:PutObject", "s3:x-amz-acl", true},
		{"s3:GetObject", "s3:x-amz-acl", false},
		{"ec2:CreateNetworkInterfacePermission", "ec2:Vpc", true},
		{"sts:AssumeRole", "sts:ExternalId", true},
		{"s3:GetObject", "s3:ExistingObjectTag/team", true},                        // written s3:ExistingObjectTag/<key>
		{"secretsmanager:GetSecretValue", "secretsmanager:ResourceTag/team", true}, // written .../tag-key
	} {
		if got := c.supports(tc.action, tc.key); got != tc.want {
			t.Errorf("supports(%q, %q) = %v, want %v", tc.action, tc.key, got, tc.want)
		}
	}
}

// TestCatalogueTracks: a key the reference lists under no action of its
// service is not tracked, and PL014 leaves it alone.
func TestCatalogueTracks(t *testing.T) {
	c := iamActions()
	for key, want := range map[string]bool{
		"kms:ViaService":           true,
		"S3:X-AMZ-ACL":             true,
		"s3:RequestObjectTag/team": true,
		"codebuild:BuildArn":       false, // in the requests of a build's credentials
		"lambda:SourceFunctionArn": false,
		"kms:NoSuchKey":            false,
		"nosuchservice:Key":        false,
	} {
		if got := c.tracks(key); got != want {
			t.Errorf("tracks(%q) = %v, want %v", key, got, want)
		}
	}
}
