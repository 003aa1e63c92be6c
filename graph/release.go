package graph

import (
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/boltdb/bolt"
)

// A bolt store is read through one memory map of its whole file, and
// every page of it that the process reads stays counted in the process's
// resident memory, although no byte of it is the process's own: an ingest
// of a few hundred thousand articles reads most of a store of several GB
// and showed 2 to 4 GB resident, nearly all of it the store's file pages,
// refilled within a quarter of a second of being let go (the kernel maps
// a few neighbouring pages at each fault).
//
// So a bolt store is watched while it is open: every releaseTick a
// goroutine reads how much of the process's resident memory is file pages
// (/proc/self/statm), and when that passes releaseBudget it lets go of
// the store's mapped pages (madvise MADV_DONTNEED on the map): they stay
// in the kernel's page cache, and the next read of one maps it again from
// there, without reading the disk. It does so inside a bolt read
// transaction, which keeps bolt from moving its map meanwhile (bolt
// remaps only when it holds every reader out), so the range is always the
// map's; a writer that must grow the map waits for the release, a few
// milliseconds. The watch is safe in any process, reader or writer, and
// costs a read of a small /proc file per tick; the re-mapping it causes
// costs minor faults only.
const releaseTick = 20 * time.Millisecond

var releaseBudget atomic.Int64 // bytes

func init() { releaseBudget.Store(320 << 20) }

// watchMapped starts the watch over db; the returned function stops it.
func watchMapped(db *bolt.DB) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(releaseTick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if n, ok := residentFile(); ok && n > releaseBudget.Load() {
					releaseMapped(db)
				}
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); wg.Wait() }) }
}

// releaseMapped lets go of db's mapped pages (see watchMapped).
func releaseMapped(db *bolt.DB) {
	tx, err := db.Begin(false)
	if err != nil {
		return // closed
	}
	defer tx.Rollback()
	// Inside the read transaction the map cannot move, and the file is no
	// longer than the map (bolt grows the map before the file).
	st, err := os.Stat(db.Path())
	if err != nil || st.Size() == 0 {
		return
	}
	dontNeed(db.Info().Data, uintptr(st.Size()))
}
