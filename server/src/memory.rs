//! How the process gives memory back. Each argon2id hash takes one ~19 MiB
//! block. glibc serves a first block that large with `mmap` and returns it
//! on free, but then raises its mmap threshold to that size, so later blocks
//! come from per-thread arenas that keep them: measured, 40 parallel wrong
//! sign-ins left a release server at 650 MiB although at most one hash per
//! core ran at a time (`bench/RESULTS.md`). A fixed threshold turns the
//! dynamic adjustment off: every block of 1 MiB or more is mapped for its
//! use and unmapped after, and the server returns to its size.

/// Allocations from this size on are mapped and unmapped on their own.
pub const MMAP_THRESHOLD: usize = 1024 * 1024;

/// Fixes glibc's mmap threshold (no-op with other allocators). Called once,
/// first thing in `main`.
pub fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets an allocator parameter; any value is
        // valid to pass, and a refusal (0) leaves the default in place.
        let set = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD as libc::c_int) };
        if set == 0 {
            tracing::warn!(
                "could not set the allocator's mmap threshold; memory may grow after sign-in bursts"
            );
        }
    }
}
