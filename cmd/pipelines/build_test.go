package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"pipelines/emit"
	"pipelines/internal/gen"
)

// TestVerifyRefusesBadTemplates shows that the gate of build -verify, the
// checks of 'pipelines check', rejects a template that breaks policy.
func TestVerifyRefusesBadTemplates(t *testing.T) {
	good, err := os.ReadFile("../../out/orders/pipeline.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := verify(emit.File{Path: "orders/pipeline.json", Data: good}); len(got) != 0 {
		t.Fatalf("generated template fails its checks: %v", got)
	}
	bad := strings.Replace(string(good), `"EnableKeyRotation": true`, `"EnableKeyRotation": false`, 1)
	got := verify(emit.File{Path: "orders/pipeline.json", Data: []byte(bad)})
	if len(got) != 1 || got[0].Rule != "PL050" || got[0].Resource != "ArtifactKey" {
		t.Errorf("verify = %v, want one PL050 finding on ArtifactKey", got)
	}
	if got := verify(emit.File{Path: "shared/NOTES.md", Data: []byte("# notes\n")}); got != nil {
		t.Errorf("verify checked a non-template: %v", got)
	}
}

// TestBuildVerify shows what -verify changes: a template that fails the
// checks is refused with it, and nothing at all is written, where a build
// without it writes what the generator gave.
func TestBuildVerify(t *testing.T) {
	good, err := os.ReadFile("../../out/orders/pipeline.json")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `"EnableKeyRotation": true`, `"EnableKeyRotation": false`, 1)
	shared := []emit.File{
		{Path: "shared/NOTES.md", Data: []byte("# notes\n")},
		{Path: "shared/bad.json", Data: []byte(bad)},
	}
	for _, verifying := range []bool{true, false} {
		w := newWorkspace(t)
		var stdout, stderr strings.Builder
		code := writeOutput(&env{stdout: &stdout, stderr: &stderr}, w.path("out"), nil, func() ([]emit.File, error) { return shared, nil }, false, verifying, nil)
		_, notes := os.Stat(w.path("out/shared/NOTES.md"))
		if verifying {
			if code != exitFailed || !strings.Contains(stderr.String(), "bad.json: ArtifactKey: PL050") ||
				!strings.Contains(stderr.String(), "1 generated template fails the checks") || !os.IsNotExist(notes) {
				t.Errorf("build -verify of a failing template exited %d, wrote NOTES.md (%v) and printed %q", code, notes, stderr.String())
			}
			continue
		}
		if code != exitOK || stderr.Len() > 0 || notes != nil {
			t.Errorf("build of a failing template, not verified, exited %d (%v) and printed %q", code, notes, stderr.String())
		}
	}
}

// TestOnlyRejectsEmptyNames shows that -only with no name in it is misuse:
// taken as no names at all, it would build every service.
func TestOnlyRejectsEmptyNames(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	for _, only := range []string{"", " ", "alpha,", ",alpha", "alpha, ,bravo"} {
		for _, mode := range [][]string{nil, {"-check"}} {
			code, stdout, stderr := w.build(append(mode, "-only", only)...)
			if code != exitMisuse || stdout != "" || !strings.Contains(stderr, "empty service name") {
				t.Errorf("build %v -only %q exited %d, printed %q and %q; want %d and an empty service name", mode, only, code, stdout, stderr, exitMisuse)
			}
		}
	}
	if _, err := os.Lstat(w.path("out")); !os.IsNotExist(err) {
		t.Errorf("out/ was created: %v", err)
	}
}

// TestBuildGenerated builds a generated platform, as a user's large one,
// on every core, and checks what it wrote: templates are rendered into
// recycled buffers and checked in place while other workers render, so
// anything the checks keep of one template must not change under them
// when its buffer is reused.
func TestBuildGenerated(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  []byte
		want string
	}{
		{"varied", gen.Services(400), "400 services, 416 files: 416 written"},
		// Every feature, every stage: three templates a service.
		{"full", gen.Full(100), "100 services, 302 files: 302 written"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorkspace(t)
			w.write("services.hcl", string(tt.src))
			code, stdout, stderr := w.build()
			if code != exitOK {
				t.Fatalf("build exited %d:\n%s%s", code, stdout, stderr)
			}
			if !strings.HasPrefix(stdout, tt.want+",") {
				t.Errorf("build printed %q; want %q first", stdout, tt.want)
			}
			var out, errs strings.Builder
			code = run([]string{"check", w.path("out")}, nil, &out, &errs)
			if code != exitOK || out.Len() > 0 || !strings.HasSuffix(errs.String(), " templates checked: 0 errors, 0 warnings\n") {
				t.Errorf("check of the output exited %d:\n%s%s", code, out.String(), errs.String())
			}
		})
	}
}

