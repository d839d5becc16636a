package config_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"pipelines/config"
	"pipelines/internal/gen"
)

// loadBoth loads path with and without recording settings, and requires
// the same diagnostics and the same model apart from the settings, which
// only the recording load has.
func loadBoth(t *testing.T, fsys fs.FS, path string) {
	t.Helper()
	recording := config.NewLoader()
	recording.Record = config.RecordAll
	want, wantDiags := recording.Load(fsys, path)
	got, gotDiags := config.NewLoader().Load(fsys, path)

	render := func(diags hcl.Diagnostics) []string {
		var out []string
		for _, d := range diags {
			out = append(out, fmt.Sprintf("%d %v %v %q %q", d.Severity, d.Subject, d.Context, d.Summary, d.Detail))
		}
		return out
	}
	if diff := cmp.Diff(render(wantDiags), render(gotDiags)); diff != "" {
		t.Errorf("diagnostics without settings (-with +without):\n%s", diff)
	}
	if (want == nil) != (got == nil) {
		t.Fatalf("project with settings: %v, without: %v", want != nil, got != nil)
	}
	if want == nil {
		return
	}
	for _, s := range got.Services {
		if s.Settings != nil {
			t.Fatalf("service %s has settings that were not asked for", s.Name)
		}
	}
	for _, s := range want.Services {
		if len(s.Settings) == 0 {
			t.Fatalf("service %s has no settings", s.Name)
		}
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Settings" }, cmp.Ignore())
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Errorf("project without settings (-with +without):\n%s", diff)
	}
}

// TestRecordSettings checks that recording settings changes nothing but
// Settings: validation finds the sources of its problems either way.
func TestRecordSettings(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.hcl")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			loadBoth(t, os.DirFS("testdata/errors"), filepath.Base(file))
		})
	}
	t.Run("example", func(t *testing.T) {
		loadBoth(t, os.DirFS(".."), "services.hcl")
	})
	t.Run("generated", func(t *testing.T) {
		loadBoth(t, fstest.MapFS{"services.hcl": {Data: gen.Services(300)}}, "services.hcl")
	})
}

// TestSettingsOnDemand checks that a load without settings still blames
// problems on the line that set the value, in defaults or the service.
func TestSettingsOnDemand(t *testing.T) {
	src := string(gen.Services(3)) + `
service "bad" {
  branch = "-x"
  stage "production" {
    cluster = "no spaces allowed"
  }
}
`
	line := func(s string) int { return strings.Count(src[:strings.Index(src, s)], "\n") + 1 }
	fsys := fstest.MapFS{"services.hcl": {Data: []byte(src)}}
	p, diags := config.NewLoader().Load(fsys, "services.hcl")
	if p != nil {
		t.Errorf("Load returned a project with errors")
	}
	want := []string{
		fmt.Sprintf("%d: Invalid value for \"branch\"", line(`"-x"`)),
		fmt.Sprintf("%d: Invalid value for \"cluster\"", line(`"no spaces allowed"`)),
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d: %s", d.Subject.Start.Line, d.Summary))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	loadBoth(t, fsys, "services.hcl")
}

// TestRecordOneService checks that Record limits recording to the services it
// accepts, and that those get the settings a full recording gives them.
func TestRecordOneService(t *testing.T) {
	fsys := fstest.MapFS{"services.hcl": {Data: gen.Services(20)}}
	all := config.NewLoader()
	all.Record = config.RecordAll
	full, diags := all.Load(fsys, "services.hcl")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	name := full.Services[7].Name
	one := config.NewLoader()
	one.Record = func(service string) bool { return service == name }
	p, diags := one.Load(fsys, "services.hcl")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for i, s := range p.Services {
		switch {
		case s.Name != name && s.Settings != nil:
			t.Errorf("service %s has settings, but only %s was asked for", s.Name, name)
		case s.Name == name:
			if diff := cmp.Diff(full.Services[i].Settings, s.Settings); diff != "" {
				t.Errorf("settings of %s (-all +only):\n%s", name, diff)
			}
		}
	}
}
