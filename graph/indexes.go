package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"github.com/boltdb/bolt"
	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// kvIndexes are the indexes a bolt store was created with: Cayley keeps the
// list in the store's metadata, and a store keeps the list it was made
// with (see the init in store.go for why newer stores have other ones).
type kvIndexes struct {
	qs  *kv.QuadStore
	db  hkv.KV
	all []kv.QuadIndex
}

// readKVIndexes reads the index list from the store's metadata (Cayley's
// own key and encoding); a store without one has Cayley's legacy indexes,
// which lookups here do not use.
func readKVIndexes(ctx context.Context, db hkv.KV, qs *kv.QuadStore) (*kvIndexes, error) {
	var all []kv.QuadIndex
	err := hkv.View(db, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("indexes")})
		if err == hkv.ErrNotFound {
			return nil
		} else if err != nil {
			return err
		}
		return json.Unmarshal(b, &all)
	})
	if err != nil {
		return nil, err
	}
	return &kvIndexes{qs: qs, db: db, all: all}, nil
}

// longest returns the store's index whose keys begin with the longest run
// of directions for which fixed is true, and that run's length (0: none).
// Every lookup by key prefix here chooses its index so.
func (x *kvIndexes) longest(fixed func(quad.Direction) bool) (kv.QuadIndex, int) {
	best, n := kv.QuadIndex{}, 0
	if x == nil {
		return best, 0
	}
	for _, ind := range x.all {
		m := 0
		for _, d := range ind.Dirs {
			if !fixed(d) {
				break
			}
			m++
		}
		if m > n {
			best, n = ind, m
		}
	}
	return best, n
}

// prefixIterator iterates the quads with the values vals (node ids) in
// their directions, by a prefix scan of an index whose keys begin with
// exactly those directions; ok is false when the store has none.
func (x *kvIndexes) prefixIterator(vals map[quad.Direction]uint64) (it cg.Iterator, ok bool) {
	ind, n := x.longest(func(d quad.Direction) bool { _, ok := vals[d]; return ok })
	if n == 0 || n != len(vals) {
		return nil, false
	}
	prefix := make([]uint64, n)
	for i, d := range ind.Dirs[:n] {
		prefix[i] = vals[d]
	}
	return kv.NewQuadIterator(x.qs, ind, prefix), true
}

// pairIterator iterates the quads whose direction d is node and whose
// predicate is pred. On a kv store with an index that begins (d,
// Predicate) it is a prefix scan of that index and every quad it yields
// has that predicate (exact is true); on PostgreSQL it is one query with
// both in its WHERE clause (exact too); otherwise it iterates all of
// node's quads in direction d and the caller filters on the predicate.
func (s *Store) pairIterator(d quad.Direction, node, pred cg.Ref) (it cg.Iterator, exact bool) {
	n, ok1 := node.(kv.Int64Value)
	p, ok2 := pred.(kv.Int64Value)
	if ok1 && ok2 {
		if it, ok := s.kvIdx.prefixIterator(map[quad.Direction]uint64{d: uint64(n), quad.Predicate: uint64(p)}); ok {
			return it, true
		}
	}
	if pq, ok := s.h.QuadStore.(*pgQS); ok {
		if it, ok := pgPairIterator(pq, d, node, pred); ok {
			return it, true
		}
	}
	return s.h.QuadStore.QuadIterator(d, node), false
}

// eachPair calls fn for each quad whose direction d is node and whose
// predicate is pred (pairIterator, with the predicate checked where the
// scan does not fix it), until fn returns false.
func (s *Store) eachPair(ctx context.Context, d quad.Direction, node, pred cg.Ref, fn func(q cg.Ref) bool) error {
	qs := s.h.QuadStore
	pkey := cg.ToKey(pred)
	it, exact := s.pairIterator(d, node, pred)
	defer it.Close()
	for it.Next(ctx) {
		q := it.Result()
		if !exact && cg.ToKey(qs.QuadDirection(q, quad.Predicate)) != pkey {
			continue
		}
		if !fn(q) {
			break
		}
	}
	return it.Err()
}

