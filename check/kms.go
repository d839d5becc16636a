package check

import (
	"strings"
)

// checkKMSKeys applies PL050 to PL053 to every key.
func checkKMSKeys(t *template) {
	for id, r := range t.each() {
		if r.typ != "AWS::KMS::Key" {
			continue
		}
		p := r.props
		spec, _ := literal(get(p, "KeySpec"))
		usage, _ := literal(get(p, "KeyUsage"))
		if spec == "" || spec == "SYMMETRIC_DEFAULT" {
			if v := get(p, "EnableKeyRotation"); !isTrue(v) && !isIntrinsic(v) {
				t.report(id, "PL050", "Properties.EnableKeyRotation is not true; set it to true so the key material rotates yearly.")
			}
		}
		if get(p, "KeyPolicy") == nil {
			t.report(id, "PL051", "Properties.KeyPolicy is not set, so the default policy defers to IAM; state who may administer and use the key.")
		}
		if spec == "RSA_2048" && (usage == "" || usage == "ENCRYPT_DECRYPT") {
			t.report(id, "PL052", "Properties.KeySpec \"RSA_2048\" is too short for encryption; use \"RSA_3072\" or \"RSA_4096\".")
		}
	}
	checkGrantConditions(t)
}

// checkGrantConditions requires kms:GrantIsForAWSResource on statements that
// allow kms:CreateGrant in key policies (PL053).
func checkGrantConditions(t *template) {
	for _, s := range t.statements() {
		r := t.resources[s.doc.resource]
		if r.typ != "AWS::KMS::Key" || s.effect() != "Allow" {
			continue
		}
		actions, _ := literals(s.m.get("Action"))
		for _, a := range actions {
			if strings.EqualFold(a, "kms:CreateGrant") && !isTrue(get(s.m.get("Condition"), "Bool", "kms:GrantIsForAWSResource")) {
				t.reportf(s.doc.resource, "PL053", "%s allows kms:CreateGrant without Condition {\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}}; add it so only AWS services can create grants.", s.path)
			}
		}
	}
}
