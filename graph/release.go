package graph

import (
	"os"
	"time"

	"github.com/boltdb/bolt"
)

// releaseMapped lets go of the pages of the bolt file that this process
// has mapped (bolt reads its file through one memory map of the whole
// file): they stay in the kernel's page cache, and the next read of one
// maps it again from there, without reading the disk. Without it, every
// page an ingest ever read stays counted in the process's resident memory,
// which then grows with the store (2 GB and more for a few hundred
// thousand articles), although no byte of it is the process's own.
//
// It is called between two write transactions by the store's only writer
// (Options.ReleaseMapped): bolt moves its map only inside a write
// transaction, so the range is the map's. It lets go at most once a
// second: the next transaction maps again the pages it reads, and an
// update (a transaction per article) would pay that for every article;
// what stays resident is what a second of writes reads.
func (s *Store) releaseMapped() {
	s.ReleaseMapped()
}

// ReleaseMapped is releaseMapped for a writer that also reads between its
// writes (an ingest that finds its inputs unchanged reads the store and
// writes nothing): call it from the goroutine that writes, between two
// writes; it does nothing more than once a second, or without
// Options.ReleaseMapped.
func (s *Store) ReleaseMapped() {
	if !s.release || time.Since(s.released) < releaseEvery {
		return
	}
	s.released = time.Now()
	b, ok := s.db.(interface{ DB() *bolt.DB })
	if !ok {
		return
	}
	db := b.DB()
	st, err := os.Stat(db.Path())
	if err != nil || st.Size() == 0 {
		return
	}
	dontNeed(db.Info().Data, uintptr(st.Size()))
}

// releaseEvery is how often releaseMapped lets go, at most.
var releaseEvery = time.Second