// boltQS is Cayley's kv quad store with a query planner that knows prefix
// scans. Cayley's own planner serves a filter on some directions (a
// subject and a predicate: every Out from a node) only by an index whose
// directions are exactly those; with the label in the keys no index is,
// and it would fall back to intersecting one index scan per direction.
// Here any index whose first directions are all fixed by the filter is
// scanned by their prefix, and the remaining directions, if any, are
// checked on what it yields.
type boltQS struct {
	*kv.QuadStore
	idx   *kvIndexes
	names nameCache
}

// NameOf is Cayley's, through a cache: a query's results name their tagged
// nodes path by path (a Gizmo ForEach or All asks the value of every tag
// of every path), and without it each name is a read transaction of its
// own. A node id is never given to another value (Cayley's ids come from a
// counter, and only committed ones are read here), so a cached name is
// right for as long as the node exists; iterators yield no removed node.
func (q *boltQS) NameOf(v cg.Ref) quad.Value {
	id, ok := v.(kv.Int64Value)
	if !ok {
		return q.QuadStore.NameOf(v)
	}
	if name, ok := q.names.get(id); ok {
		return name
	}
	name := q.QuadStore.NameOf(v)
	if name != nil {
		q.names.put(id, name)
	}
	return name
}

// Quad is Cayley's, with its four values named through the cache: Cayley
// opens a read transaction for each quad and reads its four values from
// the log, though the predicate and the label of an article's quads are
// the same few nodes (an update reads its article's old quads so).
func (q *boltQS) Quad(ref cg.Ref) quad.Quad {
	p, ok := ref.(*proto.Primitive)
	if !ok {
		return q.QuadStore.Quad(ref)
	}
	var out quad.Quad
	for _, d := range quad.Directions {
		id := p.GetDirection(d)
		if id == 0 {
			continue
		}
		v := q.NameOf(kv.Int64Value(id))
		if v == nil {
			return q.QuadStore.Quad(ref)
		}
		out.Set(d, v)
	}
	return out
}

// nameCache maps node ids to values, up to maxNames of them; when full it
// starts again empty (a query's working set is far smaller).
type nameCache struct {
	mu sync.Mutex
	m  map[kv.Int64Value]quad.Value
}

const maxNames = 1 << 16

func (c *nameCache) get(id kv.Int64Value) (quad.Value, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[id]
	return v, ok
}

func (c *nameCache) put(id kv.Int64Value, v quad.Value) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxNames {
		c.m = make(map[kv.Int64Value]quad.Value)
	}
	c.m[id] = v
}

// OptimizeShape replaces Cayley's kv planner for quad filters (the only
// shape it plans). It never hands a filter to Cayley's planner: that one
// returns index scans that only run on the bare kv store.
func (q *boltQS) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	if qs, ok := s.(shape.Quads); ok {
		return q.joinByPrefix(qs)
	}
	qa, ok := s.(shape.QuadsAction)
	if !ok || len(qa.Filter) == 0 {
		return s, false
	}
	best, n := q.idx.longest(func(d quad.Direction) bool { _, ok := qa.Filter[d].(kv.Int64Value); return ok })
	if n == 0 {
		return s, false
	}
	_, labelled := qa.Filter[quad.Label]
	scan := prefixScan{qs: q.QuadStore, db: q.idx.db, idx: q.idx, ind: best, distinct: !labelled}
	covered := map[quad.Direction]bool{}
	for _, d := range best.Dirs[:n] {
		scan.vals = append(scan.vals, uint64(qa.Filter[d].(kv.Int64Value)))
		covered[d] = true
	}
	var quads shape.Shape = scan
	var rest shape.Quads
	for d, v := range qa.Filter {
		if !covered[d] {
			rest = append(rest, shape.QuadFilter{Dir: d, Values: shape.Fixed{v}})
		}
	}
	if len(rest) != 0 {
		quads = shape.IntersectShapes(quads, rest)
	}
	return qa.SimplifyFrom(quads), true
}

