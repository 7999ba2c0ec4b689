//! Chapter 7, exercise solved: a pool of threads, each with its own client.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod thread_pool;
#[cfg(feature = "wrong-client-per-item")]
known_wrong::patched!(pub mod thread_pool, "wrong/client_per_item.patch");
#[cfg(feature = "wrong-static-chunks")]
known_wrong::patched!(pub mod thread_pool, "wrong/static_chunks.patch");
#[cfg(feature = "wrong-scope-joins-the-panic")]
known_wrong::patched!(pub mod thread_pool, "wrong/scope_joins_the_panic.patch");
#[cfg(feature = "wrong-no-worker-for-zero")]
known_wrong::patched!(pub mod thread_pool, "wrong/no_worker_for_zero.patch");

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/thread_pool/src/tests.rs"]
mod tests;
