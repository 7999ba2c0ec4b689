//! Chapter 5, exercise 6 solved: An echo server on your own loop.
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
#[path = "../../reactor/src/reactor.rs"]
pub mod reactor;

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-accept-error-ends",
    path = "../wrong/accept_error_ends.rs"
)]
#[cfg_attr(feature = "wrong-count-reads", path = "../wrong/count_reads.rs")]
#[cfg_attr(feature = "wrong-echoes-early", path = "../wrong/echoes_early.rs")]
#[cfg_attr(feature = "wrong-eof-spin", path = "../wrong/eof_spin.rs")]
#[cfg_attr(feature = "wrong-inline", path = "../wrong/inline.rs")]
#[cfg_attr(feature = "wrong-newline-at-eof", path = "../wrong/newline_at_eof.rs")]
pub mod echo_server;

// What `cargo course bench` uses to run your runtime beside the chapter's.
pub use echo_server::{echo, serve};
pub use join_handle::{JoinHandle, spawn};
pub use reactor::{TcpListener, TcpStream, new_event_loop};
pub use spawn::{EventLoop, yield_now};
pub use timers::sleep;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/echo_server/src/tests.rs"]
mod tests;
