package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/hashicorp/hcl/v2"
	"github.com/rogpeppe/go-internal/diff"

	"pipelines/config"
)

var fmtCommand = &command{
	name:  "fmt",
	short: "rewrite services.hcl in the canonical layout",
	usage: `usage: pipelines fmt [-check] [-diff] [-write=true] [file ...]

Fmt rewrites HCL files in the canonical layout (the indentation, spacing
and alignment terraform fmt writes) and lists the files it changed.
Without arguments it formats services.hcl; "-" formats standard input to
standard output. A file with syntax errors is reported and left as it is.
Files are replaced atomically: a reader sees the old file or the new one.
Only regular files are formatted: a named pipe, a device or a socket is
refused.

-check writes nothing: it lists the files that are not formatted and
exits 1 if there is any (for CI). -diff also prints each change as a
unified diff. -write=false lists (and with -diff shows) without writing.
`,
}

func init() { fmtCommand.run = runFmt }

func runFmt(e *env, args []string) int {
	fs := newFlagSet(fmtCommand, e)
	check := fs.Bool("check", false, "write nothing; exit 1 if a file is not formatted")
	showDiff := fs.Bool("diff", false, "print the changes as a unified diff")
	write := fs.Bool("write", true, "rewrite files that are not formatted")
	files, code, ok := parseInterspersed(fs, e, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		files = []string{"services.hcl"}
	}
	for _, name := range files {
		if !namedFile(e, "fmt", "", name) {
			return exitMisuse
		}
	}
	f := &formatter{e: e, check: *check, diff: *showDiff, write: *write && !*check}
	code = exitOK
	for _, name := range files {
		if !f.file(name) {
			code = exitFailed
		}
	}
	if f.unformatted > 0 {
		fmt.Fprintln(e.stderr, "pipelines fmt: not formatted; run 'pipelines fmt' to rewrite the files listed")
	}
	return code
}

type formatter struct {
	e                  *env
	check, diff, write bool
	unformatted        int // files -check found not formatted
}

// file formats one file, or standard input for "-". It returns false on
// an error, or with -check when the file is not formatted.
func (f *formatter) file(name string) bool {
	src, err := f.read(name)
	if err != nil {
		fmt.Fprintf(f.e.stderr, "pipelines fmt: %v\n", err)
		return false
	}
	label := name
	if name == "-" {
		label = stdinName
	}
	out, diags := config.Format(src, label)
	if diags.HasErrors() {
		writeDiagnostics(f.e.stderr, map[string]*hcl.File{label: {Bytes: src}}, diags)
		return false
	}
	if name == "-" && !f.check && !f.diff {
		f.e.stdout.Write(out)
		return true
	}
	if bytes.Equal(src, out) {
		return true
	}
	fmt.Fprintln(f.e.stdout, label)
	if f.diff {
		f.e.stdout.Write(diff.Diff("old/"+label, src, "new/"+label, out))
	}
	if f.check {
		f.unformatted++
		return false
	}
	if f.write && name != "-" {
		if err := writeAtomic(name, out); err != nil {
			fmt.Fprintf(f.e.stderr, "pipelines fmt: %v\n", err)
			return false
		}
	}
	return true
}

func (f *formatter) read(name string) ([]byte, error) {
	var r io.Reader = f.e.stdin
	if name != "-" {
		info, err := os.Stat(name)
		if err != nil {
			return nil, unreadable(name, err)
		}
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a directory; give the files to format", name)
		}
		// Nor a named pipe, a device or a socket: opening a named pipe
		// waits for a writer, and replacing one would destroy it.
		file, err := openRegular(name)
		if err != nil {
			return nil, unreadable(name, err)
		}
		defer file.Close()
		r = file
	}
	src, err := io.ReadAll(io.LimitReader(r, config.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(src) > config.MaxFileSize {
		return nil, fmt.Errorf("read %s: larger than %d MiB", name, config.MaxFileSize>>20)
	}
	return src, nil
}

// unreadable is the error for name, which could not be opened: in words
// for a missing file and a refused permission.
func unreadable(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("there is no file at %s; give the files to format, or - for standard input", name)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s may not be read: permission denied", name)
	}
	return fmt.Errorf("%w; give the files to format, or - for standard input", err)
}

// writeAtomic replaces the file at name (or at the end of its symbolic
// links) with data: a temp file in the same folder, renamed over it, with
// the old file's permissions, and its owner and group where this process
// may set them.
func writeAtomic(name string, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	info, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	// Only a regular file is replaced: the file read may have been
	// replaced since by a named pipe, say, which a rename would destroy.
	if !info.Mode().IsRegular() {
		return fmt.Errorf("write %s: %w", name, notRegular(target, info.Mode()))
	}
	// Renaming over the file would succeed where writing it would not: a
	// file this user may not write is left as it is, as gofmt -w leaves
	// it. Opening it to write, without truncating, changes nothing;
	// O_NONBLOCK keeps a named pipe put in its place from blocking the
	// open.
	f, err := os.OpenFile(target, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("write %s: the file is read-only", name)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	opened, err := f.Stat()
	f.Close()
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if !opened.Mode().IsRegular() {
		return fmt.Errorf("write %s: %w", name, notRegular(target, opened.Mode()))
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	_, err = tmp.Write(data)
	keepOwner(tmp, info)
	err = errors.Join(err, tmp.Chmod(info.Mode().Perm()), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
