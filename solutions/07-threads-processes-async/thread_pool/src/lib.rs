//! Chapter 7, exercise solved: a pool of threads, each with its own client.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-client-per-item",
    path = "../wrong/client_per_item.rs"
)]
#[cfg_attr(feature = "wrong-static-chunks", path = "../wrong/static_chunks.rs")]
pub mod thread_pool;

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/thread_pool/src/tests.rs"]
mod tests;