// joinByPrefix plans the quads with a fixed predicate whose direction d is
// any node of a set that is not fixed (an Out or In from the results of
// another step: the dates of a person's events, the attendees of those
// events). Cayley joins such a set by reading every quad of each of its
// nodes and keeping those with the predicate; a meeting that a thousand
// articles tell has a thousand quads of each of its predicates. Where an
// index begins (d, Predicate), each node's quads of that predicate are
// read by a prefix scan instead (nodeScans). The predicate filter stays
// in the intersection, so the result is the same set; there it only
// checks quads the scans yield.
func (q *boltQS) joinByPrefix(qs shape.Quads) (shape.Shape, bool) {
	var pred kv.Int64Value
	join := -1
	for i, f := range qs {
		if fx, ok := f.Values.(shape.Fixed); ok {
			if len(fx) == 1 && f.Dir == quad.Predicate {
				if v, ok := fx[0].(kv.Int64Value); ok {
					pred = v
				}
			}
			continue
		}
		if join >= 0 {
			return qs, false // two sets that are not fixed: Cayley's join
		}
		join = i
	}
	if join < 0 || pred == 0 {
		return qs, false
	}
	d := qs[join].Dir
	ind, n := q.idx.longest(func(x quad.Direction) bool { return x == d || x == quad.Predicate })
	if n != 2 || ind.Dirs[0] != d {
		return qs, false
	}
	rest := make(shape.Quads, 0, len(qs)-1)
	rest = append(rest, qs[:join]...)
	rest = append(rest, qs[join+1:]...)
	labelled := false
	for _, f := range qs {
		labelled = labelled || f.Dir == quad.Label
	}
	return shape.IntersectShapes(nodeScans{q: q, ind: ind, dir: d, pred: uint64(pred), nodes: qs[join].Values, distinct: !labelled}, rest), true
}

// nodeScans is the quads whose direction dir is one of nodes and whose
// predicate is pred: for each node, a prefix scan of ind (whose keys
// begin dir, Predicate). It is Cayley's LinksTo over a quad indexer whose
// QuadIterator is that scan, so paths and tags of nodes pass through as
// LinksTo passes them; a Contains checks only the node, the intersection
// around it the predicate.
type nodeScans struct {
	q        *boltQS
	ind      kv.QuadIndex
	dir      quad.Direction
	pred     uint64
	nodes    shape.Shape
	distinct bool // each triple once (see prefixScan)
}

func (n nodeScans) BuildIterator(qs cg.QuadStore) cg.Iterator {
	return iterator.NewLinksTo(predIndexer{QuadStore: qs, n: n}, n.nodes.BuildIterator(qs), n.dir)
}

func (n nodeScans) Optimize(r shape.Optimizer) (shape.Shape, bool) {
	nodes, ok := n.nodes.Optimize(r)
	if nodes == nil {
		return nil, true
	}
	n.nodes = nodes
	return n, ok
}

// predIndexer is the quad store as LinksTo sees it inside nodeScans.
type predIndexer struct {
	cg.QuadStore
	n nodeScans
}

func (p predIndexer) QuadIterator(d quad.Direction, v cg.Ref) cg.Iterator {
	id, ok := v.(kv.Int64Value)
	if !ok || d != p.n.dir {
		return p.QuadStore.QuadIterator(d, v)
	}
	return prefixScan{qs: p.n.q.QuadStore, db: p.n.q.idx.db, idx: p.n.q.idx, ind: p.n.ind, vals: []uint64{uint64(id), p.n.pred}, distinct: p.n.distinct}.BuildIterator(p.QuadStore)
}

