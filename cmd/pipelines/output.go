package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"unicode/utf8"

	"github.com/hashicorp/go-multierror"

	"pipelines/emit"
	"pipelines/model"
)

// manifestName lists every file a build generated, with its SHA-256, in
// sha256sum's format (so `sha256sum -c .pipelines-manifest` inside out/
// shows hand edits). Only files it lists are ever replaced or deleted.
const manifestName = ".pipelines-manifest"

// output is the output folder. Every access goes through an os.Root, so
// nothing outside it is read or written, and symbolic links are refused.
type output struct {
	dir      string
	root     *os.Root
	lock     *os.File          // the folder, locked (see lockFolder)
	manifest map[string]string // path → hex SHA-256, from the last build
	// interim holds the second SHA-256 that the manifest of a build
	// killed while renaming lists for a file: that of the bytes it was
	// renaming into place (see listPending). The file holds either.
	interim map[string]string
	// manifestData is the manifest's bytes as read, and hasManifest says
	// whether there was one: build -check compares them with what a build
	// writes.
	manifestData []byte
	hasManifest  bool

	mu         sync.Mutex
	created    []string        // folders this build created, parents first
	leftovers  map[string]bool // temp files of crashed builds beside staged files
	stampGone  bool            // the stamp is gone, or was never there
	stampAside string          // where this build moved it (see stamp.go)
	madeDirs   []string        // the output folder and its parents, if this build created them, deepest first
}

// openOutput opens dir: to write into it when create is set, creating it
// if need be, and to read it otherwise, when a missing folder is empty.
// Only one command at a time writes into a folder, and none reads it
// meanwhile: openOutput waits for the others, after saying so on stderr.
func openOutput(dir string, create bool, stderr io.Writer) (*output, error) {
	// A build that fails removes the folder it created: another command
	// waiting for it then holds the lock of a folder that is gone, and
	// opens the folder anew.
	for attempt := 1; ; attempt++ {
		o, err := openOutputOnce(dir, create, stderr)
		if err != nil || o.root == nil || attempt == 3 || o.stillThere() {
			return o, err
		}
		o.close()
	}
}

func openOutputOnce(dir string, create bool, stderr io.Writer) (*output, error) {
	// The folder as the system finds it, but for the part of dir that
	// does not exist, which is cleaned: "a/../out" is out when a does not
	// exist, and a build creates out, not a.
	dir, missing, err := outputPath(dir)
	if err != nil {
		if create {
			return nil, fmt.Errorf("create output folder: %w", err)
		}
		return nil, fmt.Errorf("open output folder: %w", err)
	}
	o := &output{dir: dir, manifest: map[string]string{}}
	// Opening a named pipe as the folder would wait for a writer forever.
	info, err := os.Stat(dir)
	if err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output folder %s is not a folder", dir)
	}
	// A link to nothing: the folder is followed there, and mkdir would
	// say only that the link exists.
	link := dir
	if trimmed := strings.TrimRight(dir, "/"); trimmed != "" {
		link = trimmed // "out/" names the link out, and Readlink would follow it
	}
	if target, lerr := os.Readlink(link); lerr == nil && errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("output folder %s is a symbolic link to %s, which does not exist; create that folder, or name another", dir, target)
	}
	if create {
		// "-o $OUT/" with OUT unset names the file system's root: a
		// build would spread service folders across it.
		if isRoot(dir) {
			return nil, fmt.Errorf("output folder %s is the root of the file system; name a folder for the templates, such as out", dir)
		}
		if err := o.makeDirs(missing); err != nil {
			return nil, fmt.Errorf("create output folder: %w", err)
		}
	}
	// fail closes o, and its lock: the caller may open the folder again.
	// Folders it created go too.
	fail := func(err error) (*output, error) {
		o.close()
		o.removeMadeDirs()
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) && !create {
		return o, nil
	}
	if err != nil {
		return fail(fmt.Errorf("open output folder: %w", err))
	}
	o.root = root
	if o.lock, err = root.Open("."); err == nil {
		err = lockFolder(o.lock, create, sayWaiting(stderr, dir))
	}
	if err != nil {
		return fail(fmt.Errorf("lock output folder: %w", err))
	}
	data, err := o.read(manifestName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fail(err)
	default:
		o.manifestData, o.hasManifest = data, true
		if o.manifest, o.interim, err = parseManifest(data); err != nil {
			// Say how to get out: a manifest in conflict after a merge
			// blocks every command until it is mended.
			return fail(fmt.Errorf("read %s: %w; restore it (git checkout -- %[1]s, or resolve the conflict), or delete it and build again, which then leaves the files of services no longer declared in place", path.Join(dir, manifestName), err))
		}
	}
	return o, nil
}

// sayWaiting returns what tells, on stderr, that a command waits for
// another to finish with the folder dir.
func sayWaiting(stderr io.Writer, dir string) func() {
	return func() {
		fmt.Fprintf(stderr, "pipelines: waiting for another pipelines command to finish with %s\n", dir)
	}
}

// stillThere reports whether the folder o opened is still at its path.
func (o *output) stillThere() bool {
	opened, err := o.lock.Stat()
	if err != nil {
		return false
	}
	now, err := os.Stat(o.dir)
	return err == nil && os.SameFile(opened, now)
}

// removeMadeDirs removes the output folder and its parents that this
// command created, if they are empty.
func (o *output) removeMadeDirs() {
	for _, dir := range o.madeDirs {
		os.Remove(dir) // fails, as it should, unless empty
	}
}

