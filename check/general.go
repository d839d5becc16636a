package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// checkRetain reports Retain deletion and update-replace policies (PL010).
func checkRetain(t *template) {
	for id, r := range t.each() {
		for _, attr := range []string{"DeletionPolicy", "UpdateReplacePolicy"} {
			v := r.raw.get(attr)
			_, _, isFn := intrinsic(v)
			for b := range eachBranch(v) {
				switch {
				case isRetain(b) && !isFn:
					t.reportf(id, "PL010", "%s is %q, so the resource outlives its stack; remove it or use \"Delete\".", attr, b)
				case isRetain(b):
					t.reportf(id, "PL010", "%s %s can give %q, so the resource may outlive its stack; remove it or use \"Delete\".", attr, show(v), b)
				default:
					if p, retain := t.retainParameter(b); p != "" {
						t.reportf(id, "PL010", "%s is the parameter %s, which %s, so the resource may outlive its stack; remove it or use \"Delete\".", attr, p, retain)
					}
				}
			}
		}
	}
}

func isRetain(v any) bool { return v == "Retain" || v == "RetainExceptOnCreate" }

// retainParameter returns the parameter a Ref names and how it may give
// Retain on deploy: as its Default, as one of its AllowedValues, or as any
// value, when it has no AllowedValues. It returns "" for anything else.
func (t *template) retainParameter(v any) (name, how string) {
	fn, arg, ok := intrinsic(v)
	if !ok || fn != "Ref" {
		return "", ""
	}
	name, _ = arg.(string)
	p := t.params[name]
	if p == nil {
		return "", ""
	}
	if d := p.raw.get("Default"); isRetain(d) {
		return name, fmt.Sprintf("defaults to %q", d)
	}
	allowed, isList := p.raw.get("AllowedValues").([]any)
	if !isList {
		return name, "allows any value, \"Retain\" too"
	}
	for _, a := range allowed {
		if isRetain(a) {
			return name, fmt.Sprintf("allows %q", a)
		}
	}
	return "", ""
}

// nameProperties lists, per type, the properties that set a physical name.
var nameProperties = map[string][]string{
	"AWS::CodeBuild::Project":                      {"Name"},
	"AWS::CodeDeploy::Application":                 {"ApplicationName"},
	"AWS::CodeDeploy::DeploymentGroup":             {"ApplicationName", "DeploymentGroupName"},
	"AWS::CodePipeline::Pipeline":                  {"Name"},
	"AWS::CodeStarNotifications::NotificationRule": {"Name"},
	"AWS::EC2::SecurityGroup":                      {"GroupName"},
	"AWS::Events::Rule":                            {"Name"},
	"AWS::IAM::ManagedPolicy":                      {"ManagedPolicyName"},
	"AWS::IAM::Policy":                             {"PolicyName"},
	"AWS::IAM::Role":                               {"RoleName"},
	"AWS::KMS::Alias":                              {"AliasName"},
	"AWS::Lambda::Function":                        {"FunctionName"},
	"AWS::Logs::LogGroup":                          {"LogGroupName"},
	"AWS::S3::Bucket":                              {"BucketName"},
	"AWS::SNS::Topic":                              {"TopicName"},
}

const suffixParam = "EnvironmentSuffix"

// checkPhysicalNames requires every physical name to include the
// EnvironmentSuffix parameter (PL011).
func checkPhysicalNames(t *template) {
	_, hasSuffix := t.params[suffixParam]
	var named []string
	for id, r := range t.each() {
		for _, prop := range nameProperties[r.typ] {
			v, set := r.props.lookup(prop)
			if !set || isNoValue(v) {
				continue
			}
			named = append(named, id)
			if hasSuffix && !t.carriesSuffix(v) {
				t.reportf(id, "PL011", "Properties.%s %s does not include the %s parameter; build it with Fn::Sub, for example \"...-${%s}\", so that environments do not collide.", prop, show(v), suffixParam, suffixParam)
			}
		}
	}
	if !hasSuffix && len(named) > 0 {
		t.reportf("Parameters."+suffixParam, "PL011", "The template names resources (%s) but declares no %s parameter; declare it and use it in every physical name.", strings.Join(compactStrings(named), ", "), suffixParam)
	}
}