// prefixScan is the quads under a prefix of an index's keys; with
// distinct, the first of each triple only (distinctTriples).
type prefixScan struct {
	qs       *kv.QuadStore
	db       hkv.KV
	idx      *kvIndexes // the store's indexes, for distinct's Contains
	ind      kv.QuadIndex
	vals     []uint64
	distinct bool
}

func (p prefixScan) BuildIterator(cg.QuadStore) cg.Iterator {
	var it cg.Iterator = kv.NewQuadIterator(p.qs, p.ind, p.vals)
	if p.db != nil {
		it = &sizedIterator{Iterator: it, db: p.db, prefix: p.ind.Key(p.vals)}
	}
	if p.distinct {
		// Copies of a triple come one after the other when the label is
		// the index's last direction; else a set remembers them.
		adjacent := p.ind.Dirs[len(p.ind.Dirs)-1] == quad.Label
		it = &distinctTriples{Iterator: it, idx: p.idx, adjacent: adjacent}
	}
	return it
}

// distinctTriples yields, of the quads its scan yields, the first of each
// triple (subject, predicate, object) only. A step of a query that does
// not name an article (an Out or In with no LabelContext) reads the union
// of the articles' graphs, and there, as RDF merges named graphs, a
// triple is one edge however many articles state it: a meeting that a
// thousand articles tell is one path of a query, not a thousand, and the
// paths of a chain of steps no longer multiply by the articles of each
// step. With a LabelContext every article's quad is its own edge, as in
// Cayley.
//
// The first copy is the live one with the smallest label id: the one a
// scan meets first, as every index here orders a triple's copies by
// label; Contains accepts that one only (firstCopy), so that a plan that
// checks quads instead of scanning them gives the same paths. A step this
// planner leaves to Cayley's (a Has or a Back over a predicate alone,
// which no index here begins with) still gives a path per copy: how many
// times a row comes back is a count of paths, which has never been the
// same across Cayley's planners; Unique gives each once.
type distinctTriples struct {
	cg.Iterator
	idx      *kvIndexes
	adjacent bool // a triple's copies are consecutive in the scan
	last     [3]uint64
	seen     map[[3]uint64]struct{}
	err      error
}

func (it *distinctTriples) Next(ctx context.Context) bool {
	for it.Iterator.Next(ctx) {
		p, ok := it.Iterator.Result().(*proto.Primitive)
		if !ok {
			return true
		}
		k := [3]uint64{p.Subject, p.Predicate, p.Object}
		if it.adjacent {
			if k == it.last {
				continue
			}
			it.last = k
			return true
		}
		if _, dup := it.seen[k]; dup {
			continue
		}
		if it.seen == nil {
			it.seen = map[[3]uint64]struct{}{}
		}
		it.seen[k] = struct{}{}
		return true
	}
	return false
}

func (it *distinctTriples) Contains(ctx context.Context, v cg.Ref) bool {
	if !it.Iterator.Contains(ctx, v) {
		return false
	}
	p, ok := v.(*proto.Primitive)
	if !ok {
		return true
	}
	first, err := it.idx.firstCopy(p)
	if err != nil {
		it.err = err
		return false
	}
	return first
}

func (it *distinctTriples) Err() error {
	if it.err != nil {
		return it.err
	}
	return it.Iterator.Err()
}

func (it *distinctTriples) Reset() {
	it.Iterator.Reset()
	it.last, it.seen, it.err = [3]uint64{}, nil, nil
}

// Optimize keeps the filter.
func (it *distinctTriples) Optimize() (cg.Iterator, bool) { return it, false }

func (it *distinctTriples) String() string { return "DistinctTriples" }

func (p prefixScan) Optimize(shape.Optimizer) (shape.Shape, bool) { return p, false }