// isRoot reports whether dir is the root of a file system, named as such
// or through symbolic links.
func isRoot(dir string) bool {
	root := func(p string) bool {
		abs, err := filepath.Abs(p)
		return err == nil && filepath.Dir(abs) == abs
	}
	if root(dir) {
		return true
	}
	resolved, err := filepath.EvalSymlinks(dir)
	return err == nil && root(resolved)
}

func (o *output) close() {
	if o.lock != nil {
		o.lock.Close()
	}
	if o.root != nil {
		o.root.Close()
	}
}

// isSHA256 reports whether s is a SHA-256 as sha256sum writes it: 64
// lower-case hexadecimal digits.
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// parseManifest reads a manifest. Every path it lists must be one that a
// build generates: a build deletes the files of the manifest that it no
// longer generates, so a line added by hand, or by a bad merge, must not
// name any other file of the folder (the services file, say, with -o .).
// A path listed twice, by a build killed while renaming, has its second
// SHA-256 in interim.
func parseManifest(data []byte) (m, interim map[string]string, err error) {
	m = map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		sum, p, ok := strings.Cut(sc.Text(), "  ")
		if !ok || !isSHA256(sum) {
			return nil, nil, fmt.Errorf("line %d is not \"<sha256>  <path>\"", n)
		}
		if !fs.ValidPath(p) || !isGeneratedPath(p) {
			return nil, nil, fmt.Errorf("line %d lists %q, which is not a file pipelines generates (<service>/pipeline.json, <service>/deploy-<stage>.json, %s or %s)", n, p, emit.SharedNotes, emit.SharedEndpoints)
		}
		first, listed := m[p]
		switch {
		case !listed:
			m[p] = sum
		case interim[p] != "":
			return nil, nil, fmt.Errorf("line %d lists %q a third time", n, p)
		case sum != first:
			if interim == nil {
				interim = map[string]string{}
			}
			interim[p] = sum
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return m, interim, nil
}

// listed reports whether sum is a SHA-256 the manifest lists for p: the
// one a build wrote, or the other of a build killed while renaming.
func (o *output) listed(p, sum string) bool {
	if want, ok := o.manifest[p]; ok && want == sum {
		return true
	}
	alt, ok := o.interim[p]
	return ok && alt == sum
}

// isGeneratedPath reports whether p, in the output folder, is the path of
// a file a build may generate.
func isGeneratedPath(p string) bool {
	if p == emit.SharedNotes || p == emit.SharedEndpoints {
		return true
	}
	dir, base, ok := strings.Cut(p, "/")
	return ok && model.IsServiceName(dir) && dir != model.ReservedName && isTemplateName(base)
}

// formatManifest writes the manifest m, with the second SHA-256 of the
// paths interim lists after the first.
func formatManifest(m, interim map[string]string) []byte {
	var b bytes.Buffer
	for _, p := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "%s  %s\n", m[p], p)
		if alt, ok := interim[p]; ok && alt != m[p] {
			fmt.Fprintf(&b, "%s  %s\n", alt, p)
		}
	}
	return b.Bytes()
}

func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// read returns a file's bytes, refusing anything but a regular file in
// real folders: a symbolic link is never followed, wherever it points.
func (o *output) read(name string) ([]byte, error) {
	if o.root == nil {
		return nil, fs.ErrNotExist
	}
	if dir := path.Dir(name); dir != "." {
		if err := o.checkDir(dir); err != nil {
			return nil, err
		}
	}
	info, err := o.root.Lstat(name)
	if err != nil {
		return nil, o.outputPath(err)
	}
	if !info.Mode().IsRegular() {
		return nil, o.refuse(name, info.Mode(), false)
	}
	f, err := o.root.Open(name)
	if err != nil {
		return nil, o.outputPath(err)
	}
	defer f.Close()
	return readAll(f, path.Join(o.dir, name))
}

// outputPath is err, an error of o.root, with the path it names from the
// output folder's parent, as the user gave the folder ("out/a/b.json", not
// "a/b.json"), and the system call os.Root made ("openat") as the one it
// stands for ("open").
func (o *output) outputPath(err error) error {
	var perr *fs.PathError
	if !errors.As(err, &perr) {
		return err
	}
	op := perr.Op
	switch op {
	case "openat", "lstatat", "statat":
		op = strings.TrimSuffix(op, "at")
	}
	return &fs.PathError{Op: op, Path: path.Join(o.dir, perr.Path), Err: perr.Err}
}

// refuse is the error for a path that is not what the tool writes there:
// a regular file, or a folder when folder is set.
func (o *output) refuse(name string, mode fs.FileMode, folder bool) error {
	what := kindOf(mode)
	if folder && mode&fs.ModeSymlink == 0 {
		what = "not a folder"
	}
	return fmt.Errorf("%s is %s; refusing to use it", path.Join(o.dir, name), what)
}

// kindOf says what an entry that is not a regular file is instead.
func kindOf(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// checkDir checks that every component of dir that exists is a real
// folder.
func (o *output) checkDir(dir string) error {
	_, _, err := o.walkDir(dir)
	return err
}

// walkDir returns the first component of dir (a prefix of it) that does
// not exist, or "" and the folder's file info when dir exists. Components
// that exist must be real folders.
func (o *output) walkDir(dir string) (missing string, info fs.FileInfo, err error) {
	for i := 0; i <= len(dir); i++ {
		if i < len(dir) && dir[i] != '/' {
			continue
		}
		prefix := dir[:i]
		info, err = o.root.Lstat(prefix)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return prefix, nil, nil
		case err != nil:
			return "", nil, err
		case !info.IsDir() || info.Mode()&fs.ModeSymlink != 0:
			return "", nil, o.refuse(prefix, info.Mode(), true)
		}
	}
	return "", info, nil
}

