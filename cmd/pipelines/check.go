package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

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

Each finding is printed as "file: resource: RULE-ID: message", up to 100 of a
template (always those of the template as a whole), then a count of the
rest, and a summary on stderr. Check exits 1 when any finding is an error.
Symbolic links below the folders given are not followed: each link named
*.json or leading to a folder is reported, and makes check exit 1, since
what it points to was not checked; name its target to check it. A named pipe, socket or device, named or called *.json in a
folder, is not read, and also makes check exit 1. -rules lists every rule
with its rationale and the AWS controls the platform deliberately departs
from.
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
		if fs.NArg() > 0 {
			fmt.Fprintf(e.stderr, "pipelines check: -rules lists the rules and checks nothing; run check without it to check %s\n", strings.Join(fs.Args(), ", "))
			return exitMisuse
		}
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
	// An output folder of build's is read while no build writes it, as
	// plan and build -check read it: a build replacing and deleting
	// files would make some vanish between the listing and the reading.
	for _, p := range paths {
		if unlock := lockIfOutput(p, e.stderr); unlock != nil {
			defer unlock()
		}
	}
	names, skipped, err := templateFiles(paths)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) && errors.Is(err, os.ErrNotExist) && slices.Contains(paths, pe.Path) {
			hint := ""
			if len(fs.Args()) == 0 {
				hint = "; run 'pipelines build' to write it, or name the templates or folders to check"
			}
			fmt.Fprintf(e.stderr, "pipelines check: %s does not exist%s\n", pe.Path, hint)
			return exitFailed
		}
		fmt.Fprintf(e.stderr, "pipelines check: %s\n", check.Printable(err.Error()))
		return exitFailed
	}
	// A link or a special file that was skipped is a template, or a
	// folder of them, that was not checked: say so, and fail, so that a
	// check in CI never passes over templates it did not read.
	for _, l := range skipped {
		switch l.kind {
		case specialFile:
			fmt.Fprintf(e.stderr, "pipelines check: %s is not a regular file (a named pipe or a device, say), not read\n", check.Printable(l.path))
		case linkToFolder:
			fmt.Fprintf(e.stderr, "pipelines check: %s is a symbolic link to a folder, not followed; to check the templates in it, name that folder\n", check.Printable(l.path))
		default:
			fmt.Fprintf(e.stderr, "pipelines check: %s is a symbolic link, not followed; to check the template it points to, name that file\n", check.Printable(l.path))
		}
	}
	if len(names) == 0 && len(skipped) == 0 {
		fmt.Fprintf(e.stderr, "pipelines check: no *.json templates in %s\n", strings.Join(paths, ", "))
		return exitFailed
	}
	// Checking allocates about four times the size of each template and
	// keeps none of it: collect garbage only when it nears 64 MiB.
	collectNear(64 << 20)
	findings, err := check.Templates(names, readTemplate)
	if err != nil {
		// The error names a file found in a folder: print it as findings
		// print their files.
		fmt.Fprintf(e.stderr, "pipelines check: %s\n", check.Printable(err.Error()))
		return exitFailed
	}
	errs, warns := 0, 0
	out := bufio.NewWriter(e.stdout)
	for start, end := 0, 0; start < len(findings); start = end {
		for end = start; end < len(findings) && findings[end].File == findings[start].File; end++ {
		}
		shown := listedFindings(findings[start:end])
		for _, f := range shown {
			fmt.Fprintln(out, f.String())
		}
		if more := end - start - len(shown); more > 0 {
			fmt.Fprintf(out, "%s: %d more findings; only %d of a template are listed\n", check.Printable(findings[start].File), more, maxFileFindings)
		}
	}
	for _, f := range findings {
		if f.Severity == check.Error {
			errs++
		} else {
			warns++
		}
	}
	out.Flush()
	special := 0
	for _, l := range skipped {
		if l.kind == specialFile {
			special++
		}
	}
	links := ""
	if n := len(skipped) - special; n > 0 {
		links += ", " + count(n, "symbolic link") + " skipped"
	}
	if special > 0 {
		links += ", " + count(special, "special file") + " skipped"
	}
	fmt.Fprintf(e.stderr, "%s checked%s: %s, %s\n", count(len(names), "template"), links, count(errs, "error"), count(warns, "warning"))
	if errs > 0 || len(skipped) > 0 {
		return exitFailed
	}
	return exitOK
}

// maxFileFindings is how many findings check lists of one template; the
// rest are counted. A template written by hand or by another tool can
// have hundreds of thousands, which no one reads one by one.
const maxFileFindings = 100

