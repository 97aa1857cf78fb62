import ChiSoCLI
#if canImport(Glibc)
import CMalloc
import Glibc

// glibc raises its mmap threshold each time it frees a large mapped block, so the buffers a load
// grows by doubling (dictionaries of procedure codes, cell tables) come from the heap afterwards
// and their freed space is kept: ~13 MB of peak memory on a 1M-row log with 275,000 procedure
// codes. A fixed threshold gives every block over 256 KiB its own mapping, returned on free; two
// arenas instead of one per thread (parser, writer, digest) keep their free lists from piling up.
// glibc's own environment variables, when set, win.
if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(M_MMAP_THRESHOLD, 256 << 10) }
if getenv("MALLOC_ARENA_MAX") == nil { _ = mallopt(M_ARENA_MAX, 2) }
#endif

ChiSoCommand.runMain()