// checkOwner checks that this process may replace or delete the entry
// name of the folder sub (dir in the output), whose file info is
// dirInfo: in a folder with the sticky bit, only the owner of the entry
// or of the folder may, which writableDir does not tell. Found only when
// renaming, a file of another user would leave the others new.
func (o *output) checkOwner(sub *os.Root, dir, name string, dirInfo fs.FileInfo) error {
	if dirInfo == nil || dirInfo.Mode()&fs.ModeSticky == 0 {
		return nil
	}
	info, err := sub.Lstat(name)
	if err != nil {
		return err
	}
	if err := mayReplace(dirInfo, info); err != nil {
		return fmt.Errorf("folder %s: %w", path.Join(o.dir, dir), err)
	}
	return nil
}

// staged is one generated file, compared with what the folder holds.
type staged struct {
	path string
	sum  string
	tmp  string // temp file holding the new bytes; empty when unchanged
	new  bool   // the file did not exist
	// edited is set when the file to replace is not what the manifest
	// says the build before wrote: edited by hand since.
	edited bool
	// old is the SHA-256 of the file to replace, when the manifest lists
	// it with that SHA-256.
	old string
}

// tempPrefix starts the name of the temp file that stages name: a crashed
// build may leave such files behind, and the next build deletes them. The
// whole name is the prefix and a number, and another number after a "-"
// when that name was taken: isTemp recognises exactly these.
func tempPrefix(name string) string { return "." + path.Base(name) + ".tmp-" }

// isTemp reports whether name is the name of a temp file stage writes,
// such as ".pipeline.json.tmp-12" or ".pipeline.json.tmp-12-1", for a file
// a build generates. Only files of such names are ever deleted as
// leftovers of a crashed build.
func isTemp(name string) bool {
	i := strings.LastIndex(name, ".tmp-")
	if i < 2 || name[0] != '.' {
		return false
	}
	seq, k, again := strings.Cut(name[i+len(".tmp-"):], "-")
	if !isNumber(seq) || again && !isNumber(k) {
		return false
	}
	base := name[1:i]
	return isTemplateName(base) || base == path.Base(emit.SharedNotes) || base == path.Base(emit.SharedEndpoints)
}

// isTemplateName reports whether base is the name of a template in a
// service's folder: pipeline.json or deploy-<stage>.json.
func isTemplateName(base string) bool {
	return base == "pipeline.json" || strings.HasPrefix(base, "deploy-") && strings.HasSuffix(base, ".json")
}