func compactStrings(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// carriesSuffix reports whether every value a name may take includes the
// EnvironmentSuffix parameter, or is taken from another resource.
func (t *template) carriesSuffix(v any) bool {
	for b := range eachBranch(v) {
		if !t.carriesSuffixOne(b) {
			return false
		}
	}
	return true
}

func (t *template) carriesSuffixOne(v any) bool {
	fn, arg, ok := intrinsic(v)
	if !ok {
		return false
	}
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		return name == suffixParam || t.resources[name] != nil
	case "Fn::GetAtt":
		return true
	case "Fn::Sub":
		s, vars, ok := subString(arg)
		if !ok {
			return false
		}
		for name := range subVars(s) {
			local, shadowed := vars.lookup(name)
			if !shadowed && name == suffixParam {
				return true
			}
			if shadowed && t.carriesSuffix(local) {
				return true
			}
		}
	case "Fn::Join":
		args, _ := arg.([]any)
		if len(args) != 2 {
			return false
		}
		for _, item := range list(args[1]) {
			if isIntrinsic(item) && t.carriesSuffix(item) {
				return true
			}
		}
	}
	return false
}

// isTemplateKey reports whether a resource is a KMS key of the template or
// an alias of one.
func (t *template) isTemplateKey(id string) bool {
	r := t.resources[id]
	if r == nil {
		return false
	}
	switch r.typ {
	case "AWS::KMS::Key":
		return true
	case "AWS::KMS::Alias":
		for _, ref := range refsIn(r.props.get("TargetKeyId")) {
			if k := t.resources[ref]; k != nil && k.typ == "AWS::KMS::Key" {
				return true
			}
		}
	}
	return false
}

// keyProblem says what is wrong with a property that must reference the
// template's key, or returns "". needARN asks for the key's ARN (Ref gives
// the key ID, or the alias name).
func (t *template) keyProblem(v any, needARN bool) string {
	bs := branches(v)
	if len(bs) == 0 {
		return "is not set"
	}
	for _, b := range bs {
		if s, ok := b.(string); ok {
			if strings.HasPrefix(s, "alias/aws/") || strings.Contains(s, ":alias/aws/") {
				return fmt.Sprintf("is %q, an AWS managed key", s)
			}
			return fmt.Sprintf("is %q, a key this template does not declare", s)
		}
		found := false
		for _, ref := range refsIn(b) {
			if t.isTemplateKey(ref) {
				found = true
			}
		}
		if !found {
			return fmt.Sprintf("is %s, which does not reference the template's AWS::KMS::Key", show(b))
		}
		if name, isRef := refName(b); isRef && needARN {
			return fmt.Sprintf("is {\"Ref\": %q}, which gives a key ID or alias name, but an ARN is required", name)
		}
	}
	return ""
}

// keyAdvice tells how to fix a key reference.
func (t *template) keyAdvice() string {
	if k := t.key; k != "" {
		return fmt.Sprintf("use {\"Fn::GetAtt\": [%q, \"Arn\"]}", k)
	}
	return "declare an AWS::KMS::Key in the template and use its Fn::GetAtt Arn"
}

func (t *template) requireKey(id, path string, v any, needARN bool) {
	if p := t.keyProblem(v, needARN); p != "" {
		t.reportf(id, "PL012", "%s %s; %s.", path, p, t.keyAdvice())
	}
}

// checkEncryption requires the template's customer-managed key wherever data
// is stored (PL012).
func checkEncryption(t *template) {
	for id, r := range t.each() {
		p := r.props
		switch r.typ {
		case "AWS::S3::Bucket":
			checkBucketEncryption(t, id, p)
		case "AWS::Logs::LogGroup":
			t.requireKey(id, "Properties.KmsKeyId", p.get("KmsKeyId"), true)
		case "AWS::CodeBuild::Project":
			t.requireKey(id, "Properties.EncryptionKey", p.get("EncryptionKey"), false)
		case "AWS::CodePipeline::Pipeline":
			checkArtifactStoreKeys(t, id, p)
		case "AWS::SNS::Topic":
			t.requireKey(id, "Properties.KmsMasterKeyId", p.get("KmsMasterKeyId"), false)
		case "AWS::Lambda::Function":
			if vars, ok := get(p, "Environment", "Variables").(*object); ok && vars.len() > 0 {
				t.requireKey(id, "Properties.KmsKeyArn", p.get("KmsKeyArn"), true)
			}
		}
	}
}

func checkBucketEncryption(t *template, id string, p *object) {
	rules := list(get(p, "BucketEncryption", "ServerSideEncryptionConfiguration"))
	if len(rules) == 0 {
		t.reportf(id, "PL012", "Properties.BucketEncryption is not set; use SSEAlgorithm \"aws:kms\" with KMSMasterKeyID set to the template's key (%s).", t.keyAdvice())
		return
	}
	for i, rule := range rules {
		path := "Properties.BucketEncryption.ServerSideEncryptionConfiguration[" + strconv.Itoa(i) + "].ServerSideEncryptionByDefault"
		def := get(rule, "ServerSideEncryptionByDefault")
		alg, _ := literal(get(def, "SSEAlgorithm"))
		if alg != "" && alg != "aws:kms" && alg != "aws:kms:dsse" {
			t.reportf(id, "PL012", "%s.SSEAlgorithm is %q; use \"aws:kms\" with the template's key.", path, alg)
			continue
		}
		t.requireKey(id, path+".KMSMasterKeyID", get(def, "KMSMasterKeyID"), false)
	}
}

