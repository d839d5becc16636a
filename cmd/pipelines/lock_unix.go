//go:build unix && !solaris && !aix

package main

import (
	"errors"
	"os"
	"syscall"
)

// lockFolder takes an advisory lock on the open folder f: exclusive for a
// command that writes into it, shared for one that only reads it. When
// another process holds a lock that conflicts, it calls busy and waits.
// Closing f releases the lock. On a file system without locks (some
// network and FUSE file systems), it does without, as before locks were
// taken.
func lockFolder(f *os.File, exclusive bool, busy func()) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	err := flock(f, how|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		busy()
		err = flock(f, how)
	}
	if errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.ENOSYS) {
		return nil
	}
	return err
}

func flock(f *os.File, how int) error {
	for {
		if err := syscall.Flock(int(f.Fd()), how); err != syscall.EINTR {
			return err
		}
	}
}