// isNumber reports whether s is a positive decimal number as
// strconv.FormatInt writes it: digits, not starting with 0.
func isNumber(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// refuseLeftover is the error for an entry named as a temp file of the
// tool's that is not a regular file: the tool never made it, so it is not
// deleted, and it is not left in place silently either.
func (o *output) refuseLeftover(name string, mode fs.FileMode) error {
	return fmt.Errorf("%s has the name of a temp file of an interrupted build, which a build deletes, but is %s; refusing to delete it", path.Join(o.dir, name), kindOf(mode))
}

// stage compares f with the file on disk and, when they differ, writes the
// new bytes to a temp file beside it. Nothing visible changes until
// commit: folders it had to create are removed by discard.
//
// accept, when not nil, is asked about a file that is about to be written;
// when it refuses, nothing is written and the file is reported unchanged
// (the caller fails the build).
func (o *output) stage(f emit.File, seq int64, accept func(emit.File) bool) (staged, error) {
	s := staged{path: f.Path, sum: hash(f.Data)}
	dir, base := path.Dir(f.Path), path.Base(f.Path)
	sub, dirInfo, created, err := o.openDir(dir)
	if err != nil {
		return s, err
	}
	if sub != o.root {
		defer sub.Close()
	}
	var taken map[string]bool
	if created {
		s.new = true
	} else {
		old, exists, temps, err := o.inspect(sub, dir, base)
		taken = temps
		switch {
		case err != nil:
			return s, err
		case exists && bytes.Equal(old, f.Data):
			return s, nil
		}
		s.new = !exists
		if exists {
			if err := o.checkOwner(sub, dir, base, dirInfo); err != nil {
				return s, fmt.Errorf("write %s: %w", path.Join(o.dir, f.Path), err)
			}
		}
		// Hashed only when it differs, and the manifest lists it: a
		// fresh build, or one with nothing to change, pays nothing.
		if _, listed := o.manifest[f.Path]; exists && listed {
			if sum := hash(old); old != nil && o.listed(f.Path, sum) {
				s.old = sum
			} else {
				s.edited = true
			}
		}
	}
	if accept != nil && !accept(f) {
		return s, nil
	}
	if err := o.dropStamp(); err != nil {
		return s, err
	}
	tmp := tempPrefix(base) + strconv.FormatInt(seq, 10)
	for k := 1; taken[tmp]; k++ {
		tmp = tempPrefix(base) + strconv.FormatInt(seq, 10) + "-" + strconv.Itoa(k)
	}
	if err := o.write(sub, path.Join(dir, tmp), tmp, f.Data, syncEach); err != nil {
		return s, err
	}
	s.tmp = path.Join(dir, tmp)
	return s, nil
}

// openDir opens the folder dir of the output, creating what is missing,
// and returns its file info when it was there. Folders that exist must be
// real folders.
func (o *output) openDir(dir string) (sub *os.Root, info fs.FileInfo, created bool, err error) {
	if dir == "." {
		return o.root, nil, false, nil
	}
	missing, info, err := o.walkDir(dir)
	if err != nil {
		return nil, nil, false, err
	}
	if missing != "" {
		// A build that crashes from here on must leave no stamp, or the
		// next build would skip the work that removes what it left.
		if err := o.dropStamp(); err != nil {
			return nil, nil, false, err
		}
		for i := len(missing); i <= len(dir); i++ {
			if i < len(dir) && dir[i] != '/' {
				continue
			}
			err := o.root.Mkdir(dir[:i], 0o755)
			if errors.Is(err, fs.ErrExist) {
				if err := o.checkDir(dir[:i]); err != nil {
					return nil, nil, false, err
				}
				continue
			}
			if err != nil {
				return nil, nil, false, fmt.Errorf("create %s: %w", path.Join(o.dir, dir[:i]), err)
			}
			o.mu.Lock()
			o.created = append(o.created, dir[:i])
			o.mu.Unlock()
			created = true
		}
	}
	sub, err = o.root.OpenRoot(dir)
	if err != nil {
		return nil, nil, false, fmt.Errorf("open %s: %w", path.Join(o.dir, dir), err)
	}
	return sub, info, created, nil
}

// inspect lists the folder sub (dir in the output) and reads base when it
// is there. It refuses a base that is not a regular file, and returns the
// names of the temp files a crashed build left for base, which stage must
// not reuse. It records every temp file it finds in the folder, for any
// file, in o.leftovers: commit deletes those that are not this build's.
func (o *output) inspect(sub *os.Root, dir, base string) (old []byte, exists bool, temps map[string]bool, err error) {
	d, err := sub.Open(".")
	if err != nil {
		return nil, false, nil, fmt.Errorf("read %s: %w", path.Join(o.dir, dir), err)
	}
	entries, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return nil, false, nil, fmt.Errorf("read %s: %w", path.Join(o.dir, dir), err)
	}
	prefix := tempPrefix(base)
	for _, e := range entries {
		switch name := e.Name(); {
		case name == base:
			if !e.Type().IsRegular() {
				return nil, false, nil, o.refuse(path.Join(dir, base), e.Type(), false)
			}
			exists = true
		case isTemp(name):
			if !e.Type().IsRegular() {
				return nil, false, nil, o.refuseLeftover(path.Join(dir, name), e.Type())
			}
			if strings.HasPrefix(name, prefix) {
				if temps == nil {
					temps = map[string]bool{}
				}
				temps[name] = true
			}
			o.mu.Lock()
			if o.leftovers == nil {
				o.leftovers = map[string]bool{}
			}
			o.leftovers[path.Join(dir, name)] = true
			o.mu.Unlock()
		}
	}
	if !exists {
		return nil, false, temps, nil
	}
	f, err := sub.Open(base)
	if err != nil {
		return nil, false, nil, fmt.Errorf("read %s: %w", path.Join(o.dir, dir, base), err)
	}
	defer f.Close()
	old, err = readAll(f, path.Join(o.dir, dir, base))
	if errors.Is(err, errTooLarge) {
		return nil, true, temps, nil // it differs: replace it
	}
	if err != nil {
		return nil, false, nil, err
	}
	return old, true, temps, nil
}

// write creates the file name in sub (display is its path in the output)
// with data, and with sync flushes it to disk before it closes it; it
// fails if the file exists.
func (o *output) write(sub *os.Root, display, name string, data []byte, sync bool) error {
	// O_NONBLOCK changes nothing for a regular file, but it spares the two
	// pairs of fcntl calls the os package makes to switch a new file into
	// non-blocking mode and back after it cannot poll it: four system calls
	// of about twelve per file.
	file, err := sub.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NONBLOCK, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path.Join(o.dir, display), pathless(err))
	}
	_, err = file.Write(data)
	if err == nil && sync {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		sub.Remove(name)
		return fmt.Errorf("write %s: %w", path.Join(o.dir, display), pathless(err))
	}
	return nil
}

// pathless is err without the path and system call that an fs.PathError
// adds: the message that wraps it names the file already.
func pathless(err error) error {
	var perr *fs.PathError
	if errors.As(err, &perr) {
		return perr.Err
	}
	return err
}

// fullStop reports whether err, met writing a file, says that no other
// file can be written either: the file system is full, read-only, or
// failing, or the process may write no larger files (ulimit -f). A build
// stops staging then, rather than fail again for each file.
func fullStop(err error) bool {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG, syscall.EROFS, syscall.EIO} {
		if errors.Is(err, errno) {
			return true
		}
	}
	return false
}

// discard removes the temp files of a failed build, and the folders it
// created, and puts the stamp back, so that the output folder is as it
// was. It returns the error of putting back the stamp, the one thing of
// the folder's own it changes.
func (o *output) discard(files []staged) error {
	for _, s := range files {
		if s.tmp != "" {
			o.root.Remove(s.tmp)
		}
	}
	for _, dir := range slices.Backward(o.created) {
		o.root.Remove(dir) // fails, as it should, unless empty
	}
	err := o.restoreStamp()
	o.removeMadeDirs()
	return err
}

