package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/go-multierror"
	"github.com/hashicorp/hcl/v2"

	"pipelines/check"
	"pipelines/config"
	"pipelines/emit"
	"pipelines/model"
)

var buildCommand = &command{
	name:  "build",
	short: "generate the templates of every service into out/",
	usage: `usage: pipelines build [-f services.hcl] [-o out] [-only name,...] [-verify] [-check]

Build validates services.hcl and writes one CloudFormation template per
service to <out>/<service>/pipeline.json (and a template per cross-account
stage, <out>/<service>/deploy-<stage>.json), and the platform's notes and
VPC endpoints template to <out>/shared.

Nothing is written unless every service is valid; with -verify, unless
every template about to be written also passes the checks of 'pipelines
check' (those that give errors; 'pipelines check <out>' checks every
template, and shows warnings too). Only files whose bytes change are
written; files generated earlier for services that no longer exist are
deleted, unless they were edited since. The files it generated are listed in
<out>/.pipelines-manifest; of the others, only those at the paths above are
replaced. A file replaced that the manifest did not list, or that was
edited since it was generated, is named on stderr (the first ten, then a
count of the rest).

With -check, build writes nothing: it lists every file that is stale,
missing or no longer generated, the manifest when a build would write
another, and what an interrupted build left in <out> (temp files, and
folders of generated files left empty), and exits 1 if there is any.
`,
}

func init() { buildCommand.run = runBuild }

func runBuild(e *env, args []string) int {
	fs := newFlagSet(buildCommand, e)
	file := fs.String("f", "services.hcl", "the services file to read")
	out := fs.String("o", "out", "the folder to write templates into")
	check := fs.Bool("check", false, "write nothing; exit 1 if out/ is not what a build would write")
	verifying := fs.Bool("verify", false, "refuse to write templates that fail the checks of 'pipelines check'")
	var only listFlag
	fs.Var(&only, "only", "build only these services (comma-separated or repeated)")
	if code, ok := parse(fs, e, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "pipelines build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitMisuse
	}
	if *check && *verifying {
		fmt.Fprintf(e.stderr, "pipelines build: -verify and -check do not go together: -check writes nothing; run 'pipelines check %s' to check the templates\n", *out)
		return exitMisuse
	}
	if !fileInput(e, "build", *file) || !outputFolder(e, "build", *out) {
		return exitMisuse
	}
	if !*check && len(only) == 0 {
		if n, files, ok := upToDate(*file, *out, e.stderr); ok {
			fmt.Fprintf(e.stdout, "%s, %s: 0 written, %d unchanged, 0 deleted\n", count(n, "service"), count(files, "file"), files)
			return exitOK
		}
	}
	project, st, ok := loadStamped(e, *file)
	if !ok {
		return exitFailed
	}
	services, err := selectServices(project, only)
	if err != nil {
		printErrors(e, "build", err)
		return exitMisuse
	}
	// The shared files describe the whole project, whichever services
	// are built.
	shared := func() ([]emit.File, error) { return emit.RenderShared(project) }
	if *check {
		return checkOutput(e, *out, services, shared, len(only) > 0)
	}
	if len(only) > 0 {
		st = nil // the stamp is of complete builds only
	}
	return writeOutput(e, *out, services, shared, len(only) > 0, *verifying, st)
}

// load reads and validates the services file, printing every diagnostic.
func load(e *env, file string) (*model.Project, bool) {
	return loadWith(e, config.NewLoader(), file)
}

// loadWith is load with a Loader set up by the caller.
func loadWith(e *env, l *config.Loader, file string) (*model.Project, bool) {
	p, diags := loadInput(e, l, file)
	writeDiagnostics(e.stderr, l.Files(), diags)
	return p, !diags.HasErrors()
}

// stdinName names standard input, read for "-f -", in diagnostics.
const stdinName = "<stdin>"

// loadInput loads file with l, or standard input when file is "-", and
// checks the size of the templates it would give.
func loadInput(e *env, l *config.Loader, file string) (*model.Project, hcl.Diagnostics) {
	p, diags := readInput(e, l, file)
	if !diags.HasErrors() {
		diags = append(diags, templateQuotas(p)...)
	}
	return p, diags
}

// readInput loads file with l, or standard input when file is "-".
func readInput(e *env, l *config.Loader, file string) (*model.Project, hcl.Diagnostics) {
	if file != "-" {
		tuneMemory(file)
		return l.Load(osFS{}, file)
	}
	stdin := e.stdin
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	src, err := io.ReadAll(io.LimitReader(stdin, config.MaxFileSize+1))
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read configuration",
			Detail: fmt.Sprintf("Reading standard input: %s.", err)}}
	}
	collectNear(softLimit(int64(len(src))))
	return l.LoadSource(stdinName, src)
}