// QuadIterator is Cayley's, with a size estimate of its own (as the scans
// OptimizeShape plans). Cayley's kv store estimates any scan of a key
// prefix at half the store, so that its planner, joining a handful of
// events with "all quads of predicate P", walked the whole store (2 s on a
// 10,000-article store for "the dates of Lavrov's meetings"). Here the
// estimate counts the entries under the prefix, up to estimateCap, when
// the planner first asks.
func (q *boltQS) QuadIterator(d quad.Direction, v cg.Ref) cg.Iterator {
	it := q.QuadStore.QuadIterator(d, v)
	n, ok := v.(kv.Int64Value)
	if !ok || q.idx.db == nil {
		return it
	}
	if ind, m := q.idx.longest(func(x quad.Direction) bool { return x == d }); m == 1 {
		return &sizedIterator{Iterator: it, db: q.idx.db, prefix: ind.Key([]uint64{uint64(n)})}
	}
	return it
}

// estimateCap is how many index entries a size estimate reads at most.
const estimateCap = 1024

// sizedIterator is an index scan whose size is estimated by counting.
type sizedIterator struct {
	cg.Iterator
	db     hkv.KV
	prefix hkv.Key
	size   int64
	known  bool
}

func (it *sizedIterator) estimate() int64 {
	if it.known {
		return it.size
	}
	it.known = true
	var n int64
	_ = hkv.View(it.db, func(tx hkv.Tx) error {
		sc := tx.Scan(it.prefix)
		defer sc.Close()
		for n < estimateCap && sc.Next(context.Background()) {
			for _, b := range sc.Val() { // one varint quad id per byte below 0x80
				if b < 0x80 {
					n++
				}
			}
		}
		return sc.Err()
	})
	if n >= estimateCap {
		n *= 4 // at least that many: a large one
	}
	it.size = n
	return n
}

// Size is the estimate (never exact: the index keeps removed quads' ids).
func (it *sizedIterator) Size() (int64, bool) { return it.estimate(), false }

// Stats are Cayley's, with the estimate.
func (it *sizedIterator) Stats() cg.IteratorStats {
	st := it.Iterator.Stats()
	st.Size, st.ExactSize = it.estimate(), false
	return st
}

// Optimize keeps the estimate.
func (it *sizedIterator) Optimize() (cg.Iterator, bool) { return it, false }

// distinctAfter calls fn once with each distinct node id that follows
// prefix in the keys of ind (the node of direction ind.Dirs[len(prefix)]),
// in id order, for the nodes with at least one live quad there, until fn
// returns false. It is a skip scan of bolt's B+tree: once a node has a
// live quad, the cursor seeks past the node's other keys, so a node that
// thousands of articles state (Vietnam's nationals, each named in many
// articles; the events of a minister) costs one seek, not one log read
// per article. ok is false when the store is not bolt or the index does
// not go on after prefix: the caller scans instead.
func (x *kvIndexes) distinctAfter(ind kv.QuadIndex, prefix []uint64, fn func(id uint64) bool) (ok bool, err error) {
	if x == nil || len(prefix) >= len(ind.Dirs) {
		return false, nil
	}
	b, isBolt := x.db.(interface{ DB() *bolt.DB })
	if !isBolt {
		return false, nil
	}
	key := ind.Key(prefix)
	bucket, pre := key[0], key[1]
	// The ids are read distinctChunk at a time, and fn called between two
	// read transactions: fn reads the store too (names), and a read
	// transaction opened inside another can wait forever behind a writer
	// that waits for the first (bolt's map lock).
	from := make([]byte, len(pre)+8)
	copy(from, pre)
	for {
		var ids []uint64
		more := false
		err = b.DB().View(func(tx *bolt.Tx) error {
			ids, more, err = distinctChunk(tx, bucket, pre, from)
			return err
		})
		if err != nil {
			return true, err
		}
		for _, id := range ids {
			if !fn(id) {
				return true, nil
			}
		}
		if !more || ids[len(ids)-1] == math.MaxUint64 {
			return true, nil
		}
		binary.BigEndian.PutUint64(from[len(pre):], ids[len(ids)-1]+1)
	}
}

