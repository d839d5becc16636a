package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"pipelines/config"
	"pipelines/emit"
	"pipelines/model"
)

// stampName records the last complete build of the output folder: the
// SHA-256 of the services file it read, the file's name as the output
// shows it (see emit.SourceName), the digest of the program that ran (see
// programDigest), the SHA-256 of the manifest it wrote, and the number of
// services. The output is a pure function of the first three, so when
// they are unchanged and every file still matches the manifest, a build
// has nothing to do: it checks the files and stops, without loading or
// rendering anything. Any difference, and a build does all the work.
const stampName = ".pipelines-stamp"

// stampHeader names the stamp's format. A stamp of another format is no
// stamp: the next build does all the work and writes a new one.
const stampHeader = "pipelines build stamp 2"

type stamp struct {
	input, program, manifest string // hex SHA-256
	source                   string // the services file's name in the output
	services                 int
}

// newStamp is the stamp of a build of the services file named file (as
// given to -f), holding src.
func newStamp(file string, src []byte, program string, services int) *stamp {
	return &stamp{input: hash(src), source: emit.SourceName(file), program: program, services: services}
}

func (s stamp) format() []byte {
	// The name is quoted: it may hold spaces, or even a newline.
	return fmt.Appendf(nil, "%s\ninput %s\nsource %s\nprogram %s\nmanifest %s\nservices %d\n",
		stampHeader, s.input, strconv.Quote(s.source), s.program, s.manifest, s.services)
}

func parseStamp(data []byte) (stamp, bool) {
	var s stamp
	sc := bufio.NewScanner(bytes.NewReader(data))
	if !sc.Scan() || sc.Text() != stampHeader {
		return s, false
	}
	fields := map[string]string{}
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			return s, false
		}
		fields[k] = v
	}
	n, err := strconv.Atoi(fields["services"])
	source, qerr := strconv.Unquote(fields["source"])
	s = stamp{input: fields["input"], source: source, program: fields["program"], manifest: fields["manifest"], services: n}
	return s, err == nil && qerr == nil && n >= 0 && len(s.input) == 64 && len(s.program) == 64 && len(s.manifest) == 64
}

// programDigest identifies the running executable: a new version of the
// tool, even a development build, is a different program. It is the
// SHA-256 of the Go build ID when the executable has one (the toolchain
// writes it into every ELF program it links, ending in a hash of the
// program's content), and of the whole executable otherwise. Reading the
// build ID costs a few small reads; hashing the whole program, some ten
// megabytes, took 10–20 ms of every build.
func programDigest() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id := goBuildID(exe); id != "" {
		return hash([]byte("go build ID " + id)), nil
	}
	// Read whole: reading 32 KiB at a time cost a system call each.
	data, err := os.ReadFile(exe)
	if err != nil {
		return "", err
	}
	return hash(data), nil
}

// goBuildID returns the build ID the Go toolchain gave an ELF executable,
// from its .note.go.buildid section, or "" when it has none.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	// An ELF note: name size, descriptor size, type 4 (the Go build ID),
	// the name "Go\x00\x00", then the descriptor, the ID itself.
	order := f.ByteOrder
	nameSize, descSize, typ := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if nameSize != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descSize) > uint64(len(note)-16) {
		return ""
	}
	id := string(note[16 : 16+descSize])
	if !isToolchainBuildID(id) {
		return "" // set by hand (-ldflags=-buildid=...), perhaps the same for every version
	}
	return id
}

// isToolchainBuildID reports whether id has the form the Go toolchain
// gives an executable's build ID: four hashes of 20 base64 characters
// joined by slashes, the last of the program's own content. A build system
// may set another (Bazel writes "redacted"), which says nothing of the
// program.
func isToolchainBuildID(id string) bool {
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) != 20 {
			return false
		}
		for _, c := range []byte(p) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// loadStamped is load, and also returns the stamp a complete build of the
// file will write: nil when the load reported anything, even a warning,
// so that a later build prints it again.
func loadStamped(e *env, file string) (*model.Project, *stamp, bool) {
	l := config.NewLoader()
	p, diags := loadInput(e, l, file)
	writeDiagnostics(e.stderr, l.Files(), diags)
	if diags.HasErrors() {
		return nil, nil, false
	}
	f := l.Files()[file]
	if len(diags) > 0 || f == nil {
		return p, nil, true
	}
	program, err := programDigest()
	if err != nil {
		return p, nil, true
	}
	return p, newStamp(file, f.Bytes, program, len(p.Services)), true
}