// fileInput refuses standard input as the services file of a command
// whose output names that file: the notes in out/shared record the path
// of services.hcl, and a build from standard input would record none.
func fileInput(e *env, command, file string) bool {
	if file == "-" {
		fmt.Fprintf(e.stderr, "pipelines %s: -f -: %s reads the services file from a path, which out/shared/NOTES.md records; save standard input to a file first\n", command, command)
		return false
	}
	return namedFile(e, command, "-f ", file)
}

// namedFile reports whether file, given as flag (such as "-f "), names a
// file at all, and says why not on stderr.
func namedFile(e *env, command, flag, file string) bool {
	if file == "" {
		fmt.Fprintf(e.stderr, "pipelines %s: %s\"\": name the services file, such as services.hcl\n", command, flag)
		return false
	}
	return true
}

// outputFolder reports whether dir, given to -o, can name an output
// folder, and says why not on stderr.
func outputFolder(e *env, command, dir string) bool {
	switch dir {
	case "":
		fmt.Fprintf(e.stderr, "pipelines %s: -o \"\": name the output folder, such as out\n", command)
		return false
	case "-":
		fmt.Fprintf(e.stderr, "pipelines %s: -o -: the output is a folder of templates, not standard output; name a folder, such as out\n", command)
		return false
	}
	return true
}

// inputName is how messages name the services file given as file.
func inputName(file string) string {
	if file == "-" {
		return stdinName
	}
	return file
}

func selectServices(p *model.Project, only []string) ([]*model.Service, error) {
	if len(only) == 0 {
		return p.Services, nil
	}
	var picked []*model.Service
	for _, s := range p.Services {
		if slices.Contains(only, s.Name) {
			picked = append(picked, s)
		}
	}
	var errs *multierror.Error
	for _, name := range only {
		if !slices.ContainsFunc(picked, func(s *model.Service) bool { return s.Name == name }) {
			errs = multierror.Append(errs, fmt.Errorf("-only: no service named %q in %s.%s", name, p.Filename, suggest(name, p.Services)))
		}
	}
	if err := errs.ErrorOrNil(); err != nil {
		return nil, err
	}
	return picked, nil
}

// inBuild reports whether a generated path belongs to one of services.
func inBuild(services []*model.Service) func(p string) bool {
	names := map[string]bool{}
	for _, s := range services {
		names[s.Name] = true
	}
	return func(p string) bool {
		dir, _, _ := strings.Cut(p, "/")
		return names[dir]
	}
}

// verify runs the checks of 'pipelines check' on a generated template and
// returns its errors, without the work that gives warnings alone, which
// a build does not show. An error here is a bug in the generator or a gap
// in validation; build -verify then writes nothing.
func verify(f emit.File) []check.Finding {
	if !strings.HasSuffix(f.Path, ".json") {
		return nil
	}
	return check.TemplateErrors(f.Path, f.Data)
}

func countFiles(findings []check.Finding) int {
	files := map[string]bool{}
	for _, f := range findings {
		files[f.File] = true
	}
	return len(files)
}