// TestReportReplaced: the replaced files the manifest did not list are
// named, up to maxNamed; the rest are counted, unless one more name
// would say as much.
func TestReportReplaced(t *testing.T) {
	for _, n := range []int{0, 1, maxNamed, maxNamed + 1, maxNamed + 5} {
		var paths []string
		for i := range n {
			paths = append(paths, fmt.Sprintf("s%d/pipeline.json", i))
		}
		var stderr strings.Builder
		reportReplaced(&env{stderr: &stderr}, "out", paths, "which the manifest did not list")
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		if n == 0 {
			if stderr.Len() != 0 {
				t.Errorf("%d files: printed %q", n, stderr.String())
			}
			continue
		}
		named := min(n, maxNamed)
		if n == maxNamed+1 {
			named = n
		}
		want := named
		if named < n {
			want++
			if last := lines[len(lines)-1]; last != fmt.Sprintf("pipelines build: and %d more such files were replaced", n-named) {
				t.Errorf("%d files: last line %q", n, last)
			}
		}
		if len(lines) != want || lines[0] != "pipelines build: replaced out/s0/pipeline.json, which the manifest did not list" {
			t.Errorf("%d files: printed\n%s", n, stderr.String())
		}
	}
}

// TestCheckListsFindingsOfATemplateUpTo: check lists the first
// maxFileFindings findings of a template and counts the rest; the totals
// count them all.
func TestCheckListsFindingsOfATemplateUpTo(t *testing.T) {
	w := newWorkspace(t)
	const n = maxFileFindings + 20
	w.write("hand.json", badTopics("Topic", n))
	w.write("small.json", `{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"Bogus": 1}}}}`)
	var stdout, stderr strings.Builder
	code := run([]string{"check", w.path("hand.json"), w.path("small.json")}, nil, &stdout, &stderr)
	if code != exitFailed {
		t.Fatalf("check exited %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	var hand, small, more []string
	for _, l := range lines {
		switch {
		case strings.Contains(l, "more findings"):
			more = append(more, l)
		case strings.HasPrefix(l, w.path("hand.json")+": Topic"):
			hand = append(hand, l)
		case strings.HasPrefix(l, w.path("small.json")+": T: "):
			small = append(small, l)
		}
	}
	// Each topic has as many findings as the one of small.json.
	k := len(small)
	if len(hand) != maxFileFindings || k == 0 {
		t.Fatalf("%d findings of hand.json and %d of small.json listed; want %d and some", len(hand), k, maxFileFindings)
	}
	want := fmt.Sprintf("%s: %d more findings; only %d of a template are listed", w.path("hand.json"), n*k-maxFileFindings, maxFileFindings)
	if len(more) != 1 || more[0] != want {
		t.Errorf("summary lines %q; want %q", more, want)
	}
	if want := fmt.Sprintf("2 templates checked: %d errors, 0 warnings\n", (n+1)*k); stderr.String() != want {
		t.Errorf("stderr %q; want %q", stderr.String(), want)
	}
}

// TestCheckListsFindingsOfTheWholeTemplate: of a template with more
// findings than check lists, those of the template as a whole (too many
// resources) are listed, though a hundred findings of its resources sort
// before them.
func TestCheckListsFindingsOfTheWholeTemplate(t *testing.T) {
	w := newWorkspace(t)
	const n = 501
	w.write("many.json", badTopics("Res", n))
	var stdout, stderr strings.Builder
	if code := run([]string{"check", w.path("many.json")}, nil, &stdout, &stderr); code != exitFailed {
		t.Fatalf("check exited %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) != maxFileFindings+1 {
		t.Fatalf("%d lines; want %d findings and a count", len(lines), maxFileFindings)
	}
	want := w.path("many.json") + ": Template: CFN005: The Resources section has 501 entries; CloudFormation allows at most 500 in a template."
	if !slices.Contains(lines, want) {
		t.Errorf("no line %q in\n%s", want, stdout.String())
	}
	if !strings.HasPrefix(lines[0], w.path("many.json")+": Res000: ") || !strings.Contains(lines[len(lines)-1], "more findings") {
		t.Errorf("the resources' findings come first, in order, and the count last:\n%s", stdout.String())
	}
}

// TestCheckPrintsPathsOfErrorsEscaped: a template found in a folder that
// cannot be read, its name holding an escape sequence, is named with the
// sequence escaped, as its findings would be, not written raw to the
// terminal.
func TestCheckPrintsPathsOfErrorsEscaped(t *testing.T) {
	w := newWorkspace(t)
	w.write("t/ok.json", `{"Resources": {}}`)
	big := w.path("t/a\x1b[2J.json")
	w.write("t/a\x1b[2J.json", "")
	if err := os.Truncate(big, maxRead+1); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	if code := run([]string{"check", w.path("t")}, nil, &stdout, &stderr); code != exitFailed {
		t.Fatalf("check exited %d", code)
	}
	if strings.Contains(stderr.String(), "\x1b") || !strings.Contains(stderr.String(), `a\x1b[2J.json is over`) {
		t.Errorf("stderr %q; want the path escaped", stderr.String())
	}
}

// badTopics returns a template of n SNS topics named prefix000 and on,
// each with a property the schema does not know.
func badTopics(prefix string, n int) string {
	var b strings.Builder
	b.WriteString(`{"Resources": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"%s%03d": {"Type": "AWS::SNS::Topic", "Properties": {"Bogus": 1}}`, prefix, i)
	}
	b.WriteString("}}\n")
	return b.String()
}