// outputPath returns the path of the output folder named dir, and the
// folders on it that do not exist, parents first: those a build creates.
// The components of dir that exist are left for the system to resolve,
// as given: a symbolic link among them, followed by "..", leads where
// the system says. The rest does not exist, so it holds no link, and it
// is cleaned: "a/../out", where a does not exist, is out, and only out is
// created, where the system would need a to find it. A component the
// system cannot look up (under a file, say, or too long a path) is an
// error, before anything is created.
func outputPath(dir string) (string, []string, error) {
	vol := filepath.VolumeName(dir)
	base := vol
	if len(dir) > len(vol) && os.IsPathSeparator(dir[len(vol)]) {
		base += string(filepath.Separator)
	}
	parts := strings.FieldsFunc(dir[len(vol):], func(r rune) bool { return r < utf8.RuneSelf && os.IsPathSeparator(uint8(r)) })
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		if os.IsPathSeparator(a[len(a)-1]) {
			return a + b
		}
		return a + string(filepath.Separator) + b
	}
	cleaned := false
	for {
		// The components that exist.
		i := 0
		for ; i < len(parts); i++ {
			next := join(base, parts[i])
			if _, err := os.Lstat(next); errors.Is(err, fs.ErrNotExist) {
				break
			} else if err != nil {
				return "", nil, err
			}
			base = next
		}
		if i == len(parts) {
			switch {
			case !cleaned:
				return dir, nil, nil
			case base == "":
				return ".", nil, nil // a relative path that leads back, as a/.. does
			}
			return base, nil, nil
		}
		rest := strings.Split(filepath.Clean(filepath.Join(parts[i:]...)), string(filepath.Separator))
		if slices.Equal(rest, parts[i:]) {
			// No "." or "..": every component from here on is missing.
			var missing []string
			for _, p := range rest {
				base = join(base, p)
				missing = append(missing, base)
			}
			return base, missing, nil
		}
		// Cleaned, the rest may lead back to folders that exist: those
		// "..", or those after "a/..", are looked up again.
		if len(rest) == 1 && rest[0] == "." {
			rest = nil
		}
		parts, cleaned = rest, true
	}
}

// makeDirs creates the folders missing lists, parents first, and notes
// them in o.madeDirs, which a build that fails removes. If one cannot be
// created, those created before it are removed.
func (o *output) makeDirs(missing []string) error {
	for _, d := range missing {
		err := os.Mkdir(d, 0o755)
		if errors.Is(err, fs.ErrExist) {
			if info, lerr := os.Lstat(d); lerr == nil && info.IsDir() {
				continue // created meanwhile, by another command
			}
		}
		if err != nil {
			o.removeMadeDirs()
			return err
		}
		o.madeDirs = slices.Insert(o.madeDirs, 0, d) // deepest first
	}
	return nil
}

// result counts what a build did.
type result struct {
	services, written, unchanged, deleted int
	manifest                              []byte          // as written
	notWritten                            map[string]bool // files whose rename failed
}

// pending is what a commit does, checked before it starts.
type pending struct {
	files []staged          // to rename into place
	next  map[string]string // the manifest, if every rename succeeds
	alt   map[string]string // second SHA-256s of next (see output.interim), of files it keeps
	stale []string          // generated files no longer generated, sorted
	temps []string          // temp files of crashed builds, sorted
	dirs  []string          // folders to remove if they are left empty
}

// prepare works out what committing files does, and checks everything it
// will delete: generated files no longer generated, and temp files that
// crashed builds left. Each must be a regular file in real folders, or
// already gone. Nothing has changed yet, so a refusal fails the build with
// the output folder as it was. keep says which old manifest entries are
// outside this build (with -only) and stay.
func (o *output) prepare(files []staged, keep func(path string) bool) (*pending, error) {
	pd := &pending{files: files, next: map[string]string{}, alt: map[string]string{}}
	for p, sum := range o.manifest {
		if keep(p) {
			pd.next[p] = sum
			if alt, ok := o.interim[p]; ok {
				pd.alt[p] = alt
			}
		}
	}
	visited := map[string]bool{} // top-level folders whose files are staged
	ours := map[string]bool{}    // this build's temp files
	for _, s := range files {
		pd.next[s.path] = s.sum
		// A file this build writes, or finds as it renders it, holds
		// s.sum once committed: a second SHA-256 a killed build listed
		// for it (kept with shared/ by -only) no longer says anything.
		delete(pd.alt, s.path)
		visited[topDir(s.path)] = true
		if s.tmp != "" {
			ours[s.tmp] = true
		}
	}

	var errs *multierror.Error
	dirs := map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(o.manifest)) {
		if _, ok := pd.next[p]; ok {
			continue
		}
		if err := o.checkRemovable(p); err != nil {
			errs = multierror.Append(errs, fmt.Errorf("delete %s (no longer generated): %w", path.Join(o.dir, p), err))
			continue
		}
		if err := o.checkUnedited(p); err != nil {
			errs = multierror.Append(errs, err)
			continue
		}
		pd.stale = append(pd.stale, p)
		if dir := path.Dir(p); dir != "." {
			dirs[dir] = true
		}
	}

	// Staging found the temp files in the folders it visited. Those of a
	// crashed build that added services are in folders no build visits
	// again: look into the folders of out/ that belong neither to this
	// build nor to the services it keeps. Those of the build were listed
	// while staging, and those kept are left for a complete build, so that
	// a build does not read every folder of a large output.
	kept := map[string]bool{}
	for p := range o.manifest {
		if keep(p) {
			kept[topDir(p)] = true
		}
	}
	strays, empty, err := o.strays(func(dir string) bool { return visited[dir] || kept[dir] })
	if err != nil {
		errs = multierror.Append(errs, err)
	}
	for _, p := range strays {
		dirs[path.Dir(p)] = true
	}
	for _, dir := range empty {
		dirs[dir] = true
	}
	strays = append(strays, o.toolTemps()...)
	for p := range o.leftovers {
		if !ours[p] {
			pd.temps = append(pd.temps, p)
		}
	}
	pd.temps = append(pd.temps, strays...)
	slices.Sort(pd.temps)
	pd.dirs = slices.Sorted(maps.Keys(dirs))
	if pd.changes(o.manifest, o.interim) {
		if err := o.checkTop(); err != nil {
			errs = multierror.Append(errs, err)
		}
	}
	if err := errs.ErrorOrNil(); err != nil {
		return nil, err
	}
	return pd, nil
}

