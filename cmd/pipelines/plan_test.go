package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"pipelines/plan"
)

// TestPlanNamesTheFirstUnreadableFile: of several files no longer
// generated that cannot be read, plan names the first by path, in every
// run.
func TestPlanNamesTheFirstUnreadableFile(t *testing.T) {
	w := newWorkspace(t)
	removed := []string{"bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"}
	w.write("services.hcl", services("main", append([]string{"alpha"}, removed...)...))
	w.mustBuild()
	w.write("services.hcl", services("main", "alpha"))
	for _, name := range removed {
		p := w.path("out/" + name + "/pipeline.json")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	want := "pipelines plan: " + w.path("out/bravo/pipeline.json") + " is a folder; refusing to use it\n"
	for range 20 {
		var stdout, stderr bytes.Buffer
		code := run([]string{"plan", "-f", w.path("services.hcl"), "-o", w.path("out")}, nil, &stdout, &stderr)
		if code != exitFailed || !strings.HasSuffix(stderr.String(), want) {
			t.Fatalf("plan exited %d, want %d and stderr ending in %q:\n%s", code, exitFailed, want, stderr.String())
		}
	}
}

func TestNameless(t *testing.T) {
	tests := []struct{ s, name, want string }{
		{"role-orders-build-${EnvironmentSuffix}", "orders", "role-<service>-build-${EnvironmentSuffix}"},
		{"orders", "orders", "<service>"},
		{"orders-api and orders", "orders", "<service>-api and <service>"},
		{"arn:aws:codecommit:us-east-1:111111111111:orders", "orders", "arn:aws:codecommit:us-east-1:111111111111:<service>"},
		{"preorders orders2 ordersx", "orders", "preorders orders2 ordersx"},
		{"a-b-a", "a", "<service>-b-<service>"},
		{"aaa", "a", "aaa"},
		{"a-a-a", "a-a", "<service>-a"},
		{"xa-a a-a", "a-a", "xa-a <service>"},
		{"Orders", "orders", "Orders"},
		{"", "orders", ""},
	}
	for _, tt := range tests {
		n := nameless{name: tt.name}
		if got := n.text(tt.s); got != tt.want {
			t.Errorf("nameless{%q}.text(%q) = %q, want %q", tt.name, tt.s, got, tt.want)
		}
	}
	// Writing the name back gives the text again, whatever it is.
	r := rand.New(rand.NewPCG(1, 2))
	for range 10_000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString([]string{"a", "b", "-", "a-a", "ab", " ", ":", "0"}[r.IntN(8)])
		}
		s, name := b.String(), []string{"a", "a-a", "ab", "b-0"}[r.IntN(4)]
		n := nameless{name: name}
		if got := n.text(s); strings.ReplaceAll(got, servicePlaceholder, name) != s {
			t.Fatalf("nameless{%q}.text(%q) = %q, which does not give the text back", name, s, got)
		}
	}
}

