package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pipelines/emit"
)

// services returns a services.hcl declaring the named services, all
// building from branch.
func services(branch string, names ...string) string {
	var b strings.Builder
	b.WriteString(`defaults {
  account_id = "111111111111"
  branch     = "` + branch + `"
  network {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d"]
    cidr_block = "10.0.0.0/16"
  }
  artifacts {
    access_logs_bucket = "access-logs-example"
  }
  stage "production" {
    cluster          = "production"
    listener_arn     = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef"
    require_approval = true
  }
}
`)
	for _, n := range names {
		b.WriteString("service \"" + n + "\" {}\n")
	}
	return b.String()
}

// workspace is a folder holding services.hcl and the output folder out.
type workspace struct {
	t   *testing.T
	dir string
}

func newWorkspace(t *testing.T) *workspace {
	t.Helper()
	return &workspace{t: t, dir: t.TempDir()}
}

func (w *workspace) path(p string) string { return filepath.Join(w.dir, filepath.FromSlash(p)) }

func (w *workspace) write(p, data string) {
	w.t.Helper()
	if err := os.MkdirAll(filepath.Dir(w.path(p)), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(w.path(p), []byte(data), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// build runs pipelines build with args and returns its exit code, stdout
// and stderr.
func (w *workspace) build(args ...string) (int, string, string) {
	w.t.Helper()
	var stdout, stderr bytes.Buffer
	args = append([]string{"build", "-f", w.path("services.hcl"), "-o", w.path("out")}, args...)
	code := run(args, nil, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func (w *workspace) mustBuild(args ...string) string {
	w.t.Helper()
	code, stdout, stderr := w.build(args...)
	if code != exitOK {
		w.t.Fatalf("build %v exited %d:\n%s", args, code, stderr)
	}
	return stdout
}

// snapshot describes every entry under dir, without following symbolic
// links: folders, files with their bytes, and links with their targets.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			snap[rel] = "link to " + target
		case d.IsDir():
			snap[rel] = "folder"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[rel] = string(data)
			// Modes other than the tool's show: a file rewritten in
			// place of another would lose its own.
			if info, err := d.Info(); err == nil && info.Mode() != 0o644 {
				snap[rel] = info.Mode().String() + " " + snap[rel]
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// checkManifest checks that the manifest lists exactly the generated
// files, each with the SHA-256 of its bytes.
func checkManifest(t *testing.T, out string, want ...string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		sum, p, _ := strings.Cut(sc.Text(), "  ")
		listed = append(listed, p)
		file, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("manifest lists %s: %v", p, err)
			continue
		}
		if got := sha256.Sum256(file); hex.EncodeToString(got[:]) != sum {
			t.Errorf("manifest has the wrong SHA-256 for %s", p)
		}
	}
	if diff := cmp.Diff(want, listed); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}
}

func TestFailedBuildChangesNothing(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo", "charlie"))
	w.mustBuild()
	w.write("out/notes.md", "hand-written\n")
	before := snapshot(t, w.path("out"))

	// Every template changes and services are added, but out/delta is a
	// file where the build needs a folder: staging fails midway, after
	// other templates were staged and other folders created.
	w.write("out/delta", "not a folder\n")
	before["delta"] = "not a folder\n"
	w.write("services.hcl", services("release", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"))
	code, stdout, stderr := w.build()
	if code != exitFailed {
		t.Fatalf("build exited %d, want %d", code, exitFailed)
	}
	wantErr := "pipelines build: " + w.path("out/delta") + " is not a folder; refusing to use it\nNothing was written.\n"
	if stdout != "" || stderr != wantErr {
		t.Errorf("stdout %q, stderr %q; want nothing and %q", stdout, stderr, wantErr)
	}
	if diff := cmp.Diff(before, snapshot(t, w.path("out"))); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}

	// Once the obstacle is gone, the same build succeeds.
	os.Remove(w.path("out/delta"))
	if got := w.mustBuild(); got != "7 services, 9 files: 8 written, 1 unchanged, 0 deleted\n" {
		t.Errorf("build printed %q", got)
	}
	checkManifest(t, w.path("out"), "alpha/pipeline.json", "bravo/pipeline.json", "charlie/pipeline.json",
		"delta/pipeline.json", "echo/pipeline.json", "foxtrot/pipeline.json", "golf/pipeline.json",
		"shared/NOTES.md", "shared/vpc-endpoints.json")
}

func TestInvalidInputWritesNothing(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha")+"service \"Bad\" {}\n")
	code, _, stderr := w.build()
	if code != exitFailed || !strings.Contains(stderr, `error: Invalid service name`) {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	if _, err := os.Lstat(w.path("out")); !os.IsNotExist(err) {
		t.Errorf("out/ was created: %v", err)
	}
}

func TestLeftoverTempFiles(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo", "charlie"))
	w.mustBuild()

	// A crashed build left temp files beside a file that will change,
	// one that will not, and one whose service goes away; and one with
	// the very name the next build would use.
	for _, p := range []string{
		"out/alpha/.pipeline.json.tmp-1", "out/alpha/.pipeline.json.tmp-77",
		"out/bravo/.pipeline.json.tmp-3", "out/charlie/.pipeline.json.tmp-2",
	} {
		w.write(p, "partial {")
	}
	w.write("services.hcl", services("main", "alpha", "bravo")+`service "delta" {
  branch = "release"
}
`)
	os.Remove(w.path("out/alpha/pipeline.json"))
	if got := w.mustBuild(); got != "3 services, 5 files: 3 written, 2 unchanged, 1 deleted\n" {
		t.Errorf("build printed %q", got)
	}
	snap := snapshot(t, w.path("out"))
	for p := range snap {
		if strings.Contains(p, ".tmp") {
			t.Errorf("%s is left", p)
		}
	}
	if _, ok := snap["charlie"]; ok {
		t.Errorf("the folder of the removed service is left")
	}
	checkManifest(t, w.path("out"), "alpha/pipeline.json", "bravo/pipeline.json", "delta/pipeline.json",
		"shared/NOTES.md", "shared/vpc-endpoints.json")
}

func TestSymlinksAreRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(w *workspace, elsewhere string)
		want  string // in stderr
	}{
		{
			name: "service folder links outside",
			setup: func(w *workspace, elsewhere string) {
				os.RemoveAll(w.path("out/alpha"))
				os.Symlink(elsewhere, w.path("out/alpha"))
			},
			want: "out/alpha is a symbolic link; refusing to use it",
		},
		{
			name: "template links outside",
			setup: func(w *workspace, elsewhere string) {
				os.Remove(w.path("out/alpha/pipeline.json"))
				os.Symlink("../../../elsewhere/pipeline.json", w.path("out/alpha/pipeline.json"))
			},
			want: "out/alpha/pipeline.json is a symbolic link; refusing to use it",
		},
		{
			name: "template links to /etc",
			setup: func(w *workspace, elsewhere string) {
				os.Remove(w.path("out/alpha/pipeline.json"))
				os.Symlink("../../etc", w.path("out/alpha/pipeline.json"))
			},
			want: "out/alpha/pipeline.json is a symbolic link; refusing to use it",
		},
		{
			name: "service folder links inside",
			setup: func(w *workspace, elsewhere string) {
				os.RemoveAll(w.path("out/alpha"))
				os.Symlink("bravo", w.path("out/alpha"))
			},
			want: "out/alpha is a symbolic link; refusing to use it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorkspace(t)
			elsewhere := w.path("elsewhere")
			w.write("elsewhere/pipeline.json", "not generated\n")
			w.write("services.hcl", services("main", "alpha", "bravo"))
			w.mustBuild()
			tt.setup(w, elsewhere)
			before := snapshot(t, w.dir)

			// A build that changes every template, and one that checks.
			w.write("services.hcl", services("release", "alpha", "bravo"))
			before["services.hcl"] = services("release", "alpha", "bravo")
			for _, args := range [][]string{nil, {"-check"}} {
				code, _, stderr := w.build(args...)
				if code != exitFailed || !strings.Contains(stderr, tt.want) {
					t.Errorf("build %v exited %d, want %d and %q in:\n%s", args, code, exitFailed, tt.want, stderr)
				}
			}
			if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
				t.Errorf("files changed (-before +after):\n%s", diff)
			}
		})
	}
}

