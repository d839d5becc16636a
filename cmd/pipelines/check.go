package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pipelines/check"
)

var checkCommand = &command{
	name:  "check",
	short: "check CloudFormation templates against AWS's schemas and the platform's policy",
	usage: `usage: pipelines check [-rules] [path ...]

Check reads CloudFormation JSON templates (every *.json file under each
folder given, default out/) and checks each one: every resource's properties
against AWS's resource schema (unknown or missing properties, types, enums,
patterns, lengths), every Ref, GetAtt, Sub and DependsOn target, dependency
cycles, and the platform's security policy. It works on generated and
hand-edited templates alike.

Each finding is printed as "file: resource: RULE-ID: message". Check exits 1
when any finding is an error. -rules lists every rule with its rationale and
the AWS controls the platform deliberately departs from.
`,
}

func init() { checkCommand.run = runCheck }

func runCheck(e *env, args []string) int {
	fs := newFlagSet(checkCommand, e)
	rules := fs.Bool("rules", false, "list the rules and exit")
	if code, ok := parse(fs, e, args); !ok {
		return code
	}
	if *rules {
		for _, r := range check.Rules() {
			fmt.Fprintf(e.stdout, "%s  %-7s %s\n", r.ID, r.Severity, r.Title)
			fmt.Fprintf(e.stdout, "        %s\n", r.Rationale)
			if r.Exceptions != "" {
				fmt.Fprintf(e.stdout, "        Exception: %s\n", r.Exceptions)
			}
		}
		return exitOK
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"out"}
	}
	names, err := templateFiles(paths)
	if err != nil {
		fmt.Fprintf(e.stderr, "pipelines check: %v\n", err)
		return exitFailed
	}
	if len(names) == 0 {
		fmt.Fprintf(e.stderr, "pipelines check: no *.json templates in %s\n", strings.Join(paths, ", "))
		return exitFailed
	}
	// Checking allocates about four times the size of each template and
	// keeps none of it: collect garbage only when it nears 64 MiB.
	collectNear(64 << 20)
	findings, err := check.Templates(names, func(name string) ([]byte, error) {
		return os.ReadFile(filepath.FromSlash(name))
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "pipelines check: %v\n", err)
		return exitFailed
	}
	errs, warns := 0, 0
	for _, f := range findings {
		fmt.Fprintln(e.stdout, f.String())
		if f.Severity == check.Error {
			errs++
		} else {
			warns++
		}
	}
	fmt.Fprintf(e.stderr, "%d templates checked: %d errors, %d warnings\n", len(names), errs, warns)
	if errs > 0 {
		return exitFailed
	}
	return exitOK
}

// templateFiles lists the files named, and every *.json file below the
// folders named, in lexical order, with slashes as separators.
func templateFiles(paths []string) ([]string, error) {
	var names []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			names = append(names, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".json") && !strings.HasPrefix(d.Name(), ".") {
				names = append(names, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i, n := range names {
		names[i] = filepath.ToSlash(n)
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}
