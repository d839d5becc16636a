package check

import (
	"slices"
)

// checkS3Buckets applies PL040 to PL045 to every bucket.
func checkS3Buckets(t *template) {
	var tlsOnly map[string]bool
	for id, r := range t.each() {
		if r.typ != "AWS::S3::Bucket" {
			continue
		}
		p := r.props
		checkVersioning(t, id, p)
		checkPublicAccessBlock(t, id, p)
		if tlsOnly == nil {
			tlsOnly = t.tlsOnlyPolicies()
		}
		checkTLSOnly(t, id, tlsOnly)
		checkLifecycle(t, id, p)
		if get(p, "LoggingConfiguration", "DestinationBucketName") == nil {
			t.report(id, "PL044", "Properties.LoggingConfiguration.DestinationBucketName is not set; send server access logs to the platform's log bucket.")
		}
		checkOwnership(t, id, p)
	}
}

func checkVersioning(t *template, id string, p *object) {
	status := get(p, "VersioningConfiguration", "Status")
	if status == nil {
		t.report(id, "PL040", "Properties.VersioningConfiguration is not set; set Status to \"Enabled\".")
		return
	}
	if s, ok := literal(status); ok && s != "Enabled" {
		t.reportf(id, "PL040", "Properties.VersioningConfiguration.Status is %q; use \"Enabled\".", s)
	}
}

var publicAccessSettings = []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}

func checkPublicAccessBlock(t *template, id string, p *object) {
	pab := get(p, "PublicAccessBlockConfiguration")
	if pab == nil {
		t.report(id, "PL041", "Properties.PublicAccessBlockConfiguration is not set; set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true.")
		return
	}
	if isIntrinsic(pab) {
		return
	}
	for _, key := range publicAccessSettings {
		if v := get(pab, key); !isTrue(v) && !isIntrinsic(v) {
			t.reportf(id, "PL041", "Properties.PublicAccessBlockConfiguration.%s is not true; all four public access settings must be true.", key)
		}
	}
}

// bucketPolicies returns the logical IDs of the bucket policies that apply
// to a bucket.
func (t *template) bucketPolicies(bucket string) []string {
	return t.referrers("AWS::S3::BucketPolicy Bucket", "AWS::S3::BucketPolicy", func(p *object) []any {
		return []any{get(p, "Bucket")}
	})[bucket]
}

// tlsOnlyPolicies returns the resources with a statement that denies s3:* to
// everyone over plain HTTP.
func (t *template) tlsOnlyPolicies() map[string]bool {
	out := map[string]bool{}
	for _, s := range t.statements() {
		if isTLSDenyAll(s, "s3:*") {
			out[s.doc.resource] = true
		}
	}
	return out
}

func checkTLSOnly(t *template, bucket string, tlsOnly map[string]bool) {
	policies := t.bucketPolicies(bucket)
	for _, p := range policies {
		if tlsOnly[p] {
			return
		}
	}
	if len(policies) == 0 {
		t.report(bucket, "PL042", "No AWS::S3::BucketPolicy applies to this bucket; add one that denies s3:* to Principal \"*\" when aws:SecureTransport is \"false\".")
		return
	}
	t.reportf(bucket, "PL042", "The bucket policy %s has no TLS-only statement; add Effect \"Deny\", Principal \"*\", Action \"s3:*\" and Condition {\"Bool\": {\"aws:SecureTransport\": \"false\"}}.", policies[0])
}

// isTLSDenyAll reports whether s denies action to everyone over plain HTTP.
func isTLSDenyAll(s statement, action string) bool {
	if !isTLSDeny(s) {
		return false
	}
	p := s.m.get("Principal")
	aws, _ := literals(get(p, "AWS"))
	if p != "*" && !slices.Contains(aws, "*") {
		return false
	}
	actions, _ := literals(s.m.get("Action"))
	return slices.Contains(actions, action)
}

func checkLifecycle(t *template, id string, p *object) {
	rules := list(get(p, "LifecycleConfiguration", "Rules"))
	for _, rule := range rules {
		if isIntrinsic(rule) {
			return
		}
		if get(rule, "Status") != "Enabled" {
			continue
		}
		expires := get(rule, "ExpirationInDays") != nil || get(rule, "ExpirationDate") != nil
		noncurrent := get(rule, "NoncurrentVersionExpiration") != nil || get(rule, "NoncurrentVersionExpirationInDays") != nil
		if expires && noncurrent {
			return
		}
	}
	t.report(id, "PL043", "Properties.LifecycleConfiguration has no enabled rule that expires both current objects (ExpirationInDays) and noncurrent versions (NoncurrentVersionExpiration); add one.")
}

func checkOwnership(t *template, id string, p *object) {
	enforced := false
	for _, rule := range list(get(p, "OwnershipControls", "Rules")) {
		if v := get(rule, "ObjectOwnership"); v == "BucketOwnerEnforced" || isIntrinsic(v) {
			enforced = true
		}
	}
	if !enforced {
		t.report(id, "PL045", "Properties.OwnershipControls does not set ObjectOwnership \"BucketOwnerEnforced\"; set it to disable ACLs.")
	}
	if acl, ok := literal(get(p, "AccessControl")); ok && acl != "Private" {
		t.reportf(id, "PL045", "Properties.AccessControl is %q; remove it, since ACLs are disabled.", acl)
	}
}
