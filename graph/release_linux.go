package graph

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// dontNeed is madvise(MADV_DONTNEED) on a shared read-only file mapping:
// the process's page table entries go, the file's pages stay cached.
func dontNeed(addr, size uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}

var pageSize = int64(os.Getpagesize())

// residentFile is how much of the process's resident memory is shared
// (file) pages, in bytes: the third field of /proc/self/statm.
func residentFile() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return n * pageSize, true
}
