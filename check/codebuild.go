package check

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	// secretWords are the words that mark an environment variable name as
	// a credential, in any case. secretName matches them; isSecretName asks
	// it only about names that are not ASCII.
	secretWords = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PASSWORD", "SECRET", "TOKEN"}
	secretName  = regexp.MustCompile(`(?i)` + strings.Join(secretWords, "|"))
	// urlWithUser matches a URL that carries user information.
	urlWithUser = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://[^/@\s]+@`)
)

// checkCodeBuild applies PL030 to PL035 to every CodeBuild project.
func checkCodeBuild(t *template) {
	for id, r := range t.each() {
		if r.typ != "AWS::CodeBuild::Project" {
			continue
		}
		p := r.props
		checkComputeType(t, id, p)
		checkBuildVPC(t, id, p)
		checkBuildLogs(t, id, p)
		checkBuildVariables(t, id, p)
		checkSourceURLs(t, id, p)
		checkBuildEncryptionFlags(t, id, p)
	}
}

func checkComputeType(t *template, id string, p *object) {
	values, free := t.deployValues(get(p, "Environment", "ComputeType"))
	for _, d := range values {
		if s, ok := literal(d.v); ok && s != "BUILD_GENERAL1_SMALL" {
			t.reportf(id, "PL030", "Properties.Environment.ComputeType: %q%s is not allowed; use \"BUILD_GENERAL1_SMALL\".", s, d.says())
			free = slices.DeleteFunc(free, func(name string) bool { return name == d.param })
		}
	}
	for _, name := range free {
		t.reportf(id, "PL030", "Properties.Environment.ComputeType is the parameter %s, which allows any compute type; use \"BUILD_GENERAL1_SMALL\", or give the parameter AllowedValues [\"BUILD_GENERAL1_SMALL\"].", name)
	}
}

func checkBuildVPC(t *template, id string, p *object) {
	vpc := get(p, "VpcConfig")
	if vpc == nil {
		t.report(id, "PL031", "Properties.VpcConfig is not set, so the build runs outside the VPC; set VpcId, Subnets and SecurityGroupIds.")
		return
	}
	if _, _, isFn := intrinsic(vpc); isFn {
		if values, _ := t.deployValues(vpc); slices.ContainsFunc(values, func(d deployValue) bool { return d.noValue }) {
			t.report(id, "PL031", "Properties.VpcConfig is an Fn::If that can give AWS::NoValue, and the build then runs outside the VPC; set VpcId, Subnets and SecurityGroupIds in every case.")
		}
		return
	}
	for _, key := range []string{"VpcId", "Subnets", "SecurityGroupIds"} {
		v := get(vpc, key)
		if l, isList := v.([]any); v == nil || (isList && len(l) == 0) {
			t.reportf(id, "PL031", "Properties.VpcConfig.%s is not set; a build in the VPC needs VpcId, Subnets and SecurityGroupIds.", key)
		}
	}
}

func checkBuildLogs(t *template, id string, p *object) {
	cw := get(p, "LogsConfig", "CloudWatchLogs")
	if cw == nil {
		t.report(id, "PL032", "Properties.LogsConfig.CloudWatchLogs is not set; set Status \"ENABLED\" and GroupName to the template's log group.")
		return
	}
	if isIntrinsic(cw) {
		return
	}
	if status, ok := literal(get(cw, "Status")); ok && status != "ENABLED" {
		t.reportf(id, "PL032", "Properties.LogsConfig.CloudWatchLogs.Status is %q; use \"ENABLED\".", status)
	}
	group := get(cw, "GroupName")
	if group == nil {
		t.report(id, "PL032", "Properties.LogsConfig.CloudWatchLogs.GroupName is not set, so logs go to a default, unencrypted group; name the template's log group with {\"Ref\": \"<LogGroup>\"}.")
		return
	}
	for _, ref := range refsIn(group) {
		if r := t.resources[ref]; r != nil && r.typ != "AWS::Logs::LogGroup" {
			t.reportf(id, "PL032", "Properties.LogsConfig.CloudWatchLogs.GroupName refers to %s, a %s; it must name an AWS::Logs::LogGroup.", ref, r.typ)
		}
	}
}

func checkBuildVariables(t *template, id string, p *object) {
	for i, v := range list(get(p, "Environment", "EnvironmentVariables")) {
		name, ok := literal(get(v, "Name"))
		if !ok || !isSecretName(name) {
			continue
		}
		typ, _ := literal(get(v, "Type"))
		if typ == "" || typ == "PLAINTEXT" {
			t.reportf(id, "PL033", "Properties.Environment.EnvironmentVariables[%d] %q holds a credential as PLAINTEXT; store it in Secrets Manager or Parameter Store and use Type \"SECRETS_MANAGER\" or \"PARAMETER_STORE\".", i, name)
		}
	}
}

// isSecretName reports whether secretName matches name. An ASCII name is
// upper-cased and searched for each word, which is what the regexp does
// for it, and far faster.
func isSecretName(name string) bool {
	for i := range len(name) {
		if name[i] >= utf8.RuneSelf {
			return secretName.MatchString(name)
		}
	}
	upper := strings.ToUpper(name)
	for _, word := range secretWords {
		if strings.Contains(upper, word) {
			return true
		}
	}
	return false
}

func checkSourceURLs(t *template, id string, p *object) {
	check := func(path string, loc any) {
		for b := range eachBranch(loc) {
			text, ok := literal(b)
			if !ok {
				if fn, arg, isFn := intrinsic(b); isFn && fn == "Fn::Sub" {
					text, _, _ = subString(arg)
				}
			}
			if urlWithUser.MatchString(text) {
				t.reportf(id, "PL034", "%s embeds credentials in the URL; connect the source with an AWS CodeConnections connection or OAuth instead.", path)
			}
		}
	}
	check("Properties.Source.Location", get(p, "Source", "Location"))
	for i, s := range list(get(p, "SecondarySources")) {
		check("Properties.SecondarySources["+strconv.Itoa(i)+"].Location", get(s, "Location"))
	}
}

func checkBuildEncryptionFlags(t *template, id string, p *object) {
	flag := func(path string, v any) {
		if isTrue(v) {
			t.reportf(id, "PL035", "%s is true; remove it so the data stays encrypted.", path)
		}
	}
	flag("Properties.Artifacts.EncryptionDisabled", get(p, "Artifacts", "EncryptionDisabled"))
	for i, a := range list(get(p, "SecondaryArtifacts")) {
		flag("Properties.SecondaryArtifacts["+strconv.Itoa(i)+"].EncryptionDisabled", get(a, "EncryptionDisabled"))
	}
	flag("Properties.LogsConfig.S3Logs.EncryptionDisabled", get(p, "LogsConfig", "S3Logs", "EncryptionDisabled"))
}
