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
		if got := nameless(tt.s, tt.name); got != tt.want {
			t.Errorf("nameless(%q, %q) = %q, want %q", tt.s, tt.name, got, tt.want)
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
		if back := strings.ReplaceAll(nameless(s, name), servicePlaceholder, name); back != s {
			t.Fatalf("nameless(%q, %q) = %q, which does not give the text back", s, name, nameless(s, name))
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
	want := []string{"alpha,charlie", "bravo,delta,hotel", "echo", "foxtrot", "golf", "shared"}
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