// firstCopy reports whether p is the first live copy of its triple: no
// live quad with its subject, predicate and object has a smaller label id
// (the copies of a triple are the keys under its prefix in an index that
// begins with the three and ends with the label). On a store without such
// an index every copy is first.
func (x *kvIndexes) firstCopy(p *proto.Primitive) (bool, error) {
	ind, n := x.longest(func(d quad.Direction) bool { return d != quad.Label })
	if n != 3 || len(ind.Dirs) != 4 {
		return true, nil
	}
	b, isBolt := x.db.(interface{ DB() *bolt.DB })
	if !isBolt {
		return true, nil
	}
	vals := make([]uint64, 3)
	for i, d := range ind.Dirs[:3] {
		vals[i] = p.GetDirection(d)
	}
	key := ind.Key(vals)
	bucket, pre := key[0], key[1]
	first := true
	err := b.DB().View(func(tx *bolt.Tx) error {
		bk, log := tx.Bucket(bucket), tx.Bucket([]byte("log"))
		if bk == nil || log == nil {
			return nil
		}
		c := bk.Cursor()
		for k, v := c.Seek(pre); k != nil && bytes.HasPrefix(k, pre) && len(k) == len(pre)+8; k, v = c.Next() {
			if binary.BigEndian.Uint64(k[len(pre):]) >= p.Label {
				return nil
			}
			live, err := anyLive(log, v)
			if err != nil {
				return err
			}
			if live {
				first = false
				return nil
			}
		}
		return nil
	})
	return first, err
}

// chunkIDs is how many ids distinctChunk reads in one transaction.
const chunkIDs = 256

// distinctChunk reads up to chunkIDs distinct live ids after prefix pre
// in bucket, from the key from on; more says whether it stopped at that
// number.
func distinctChunk(tx *bolt.Tx, bucket, pre, from []byte) (ids []uint64, more bool, err error) {
	bk, log := tx.Bucket(bucket), tx.Bucket([]byte("log"))
	if bk == nil || log == nil {
		return nil, false, nil
	}
	c := bk.Cursor()
	node := make([]byte, len(pre)+8)
	k, v := c.Seek(from)
	for k != nil && bytes.HasPrefix(k, pre) {
		if len(k) < len(node) {
			k, v = c.Next()
			continue
		}
		if len(ids) == chunkIDs {
			return ids, true, nil
		}
		copy(node, k[:len(node)])
		live := false
		for ; k != nil && bytes.HasPrefix(k, node); k, v = c.Next() {
			if live, err = anyLive(log, v); err != nil {
				return nil, false, err
			} else if live {
				break
			}
		}
		if !live {
			continue // k is past the node's keys already
		}
		id := binary.BigEndian.Uint64(node[len(pre):])
		ids = append(ids, id)
		if id == math.MaxUint64 {
			return ids, false, nil
		}
		binary.BigEndian.PutUint64(node[len(pre):], id+1)
		k, v = c.Seek(node)
	}
	return ids, false, nil
}

// anyLive reports whether one of the quads of an index entry (a list of
// varint quad ids) is live in Cayley's log: the index keeps the ids of
// removed quads, the log marks them deleted.
func anyLive(log *bolt.Bucket, entry []byte) (bool, error) {
	var key [8]byte
	for len(entry) > 0 {
		id, n := binary.Uvarint(entry)
		if n <= 0 {
			return false, fmt.Errorf("index entry: bad quad id")
		}
		entry = entry[n:]
		binary.BigEndian.PutUint64(key[:], id)
		raw := log.Get(key[:])
		if raw == nil {
			continue
		}
		var p proto.Primitive
		if err := p.Unmarshal(raw); err != nil {
			return false, fmt.Errorf("quad %d: %w", id, err)
		}
		if !p.Deleted {
			return true, nil
		}
	}
	return false, nil
}
