package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/hashicorp/go-multierror"

	"pipelines/emit"
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
	manifest map[string]string // path → hex SHA-256, from the last build

	mu        sync.Mutex
	created   []string // folders this build created, parents first
	leftovers []string // temp files of crashed builds, deleted by commit
	stamp     []byte   // the stamp this build removed (see stamp.go)
	stampGone bool
}

// openOutput opens dir, creating it when create is set. A missing folder
// opened without create is empty.
func openOutput(dir string, create bool) (*output, error) {
	o := &output{dir: dir, manifest: map[string]string{}}
	if create {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create output folder: %w", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) && !create {
		return o, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open output folder: %w", err)
	}
	o.root = root
	data, err := o.read(manifestName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if o.manifest, err = parseManifest(data); err != nil {
			return nil, fmt.Errorf("read %s: %w", path.Join(dir, manifestName), err)
		}
	}
	return o, nil
}

func (o *output) close() {
	if o.root != nil {
		o.root.Close()
	}
}

func parseManifest(data []byte) (map[string]string, error) {
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		sum, p, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 || !fs.ValidPath(p) {
			return nil, fmt.Errorf("line %d is not \"<sha256>  <path>\"", n)
		}
		m[p] = sum
	}
	return m, sc.Err()
}

func formatManifest(m map[string]string) []byte {
	var b bytes.Buffer
	for _, p := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "%s  %s\n", m[p], p)
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
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, o.refuse(name, info.Mode(), false)
	}
	return o.root.ReadFile(name)
}

// refuse is the error for a path that is not what the tool writes there:
// a regular file, or a folder when folder is set.
func (o *output) refuse(name string, mode fs.FileMode, folder bool) error {
	what := "not a regular file"
	switch {
	case mode&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case folder:
		what = "not a folder"
	case mode.IsDir():
		what = "a folder"
	}
	return fmt.Errorf("%s is %s; refusing to use it", path.Join(o.dir, name), what)
}

// checkDir checks that every component of dir that exists is a real
// folder.
func (o *output) checkDir(dir string) error {
	_, err := o.walkDir(dir)
	return err
}

// walkDir returns the first component of dir (a prefix of it) that does
// not exist, or "" when dir exists. Components that exist must be real
// folders.
func (o *output) walkDir(dir string) (missing string, err error) {
	for i := 0; i <= len(dir); i++ {
		if i < len(dir) && dir[i] != '/' {
			continue
		}
		prefix := dir[:i]
		info, err := o.root.Lstat(prefix)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return prefix, nil
		case err != nil:
			return "", err
		case !info.IsDir() || info.Mode()&fs.ModeSymlink != 0:
			return "", o.refuse(prefix, info.Mode(), true)
		}
	}
	return "", nil
}

// staged is one generated file, compared with what the folder holds.
type staged struct {
	path string
	sum  string
	tmp  string // temp file holding the new bytes; empty when unchanged
	new  bool   // the file did not exist
}

// tempPrefix starts the name of the temp file that stages name: a crashed
// build may leave such files behind, and the next build deletes them.
func tempPrefix(name string) string { return "." + path.Base(name) + ".tmp-" }

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
	sub, created, err := o.openDir(dir)
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
	if err := o.write(sub, path.Join(dir, tmp), tmp, f.Data); err != nil {
		return s, err
	}
	s.tmp = path.Join(dir, tmp)
	return s, nil
}

// openDir opens the folder dir of the output, creating what is missing.
// Folders that exist must be real folders.
func (o *output) openDir(dir string) (sub *os.Root, created bool, err error) {
	if dir == "." {
		return o.root, false, nil
	}
	missing, err := o.walkDir(dir)
	if err != nil {
		return nil, false, err
	}
	if missing != "" {
		for i := len(missing); i <= len(dir); i++ {
			if i < len(dir) && dir[i] != '/' {
				continue
			}
			err := o.root.Mkdir(dir[:i], 0o755)
			if errors.Is(err, fs.ErrExist) {
				if err := o.checkDir(dir[:i]); err != nil {
					return nil, false, err
				}
				continue
			}
			if err != nil {
				return nil, false, fmt.Errorf("create %s: %w", path.Join(o.dir, dir[:i]), err)
			}
			o.mu.Lock()
			o.created = append(o.created, dir[:i])
			o.mu.Unlock()
			created = true
		}
	}
	sub, err = o.root.OpenRoot(dir)
	if err != nil {
		return nil, false, fmt.Errorf("open %s: %w", path.Join(o.dir, dir), err)
	}
	return sub, created, nil
}

