//go:build !linux

package graph

// dontNeed does nothing where madvise is not called (see release_linux.go).
func dontNeed(addr, size uintptr) {}
