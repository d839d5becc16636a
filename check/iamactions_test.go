package check

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

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

// TestConditionKeysOfManyActions: a statement of many actions, with many
// keys none of them supports, gives a finding for each key that names ten
// actions and counts the others, so that the findings do not grow with
// the product of actions and keys.
func TestConditionKeysOfManyActions(t *testing.T) {
	c := iamActions()
	var actions []string
	for _, p := range c.prefixes {
		names, _ := c.services[p].split()
		for _, n := range names {
			actions = append(actions, strconv.Quote(p+":"+n))
		}
		if len(actions) >= 3000 {
			break
		}
	}
	var keys []string
	for i := range 300 {
		keys = append(keys, fmt.Sprintf(`"kms:EncryptionContext:k%d": "v"`, i))
	}
	data := identity(`{"Effect": "Allow", "Action": [` + strings.Join(actions, ", ") + `], "Resource": "*", "Condition": {"StringEquals": {` + strings.Join(keys, ", ") + `}}}`)
	var n int
	for _, f := range Template("t.json", []byte(data)) {
		if f.Rule != "PL014" {
			continue
		}
		n++
		if len(f.Message) > 1000 || !strings.Contains(f.Message, fmt.Sprintf(" and %d more do not support", len(actions)-10)) {
			t.Fatalf("message of %d bytes: %.400s…", len(f.Message), f.Message)
		}
	}
	if n != len(keys) {
		t.Errorf("%d PL014 findings, want %d", n, len(keys))
	}
}
