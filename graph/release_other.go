//go:build !linux

package graph

// dontNeed does nothing where madvise is not called (see release_linux.go).
func dontNeed(addr, size uintptr) {}

// residentFile is not read where there is no /proc: the watch never
// releases (see watchMapped).
func residentFile() (int64, bool) { return 0, false }
