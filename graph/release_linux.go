package graph

import "syscall"

// dontNeed is madvise(MADV_DONTNEED) on a shared read-only file mapping:
// the process's page table entries go, the file's pages stay cached.
func dontNeed(addr, size uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}