func checkArtifactStoreKeys(t *template, id string, p *object) {
	check := func(path string, store any) {
		key := get(store, "EncryptionKey")
		if key == nil {
			t.reportf(id, "PL012", "%s.EncryptionKey is not set, so artifacts use the AWS managed key aws/s3; set Type \"KMS\" and Id to the template's key (%s).", path, t.keyAdvice())
			return
		}
		if typ, ok := literal(get(key, "Type")); ok && typ != "KMS" {
			t.reportf(id, "PL012", "%s.EncryptionKey.Type is %q; use \"KMS\".", path, typ)
		}
		t.requireKey(id, path+".EncryptionKey.Id", get(key, "Id"), false)
	}
	if store := get(p, "ArtifactStore"); store != nil {
		check("Properties.ArtifactStore", store)
	}
	for i, s := range list(get(p, "ArtifactStores")) {
		check("Properties.ArtifactStores["+strconv.Itoa(i)+"].ArtifactStore", get(s, "ArtifactStore"))
	}
}

// checkLogRetention requires RetentionInDays 30 (PL020).
func checkLogRetention(t *template) {
	for id, r := range t.each() {
		if r.typ != "AWS::Logs::LogGroup" {
			continue
		}
		v, set := r.props.lookup("RetentionInDays")
		if !set || isNoValue(v) {
			t.report(id, "PL020", "Properties.RetentionInDays is not set, so logs are kept forever; set it to 30.")
			continue
		}
		values, free := t.deployValues(v)
		for _, d := range values {
			if d.noValue {
				t.report(id, "PL020", "Properties.RetentionInDays is an Fn::If that can give AWS::NoValue, and logs are then kept forever; set it to 30 in every case.")
				continue
			}
			if text, n, isNum := scalarForms(d.v); !isNum || n != 30 {
				if d.v == nil {
					text = "null"
				}
				t.reportf(id, "PL020", "Properties.RetentionInDays is %s%s; the platform requires exactly 30.", text, d.says())
				free = slices.DeleteFunc(free, func(name string) bool { return name == d.param })
			}
		}
		for _, name := range free {
			t.reportf(id, "PL020", "Properties.RetentionInDays is the parameter %s, which allows any number of days; set it to 30, or give the parameter AllowedValues [30].", name)
		}
	}
}

// deployValue is one value a property can take when the stack deploys.
type deployValue struct {
	v       any    // a value written in the template (nil for null)
	noValue bool   // AWS::NoValue: the property is left unset
	param   string // the parameter it comes from, or ""
	how     string // how the parameter gives it: "defaults to", "allows"
}

// deployValues returns the values a property can take that the template
// spells out: each branch of an Fn::If (AWS::NoValue as noValue), and for a
// Ref to a parameter, its Default and AllowedValues. free names the
// parameters among them that take any value (no AllowedValues). Values
// that other functions compute are left out.
func (t *template) deployValues(v any) (values []deployValue, free []string) {
	var walk func(v any)
	walk = func(v any) {
		fn, arg, ok := intrinsic(v)
		switch {
		case !ok:
			values = append(values, deployValue{v: v})
		case fn == "Ref" && arg == "AWS::NoValue":
			values = append(values, deployValue{noValue: true})
		case fn == "Fn::If":
			if args, isList := arg.([]any); isList && len(args) == 3 {
				walk(args[1])
				walk(args[2])
			}
		case fn == "Ref":
			name, _ := arg.(string)
			p := t.params[name]
			if p == nil {
				return
			}
			d, hasDefault := p.raw.lookup("Default")
			if hasDefault {
				values = append(values, deployValue{v: d, param: name, how: "defaults to"})
			}
			allowed, isList := p.raw.get("AllowedValues").([]any)
			if !isList {
				free = append(free, name)
				return
			}
			for _, a := range allowed {
				if !hasDefault || scalarText(a) != scalarText(d) {
					values = append(values, deployValue{v: a, param: name, how: "allows"})
				}
			}
		}
	}
	walk(v)
	return values, free
}

// says describes where a value of deployValues comes from, for a message:
// "" for a value written as it is, or ", which parameter X defaults to".
func (d deployValue) says() string {
	if d.param == "" {
		return ""
	}
	return fmt.Sprintf(" (parameter %s %s it)", d.param, d.how)
}