// upToDate reports whether the folder dir holds what a build of file
// would write, by the stamp, with the number of services built and of
// files generated. It reads every generated file and compares it with the
// manifest.
func upToDate(file, dir string, stderr io.Writer) (services, files int, ok bool) {
	o, err := openOutput(dir, false, stderr)
	if err != nil || o.root == nil {
		return 0, 0, false
	}
	defer o.close()
	data, err := o.read(stampName)
	if err != nil {
		return 0, 0, false
	}
	st, ok := parseStamp(data)
	if !ok {
		return 0, 0, false
	}
	// A regular file only, opened without blocking (see openRegular):
	// anything else makes the build load it, and report it.
	f, err := openRegular(file)
	if err != nil {
		return 0, 0, false
	}
	src, err := io.ReadAll(io.LimitReader(f, config.MaxFileSize+1))
	f.Close()
	if err != nil || len(src) > config.MaxFileSize {
		return 0, 0, false
	}
	program, err := programDigest()
	if err != nil {
		return 0, 0, false
	}
	if want := newStamp(file, src, program, st.services); want.input != st.input || want.source != st.source || want.program != st.program {
		return 0, 0, false
	}
	manifest, err := o.read(manifestName)
	if err != nil || hash(manifest) != st.manifest {
		return 0, 0, false
	}
	if len(o.interim) > 0 {
		return 0, 0, false // a build was killed while renaming
	}
	paths := make([]string, 0, len(o.manifest))
	for p := range o.manifest {
		paths = append(paths, p)
	}
	stale := errors.New("stale")
	err = parallel(len(paths), runtime.GOMAXPROCS(0), func(i int) error {
		if sum, err := o.digest(paths[i]); err != nil || sum != o.manifest[paths[i]] {
			return stale
		}
		return nil
	})
	if err != nil {
		return 0, 0, false
	}
	// Temp files a build would delete, as build -check reports them: a
	// crashed build leaves no stamp, but a hand may leave one.
	folders := map[string]bool{}
	for _, p := range paths {
		folders[topDir(p)] = true
	}
	if leftovers, err := o.leftoverTemps(folders, nil); err != nil || len(leftovers) > 0 {
		return 0, 0, false
	}
	return st.services, len(paths), true
}

// copyBuffers are the buffers digest reads files through.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// digest is the hex SHA-256 of a file, read the way read reads it
// (refusing links), without holding it in memory.
func (o *output) digest(name string) (string, error) {
	if dir := path.Dir(name); dir != "." {
		if err := o.checkDir(dir); err != nil {
			return "", err
		}
	}
	info, err := o.root.Lstat(name)
	if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", o.refuse(name, info.Mode(), false)
	}
	if info.Size() > maxRead {
		return "", fmt.Errorf("%s: %w", path.Join(o.dir, name), errTooLarge)
	}
	f, err := o.root.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	h := sha256.New()
	// A LimitReader, not the file: os.File's WriteTo would allocate its own
	// buffer.
	n, err := io.CopyBuffer(h, io.LimitReader(f, maxRead+1), *buf)
	if err != nil {
		return "", err
	}
	if n > maxRead {
		return "", fmt.Errorf("%s: %w", path.Join(o.dir, name), errTooLarge)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// stampAside is where dropStamp moves the stamp while a build changes the
// output folder, and whence discard moves it back: renamed, not rewritten,
// it comes back as it was, with its mode and owner. A build that crashes
// leaves it there, and no stamp; the next build deletes it. When a crashed
// build's is there, the stamp goes to stampAside-1, -2 and so on: a build
// that may yet be refused must not replace it.
const stampAside = "." + stampName + ".old"

// maxAside bounds the names dropStamp tries: each crash leaves one, and
// the next build that completes deletes them all.
const maxAside = 100

// asideNames are stampAside and the numbered names after it that are
// taken, and the first that is free.
func (o *output) asideNames() (taken []string, free string, err error) {
	for i := 0; i <= maxAside; i++ {
		name := stampAside
		if i > 0 {
			name += "-" + strconv.Itoa(i)
		}
		_, err := o.root.Lstat(name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return taken, name, nil
		case err != nil:
			return nil, "", err
		}
		taken = append(taken, name)
	}
	return taken, "", fmt.Errorf("%s and %d names after it are taken, by crashed builds; delete them", path.Join(o.dir, stampAside), maxAside)
}

// dropStamp moves the stamp aside before the first file changes, so that
// a build that crashes leaves none; discard puts it back. Only a regular
// file is moved: anything else where the stamp goes is refused, before
// anything changes.
func (o *output) dropStamp() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stampGone {
		return nil
	}
	o.stampGone = true
	if exists, err := o.regularFile(stampName, o.refuseFile); !exists || err != nil {
		return err
	}
	_, aside, err := o.asideNames()
	if err != nil {
		return err
	}
	if err := o.root.Rename(stampName, aside); err != nil {
		return fmt.Errorf("move %s aside: %w", path.Join(o.dir, stampName), err)
	}
	o.stampAside = aside
	return nil
}

// restoreStamp puts back the stamp of a build that failed before it
// changed anything.
func (o *output) restoreStamp() error {
	if o.stampAside == "" {
		return nil
	}
	if err := o.root.Rename(o.stampAside, stampName); err != nil {
		return fmt.Errorf("put back %s: %w", path.Join(o.dir, stampName), err)
	}
	o.stampAside = ""
	return nil
}

// writeStamp records a complete build whose manifest is manifest.
func (o *output) writeStamp(st *stamp, manifest []byte) error {
	s := *st
	s.manifest = hash(manifest)
	return o.replace(stampName, s.format())
}
