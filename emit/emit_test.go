package emit_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pipelines/config"
	"pipelines/emit"
	"pipelines/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/*/want")

// caseDirs returns the folders of the golden cases, testdata/<case>.
func caseDirs(t testing.TB) []string {
	t.Helper()
	cases, err := filepath.Glob("testdata/*/services.hcl")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	dirs := make([]string, len(cases))
	for i, c := range cases {
		dirs[i] = filepath.Dir(c)
	}
	return dirs
}

// loadCase loads testdata/<name>/services.hcl.
func loadCase(t testing.TB, dir string) *model.Project {
	t.Helper()
	p, diags := config.Load(os.DirFS(dir), "services.hcl")
	if diags.HasErrors() {
		t.Fatalf("%s: %s", dir, diags.Error())
	}
	return p
}

// renderAll renders every service of p, and the shared files.
func renderAll(t testing.TB, p *model.Project) []emit.File {
	t.Helper()
	var files []emit.File
	for _, s := range p.Services {
		fs, err := emit.Render(s)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	shared, err := emit.RenderShared(p)
	if err != nil {
		t.Fatal(err)
	}
	return append(files, shared...)
}

// TestGolden renders each testdata/<case>/services.hcl and compares every
// file, byte for byte, with testdata/<case>/want. Run with -update to
// rewrite the golden files, then review their diff like code.
func TestGolden(t *testing.T) {
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p := loadCase(t, dir)
			files := renderAll(t, p)
			again := renderAll(t, loadCase(t, dir))
			if len(again) != len(files) {
				t.Fatalf("second render gave %d files, first %d", len(again), len(files))
			}
			for i := range files {
				if files[i].Path != again[i].Path || !bytes.Equal(files[i].Data, again[i].Data) {
					t.Errorf("%s: rendering twice gave different bytes", files[i].Path)
				}
			}
			want := filepath.Join(dir, "want")
			if *update {
				os.RemoveAll(want)
				for _, f := range files {
					p := filepath.Join(want, filepath.FromSlash(f.Path))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var gotPaths, wantPaths []string
			for _, f := range files {
				gotPaths = append(gotPaths, f.Path)
				golden, err := os.ReadFile(filepath.Join(want, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Errorf("%s: %v (run go test ./emit -update)", f.Path, err)
					continue
				}
				if !bytes.Equal(golden, f.Data) {
					t.Errorf("%s differs from the golden file (-want +got):\n%s", f.Path, cmp.Diff(string(golden), string(f.Data)))
				}
			}
			filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(want, p)
					wantPaths = append(wantPaths, filepath.ToSlash(rel))
				}
				return nil
			})
			slices.Sort(gotPaths)
			if diff := cmp.Diff(wantPaths, gotPaths); diff != "" {
				t.Errorf("generated files (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEndpointsFollowFeatures holds the endpoints template and the notes
// to the endpoints a project's features call from inside the VPC: the
// CodeBuild endpoint only with a test project, and the CodePipeline
// endpoint only with a validation step.
func TestEndpointsFollowFeatures(t *testing.T) {
	variants := []struct {
		name   string
		change func(s *model.Service)
	}{
		{"as written", func(*model.Service) {}},
		{"without tests", func(s *model.Service) { s.Test = nil }},
		{"without validation steps", func(s *model.Service) {
			for i := range s.Stages {
				s.Stages[i].Validation = nil
			}
		}},
	}
	for _, dir := range caseDirs(t) {
		for _, v := range variants {
			p := loadCase(t, dir)
			tested, validated := false, false
			for _, s := range p.Services {
				v.change(s)
				tested = tested || s.Test != nil
				for _, st := range s.Stages {
					validated = validated || st.Validation != nil
				}
			}
			shared, err := emit.RenderShared(p)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{}
			for _, f := range shared {
				files[f.Path] = string(f.Data)
			}
			for _, e := range []struct {
				service, param string
				want           bool
			}{
				{"codebuild", "CodeBuildEndpointNeeded", tested},
				{"codepipeline", "CodePipelineEndpointNeeded", validated},
			} {
				name := "com.amazonaws.${AWS::Region}." + e.service + `"`
				if got := strings.Contains(files[emit.SharedEndpoints], name); got != e.want {
					t.Errorf("%s, %s: %s creates the %s endpoint: %t, want %t", dir, v.name, emit.SharedEndpoints, e.service, got, e.want)
				}
				if got := strings.Contains(files[emit.SharedNotes], "`com.amazonaws.us-east-1."+e.service+"`"); got != e.want {
					t.Errorf("%s, %s: %s lists the %s endpoint: %t, want %t", dir, v.name, emit.SharedNotes, e.service, got, e.want)
				}
				if got := strings.Contains(files[emit.SharedNotes], e.param+"="); got != e.want {
					t.Errorf("%s, %s: %s sets %s: %t, want %t", dir, v.name, emit.SharedNotes, e.param, got, e.want)
				}
			}
		}
	}
}
