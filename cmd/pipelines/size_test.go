package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pipelines/emit"
)

// TestTemplateTooLarge: a service whose pipeline template would pass
// CloudFormation's size limit is refused by validate, at the service's
// name in services.hcl, and build writes nothing.
func TestTemplateTooLarge(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha"))
	w.mustBuild()
	before := snapshot(t, w.path("out"))

	// Many stages, each with the most rollback alarms, whose names JSON
	// escapes: twice the stages that always fit.
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(services("main"), "}\n"))
	for i := range 2 * emit.StagesWithinSizeLimit {
		alarms := make([]string, 10)
		for j := range alarms {
			alarms[j] = fmt.Sprintf("%q", fmt.Sprintf("s%02d-%02d-", i, j)+strings.Repeat(`"`, 240))
		}
		fmt.Fprintf(&b, "  stage \"s%02d\" {\n    cluster = \"c\"\n    ecs_service = \"s%02d\"\n", i, i)
		b.WriteString("    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef\"\n")
		fmt.Fprintf(&b, "    target_groups = [\"s%02d-blue\", \"s%02d-green\"]\n    rollback_alarms = [%s]\n    require_approval = true\n  }\n", i, i, strings.Join(alarms, ", "))
	}
	b.WriteString("}\n\nservice \"alpha\" {}\n")
	w.write("services.hcl", b.String())
	line := strings.Count(b.String()[:strings.Index(b.String(), `service "alpha"`)], "\n") + 1

	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "-f", w.path("services.hcl")}, nil, &stdout, &stderr)
	want := regexp.MustCompile(fmt.Sprintf(`(?m)^.*services\.hcl:%d:9: error: Template over CloudFormation's quotas$`, line))
	if code != exitFailed || !want.MatchString(stderr.String()) || !strings.Contains(stderr.String(), "bytes, where CloudFormation") {
		t.Errorf("validate exited %d and printed:\n%s\nwant %d and %s", code, stderr.String(), exitFailed, want)
	}
	code, _, errs := w.build()
	if code != exitFailed || !want.MatchString(errs) {
		t.Errorf("build exited %d and printed:\n%s\nwant %d and %s", code, errs, exitFailed, want)
	}
	if diff := cmp.Diff(before, snapshot(t, w.path("out"))); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
}