// changes reports whether committing pd changes the output folder, whose
// manifest is manifest, with the second SHA-256s of interim.
func (pd *pending) changes(manifest, interim map[string]string) bool {
	return len(pd.stale) > 0 || len(pd.temps) > 0 || !maps.Equal(pd.next, manifest) || !maps.Equal(pd.alt, interim) ||
		slices.ContainsFunc(pd.files, func(s staged) bool { return s.tmp != "" })
}

// checkTop checks, before anything is renamed into place, what a commit
// needs of the top of the output folder once it has: to write the
// manifest and the stamp there, through temp files that nothing may
// stand in the way of. Found only then, a folder the user may not write
// would leave the templates new and the manifest old.
func (o *output) checkTop() error {
	if err := writableDir(o.dir); err != nil {
		return fmt.Errorf("folder %s: %w", o.dir, err)
	}
	names, err := o.toolLeftovers()
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := o.checkToolFile(name); err != nil {
			return err
		}
	}
	// A build that crashes while it deletes files must leave no stamp,
	// as one that crashes while it writes them.
	return o.dropStamp()
}

// checkUnedited checks that the generated file p, which a commit deletes,
// holds what the build that wrote it wrote: a hand edit, or a manifest
// that lists a file the tool did not write, is not lost.
func (o *output) checkUnedited(p string) error {
	data, err := o.read(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil && !errors.Is(err, errTooLarge): // too large is changed
		return fmt.Errorf("delete %s (no longer generated): %w", path.Join(o.dir, p), err)
	case err == nil && o.listed(p, hash(data)):
		return nil
	}
	return fmt.Errorf("delete %s (no longer generated): it changed since it was generated, as its SHA-256 is not the manifest's; delete it yourself, or restore it, and build again", path.Join(o.dir, p))
}

// topDir is the top-level folder of a path in the output, or "." for a
// file at the top.
func topDir(p string) string {
	dir, _, ok := strings.Cut(p, "/")
	if !ok {
		return "."
	}
	return dir
}

// strays lists the temp files of crashed builds in the top-level folders
// of the output that skip does not exclude, sorted. It lists the output
// folder once, and looks only into folders named as services, for temp
// files of the templates a service folder holds: anything else in out/ is
// not the tool's, and a folder it cannot read, or an entry with a temp
// file's name that is not a regular file, is left alone. A symbolic link
// is not followed: the tool never writes through one, so none leads to its
// temp files.
func (o *output) strays(skip func(dir string) bool) (temps, empty []string, err error) {
	if o.root == nil {
		return nil, nil, nil
	}
	entries, err := o.list(".")
	if err != nil {
		return nil, nil, err
	}
	// Folders of the manifest's files are the tool's.
	listed := map[string]bool{}
	for p := range o.manifest {
		listed[topDir(p)] = true
	}
	var errs *multierror.Error
	for _, e := range entries {
		if !e.IsDir() || skip(e.Name()) || !model.IsServiceName(e.Name()) {
			continue
		}
		inside, err := o.list(e.Name())
		if err != nil {
			continue // not the tool's: it makes every folder readable
		}
		if len(inside) == 0 {
			// A build killed while it deleted a removed service's files
			// left it, the manifest being written last: it holds nothing
			// to lose. An empty folder whose name no file of the
			// manifest has is not the tool's, or not known to be: it
			// stays.
			if listed[e.Name()] {
				empty = append(empty, e.Name())
			}
			continue
		}
		found, err := o.temps(e.Name(), inside, isTemplateTemp, false)
		if err != nil {
			errs = multierror.Append(errs, err)
		}
		temps = append(temps, found...)
	}
	return temps, empty, errs.ErrorOrNil()
}

// toolLeftovers lists the names of the files of the tool's own at the top
// of the output folder that a crashed build may have left: the temp files
// through which it was replacing the manifest or the stamp (see replace),
// and the stamps it had set aside (see dropStamp).
func (o *output) toolLeftovers() ([]string, error) {
	aside, _, err := o.asideNames()
	return append([]string{replaceTemp(manifestName), replaceTemp(stampName)}, aside...), err
}

// toolTemps lists the tool's own files that a crashed build left.
func (o *output) toolTemps() []string {
	names, _ := o.toolLeftovers() // a name it could not look at is left
	var temps []string
	for _, name := range names {
		if info, err := o.root.Lstat(name); err == nil && info.Mode().IsRegular() {
			temps = append(temps, name)
		}
	}
	return temps
}

// checkToolFile refuses anything but a regular file at name, a file of
// the tool's own that a build deletes or replaces.
func (o *output) checkToolFile(name string) error {
	_, err := o.regularFile(name, o.refuseLeftover)
	return err
}

