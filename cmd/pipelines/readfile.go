package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// maxRead bounds what the tool reads of one file: of the output folder, or
// a template 'pipelines check' is given. It is far more than any file the
// tool writes (CloudFormation takes templates of at most 1 MB, and the
// manifest of 20,000 services with every feature, 60,000 files, is under
// 6 MB), and far less than a file that would exhaust memory.
const maxRead = 64 << 20

// errTooLarge is the error for a file over maxRead, which no build wrote:
// it differs from anything a build would write there.
var errTooLarge = errors.New("larger than any file pipelines writes")

// readAll reads f, named name in errors, up to maxRead bytes. As
// os.ReadFile does, it reads a regular file into room for the size it
// reports, and one byte more to meet its end: reading it in growing
// steps, as io.ReadAll does, copied a template of 60 KB eight times.
func readAll(f fs.File, name string) ([]byte, error) {
	size := 0
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		if info.Size() > maxRead {
			return nil, fmt.Errorf("%s is %d bytes, %w (at most %d MiB)", name, info.Size(), errTooLarge, maxRead>>20)
		}
		size = int(info.Size())
	}
	r := io.LimitReader(f, maxRead+1)
	data := make([]byte, 0, max(size+1, 512))
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // a file that grew, or reported no size
		}
	}
	if len(data) > maxRead {
		return nil, fmt.Errorf("%s is over %d MiB, %w", name, maxRead>>20, errTooLarge)
	}
	return data, nil
}

// openRegular opens the file name, after its symbolic links, to read it,
// refusing anything but a regular file: a named pipe with no writer would
// block the open, and one with a writer, a device or a socket may never
// end. The type is checked before the open, so that a device is never
// opened, and after it, on the file opened: O_NONBLOCK keeps a named pipe
// put in its place meanwhile from blocking the open (it changes nothing
// for a regular file).
func openRegular(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(name, info.Mode())
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		return nil, notRegular(name, info.Mode())
	}
	return f, nil
}

// notRegular is the error for name, which is not a regular file.
func notRegular(name string, mode fs.FileMode) error {
	return fmt.Errorf("%s is %s, not a regular file", name, fileKind(mode))
}

// fileKind names the type of a file that is not a regular one.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}