// inspect lists the folder sub (dir in the output) and reads base when it
// is there. It refuses a base that is not a regular file, and returns the
// names of the temp files a crashed build left beside it, which commit
// deletes.
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
		case strings.HasPrefix(name, prefix):
			if temps == nil {
				temps = map[string]bool{}
			}
			temps[name] = true
			o.mu.Lock()
			o.leftovers = append(o.leftovers, path.Join(dir, name))
			o.mu.Unlock()
		}
	}
	if !exists {
		return nil, false, temps, nil
	}
	old, err = sub.ReadFile(base)
	if err != nil {
		return nil, false, nil, fmt.Errorf("read %s: %w", path.Join(o.dir, dir, base), err)
	}
	return old, true, temps, nil
}

// write creates the file name in sub (display is its path in the output)
// with data; it fails if the file exists.
func (o *output) write(sub *os.Root, display, name string, data []byte) error {
	// O_NONBLOCK changes nothing for a regular file, but it spares the two
	// pairs of fcntl calls the os package makes to switch a new file into
	// non-blocking mode and back after it cannot poll it: four system calls
	// of about twelve per file.
	file, err := sub.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NONBLOCK, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path.Join(o.dir, display), err)
	}
	_, err = file.Write(data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		sub.Remove(name)
		return fmt.Errorf("write %s: %w", path.Join(o.dir, display), err)
	}
	return nil
}

// discard removes the temp files of a failed build, and the folders it
// created, so that the output folder is as it was.
func (o *output) discard(files []staged) {
	for _, s := range files {
		if s.tmp != "" {
			o.root.Remove(s.tmp)
		}
	}
	for _, dir := range slices.Backward(o.created) {
		o.root.Remove(dir) // fails, as it should, unless empty
	}
	o.restoreStamp()
}

// result counts what a build did.
type result struct {
	services, written, unchanged, deleted int
	manifest                              []byte // as written
}

// commit renames every temp file into place (on every core: each rename
// is atomic on its own), deletes generated files that are no longer
// generated and temp files of crashed builds, and writes the manifest
// last. keep says which old manifest entries are outside this build (with
// -only) and stay.
func (o *output) commit(files []staged, keep func(path string) bool) (result, error) {
	var res result
	var errs *multierror.Error
	failed := make([]error, len(files))
	parallel(len(files), runtime.GOMAXPROCS(0), func(i int) error {
		if s := files[i]; s.tmp != "" {
			failed[i] = o.rename(s.tmp, s.path)
		}
		return nil
	})
	next := map[string]string{}
	for p, sum := range o.manifest {
		if keep(p) {
			next[p] = sum
		}
	}
	for i, s := range files {
		next[s.path] = s.sum
		switch {
		case s.tmp == "":
			res.unchanged++
		case failed[i] != nil:
			errs = multierror.Append(errs, failed[i])
			o.root.Remove(s.tmp)
			if old, ok := o.manifest[s.path]; ok && !s.new {
				next[s.path] = old
			} else {
				delete(next, s.path)
			}
		default:
			res.written++
		}
	}
	for _, p := range o.leftovers {
		o.root.Remove(p)
	}
	for _, p := range slices.Sorted(maps.Keys(o.manifest)) {
		if _, ok := next[p]; ok {
			continue
		}
		if err := o.remove(p); err != nil {
			errs = multierror.Append(errs, err)
			next[p] = o.manifest[p]
			continue
		}
		res.deleted++
	}
	manifest, err := o.writeManifest(next)
	if err != nil {
		errs = multierror.Append(errs, err)
	}
	res.manifest = manifest
	return res, errs.ErrorOrNil()
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

// remove deletes a generated file, temp files a crashed build left beside
// it, and its folder when that is left empty. A file that is already gone
// is not an error.
func (o *output) remove(p string) error {
	dir := path.Dir(p)
	if err := o.checkDir(dir); err != nil {
		return fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err)
	}
	info, err := o.root.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("delete %s: %w", path.Join(o.dir, p), o.refuse(p, info.Mode(), false))
	}
	if err := o.root.Remove(p); err != nil {
		return fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err)
	}
	if dir != "." {
		if d, err := o.root.Open(dir); err == nil {
			names, _ := d.Readdirnames(-1)
			d.Close()
			for _, name := range names {
				if strings.HasPrefix(name, tempPrefix(p)) {
					o.root.Remove(path.Join(dir, name))
				}
			}
		}
		o.root.Remove(dir) // fails, as it should, unless empty
	}
	return nil
}

func (o *output) writeManifest(m map[string]string) ([]byte, error) {
	data := formatManifest(m)
	return data, o.replace(manifestName, data)
}

// replace writes a file of the tool's own at the top of the folder, unless
// it already holds data: a temp file renamed into place.
func (o *output) replace(name string, data []byte) error {
	if old, err := o.read(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp := "." + name + ".tmp"
	o.root.Remove(tmp)
	if err := o.write(o.root, tmp, tmp, data); err != nil {
		return err
	}
	if err := o.root.Rename(tmp, name); err != nil {
		o.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", path.Join(o.dir, name), err)
	}
	return nil
}

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
