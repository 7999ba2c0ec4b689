//! Chapter 5, exercise 5 solved: A reactor on mio and an async TcpStream.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../spawn/src/spawn.rs"]
pub mod spawn;
#[path = "../../join_handle/src/join_handle.rs"]
pub mod join_handle;
#[path = "../../timers/src/timers.rs"]
pub mod timers;

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-first-waker", path = "../wrong/first_waker.rs")]
#[cfg_attr(feature = "wrong-no-waker", path = "../wrong/no_waker.rs")]
#[cfg_attr(feature = "wrong-reader-only", path = "../wrong/reader_only.rs")]
#[cfg_attr(feature = "wrong-spin", path = "../wrong/spin.rs")]
#[cfg_attr(
    feature = "wrong-would-block-is-error",
    path = "../wrong/would_block_is_error.rs"
)]
pub mod reactor;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/reactor/src/tests.rs"]
mod tests;