// regularFile reports whether there is an entry at name in the output,
// and refuses it with refuse unless it is a regular file.
func (o *output) regularFile(name string, refuse func(name string, mode fs.FileMode) error) (exists bool, err error) {
	info, err := o.root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case !info.Mode().IsRegular():
		return true, refuse(name, info.Mode())
	}
	return true, nil
}

// refuseFile is refuse for an entry that must be a regular file.
func (o *output) refuseFile(name string, mode fs.FileMode) error { return o.refuse(name, mode, false) }

// leftoverTemps lists, sorted, the temp files of crashed builds that a
// build generating into folders, and keeping those of kept, would
// delete: any beside the files of folders, and those strays finds in
// the other folders of the output.
func (o *output) leftoverTemps(folders, kept map[string]bool) ([]string, error) {
	dirs := slices.Sorted(maps.Keys(folders))
	beside := make([][]string, len(dirs))
	err := parallel(len(dirs), runtime.GOMAXPROCS(0), func(i int) error {
		var err error
		if dirs[i] != "." {
			beside[i], err = o.tempsIn(dirs[i], isTemp)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	strays, empty, err := o.strays(func(dir string) bool { return folders[dir] || kept[dir] })
	if err != nil {
		return nil, err
	}
	if o.root != nil {
		strays = append(strays, o.toolTemps()...)
	}
	all := slices.Concat(append(beside, strays, empty)...)
	slices.Sort(all)
	return all, nil
}

// isTemplateTemp reports whether name is that of a temp file staging a
// service's template.
func isTemplateTemp(name string) bool {
	return isTemp(name) && isTemplateName(name[1:strings.LastIndex(name, ".tmp-")])
}

// tempsIn lists the temp files of crashed builds in the folder dir of the
// output, those whose names match, and refuses entries with such names
// that are not regular files.
func (o *output) tempsIn(dir string, match func(name string) bool) ([]string, error) {
	entries, err := o.list(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // a folder build -check finds missing holds nothing
	}
	if err != nil {
		return nil, err
	}
	return o.temps(dir, entries, match, true)
}

// temps is tempsIn for the entries of dir, already listed. Unless strict,
// an entry that is not a regular file is passed over, not refused: in a
// folder outside the build, it is not the tool's.
func (o *output) temps(dir string, entries []fs.DirEntry, match func(name string) bool, strict bool) ([]string, error) {
	var temps []string
	var errs *multierror.Error
	for _, e := range entries {
		if !match(e.Name()) {
			continue
		}
		p := path.Join(dir, e.Name())
		switch {
		case e.Type().IsRegular():
			temps = append(temps, p)
		case strict:
			errs = multierror.Append(errs, o.refuseLeftover(p, e.Type()))
		}
	}
	return temps, errs.ErrorOrNil()
}

// list reads the entries of the folder dir of the output, sorted by name
// so that what is reported about them comes in the same order every time.
func (o *output) list(dir string) ([]fs.DirEntry, error) {
	if o.root == nil {
		return nil, fs.ErrNotExist // the output folder does not exist
	}
	d, err := o.root.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path.Join(o.dir, dir), err)
	}
	defer d.Close()
	entries, err := d.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path.Join(o.dir, dir), err)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// checkRemovable checks that p, which a commit deletes, is a regular file
// in real folders, or is gone.
func (o *output) checkRemovable(p string) error {
	_, dirInfo, err := o.walkDir(path.Dir(p))
	if err != nil {
		return err
	}
	if exists, err := o.regularFile(p, o.refuseFile); !exists || err != nil {
		return err
	}
	// Asked now, before anything is renamed into place, so that a folder
	// the user may not write fails the build with out/ as it was.
	if err := writableDir(filepath.Join(o.dir, filepath.FromSlash(path.Dir(p)))); err != nil {
		return fmt.Errorf("folder %s: %w", path.Join(o.dir, path.Dir(p)), err)
	}
	return o.checkOwner(o.root, path.Dir(p), p, dirInfo)
}

// commit renames every temp file into place (on every core: each rename
// is atomic on its own), deletes generated files that are no longer
// generated and temp files of crashed builds, then folders that this left
// empty, and writes the manifest last. prepare checked every deletion, so
// only an I/O error can fail it midway.
func (o *output) commit(pd *pending) (result, error) {
	var res result
	var errs *multierror.Error
	files, next, alt := pd.files, pd.next, pd.alt
	failed := make([]error, len(files))
	parallel(len(files), runtime.GOMAXPROCS(0), func(i int) error {
		if s := files[i]; s.tmp != "" {
			failed[i] = o.rename(s.tmp, s.path)
		}
		return nil
	})
	for i, s := range files {
		switch {
		case s.tmp == "":
			res.unchanged++
		case failed[i] != nil:
			errs = multierror.Append(errs, failed[i])
			if res.notWritten == nil {
				res.notWritten = map[string]bool{}
			}
			res.notWritten[s.path] = true
			o.root.Remove(s.tmp)
			if old, ok := o.manifest[s.path]; ok && !s.new {
				next[s.path] = old
				if s.old != "" {
					next[s.path] = s.old
				} else if other, ok := o.interim[s.path]; ok {
					alt[s.path] = other
				}
			} else {
				delete(next, s.path)
			}
		default:
			res.written++
		}
	}
	for _, p := range pd.stale {
		deleted, err := o.remove(p)
		if err != nil {
			errs = multierror.Append(errs, err)
			next[p] = o.manifest[p]
			if other, ok := o.interim[p]; ok {
				alt[p] = other
			}
			continue
		}
		if deleted {
			res.deleted++
		}
	}
	for _, p := range pd.temps {
		if err := o.root.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = multierror.Append(errs, fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err))
		}
	}
	if o.stampAside != "" {
		// The stamp of the build before, out of date now.
		if err := o.root.Remove(o.stampAside); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = multierror.Append(errs, fmt.Errorf("delete %s: %w", path.Join(o.dir, o.stampAside), err))
		}
	}
	for _, dir := range slices.Backward(pd.dirs) {
		// Remove would delete a link in the folder's place.
		if info, err := o.root.Lstat(dir); err == nil && info.IsDir() {
			o.root.Remove(dir) // fails, as it should, unless empty
		}
	}
	manifest, err := o.writeManifest(next, alt)
	if err != nil {
		errs = multierror.Append(errs, err)
	}
	res.manifest = manifest
	return res, errs.ErrorOrNil()
}

