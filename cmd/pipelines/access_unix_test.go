//go:build unix && !solaris && !aix

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStickyFolderWritesNothing holds that a build that may not replace or
// delete a file, because its folder has the sticky bit and the file is
// another user's, fails before anything is renamed into place: found only
// when renaming, it left the other files new. The build pretends to run
// as another user, who owns neither the folder nor its files.
func TestStickyFolderWritesNothing(t *testing.T) {
	tests := []struct {
		name     string
		services []string // after the first build of alpha, bravo and charlie
		want     string   // stderr, with $OUT for the output folder
	}{
		{
			name:     "file to replace",
			services: []string{"alpha", "bravo", "charlie"},
			want:     "pipelines build: write $OUT/bravo/pipeline.json: folder $OUT/bravo: it has the sticky bit, and only the owner of pipeline.json, or of the folder, may replace or delete it\n",
		},
		{
			name:     "file to delete",
			services: []string{"alpha", "charlie"},
			want: "pipelines build: delete $OUT/bravo/deploy-production.json (no longer generated): folder $OUT/bravo: it has the sticky bit, and only the owner of deploy-production.json, or of the folder, may replace or delete it\n" +
				"pipelines build: delete $OUT/bravo/pipeline.json (no longer generated): folder $OUT/bravo: it has the sticky bit, and only the owner of pipeline.json, or of the folder, may replace or delete it\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorkspace(t)
			w.write("services.hcl", crossAccount(services("main", "alpha", "bravo", "charlie")))
			w.mustBuild()
			if err := os.Chmod(w.path("out/bravo"), 0o755|os.ModeSticky); err != nil {
				t.Fatal(err)
			}
			other := os.Geteuid() + 1
			euid = func() int { return other }
			t.Cleanup(func() { euid = os.Geteuid })

			// The pipelines change.
			w.write("services.hcl", crossAccount(services("release", tt.services...)))
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
