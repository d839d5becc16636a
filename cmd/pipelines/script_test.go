package main

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

// TestMain lets scripts run the real command as "pipelines": testscript
// runs main in a process of its own, as the installed program runs.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"pipelines": main})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds:          map[string]func(*testscript.TestScript, bool, []string){"replace": replace},
	})
}

// replace edits a file in place: replace old new file replaces every
// occurrence of old with new. Both may use Go escapes such as \n.
func replace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace old new file")
	}
	unquote := func(s string) string {
		u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
		ts.Check(err)
		return u
	}
	old, new, file := unquote(args[0]), unquote(args[1]), ts.MkAbs(args[2])
	data, err := os.ReadFile(file)
	ts.Check(err)
	if !strings.Contains(string(data), old) {
		ts.Fatalf("replace: %q not found in %s", old, args[2])
	}
	ts.Check(os.WriteFile(file, []byte(strings.ReplaceAll(string(data), old, new)), 0o644))
}
