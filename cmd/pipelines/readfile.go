package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// maxRead bounds what the tool reads of one file: of the output folder, or
// a template 'pipelines check' is given. It is far more than any file the
// tool writes (CloudFormation takes templates of at most 1 MB, and the
// manifest of 20,000 services is under 2 MB), and far less than a file
// that would exhaust memory.
const maxRead = 64 << 20

// errTooLarge is the error for a file over maxRead, which no build wrote:
// it differs from anything a build would write there.
var errTooLarge = errors.New("larger than any file pipelines writes")

// readAll reads f, named name in errors, up to maxRead bytes.
func readAll(f fs.File, name string) ([]byte, error) {
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > maxRead {
		return nil, fmt.Errorf("%s is %d bytes, %w (at most %d MiB)", name, info.Size(), errTooLarge, maxRead>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxRead+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxRead {
		return nil, fmt.Errorf("%s is over %d MiB, %w", name, maxRead>>20, errTooLarge)
	}
	return data, nil
}