func TestMergeAlike(t *testing.T) {
	change := func(old, new any) *plan.Template {
		return &plan.Template{Resources: []plan.Resource{{LogicalID: "BuildProject", Type: "AWS::CodeBuild::Project", Action: plan.Update,
			Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.Name", Old: old, New: new}}}}}
	}
	group := func(name string, diff *plan.Template) planGroup {
		return planGroup{names: []string{name}, files: []planFile{{path: name + "/pipeline.json", action: plan.Update, diff: diff}}}
	}
	groups := []planGroup{
		group("alpha", change(json.Number("30"), json.Number("40"))),
		group("bravo", change("bravo-a", "bravo-b")),
		group("charlie", change(json.Number("30"), json.Number("40"))),
		group("delta", change("delta-a", "delta-b")),
		group("echo", change("echo-a", "echo-c")),
		group("foxtrot", change(json.Number("30"), json.Number("45"))),
		// The text <service> itself is never taken for a name.
		group("golf", change("<service>-a", "<service>-b")),
		group("hotel", change("hotel-a", "hotel-b")),
		// Nor is it in a path, which is shown as it is.
		group("india", &plan.Template{Resources: []plan.Resource{{LogicalID: "Topic", Type: "AWS::SNS::Topic", Action: plan.Update,
			Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.Tags.<service>", Old: "a", New: "b"}}}}}),
		group("juliett", &plan.Template{Resources: []plan.Resource{{LogicalID: "Topic", Type: "AWS::SNS::Topic", Action: plan.Update,
			Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.Tags.<service>", Old: "a", New: "b"}}}}}),
		{names: []string{"shared"}, files: []planFile{{path: "shared/NOTES.md", action: plan.Update}}},
	}
	merged, err := mergeAlike(groups)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range merged {
		got = append(got, strings.Join(g.names, ","))
	}
	want := []string{"alpha,charlie", "bravo,delta,hotel", "echo", "foxtrot", "golf", "india", "juliett", "shared"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups (-want +got)\n%s", diff)
	}
	// A merged group shows its changes with <service> for the name; a
	// group of one shows them as they are.
	if c := merged[1].files[0].diff.Resources[0].Changes[0]; c.Old != "<service>-a" || c.New != "<service>-b" {
		t.Errorf("merged change %v → %v, want <service>-a → <service>-b", c.Old, c.New)
	}
	if c := merged[2].files[0].diff.Resources[0].Changes[0]; c.Old != "echo-a" {
		t.Errorf("change of echo alone: %v, want echo-a", c.Old)
	}
	if p := merged[1].path("out", merged[1].files[0]); p != "out/<service>/pipeline.json" {
		t.Errorf("path of a merged group's file: %s", p)
	}
}

// TestPlanMarkdownFitsAComment: a plan too long for a pull request
// comment leaves out the sections that do not fit, whole, and says how
// many.
func TestPlanMarkdownFitsAComment(t *testing.T) {
	bp := &buildPlan{dir: "out", input: "services.hcl", services: 2000}
	for i := range 2000 {
		name := fmt.Sprintf("svc%04d", i)
		diff := &plan.Template{Resources: []plan.Resource{{LogicalID: "BuildProject", Type: "AWS::CodeBuild::Project", Action: plan.Update,
			Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.TimeoutInMinutes", Old: json.Number("30"), New: json.Number(strconv.Itoa(31 + i))}}}}}
		bp.groups = append(bp.groups, planGroup{names: []string{name}, files: []planFile{{path: name + "/pipeline.json", action: plan.Update, diff: diff}}})
		bp.summary.Count(diff)
	}
	var b strings.Builder
	writePlanMarkdown(&b, bp)
	out := b.String()
	if n := utf8.RuneCountInString(out); n > maxComment {
		t.Errorf("%d characters, more than a comment holds (%d)", n, maxComment)
	}
	shown := strings.Count(out, "\n### ")
	if shown < 100 || shown >= 2000 {
		t.Fatalf("%d sections shown of 2000", shown)
	}
	last := fmt.Sprintf("### svc%04d\n", shown-1)
	if !strings.Contains(out, last) || !strings.Contains(out[strings.Index(out, last):], "Properties.TimeoutInMinutes") {
		t.Errorf("the last section shown, %q, is not whole", last)
	}
	note := fmt.Sprintf("**%d more folders of `out`, with %d files to change, are left out:** a pull request comment holds at most 65536 characters. Run `pipelines plan` for the whole plan.\n", 2000-shown, 2000-shown)
	if !strings.Contains(out, note) || !strings.Contains(out, "**Plan: 0 to add, 2000 to change, 0 to destroy.**") {
		t.Errorf("no summary or note %q:\n%s", note, out[len(out)-400:])
	}
}

// alikePlan is a plan of n services that change alike, named by
// prefix and a number, and of single services after them, each with a
// change of its own, in folders named single0000... under dir.
func alikePlan(dir, prefix string, n, single int) *buildPlan {
	diff := func(v int) *plan.Template {
		return &plan.Template{Resources: []plan.Resource{{LogicalID: "BuildProject", Type: "AWS::CodeBuild::Project", Action: plan.Update,
			Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.TimeoutInMinutes", Old: json.Number("30"), New: json.Number(strconv.Itoa(v))}}}}}
	}
	bp := &buildPlan{dir: dir, input: "services.hcl", services: n + single}
	g := planGroup{files: []planFile{{path: "<service>/pipeline.json", action: plan.Update, diff: diff(40)}}}
	for i := range n {
		g.names = append(g.names, fmt.Sprintf("%s%05d", prefix, i))
		bp.summary.Count(g.files[0].diff)
	}
	if n > 0 {
		bp.groups = append(bp.groups, g)
	}
	for i := range single {
		name := fmt.Sprintf("single%04d", i)
		f := planFile{path: name + "/pipeline.json", action: plan.Update, diff: diff(41 + i)}
		bp.groups = append(bp.groups, planGroup{names: []string{name}, files: []planFile{f}})
		bp.summary.Count(f.diff)
	}
	return bp
}

// TestPlanMarkdownNamesFewerServices: when the names of the services that
// change alike do not fit in a comment, it names as many as fit, counts
// the others, and still shows their changes.
func TestPlanMarkdownNamesFewerServices(t *testing.T) {
	var b strings.Builder
	writePlanMarkdown(&b, alikePlan("out", "service-", 9000, 0))
	out := b.String()
	if n := utf8.RuneCountInString(out); n > maxComment {
		t.Errorf("%d characters, more than a comment holds (%d)", n, maxComment)
	}
	for _, want := range []string{
		"### 9000 services\n",
		"The same changes in each of these 9000 services.",
		"more: `pipelines plan` lists them all\n\n</details>\n",
		"`out/<service>/pipeline.json` will be updated.",
		"`Properties.TimeoutInMinutes`: `30` → `40`",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out[:min(len(out), 600)])
		}
	}
	if strings.Contains(out, "left out") {
		t.Errorf("a section left out:\n%s", out[len(out)-400:])
	}
	// A few names and the changes of many single services: the names
	// leave room for the changes, and are listed in full when they fit.
	b.Reset()
	writePlanMarkdown(&b, alikePlan("out", "s", 3, 1500))
	out = b.String()
	if !strings.Contains(out, "\n### s00000, s00001, s00002\n") || strings.Contains(out, "<details>") {
		t.Errorf("three services not named in the heading:\n%s", out[:min(len(out), 600)])
	}
	// Thousands of names and the changes of many single services: each
	// list of names is cut to leave room for changes.
	b.Reset()
	writePlanMarkdown(&b, alikePlan("out", "service-", 9000, 200))
	out = b.String()
	if n := utf8.RuneCountInString(out); n > maxComment {
		t.Errorf("%d characters, more than a comment holds (%d)", n, maxComment)
	}
	if !strings.Contains(out, "\n### single0199\n") || strings.Contains(out, "left out") {
		t.Errorf("the single services are not all shown:\n%s", out[len(out)-400:])
	}
}

// TestPlanMarkdownLeftOutNote: the note on the folders a comment leaves
// out fits in the comment whatever the output folder's name, says "more"
// only after some folders are shown, and counts right.
func TestPlanMarkdownLeftOutNote(t *testing.T) {
	dirs := []string{"out", "generated/`cfn`"}
	for n := 100; n < 400; n += 3 {
		dirs = append(dirs, strings.Repeat("d", n))
	}
	for _, dir := range dirs {
		for _, single := range []int{1000, 1099} {
			var b strings.Builder
			writePlanMarkdown(&b, alikePlan(dir, "", 0, single))
			out := b.String()
			if n := utf8.RuneCountInString(out); n > maxComment {
				t.Errorf("-o %.10s…, %d services: %d characters, more than a comment holds (%d)", dir, single, n, maxComment)
			}
			shown := strings.Count(out, "\n### ")
			left := single - shown
			if !strings.Contains(out, fmt.Sprintf("**%d more folders of %s, with %d files to change, are left out:**", left, code(dir), left)) {
				t.Errorf("-o %.10s…, %d services, %d shown: no note, or a wrong one:\n%s", dir, single, shown, out[len(out)-500:])
			}
		}
	}
	// One section of its own too long for a comment.
	bp := alikePlan("out", "", 0, 1)
	c := &bp.groups[0].files[0].diff.Resources[0].Changes[0]
	for i := range 3000 {
		c := *c
		c.Path = fmt.Sprintf("Properties.Tags[%d]", i)
		bp.groups[0].files[0].diff.Resources[0].Changes = append(bp.groups[0].files[0].diff.Resources[0].Changes, c)
	}
	var b strings.Builder
	writePlanMarkdown(&b, bp)
	if want := "**1 folder of `out`, with 1 file to change, is left out:** a pull request comment holds at most 65536 characters. Run"; !strings.Contains(b.String(), want) {
		t.Errorf("no %q in\n%s", want, b.String())
	}
	// Replacements and security-relevant changes left out are counted.
	bp.groups[0].files[0].diff.Resources[0].Action = plan.Replace
	bp.groups[0].files[0].diff.Resources[0].Security = true
	b.Reset()
	writePlanMarkdown(&b, bp)
	if want := "is left out:** a pull request comment holds at most 65536 characters. Among them: 1 resource to replace and 1 resource with security-relevant changes. Run `pipelines plan` for the whole plan.\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("no %q at the end of\n%s", want, b.String())
	}
}

// TestPlanTextListsManyServicesAfterTheirChanges: services that change
// alike are named in the heading when few, and listed after the changes
// when many; new ones are said to be new.
func TestPlanTextListsManyServicesAfterTheirChanges(t *testing.T) {
	diff := &plan.Template{Resources: []plan.Resource{{LogicalID: "BuildProject", Type: "AWS::CodeBuild::Project", Action: plan.Update,
		Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.TimeoutInMinutes", Old: json.Number("30"), New: json.Number("40")}}}}}
	added := &plan.Template{Resources: []plan.Resource{{LogicalID: "Pipeline", Type: "AWS::CodePipeline::Pipeline", Action: plan.Create}}}
	bp := &buildPlan{dir: "out", input: "services.hcl", services: 9, groups: []planGroup{
		{names: []string{"alpha-service", "bravo-service", "charlie-service", "delta-service", "echo-service", "foxtrot-service", "golf-service"},
			files: []planFile{{path: "alpha-service/pipeline.json", action: plan.Update, diff: diff}}},
		{names: []string{"hotel", "india"}, files: []planFile{{path: "hotel/pipeline.json", action: plan.Create, diff: added}}},
	}}
	var b strings.Builder
	writePlanText(&b, bp)
	want := `7 services: the same changes in each, listed below
  ~ out/<service>/pipeline.json
      ~ BuildProject (AWS::CodeBuild::Project)
          ~ Properties.TimeoutInMinutes: 30 → 40
  in each of:
    alpha-service, bravo-service, charlie-service, delta-service, echo-service,
    foxtrot-service, golf-service

hotel, india (new): the same files in each
  + out/<service>/pipeline.json
      + Pipeline (AWS::CodePipeline::Pipeline)

Files: 2 to add, 7 to update, 0 to delete, 0 unchanged.
Plan: 0 to add, 0 to change, 0 to destroy.
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("plan (-want +got)\n%s", diff)
	}
	b.Reset()
	writePlanMarkdown(&b, bp)
	for _, line := range []string{"\n### 7 services\n\nThe same changes in each of these 7 services.\n", "\n### hotel, india (new)\n\nThe same files in each of these 2 services.\n"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("markdown plan without %q:\n%s", line, b.String())
		}
	}
}

// TestPlanMarkdownWholeWhenItFits: a plan that fits in a comment is
// written whole, even when the room for the note on what is left out would
// not have been left after the next to last section.
func TestPlanMarkdownWholeWhenItFits(t *testing.T) {
	bp := alikePlan("out", "", 0, 390)
	bp.groups = append(bp.groups, planGroup{names: []string{"z"}, files: []planFile{{path: "z/old.json", action: plan.Delete}}})
	var b strings.Builder
	writePlanMarkdown(&b, bp)
	// Lengthen the first section until the plan is exactly as long as a
	// comment may be.
	bp.groups[0].files[0].note = strings.Repeat("x", maxComment-utf8.RuneCountInString(b.String())-len(" ()"))
	b.Reset()
	writePlanMarkdown(&b, bp)
	out := b.String()
	if n := utf8.RuneCountInString(out); n != maxComment || strings.Contains(out, "left out") || !strings.HasSuffix(out, "`out/z/old.json` will be deleted.\n") {
		t.Errorf("%d characters, want %d and the whole plan; it ends:\n%s", n, maxComment, out[len(out)-300:])
	}
}

// TestPlanNotesTwins: sections that read the same as far as the plan shows
// values, though their changes differ further on, say so.
func TestPlanNotesTwins(t *testing.T) {
	long := func(mid string) *plan.Template {
		return &plan.Template{Resources: []plan.Resource{{LogicalID: "BuildPolicy", Type: "AWS::IAM::Policy", Action: plan.Update, Security: true,
			Changes: []plan.Change{{Kind: plan.Add, Path: "Properties.PolicyDocument.Statement[3]", New: strings.Repeat("x", 50) + mid + strings.Repeat("x", 50)}}}}}
	}
	groups := []planGroup{
		{names: []string{"alpha"}, files: []planFile{{path: "alpha/pipeline.json", action: plan.Update, diff: long("1")}}},
		{names: []string{"bravo"}, files: []planFile{{path: "bravo/pipeline.json", action: plan.Update, diff: long("2")}}},
		{names: []string{"charlie"}, files: []planFile{{path: "charlie/pipeline.json", action: plan.Update, diff: long("1")}}},
		{names: []string{"delta"}, files: []planFile{{path: "delta/deploy-production.json", action: plan.Update, diff: long("3")}}},
	}
	merged, err := mergeAlike(groups)
	if err != nil {
		t.Fatal(err)
	}
	markTwins(merged)
	bp := &buildPlan{dir: "out", input: "services.hcl", services: 4, groups: merged}
	var b strings.Builder
	writePlanText(&b, bp)
	want := "alpha, charlie: the same changes in each\n" +
		"  ~ out/<service>/pipeline.json\n" +
		"      ~ BuildPolicy (AWS::IAM::Policy) security-relevant\n" +
		"          + Properties.PolicyDocument.Statement[3]: \"" + strings.Repeat("x", 39) + "…" + strings.Repeat("x", 18) + "\"\n\n" +
		"bravo\n" +
		"  (reads as the section of alpha, charlie above: the two differ in values too long to show)\n" +
		"  ~ out/bravo/pipeline.json\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("plan starts\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Count(b.String(), "reads as") != 1 {
		t.Errorf("delta's change is in another file, and reads otherwise:\n%s", b.String())
	}
	b.Reset()
	writePlanMarkdown(&b, bp)
	if want := "\n### bravo\n\n_Reads as the section of alpha, charlie above: the two differ in values too long to show._\n"; !strings.Contains(b.String(), want) {
		t.Errorf("markdown without %q:\n%s", want, b.String())
	}
}

// TestPlanTwinOfManyServicesNamesOne: the note on a twin of a section of
// many services tells that section from another of as many.
func TestPlanTwinOfManyServicesNamesOne(t *testing.T) {
	diff := func(v string) *plan.Template {
		return &plan.Template{Resources: []plan.Resource{{LogicalID: "BuildProject", Type: "AWS::CodeBuild::Project", Action: plan.Update,
			Changes: []plan.Change{{Kind: plan.Modify, Path: "Properties.Description", Old: "a", New: v}}}}}
	}
	names := func(prefix string, n int) []string {
		var ns []string
		for i := range n {
			ns = append(ns, fmt.Sprintf("%s-%d", prefix, i))
		}
		return ns
	}
	long := strings.Repeat("x", 50)
	groups := []planGroup{
		{names: names("alpha", 6), files: []planFile{{path: "alpha-0/pipeline.json", action: plan.Update, diff: diff(long + "1" + long)}}},
		{names: names("bravo", 6), files: []planFile{{path: "bravo-0/pipeline.json", action: plan.Update, diff: diff("b")}}},
		{names: names("charlie", 6), files: []planFile{{path: "charlie-0/pipeline.json", action: plan.Update, diff: diff(long + "2" + long)}}},
	}
	markTwins(groups)
	if want := "6 services (alpha-0 and 5 more)"; groups[2].twin != want {
		t.Errorf("twin %q, want %q", groups[2].twin, want)
	}
	if groups[0].twin != "" || groups[1].twin != "" {
		t.Errorf("twins %q and %q, want none", groups[0].twin, groups[1].twin)
	}
}