// inBackground starts fn in a goroutine of its own and returns a function
// that waits for fn to return, and returns what it did.
func inBackground[T any](fn func() (T, error)) func() (T, error) {
	var v T
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		v, err = fn()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

// renderEach renders every service on all cores and hands each file to
// fn, which must be safe for concurrent use.
func renderEach(services []*model.Service, fn func(f emit.File) error) error {
	return parallel(len(services), runtime.GOMAXPROCS(0), func(i int) error {
		files, err := emit.Render(services[i])
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeOutput writes the files of services (some of the project's when
// partial) and the shared files, which renderShared renders while the
// services are, and st, the stamp of a complete build, when it is not nil
// and everything was written. With verifying, it writes nothing if a
// template about to be written fails the checks.
func writeOutput(e *env, dir string, services []*model.Service, renderShared func() ([]emit.File, error), partial, verifying bool, st *stamp) int {
	o, err := openOutput(dir, true, e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "pipelines build: %v\n", err)
		return exitFailed
	}
	defer o.close()
	sharedDone := inBackground(renderShared)

	var seq atomic.Int64
	perService := make([][]staged, len(services))
	index := map[string]int{}
	for i, s := range services {
		index[s.Name] = i
	}
	// Only files about to be written are verified: a file already there
	// byte for byte is not written.
	var mu sync.Mutex
	var findings []check.Finding
	var accept func(emit.File) bool
	if verifying {
		accept = func(f emit.File) bool {
			fs := verify(f)
			if len(fs) > 0 {
				mu.Lock()
				findings = append(findings, fs...)
				mu.Unlock()
			}
			return len(fs) == 0
		}
	}
	// A full disk fails the first file written and every one after it:
	// once it has, the build stages nothing more, and says so once.
	var stopped atomic.Bool
	err = renderEach(services, func(f emit.File) error {
		if stopped.Load() {
			emit.Release([]emit.File{f})
			return nil
		}
		sf, err := o.stage(f, seq.Add(1), accept)
		emit.Release([]emit.File{f}) // staged: on disk and hashed
		if err != nil {
			if fullStop(err) && stopped.Swap(true) {
				return nil // another file said it already
			}
			return err
		}
		i := index[topDir(f.Path)]
		perService[i] = append(perService[i], sf)
		return nil
	})
	shared, serr := sharedDone()
	err = multierror.Append(err, serr).ErrorOrNil()
	sharedFiles := make([]staged, 0, len(shared))
	for i := 0; i < len(shared) && err == nil && !stopped.Load(); i++ {
		var sf staged
		if sf, err = o.stage(shared[i], seq.Add(1), accept); err == nil {
			sharedFiles = append(sharedFiles, sf)
		}
	}
	files := slices.Concat(append(perService, sharedFiles)...)
	if err == nil && len(findings) > 0 {
		slices.SortFunc(findings, func(a, b check.Finding) int { return strings.Compare(a.String(), b.String()) })
		for _, f := range findings {
			fmt.Fprintln(e.stderr, path.Join(dir, f.String()))
		}
		n, verb := countFiles(findings), "fail"
		if n == 1 {
			verb = "fails"
		}
		err = fmt.Errorf("%s %s the checks of 'pipelines check'; refusing to write them", count(n, "generated template"), verb)
	}
	var pd *pending
	if err == nil {
		keep := func(string) bool { return false }
		if partial {
			built := inBuild(services)
			keep = func(p string) bool { return !built(p) }
		}
		pd, err = o.prepare(files, keep)
	}
	if err == nil && slices.ContainsFunc(files, func(s staged) bool { return s.tmp != "" }) {
		// The new files reach the disk before anything is renamed into
		// place: after a crash of the system, and not only of the
		// build, each file is old or new, never empty or partial.
		if serr := syncFiles(o.root); serr != nil {
			err = fmt.Errorf("flush the new files of %s to disk: %w", dir, serr)
		}
	}
	if err == nil {
		err = o.listPending(pd)
	}
	if err != nil {
		serr := o.discard(files)
		printErrors(e, "build", err)
		fmt.Fprintf(e.stderr, "Nothing was written.\n")
		if serr != nil {
			warnStamp(e, serr)
		}
		return exitFailed
	}
	unlisted, edited := o.unlisted(files), edited(files)
	res, err := o.commit(pd)
	written := func(paths []string) []string {
		return slices.DeleteFunc(paths, func(p string) bool { return res.notWritten[p] })
	}
	reportReplaced(e, dir, written(unlisted), "which the manifest did not list")
	reportReplaced(e, dir, written(edited), "which was edited since it was generated")
	if err == nil && st != nil {
		// The stamp only spares the next build its work: without it,
		// the output is complete all the same.
		if err := o.writeStamp(st, res.manifest); err != nil {
			warnStamp(e, err)
		}
	}
	res.services = len(services)
	fmt.Fprintf(e.stdout, "%s, %s: %d written, %d unchanged, %d deleted\n", count(res.services, "service"), count(res.written+res.unchanged, "file"), res.written, res.unchanged, res.deleted)
	if err != nil {
		printErrors(e, "build", err)
		return exitFailed
	}
	return exitOK
}

// warnStamp says that the stamp could not be written or put back: the
// output is as it should be, and only the next build's shortcut is lost.
func warnStamp(e *env, err error) {
	fmt.Fprintf(e.stderr, "pipelines build: warning: %v; the next build does all its work again\n", err)
}

// reportReplaced names, on stderr, the files of dir a build replaced
// though they were not what it wrote before (why says how): the first
// maxNamed, and how many more.
func reportReplaced(e *env, dir string, replaced []string, why string) {
	for i, p := range replaced {
		if i == maxNamed && len(replaced) > maxNamed+1 {
			fmt.Fprintf(e.stderr, "pipelines build: and %d more such files were replaced\n", len(replaced)-i)
			return
		}
		fmt.Fprintf(e.stderr, "pipelines build: replaced %s, %s\n", path.Join(dir, p), why)
	}
}

// printErrors prints each of the errors err holds on its own line, after
// the name of the command.
func printErrors(e *env, command string, err error) {
	var merr *multierror.Error
	if !errors.As(err, &merr) {
		fmt.Fprintf(e.stderr, "pipelines %s: %v\n", command, err)
		return
	}
	for _, err := range merr.Errors {
		printErrors(e, command, err)
	}
}

// manifestFinding says whether a build would write another manifest than
// the one in o for reasons the files' own findings do not tell: "missing"
// or "stale", or "" when it would not. current holds the SHA-256 of the
// generated files that are up to date; a stale or missing file changes its
// line too, but is reported itself. gone says that a file the manifest
// lists, which the build no longer generates, is not there.
func manifestFinding(o *output, current map[string]string, generated map[string]bool, partial bool, built func(string) bool, gone bool) string {
	stale := false
	// A build killed while renaming lists the files it replaced twice;
	// the next build lists each once again.
	for p := range o.interim {
		if !partial || generated[p] || built(p) {
			stale = true
		}
	}
	// A file up to date that the manifest does not list, or lists with
	// another SHA-256 (a line lost in a merge, say): a build lists it,
	// and only then deletes it once it is no longer generated.
	for p, sum := range current {
		if o.manifest[p] != sum {
			stale = true
		}
	}
	// A line for a file no longer generated that is gone: a build drops
	// it. One whose file is there is reported as extra.
	if gone {
		stale = true
	}
	// The same lines written otherwise (out of order, with CRLF line
	// ends, a line twice): a build writes them as it does.
	if o.hasManifest && !bytes.Equal(o.manifestData, formatManifest(o.manifest, o.interim)) {
		stale = true
	}
	switch {
	case !stale:
		return ""
	case !o.hasManifest:
		return "missing"
	}
	return "stale"
}

func checkOutput(e *env, dir string, services []*model.Service, renderShared func() ([]emit.File, error), partial bool) int {
	o, err := openOutput(dir, false, e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "pipelines build: %v\n", err)
		return exitFailed
	}
	defer o.close()

	type finding struct{ path, what string }
	var mu sync.Mutex
	var findings []finding
	generated := map[string]bool{}
	current := map[string]string{} // path → SHA-256 of the files up to date
	compare := func(f emit.File) error {
		old, err := o.read(f.Path)
		what, sum := "", ""
		switch {
		case err == nil && string(old) != string(f.Data), errors.Is(err, errTooLarge):
			what = "stale"
		case err == nil:
			sum = hash(old)
		case isNotExist(err):
			what = "missing"
		default:
			return err
		}
		emit.Release([]emit.File{f})
		mu.Lock()
		generated[f.Path] = true
		if what != "" {
			findings = append(findings, finding{f.Path, what})
		} else {
			current[f.Path] = sum
		}
		mu.Unlock()
		return nil
	}
	sharedDone := inBackground(renderShared)
	err = renderEach(services, compare)
	shared, serr := sharedDone()
	err = multierror.Append(err, serr).ErrorOrNil()
	for _, f := range shared {
		if err == nil {
			err = compare(f)
		}
	}
	if err != nil {
		printErrors(e, "build", err)
		return exitFailed
	}
	built := inBuild(services)
	gone := false // a file the manifest lists, no longer generated, is gone
	for p := range o.manifest {
		if !generated[p] && (!partial || built(p)) {
			switch _, err := o.read(p); {
			case err == nil:
				findings = append(findings, finding{p, "extra"})
			case isNotExist(err):
				gone = true
			}
		}
	}
	if what := manifestFinding(o, current, generated, partial, built, gone); what != "" {
		findings = append(findings, finding{manifestName, what})
	}
	// A build deletes the temp files crashed builds left, beside the files
	// it writes and in folders it does not otherwise visit (see prepare):
	// they make out/ out of date.
	folders := map[string]bool{}
	for p := range generated {
		folders[topDir(p)] = true
	}
	kept := map[string]bool{}
	for p := range o.manifest {
		if partial && !built(p) {
			kept[topDir(p)] = true
		}
	}
	leftovers, err := o.leftoverTemps(folders, kept)
	if err != nil {
		printErrors(e, "build", err)
		return exitFailed
	}
	for _, p := range leftovers {
		findings = append(findings, finding{p, "leftover"})
	}
	if len(findings) == 0 {
		fmt.Fprintf(e.stdout, "%s is up to date: %s of %s\n", dir, count(len(generated), "file"), count(len(services), "service"))
		return exitOK
	}
	slices.SortFunc(findings, func(a, b finding) int { return strings.Compare(a.path, b.path) })
	for _, f := range findings {
		fmt.Fprintf(e.stderr, "%s: %s\n", f.what, path.Join(dir, f.path))
	}
	differ := fmt.Sprintf("%d files differ", len(findings))
	if len(findings) == 1 {
		differ = "1 file differs"
	}
	fmt.Fprintf(e.stderr, "%s is out of date: %s from what 'pipelines build' writes. Run 'pipelines build' and commit the result.\n", dir, differ)
	return exitFailed
}
