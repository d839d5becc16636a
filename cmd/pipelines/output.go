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
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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

// read returns a file's bytes, refusing anything but a regular file.
func (o *output) read(name string) ([]byte, error) {
	if o.root == nil {
		return nil, fs.ErrNotExist
	}
	info, err := o.root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s); refusing to use it", path.Join(o.dir, name), info.Mode().Type())
	}
	return o.root.ReadFile(name)
}

// staged is one generated file, compared with what the folder holds.
type staged struct {
	path string
	sum  string
	tmp  string // temp file holding the new bytes; empty when unchanged
	new  bool   // the file did not exist
}

// stage compares f with the file on disk and, when they differ, writes the
// new bytes to a temp file beside it. Nothing visible changes until
// commit.
func (o *output) stage(f emit.File, seq int64) (staged, error) {
	s := staged{path: f.Path, sum: hash(f.Data)}
	old, err := o.read(f.Path)
	switch {
	case err == nil && bytes.Equal(old, f.Data):
		return s, nil
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		s.new = true
	default:
		return s, err
	}
	dir := path.Dir(f.Path)
	if err := o.root.MkdirAll(dir, 0o755); err != nil {
		return s, fmt.Errorf("create %s: %w", path.Join(o.dir, dir), err)
	}
	s.tmp = path.Join(dir, fmt.Sprintf(".%s.tmp-%d", path.Base(f.Path), seq))
	o.root.Remove(s.tmp) // left by an interrupted build
	if err := o.write(s.tmp, f.Data); err != nil {
		return s, err
	}
	return s, nil
}

func (o *output) write(name string, data []byte) error {
	file, err := o.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path.Join(o.dir, name), err)
	}
	_, err = file.Write(data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		o.root.Remove(name)
		return fmt.Errorf("write %s: %w", path.Join(o.dir, name), err)
	}
	return nil
}

// discard removes the temp files of a failed build.
func (o *output) discard(files []staged) {
	for _, s := range files {
		if s.tmp != "" {
			o.root.Remove(s.tmp)
		}
	}
}

// result counts what a build did.
type result struct {
	services, written, unchanged, deleted int
}

// commit renames every temp file into place, deletes generated files that
// are no longer generated, and writes the manifest last. keep says which
// old manifest entries are outside this build (with -only) and stay.
func (o *output) commit(files []staged, keep func(path string) bool) (result, error) {
	var res result
	var errs *multierror.Error
	next := map[string]string{}
	for p, sum := range o.manifest {
		if keep(p) {
			next[p] = sum
		}
	}
	for _, s := range files {
		next[s.path] = s.sum
		if s.tmp == "" {
			res.unchanged++
			continue
		}
		if err := o.root.Rename(s.tmp, s.path); err != nil {
			errs = multierror.Append(errs, fmt.Errorf("write %s: %w", path.Join(o.dir, s.path), err))
			delete(next, s.path)
			continue
		}
		res.written++
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
	if err := o.writeManifest(next); err != nil {
		errs = multierror.Append(errs, err)
	}
	return res, errs.ErrorOrNil()
}

// remove deletes a generated file, and its folder when that is left
// empty. A file that is already gone is not an error.
func (o *output) remove(p string) error {
	info, err := o.root.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("delete %s: not a regular file; leaving it", path.Join(o.dir, p))
	}
	if err := o.root.Remove(p); err != nil {
		return fmt.Errorf("delete %s: %w", path.Join(o.dir, p), err)
	}
	if dir := path.Dir(p); dir != "." {
		o.root.Remove(dir) // fails, as it should, unless empty
	}
	return nil
}

func (o *output) writeManifest(m map[string]string) error {
	data := formatManifest(m)
	if old, err := o.read(manifestName); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp := "." + manifestName + ".tmp"
	o.root.Remove(tmp)
	if err := o.write(tmp, data); err != nil {
		return err
	}
	if err := o.root.Rename(tmp, manifestName); err != nil {
		o.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", path.Join(o.dir, manifestName), err)
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