// crossAccount makes the production stage of a services.hcl from services
// deploy into another account, so that each service has two files.
func crossAccount(hcl string) string {
	hcl = strings.Replace(hcl, "stage \"production\" {\n", "stage \"production\" {\n    account_id       = \"222222222222\"\n", 1)
	return strings.Replace(hcl, ":111111111111:listener/app/production/", ":222222222222:listener/app/production/", 1)
}

// TestRefusedDeletionWritesNothing shows that a build that would have to
// delete a file through a symbolic link, or delete a link, fails before
// it renames anything into place: out/ is left as it was, byte for byte.
func TestRefusedDeletionWritesNothing(t *testing.T) {
	tests := []struct {
		name  string
		setup func(w *workspace)
		want  string // stderr, with $OUT for the output folder
	}{
		{
			name: "folder of a removed service links elsewhere",
			setup: func(w *workspace) {
				os.RemoveAll(w.path("out/charlie"))
				os.Symlink(w.path("elsewhere"), w.path("out/charlie"))
			},
			want: "pipelines build: delete $OUT/charlie/deploy-production.json (no longer generated): $OUT/charlie is a symbolic link; refusing to use it\n" +
				"pipelines build: delete $OUT/charlie/pipeline.json (no longer generated): $OUT/charlie is a symbolic link; refusing to use it\n",
		},
		{
			name: "file of a removed service links elsewhere",
			setup: func(w *workspace) {
				os.Remove(w.path("out/charlie/deploy-production.json"))
				os.Symlink(w.path("elsewhere/deploy-production.json"), w.path("out/charlie/deploy-production.json"))
			},
			want: "pipelines build: delete $OUT/charlie/deploy-production.json (no longer generated): $OUT/charlie/deploy-production.json is a symbolic link; refusing to use it\n",
		},
		{
			name: "file of a removed stage links elsewhere",
			setup: func(w *workspace) {
				os.Remove(w.path("out/alpha/deploy-production.json"))
				os.Symlink(w.path("elsewhere/deploy-production.json"), w.path("out/alpha/deploy-production.json"))
			},
			want: "pipelines build: delete $OUT/alpha/deploy-production.json (no longer generated): $OUT/alpha/deploy-production.json is a symbolic link; refusing to use it\n",
		},
		{
			name: "folder named as a temp file beside a template",
			setup: func(w *workspace) {
				w.write("out/bravo/.pipeline.json.tmp-3/inside", "kept\n")
			},
			want: "pipelines build: $OUT/bravo/.pipeline.json.tmp-3 has the name of a temp file of an interrupted build, which a build deletes, but is a folder; refusing to delete it\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorkspace(t)
			w.write("elsewhere/pipeline.json", "not generated\n")
			w.write("elsewhere/deploy-production.json", "not generated\n")
			w.write("services.hcl", crossAccount(services("main", "alpha", "bravo", "charlie")))
			w.mustBuild()
			tt.setup(w)

			// charlie goes away, alpha's production stage moves into the
			// pipeline's account, and every template changes.
			hcl := crossAccount(services("release", "bravo")) + "service \"alpha\" {\n  stage \"production\" {\n    account_id   = \"111111111111\"\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef\"\n  }\n}\n"
			w.write("services.hcl", hcl)
			before := snapshot(t, w.dir)
			code, stdout, stderr := w.build()
			want := strings.ReplaceAll(tt.want, "$OUT", w.path("out")) + "Nothing was written.\n"
			if code != exitFailed || stdout != "" || stderr != want {
				t.Errorf("build exited %d, printed %q and\n%s\nwant %d, nothing and\n%s", code, stdout, stderr, exitFailed, want)
			}
			if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
				t.Errorf("files changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestLeftoversOfCrashedBuild shows that the temp files a crashed build
// left in folders of services that no longer exist are deleted by the
// next build, with their folders, and reported by -check; that nothing
// else is deleted; and that the crash leaves no stamp to skip that build.
func TestLeftoversOfCrashedBuild(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()

	// The crashed build: it changed alpha and added charlie and delta,
	// and was killed while staging.
	o, err := openOutput(w.path("out"), false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range []string{"alpha/pipeline.json", "charlie/pipeline.json", "delta/pipeline.json", "delta/deploy-production.json"} {
		if _, err := o.stage(emit.File{Path: p, Data: []byte("{}\n")}, int64(i+1), nil); err != nil {
			t.Fatal(err)
		}
	}
	o.close()
	if _, err := os.Lstat(w.path("out/" + stampName)); !os.IsNotExist(err) {
		t.Fatalf("the stamp outlived a build that staged files: %v", err)
	}
	if _, err := os.Lstat(w.path("out/" + stampAside)); err != nil {
		t.Fatalf("the stamp was not set aside: %v", err)
	}
	w.write("out/delta/.deploy-production.json.tmp-9-1", "partial {")

	// Files the tool did not write, with names close to its temp files',
	// and a link it must not look through.
	w.write("out/handmade/notes.txt", "kept\n")
	w.write("out/handmade/.pipeline.json.tmp-4", "partial {") // the tool's name: deleted
	w.write("out/handmade/.pipeline.json.tmp-x", "kept\n")
	w.write("out/handmade/.pipeline.json.tmp-07", "kept\n")
	w.write("out/handmade/pipeline.json.tmp-1", "kept\n")
	w.write("out/handmade/.tmp-1", "kept\n")
	w.write("out/.pipeline.json.tmp-1", "kept\n")
	w.write("out/handmade/.notes.txt.tmp-5", "kept\n") // not a template's
	w.write("out/alpha/.notes.md.tmp-6", "kept\n")     // not a generated file's
	// Named as a temp file, but a link, in a folder outside the build:
	// not the tool's, left alone.
	os.Symlink(w.path("elsewhere/.pipeline.json.tmp-1"), w.path("out/handmade/.pipeline.json.tmp-6"))
	w.write("out/Hand_Made/.pipeline.json.tmp-5", "kept\n") // not a service's folder
	// A folder named as a service that holds nothing, and that no file of
	// the manifest is in: it may be the user's, and stays.
	if err := os.Mkdir(w.path("out/empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	// And the temp files through which it replaced the manifest and the
	// stamp.
	w.write("out/..pipelines-manifest.tmp", "partial")
	w.write("out/..pipelines-stamp.tmp", "partial")
	w.write("elsewhere/.pipeline.json.tmp-1", "kept\n")
	os.Symlink(w.path("elsewhere"), w.path("out/linked"))
	want := snapshot(t, w.dir)
	for _, p := range []string{
		"out/alpha/.pipeline.json.tmp-1", "out/charlie/.pipeline.json.tmp-2", "out/charlie",
		"out/delta/.pipeline.json.tmp-3", "out/delta/.deploy-production.json.tmp-4",
		"out/delta/.deploy-production.json.tmp-9-1", "out/delta", "out/handmade/.pipeline.json.tmp-4",
		"out/..pipelines-manifest.tmp", "out/..pipelines-stamp.tmp", "out/..pipelines-stamp.old",
	} {
		if _, ok := want[filepath.FromSlash(p)]; !ok {
			t.Fatalf("%s is not there to be deleted", p)
		}
		delete(want, filepath.FromSlash(p))
	}

	code, _, stderr := w.build("-check")
	wantCheck := "leftover: " + w.path("out/..pipelines-manifest.tmp") + "\n" +
		"leftover: " + w.path("out/..pipelines-stamp.old") + "\n" +
		"leftover: " + w.path("out/..pipelines-stamp.tmp") + "\n" +
		"leftover: " + w.path("out/alpha/.pipeline.json.tmp-1") + "\n" +
		"leftover: " + w.path("out/charlie/.pipeline.json.tmp-2") + "\n" +
		"leftover: " + w.path("out/delta/.deploy-production.json.tmp-4") + "\n" +
		"leftover: " + w.path("out/delta/.deploy-production.json.tmp-9-1") + "\n" +
		"leftover: " + w.path("out/delta/.pipeline.json.tmp-3") + "\n" +
		"leftover: " + w.path("out/handmade/.pipeline.json.tmp-4") + "\n" +
		w.path("out") + " is out of date: 9 files differ from what 'pipelines build' writes. Run 'pipelines build' and commit the result.\n"
	if code != exitFailed || stderr != wantCheck {
		t.Errorf("build -check exited %d and printed\n%s\nwant %d and\n%s", code, stderr, exitFailed, wantCheck)
	}
	if got := w.mustBuild(); got != "2 services, 4 files: 0 written, 4 unchanged, 0 deleted\n" {
		t.Errorf("build printed %q", got)
	}
	got := snapshot(t, w.dir)
	delete(got, filepath.Join("out", stampName))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files after the build (-want +got):\n%s", diff)
	}
	if code, stdout, stderr := w.build("-check"); code != exitOK {
		t.Errorf("build -check exited %d:\n%s%s", code, stdout, stderr)
	}
	if _, _, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); !ok {
		t.Errorf("no valid stamp after the build")
	}
}

// TestRefusedBuildKeepsTheStamp: a build refused after it moved the stamp
// aside puts it back as it was, its mode too, and touches nothing where
// the stamp's temp file goes; and a stamp that is not a file is refused
// before a generated file is deleted.
func TestRefusedBuildKeepsTheStamp(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()
	if err := os.Chmod(w.path("out/"+stampName), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("elsewhere", w.path("out/"+replaceTemp(stampName))); err != nil {
		t.Fatal(err)
	}
	// A crashed build left its stamp set aside: a refused one keeps it.
	w.write("out/"+stampAside, "leftover\n")
	// bravo, retired, was edited by hand: the build refuses to delete it.
	w.write("out/bravo/pipeline.json", "{}\n")
	w.write("services.hcl", services("release", "alpha"))
	before := snapshot(t, w.dir)
	if code, _, stderr := w.build(); code != exitFailed || !strings.Contains(stderr, "Nothing was written.") {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}

	// A link in the stamp's place, and only a deletion to make.
	w.write("services.hcl", services("main", "alpha", "bravo"))
	os.Remove(w.path("out/" + replaceTemp(stampName)))
	w.mustBuild()
	os.Remove(w.path("out/" + stampName))
	if err := os.Symlink("elsewhere", w.path("out/"+stampName)); err != nil {
		t.Fatal(err)
	}
	// A file the manifest lists that is no longer generated.
	w.write("out/gone/pipeline.json", "{}\n")
	sum := sha256.Sum256([]byte("{}\n"))
	manifest, err := os.ReadFile(w.path("out/" + manifestName))
	if err != nil {
		t.Fatal(err)
	}
	w.write("out/"+manifestName, string(manifest)+hex.EncodeToString(sum[:])+"  gone/pipeline.json\n")
	before = snapshot(t, w.dir)
	code, _, stderr := w.build()
	if code != exitFailed || !strings.Contains(stderr, stampName+" is a symbolic link") {
		t.Errorf("build exited %d, want %d and the link refused:\n%s", code, exitFailed, stderr)
	}
	if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
}

// TestUpToDateBuildLeavesToolNames: a build with nothing to change writes
// only its stamp, and takes nothing that is not a file where its temp
// files go, even to clear the way: it warns that the stamp could not be
// written, and succeeds.
func TestUpToDateBuildLeavesToolNames(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha"))
	w.mustBuild()
	if err := os.Remove(w.path("out/" + stampName)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("elsewhere", w.path("out/"+replaceTemp(stampName))); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(w.path("out/"+replaceTemp(manifestName)), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, w.dir)
	code, stdout, stderr := w.build()
	if code != exitOK || stdout != "1 service, 3 files: 0 written, 3 unchanged, 0 deleted\n" || !strings.Contains(stderr, "warning: ") {
		t.Errorf("build exited %d, printed %q and\n%s\nwant %d, nothing written, and a warning", code, stdout, stderr, exitOK)
	}
	if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
}

// TestLeftoversOfKeptServices shows where a build does not look: the
// folders of services outside a build with -only are the manifest's, and
// the next complete build cleans them, without reading every folder of a
// large output on every build.
func TestLeftoversOfKeptServices(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()
	w.write("out/bravo/.pipeline.json.tmp-5", "partial {")
	w.mustBuild("-only", "alpha")
	if _, err := os.Stat(w.path("out/bravo/.pipeline.json.tmp-5")); err != nil {
		t.Errorf("a build of alpha looked into bravo: %v", err)
	}
	w.write("services.hcl", services("release", "alpha", "bravo"))
	w.mustBuild()
	if _, err := os.Stat(w.path("out/bravo/.pipeline.json.tmp-5")); !os.IsNotExist(err) {
		t.Errorf("a complete build left bravo's temp file: %v", err)
	}
}

func TestStamp(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()
	if _, err := os.Stat(w.path("out/" + stampName)); err != nil {
		t.Fatalf("no stamp after a complete build: %v", err)
	}
	if n, files, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); !ok || n != 2 || files != 4 {
		t.Fatalf("upToDate = %d, %d, %v; want 2, 4, true", n, files, ok)
	}

	// A hand edit is found and undone.
	w.write("out/alpha/pipeline.json", "{}\n")
	if _, _, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); ok {
		t.Errorf("upToDate after a hand edit")
	}
	if got := w.mustBuild(); got != "2 services, 4 files: 1 written, 3 unchanged, 0 deleted\n" {
		t.Errorf("build printed %q", got)
	}

	// So is a deleted file.
	os.Remove(w.path("out/bravo/pipeline.json"))
	if got := w.mustBuild(); got != "2 services, 4 files: 1 written, 3 unchanged, 0 deleted\n" {
		t.Errorf("build printed %q", got)
	}

	// Another input is another build, even with the same outputs.
	w.write("services.hcl", "# a comment\n"+services("main", "alpha", "bravo"))
	if _, _, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); ok {
		t.Errorf("upToDate with another input")
	}
	if got := w.mustBuild(); got != "2 services, 4 files: 0 written, 4 unchanged, 0 deleted\n" {
		t.Errorf("build printed %q", got)
	}
	if _, _, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); !ok {
		t.Errorf("not upToDate after a complete build")
	}

	// So are temp files left beside generated files or in a folder of no
	// service, which build -check reports: the build deletes them.
	for _, p := range []string{"out/alpha/.pipeline.json.tmp-9", "out/gone/.pipeline.json.tmp-3"} {
		w.write(p, "partial {")
		if _, _, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); ok {
			t.Errorf("upToDate with %s", p)
		}
		w.mustBuild()
		if _, err := os.Lstat(w.path(p)); !os.IsNotExist(err) {
			t.Errorf("%s after a build: %v", p, err)
		}
		if _, _, ok := upToDate(w.path("services.hcl"), w.path("out"), io.Discard); !ok {
			t.Errorf("not upToDate after a build that deleted %s", p)
		}
	}

	// A build of some services leaves no stamp once it changed anything.
	w.write("services.hcl", services("release", "alpha", "bravo"))
	w.mustBuild("-only", "alpha")
	if _, err := os.Stat(w.path("out/" + stampName)); !os.IsNotExist(err) {
		t.Errorf("stamp after a partial build: %v", err)
	}
	checkManifest(t, w.path("out"), "alpha/pipeline.json", "bravo/pipeline.json",
		"shared/NOTES.md", "shared/vpc-endpoints.json")
}

// TestRefusedFileIsNotWritten shows the gate build puts in front of every
// write: a file the gate refuses is not staged, files it has seen before
// byte for byte are not asked about, and out/ keeps what it had.
func TestRefusedFileIsNotWritten(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha"))
	w.mustBuild()
	before := snapshot(t, w.path("out"))

	o, err := openOutput(w.path("out"), false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer o.close()
	var asked []string
	refuse := func(f emit.File) bool { asked = append(asked, f.Path); return false }
	old, err := os.ReadFile(w.path("out/alpha/pipeline.json"))
	if err != nil {
		t.Fatal(err)
	}
	same, err := o.stage(emit.File{Path: "alpha/pipeline.json", Data: old}, 1, refuse)
	if err != nil || same.tmp != "" {
		t.Fatalf("unchanged file: staged %+v, %v", same, err)
	}
	changed, err := o.stage(emit.File{Path: "alpha/pipeline.json", Data: []byte("{}\n")}, 2, refuse)
	if err != nil || changed.tmp != "" {
		t.Fatalf("refused file: staged %+v, %v", changed, err)
	}
	if diff := cmp.Diff([]string{"alpha/pipeline.json"}, asked); diff != "" {
		t.Errorf("files asked about (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, snapshot(t, w.path("out"))); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
}

// TestStampGoneOnceStagingStarts shows that a build removes the stamp
// before it creates a folder or writes a file, so that a build killed at
// any point after leaves no stamp that would skip the next build, and
// that a build that fails puts it back.
func TestStampGoneOnceStagingStarts(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha"))
	w.mustBuild()
	stamp, err := os.ReadFile(w.path("out/" + stampName))
	if err != nil {
		t.Fatal(err)
	}

	o, err := openOutput(w.path("out"), false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer o.close()
	refuse := func(emit.File) bool { return false }
	s, err := o.stage(emit.File{Path: "bravo/pipeline.json", Data: []byte("{}\n")}, 1, refuse)
	if err != nil || s.tmp != "" {
		t.Fatalf("staged %+v, %v; want nothing written", s, err)
	}
	if _, err := os.Stat(w.path("out/bravo")); err != nil {
		t.Fatalf("no folder created for bravo: %v", err)
	}
	if _, err := os.Lstat(w.path("out/" + stampName)); !os.IsNotExist(err) {
		t.Errorf("the stamp outlived the creation of a folder: %v", err)
	}
	o.discard([]staged{s})
	if got, err := os.ReadFile(w.path("out/" + stampName)); err != nil || string(got) != string(stamp) {
		t.Errorf("stamp after discard = %q, %v; want it back", got, err)
	}
	if _, err := os.Stat(w.path("out/bravo")); !os.IsNotExist(err) {
		t.Errorf("discard left the folder it created: %v", err)
	}
}

// TestHugeFilesAreNotRead holds that a file in out/ larger than any the
// tool writes is taken for what it is, a file that differs, without
// reading it: a sparse file of 64 GiB would otherwise exhaust memory.
func TestHugeFilesAreNotRead(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "orders"))
	w.mustBuild()
	huge := func(p string) {
		t.Helper()
		if err := os.Truncate(w.path(p), 64<<30); err != nil {
			t.Fatal(err)
		}
	}

	huge("out/orders/pipeline.json")
	if code, _, stderr := w.build("-check"); code != exitFailed || !strings.Contains(stderr, "stale: "+w.path("out")+"/orders/pipeline.json") {
		t.Errorf("build -check exited %d, want %d and the file stale:\n%s", code, exitFailed, stderr)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", w.path("out/orders/pipeline.json")}, nil, &stdout, &stderr); code != exitFailed || !strings.Contains(stderr.String(), "CloudFormation takes templates of at most 1 MB") {
		t.Errorf("check exited %d, want %d and the file refused:\n%s", code, exitFailed, stderr.String())
	}
	if out := w.mustBuild(); !strings.Contains(out, "1 written") {
		t.Errorf("build: %s, want the file replaced", out)
	}
	checkManifest(t, w.path("out"), "orders/pipeline.json", "shared/NOTES.md", "shared/vpc-endpoints.json")

	huge("out/.pipelines-stamp")
	if out := w.mustBuild(); !strings.Contains(out, "0 written") {
		t.Errorf("build: %s, want nothing written", out)
	}
}

// TestOneWriterAtATime holds that a command writing into a folder waits
// for another one that holds it, and says so, instead of mixing its files
// with the other's.
func TestOneWriterAtATime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock(2)")
	}
	w := newWorkspace(t)
	first, err := openOutput(w.path("out"), true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var waiting syncBuffer
	opened := make(chan *output)
	go func() {
		second, err := openOutput(w.path("out"), false, &waiting)
		if err != nil {
			t.Error(err)
		}
		opened <- second
	}()
	for !strings.Contains(waiting.String(), "waiting for another pipelines command to finish with "+w.path("out")) {
		select {
		case <-opened:
			t.Fatal("a reader opened the folder while a writer held it")
		case <-time.After(time.Millisecond):
		}
	}
	first.close()
	if second := <-opened; second != nil {
		second.close()
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// stageKilled begins a build of files into the output folder out as one
// killed while renaming would: it stages each file, and writes the manifest
// that lists them before anything is renamed. keep says which lines of the
// manifest stay, as for prepare. The caller renames what the killed build
// had renamed, then closes o.
func stageKilled(t *testing.T, out string, files []emit.File, keep func(string) bool) (*output, []staged) {
	t.Helper()
	o, err := openOutput(out, true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var list []staged
	for i, f := range files {
		s, err := o.stage(f, int64(i+1), nil)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, s)
	}
	pd, err := o.prepare(list, keep)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.listPending(pd); err != nil {
		t.Fatal(err)
	}
	return o, list
}

// stubs are files of the given paths, each holding an empty template.
func stubs(paths ...string) []emit.File {
	files := make([]emit.File, len(paths))
	for i, p := range paths {
		files[i] = emit.File{Path: p, Data: []byte("{}\n")}
	}
	return files
}

// TestKilledWhileRenaming holds that a build killed after renaming some of
// the files of services it added leaves them listed in the manifest, so
// that the next build, which no longer has those services, deletes them.
func TestKilledWhileRenaming(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha"))
	w.mustBuild()

	// The killed build added bravo and charlie, and renamed bravo's
	// template into place before it was killed.
	o, files := stageKilled(t, w.path("out"), stubs("bravo/pipeline.json", "charlie/pipeline.json"), func(string) bool { return true })
	if err := o.rename(files[0].tmp, files[0].path); err != nil {
		t.Fatal(err)
	}
	o.close()

	if code, _, stderr := w.build("-check"); code != exitFailed || !strings.Contains(stderr, "extra: "+w.path("out/bravo/pipeline.json")) {
		t.Errorf("build -check exited %d, want %d and bravo's template extra:\n%s", code, exitFailed, stderr)
	}
	w.mustBuild()
	for _, dir := range []string{"out/bravo", "out/charlie"} {
		if _, err := os.Lstat(w.path(dir)); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the next build: %v", dir, err)
		}
	}
	checkManifest(t, w.path("out"), "alpha/pipeline.json", "shared/NOTES.md", "shared/vpc-endpoints.json")
}

// TestKilledWhileReplacing holds that a build killed after renaming some
// of the files it replaces leaves a manifest that knows their new bytes:
// the next build takes neither version for a hand edit, so it deletes the
// files of a service removed since, and names no file as edited.
func TestKilledWhileReplacing(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo", "charlie"))
	w.mustBuild()

	// The killed build changed every template, and renamed bravo's and
	// charlie's into place before it was killed.
	o, files := stageKilled(t, w.path("out"), stubs("alpha/pipeline.json", "bravo/pipeline.json", "charlie/pipeline.json"), func(string) bool { return true })
	for _, s := range files[1:] {
		if err := o.rename(s.tmp, s.path); err != nil {
			t.Fatal(err)
		}
	}
	o.close()

	// bravo is gone from services.hcl, and charlie goes back to what the
	// build before wrote.
	w.write("services.hcl", services("main", "alpha", "charlie"))
	code, _, stderr := w.build("-check")
	if code != exitFailed || !strings.Contains(stderr, "extra: "+w.path("out/bravo/pipeline.json")) ||
		!strings.Contains(stderr, "stale: "+w.path("out/charlie/pipeline.json")) {
		t.Errorf("build -check exited %d, want %d, bravo's template extra and charlie's stale:\n%s", code, exitFailed, stderr)
	}
	code, stdout, stderr := w.build()
	if code != exitOK || stderr != "" || stdout != "2 services, 4 files: 2 written, 2 unchanged, 1 deleted\n" {
		t.Fatalf("build exited %d, printed %q and:\n%s", code, stdout, stderr)
	}
	if _, err := os.Lstat(w.path("out/bravo")); !os.IsNotExist(err) {
		t.Errorf("out/bravo is still there after the next build: %v", err)
	}
	checkManifest(t, w.path("out"), "alpha/pipeline.json", "charlie/pipeline.json", "shared/NOTES.md", "shared/vpc-endpoints.json")
}

// TestOnlyRewritesTheSharedSums holds that build -only, which writes
// shared/ but keeps the manifest's lines of the other services, lists the
// shared files once, with their SHA-256, after a build killed while it
// was replacing them.
func TestOnlyRewritesTheSharedSums(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()

	// The killed build was replacing the notes, and was killed before it
	// renamed them into place.
	o, _ := stageKilled(t, w.path("out"), []emit.File{{Path: emit.SharedNotes, Data: []byte("notes\n")}}, func(string) bool { return true })
	o.close()

	w.mustBuild("-only", "alpha")
	checkManifest(t, w.path("out"), "alpha/pipeline.json", "bravo/pipeline.json", "shared/NOTES.md", "shared/vpc-endpoints.json")
}

// TestCheckAfterKilledRenames holds that build -check reports the
// manifest of a build killed after it renamed every file it replaced,
// which lists them twice: the next build writes another manifest.
func TestCheckAfterKilledRenames(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()
	// No stamp, so that the killed build sets none aside: a build that
	// warned, or a build -only, writes none.
	if err := os.Remove(w.path("out/" + stampName)); err != nil {
		t.Fatal(err)
	}
	w.write("services.hcl", services("release", "alpha", "bravo"))

	var stderr bytes.Buffer
	p, ok := load(&env{stderr: &stderr}, w.path("services.hcl"))
	if !ok {
		t.Fatal(stderr.String())
	}
	var rendered []emit.File
	for _, svc := range p.Services {
		fs, err := emit.Render(svc)
		if err != nil {
			t.Fatal(err)
		}
		rendered = append(rendered, fs...)
	}
	o, files := stageKilled(t, w.path("out"), rendered, func(string) bool { return false })
	for _, s := range files {
		if s.tmp != "" {
			if err := o.rename(s.tmp, s.path); err != nil {
				t.Fatal(err)
			}
		}
	}
	o.close()

	for _, args := range [][]string{{"-check"}, {"-check", "-only", "alpha"}} {
		code, _, stderr := w.build(args...)
		if want := "stale: " + w.path("out/"+manifestName) + "\n"; code != exitFailed || !strings.HasPrefix(stderr, want) {
			t.Errorf("build %v exited %d, want %d and stderr starting %q:\n%s", args, code, exitFailed, want, stderr)
		}
	}
	before, err := os.ReadFile(w.path("out/" + manifestName))
	if err != nil {
		t.Fatal(err)
	}
	w.mustBuild()
	if after, _ := os.ReadFile(w.path("out/" + manifestName)); bytes.Equal(before, after) {
		t.Errorf("build left the manifest as it was: build -check had nothing to report")
	}
	if code, _, stderr := w.build("-check"); code != exitOK {
		t.Errorf("build -check after a build exited %d:\n%s", code, stderr)
	}
}

// TestIsRoot: build refuses to write into the root of the file system,
// which "-o $OUT/" names when OUT is unset.
func TestIsRoot(t *testing.T) {
	for dir, want := range map[string]bool{
		"/": true, "//": true, "/tmp/..": true, "/tmp/../": true,
		"/tmp": false, "out": false, ".": false, "": false,
	} {
		if got := isRoot(dir); got != want {
			t.Errorf("isRoot(%q) = %v, want %v", dir, got, want)
		}
	}
	// Through symbolic links: to the root, and to a folder above.
	dir := t.TempDir()
	if err := os.Symlink("/", filepath.Join(dir, "root")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	up := strings.Repeat("../", strings.Count(filepath.Join(dir, "a"), string(filepath.Separator)))
	if err := os.Symlink(up, filepath.Join(dir, "a", "up")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "root"), filepath.Join(dir, "root") + "/", filepath.Join(dir, "a", "up")} {
		if !isRoot(p) {
			t.Errorf("isRoot(%q) = false, want true: it leads to the root", p)
		}
	}
	if isRoot(filepath.Join(dir, "root", "tmp")) {
		t.Errorf("isRoot(%q) = true, want false", filepath.Join(dir, "root", "tmp"))
	}
}

// TestDiscardRemovesTheOutputFolder: a build that fails leaves no output
// folder, nor parents of it, that it created, however the path is
// written; those that existed stay.
func TestDiscardRemovesTheOutputFolder(t *testing.T) {
	for _, dir := range []string{"a/b/out", "x/../a/b/out", "a/./b/../b/out/"} {
		w := newWorkspace(t)
		o, err := openOutput(w.dir+"/"+dir, true, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		s, err := o.stage(emit.File{Path: "alpha/pipeline.json", Data: []byte("{}\n")}, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(w.path("a/b/out/" + s.tmp)); err != nil {
			t.Errorf("%s: not staged in a/b/out: %v", dir, err)
		}
		o.discard([]staged{s})
		o.close()
		if entries, err := os.ReadDir(w.dir); err != nil || len(entries) > 0 {
			t.Errorf("%s: discard left the folders it created: %v, %v", dir, entries, err)
		}
	}
}

// TestOutputFolderPath: build -o creates the output folder and its
// missing parents on the path the system resolves for the part of -o
// that exists and cleans for the rest, and no other folder; a build that
// fails leaves none of them.
func TestOutputFolderPath(t *testing.T) {
	long := strings.Repeat(strings.Repeat("d", 200)+"/", 30) + "out"
	tests := []struct {
		name  string
		setup func(w *workspace)
		dir   string   // -o, under the workspace, as given
		out   string   // where the templates go; "" if the build fails
		want  []string // what the workspace holds then, but for the templates
	}{
		{name: "missing parents", dir: "a/b/out", out: "a/b/out", want: []string{"a/", "a/b/", "a/b/out/"}},
		{name: "a missing folder and ..", dir: "a/../out", out: "out", want: []string{"out/"}},
		{name: "dots among missing folders", dir: "a/./b/../c/out/", out: "a/c/out", want: []string{"a/", "a/c/", "a/c/out/"}},
		{
			name:  "a missing folder, .., and a file",
			setup: func(w *workspace) { w.write("f", "") },
			dir:   "a/../f/out",
			want:  []string{"f"},
		},
		{
			name:  "a file",
			setup: func(w *workspace) { w.write("f", "") },
			dir:   "f/out",
			want:  []string{"f"},
		},
		{name: "a path too long", dir: long, want: nil},
		{
			// The link is followed, then .. goes up from its target.
			name: "a symbolic link, then ..",
			setup: func(w *workspace) {
				w.write("real/sub/keep", "")
				if err := os.Symlink("real/sub", w.path("link")); err != nil {
					t.Skip("no symbolic links:", err)
				}
			},
			dir:  "link/../out",
			out:  "real/out",
			want: []string{"link", "real/", "real/out/", "real/sub/", "real/sub/keep"},
		},
		{
			name: "a symbolic link to nothing",
			setup: func(w *workspace) {
				if err := os.Symlink("nowhere", w.path("gone")); err != nil {
					t.Skip("no symbolic links:", err)
				}
			},
			dir:  "gone/out",
			want: []string{"gone"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorkspace(t)
			if tt.setup != nil {
				tt.setup(w)
			}
			file := filepath.Join(t.TempDir(), "services.hcl")
			if err := os.WriteFile(file, []byte(services("main", "alpha")), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "-f", file, "-o", w.dir + "/" + tt.dir}, nil, &stdout, &stderr)
			if tt.out == "" {
				if code != exitFailed || !strings.Contains(stderr.String(), "create output folder") {
					t.Errorf("build exited %d, want %d and the folder refused:\n%s", code, exitFailed, stderr.String())
				}
			} else {
				if code != exitOK {
					t.Fatalf("build exited %d:\n%s", code, stderr.String())
				}
				if _, err := os.Stat(w.path(tt.out + "/alpha/pipeline.json")); err != nil {
					t.Errorf("no template in %s: %v", tt.out, err)
				}
			}
			var got []string
			err := filepath.WalkDir(w.dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || p == w.dir {
					return err
				}
				rel := filepath.ToSlash(strings.TrimPrefix(p, w.dir+string(filepath.Separator)))
				if d.IsDir() {
					got = append(got, rel+"/")
					if tt.out != "" && rel == tt.out {
						return fs.SkipDir
					}
					return nil
				}
				got = append(got, rel)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("the workspace holds (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnsyncedFilesAreNotRenamed: new files reach the disk before any is
// renamed into place; when they cannot, nothing is, and out/ is as it
// was.
func TestUnsyncedFilesAreNotRenamed(t *testing.T) {
	w := newWorkspace(t)
	w.write("services.hcl", services("main", "alpha", "bravo"))
	w.mustBuild()
	w.write("services.hcl", services("release", "alpha", "charlie"))
	before := snapshot(t, w.dir)
	syncFiles = func(*os.Root) error { return errors.New("input/output error") }
	t.Cleanup(func() { syncFiles = syncFS })
	code, _, stderr := w.build()
	if code != exitFailed || !strings.Contains(stderr, "flush the new files of "+w.path("out")+" to disk: input/output error") ||
		!strings.Contains(stderr, "Nothing was written.") {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	if diff := cmp.Diff(before, snapshot(t, w.dir)); diff != "" {
		t.Errorf("out/ changed (-before +after):\n%s", diff)
	}
	// Nothing to write, nothing to flush.
	syncFiles = syncFS
	w.mustBuild()
	syncFiles = func(*os.Root) error { return errors.New("input/output error") }
	w.mustBuild()
}

// TestOutputPathRelative: a relative -o whose missing part leads back to
// the working folder names it.
func TestOutputPathRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tt := range []struct {
		dir, want string
		missing   []string
	}{
		{"a/..", ".", nil},
		{"a/../", ".", nil},
		{"a/../b", "b", []string{"b"}},
		{"a/../../x", filepath.Join("..", "x"), []string{filepath.Join("..", "x")}},
	} {
		got, missing, err := outputPath(tt.dir)
		if err != nil || got != tt.want || !slices.Equal(missing, tt.missing) {
			t.Errorf("outputPath(%q) = %q, %q, %v; want %q, %q", tt.dir, got, missing, err, tt.want, tt.missing)
		}
	}
}

// TestParseManifestTwoSums: a path listed twice, as a build killed while
// renaming leaves it, has both SHA-256s; a third line for it is refused.
func TestParseManifestTwoSums(t *testing.T) {
	a, b, c := strings.Repeat("a", 64), strings.Repeat("b", 64), strings.Repeat("c", 64)
	tests := []struct {
		name, data   string
		want, second map[string]string
		err          string
	}{
		{"once", a + "  x/pipeline.json\n", map[string]string{"x/pipeline.json": a}, nil, ""},
		{"twice", a + "  x/pipeline.json\n" + b + "  x/pipeline.json\n",
			map[string]string{"x/pipeline.json": a}, map[string]string{"x/pipeline.json": b}, ""},
		{"same sum twice", a + "  x/pipeline.json\n" + a + "  x/pipeline.json\n", map[string]string{"x/pipeline.json": a}, nil, ""},
		{"three times", a + "  x/pipeline.json\n" + b + "  x/pipeline.json\n" + c + "  x/pipeline.json\n",
			nil, nil, `line 3 lists "x/pipeline.json" a third time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, second, err := parseManifest([]byte(tt.data))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, m); diff != "" {
				t.Errorf("first sums (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.second, second); diff != "" {
				t.Errorf("second sums (-want +got):\n%s", diff)
			}
			if got := string(formatManifest(m, second)); tt.name != "same sum twice" && got != tt.data {
				t.Errorf("formatted %q, want %q", got, tt.data)
			}
		})
	}
}

// TestOutputPath: an error of the output folder's os.Root names the file
// as the user knows it, from the folder given, and the system call it
// stands for.
func TestOutputPath(t *testing.T) {
	o := &output{dir: "out"}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "openat", Path: "orders/pipeline.json", Err: fs.ErrPermission}, "open out/orders/pipeline.json: permission denied"},
		{&fs.PathError{Op: "lstatat", Path: "orders", Err: fs.ErrPermission}, "lstat out/orders: permission denied"},
		{&fs.PathError{Op: "read", Path: "orders/pipeline.json", Err: fs.ErrClosed}, "read out/orders/pipeline.json: file already closed"},
		{errTooLarge, errTooLarge.Error()},
	} {
		err := o.outputPath(tt.err)
		if err.Error() != tt.want {
			t.Errorf("outputPath(%v) = %v, want %s", tt.err, err, tt.want)
		}
		// What the error is stays: a missing file is still fs.ErrNotExist.
		if inner := errors.Unwrap(tt.err); inner != nil && !errors.Is(err, inner) {
			t.Errorf("outputPath(%v) is not %v", tt.err, inner)
		}
	}
}