// listedFindings returns the findings of one template that check lists,
// in their order: all of them, or, of more than maxFileFindings, those of
// the template as a whole (its size, its count of resources, a cycle
// among its conditions), which the findings of its first hundred
// resources would otherwise hide, and as many of the first of the others
// as make maxFileFindings.
func listedFindings(fs []check.Finding) []check.Finding {
	if len(fs) <= maxFileFindings {
		return fs
	}
	whole := 0
	for _, f := range fs {
		if f.Resource == templateWide {
			whole++
		}
	}
	others := max(maxFileFindings-whole, 0)
	listed := make([]check.Finding, 0, maxFileFindings)
	for _, f := range fs {
		if len(listed) == maxFileFindings {
			break
		}
		if f.Resource == templateWide || others > 0 {
			if f.Resource != templateWide {
				others--
			}
			listed = append(listed, f)
		}
	}
	return listed
}

// templateWide is the resource of a finding about the template as a whole.
const templateWide = "Template"

// skippedEntry is an entry that check did not read: a symbolic link found
// below a folder, which it does not follow, or a file named as a template
// that is not a regular file.
type skippedEntry struct {
	path string
	kind skipKind
}

type skipKind int

const (
	linkToFile   skipKind = iota // a link named *.json
	linkToFolder                 // a link to a folder
	specialFile                  // a named pipe, a socket or a device
)

// templateFiles lists the files named, and every *.json file below the
// folders named, in lexical order, with slashes as separators. Paths named
// are read even when they are symbolic links, as the user asked; below
// them, links are not followed (a link could lead anywhere, or in a
// circle), and those that would have been read, links named *.json and
// links to folders, are returned as skipped. Nor are named pipes, sockets
// and devices read, whether named or found below a folder (named *.json):
// they are returned as skipped too.
func templateFiles(paths []string) (names []string, skipped []skippedEntry, err error) {
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				// Reading a named pipe could wait forever, and a
				// device never end.
				skipped = append(skipped, skippedEntry{filepath.ToSlash(p), specialFile})
				continue
			}
			names = append(names, p)
			continue
		}
		root := p
		if l, err := os.Lstat(p); err == nil && l.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not follow a root that is a link: with a
			// trailing separator, it is the folder it points to.
			root = p + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			template := strings.HasSuffix(name, ".json") && !strings.HasPrefix(name, ".")
			switch {
			case d.Type().IsRegular() && template:
				names = append(names, path)
			case d.Type()&fs.ModeSymlink != 0:
				// Stat only learns what the link points to; nothing is
				// read through it.
				switch info, err := os.Stat(path); {
				case err == nil && info.IsDir():
					skipped = append(skipped, skippedEntry{filepath.ToSlash(path), linkToFolder})
				case template:
					skipped = append(skipped, skippedEntry{filepath.ToSlash(path), linkToFile})
				}
			case template && !d.IsDir():
				// Reading a named pipe could wait forever.
				skipped = append(skipped, skippedEntry{filepath.ToSlash(path), specialFile})
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	for i, n := range names {
		names[i] = filepath.ToSlash(n)
	}
	slices.Sort(names)
	slices.SortFunc(skipped, func(a, b skippedEntry) int { return strings.Compare(a.path, b.path) })
	return slices.Compact(names), slices.Compact(skipped), nil
}

// lockIfOutput takes a shared lock on dir when it is an output folder of
// build's (it holds a manifest), waiting for a build that writes it, and
// returns what releases the lock; nil for anything else.
func lockIfOutput(dir string, stderr io.Writer) func() {
	if _, err := os.Lstat(filepath.Join(dir, manifestName)); err != nil {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	if err := lockFolder(f, false, sayWaiting(stderr, dir)); err != nil {
		f.Close()
		return nil
	}
	return func() { f.Close() }
}

// readTemplate reads the template file name (slash-separated) for check,
// refusing anything but a regular file.
func readTemplate(name string) ([]byte, error) {
	// What was listed as a regular file may have been replaced since,
	// by a named pipe, say: opened without O_NONBLOCK, it would wait
	// for a writer before its type could be checked.
	f, err := os.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (a named pipe or a device, say), not read", name)
	}
	data, err := readAll(f, name)
	if errors.Is(err, errTooLarge) {
		return nil, fmt.Errorf("%s is over %d MiB; CloudFormation takes templates of at most 1 MB", name, maxRead>>20)
	}
	return data, err
}
