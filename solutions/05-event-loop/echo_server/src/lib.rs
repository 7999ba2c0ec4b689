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

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod echo_server;
#[cfg(feature = "wrong-accept-error-ends")]
known_wrong::patched!(pub mod echo_server, "wrong/accept_error_ends.patch");
#[cfg(feature = "wrong-count-reads")]
known_wrong::patched!(pub mod echo_server, "wrong/count_reads.patch");
#[cfg(feature = "wrong-echoes-early")]
known_wrong::patched!(pub mod echo_server, "wrong/echoes_early.patch");
#[cfg(feature = "wrong-eof-spin")]
known_wrong::patched!(pub mod echo_server, "wrong/eof_spin.patch");
#[cfg(feature = "wrong-inline")]
known_wrong::patched!(pub mod echo_server, "wrong/inline.patch");
#[cfg(feature = "wrong-newline-at-eof")]
known_wrong::patched!(pub mod echo_server, "wrong/newline_at_eof.patch");

// What `cargo course bench` uses to run your runtime beside the chapter's.
pub use echo_server::{echo, serve};
pub use join_handle::{JoinHandle, spawn};
pub use reactor::{TcpListener, TcpStream, new_event_loop};
pub use spawn::{EventLoop, yield_now};
pub use timers::sleep;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/echo_server/src/tests.rs"]
mod tests;
