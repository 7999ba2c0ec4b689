//! Chapter 5, exercise 6 of 7: An echo server on your own loop.
//!
//! Your code goes in `echo_server.rs`: write the echo server on the runtime you built.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check echo_server`. Hints: `cargo course hint echo_server`.
//!
//! The other modules are the steps before this one, solved: they are the solution
//! files of those steps (`solutions/05-event-loop/<step>/src/`), compiled into this
//! crate by `#[path]`, so this step stands alone even while an earlier one of yours
//! does not compile. Read them, use them; your work is in the file above.

#[path = "../../../../solutions/05-event-loop/block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../../../solutions/05-event-loop/spawn/src/spawn.rs"]
pub mod spawn;
#[path = "../../../../solutions/05-event-loop/join_handle/src/join_handle.rs"]
pub mod join_handle;
#[path = "../../../../solutions/05-event-loop/timers/src/timers.rs"]
pub mod timers;
#[path = "../../../../solutions/05-event-loop/reactor/src/reactor.rs"]
pub mod reactor;
pub mod echo_server;

// What `cargo course bench` uses to run your runtime beside the chapter's.
pub use echo_server::{echo, serve};
pub use join_handle::{JoinHandle, spawn};
pub use reactor::{TcpListener, TcpStream, new_event_loop};
pub use spawn::{EventLoop, yield_now};
pub use timers::sleep;

#[cfg(test)]
mod tests;