// maxNamed is how many of the files it replaced that it had not written
// a build names; it counts the rest.
const maxNamed = 10

// unlisted returns the paths of the files among files that a commit
// replaces though the manifest does not list them: files at the paths the
// tool generates that were not written by it, or whose manifest was lost.
func (o *output) unlisted(files []staged) []string {
	var paths []string
	for _, s := range files {
		if _, listed := o.manifest[s.path]; !listed && s.tmp != "" && !s.new {
			paths = append(paths, s.path)
		}
	}
	return paths
}

// edited returns the paths of the files among files that a commit
// replaces though they were edited since the build before wrote them.
func edited(files []staged) []string {
	var paths []string
	for _, s := range files {
		if s.edited && s.tmp != "" {
			paths = append(paths, s.path)
		}
	}
	return paths
}

// listPending writes, before commit renames anything into place, the
// manifest of a build killed while renaming: it lists the files this build
// adds, and for each listed file it replaces, the SHA-256 of the new bytes
// on a second line, after that of the bytes there now. A killed build
// would otherwise leave files that no manifest lists, which no later build
// would delete, and files whose new bytes the manifest does not know, which
// a later build would take for hand edits and refuse to delete. Written
// now, the larger manifest also meets a full disk while nothing has
// changed, and the manifest commit writes is no larger.
func (o *output) listPending(pd *pending) error {
	m, alt := maps.Clone(o.manifest), maps.Clone(o.interim)
	if alt == nil {
		alt = map[string]string{}
	}
	for _, s := range pd.files {
		if s.tmp == "" {
			continue
		}
		_, listed := o.manifest[s.path]
		switch {
		case listed:
			// The file holds one of the versions listed (s.old), or
			// was edited by hand: the SHA-256 the build before wrote
			// stays first.
			if s.old != "" {
				m[s.path] = s.old
			}
			alt[s.path] = s.sum
		case s.new:
			// A file there and not listed was not the tool's: it is
			// not listed until it is replaced.
			m[s.path] = s.sum
		}
	}
	if maps.Equal(m, o.manifest) && maps.Equal(alt, o.interim) {
		return nil
	}
	_, err := o.writeManifest(m, alt)
	return err
}

// rename moves the temp file tmp onto dst, in the same folder.
func (o *output) rename(tmp, dst string) error {
	sub, err := o.root.OpenRoot(path.Dir(dst))
	if err == nil {
		err = sub.Rename(path.Base(tmp), path.Base(dst))
		sub.Close()
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path.Join(o.dir, dst), err)
	}
	return nil
}

// remove deletes a generated file, and reports whether it was there. It
// checks again what prepare checked, as the folder may have changed since.
func (o *output) remove(p string) (bool, error) {
	if err := o.checkRemovable(p); err != nil {
		return false, fmt.Errorf("delete %s (no longer generated): %w", path.Join(o.dir, p), err)
	}
	err := o.root.Remove(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err)
	}
	return true, nil
}

func (o *output) writeManifest(m, interim map[string]string) ([]byte, error) {
	data := formatManifest(m, interim)
	return data, o.replace(manifestName, data)
}

// replace writes a file of the tool's own at the top of the folder, unless
// it already holds data: a temp file renamed into place.
func (o *output) replace(name string, data []byte) error {
	old, err := o.read(name)
	switch {
	case err == nil && bytes.Equal(old, data):
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errTooLarge):
		return err // a link, say, which renaming would replace
	}
	tmp := replaceTemp(name)
	if err := o.checkToolFile(tmp); err != nil {
		return err
	}
	o.root.Remove(tmp) // a crashed build's, if any
	if err := o.write(o.root, tmp, tmp, data, true); err != nil {
		return err
	}
	if err := o.root.Rename(tmp, name); err != nil {
		o.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", path.Join(o.dir, name), err)
	}
	return nil
}

// syncFiles flushes the new files under root to disk; a test makes it
// fail.
var syncFiles = syncFS

// replaceTemp is the temp file through which replace writes name.
func replaceTemp(name string) string { return "." + name + ".tmp" }

// parallel runs fn for 0..n-1 on up to workers goroutines and returns the
// errors, in index order.
func parallel(n, workers int, fn func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				errs[i] = fn(i)
			}
		})
	}
	wg.Wait()
	var merr *multierror.Error
	for _, err := range errs {
		if err != nil {
			merr = multierror.Append(merr, err)
		}
	}
	return merr.ErrorOrNil()
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
