//! Chapter 6: streams and channels.
//!
//! The notes say a stream "can be understood as a channel": bytes go in at one end
//! and come out at the other, in order, and the reader waits when there is nothing
//! yet. The chapter takes that in four steps, in the order the book tells them:
//!
//! 1. sockets: [`tcp`] is `asyncio.start_server` and `open_connection` with
//!    `tokio::net`; [`unix`] is the same over a unix socket, with the same handler;
//! 2. channels, each where it fits: [`mpsc`] (a queue with back-pressure),
//!    [`broadcast`] (every receiver gets every message), [`watch`] (only the latest
//!    value) and, in [`store`], `oneshot` (one reply to one request);
//! 3. [`streams`]: the `Stream` trait, async iteration, `buffer_unordered` for
//!    bounded concurrency, and a stream built from a channel;
//! 4. a key-value server with a line protocol: [`framing`] cuts bytes into lines
//!    with a limit, [`protocol`] gives them meaning, [`history`] keeps the last
//!    events, [`server`] serves many clients with limits and shuts down gracefully,
//!    [`logging`] writes its log without ever blocking it, [`signals`] turns
//!    SIGINT and SIGTERM into a shutdown, and [`client`] talks to it.

pub mod tcp;
#[cfg(unix)]
pub mod unix;
pub mod mpsc;
pub mod broadcast;
pub mod watch;
pub mod store;
pub mod streams;
pub mod framing;
pub mod protocol;
pub mod history;
pub mod server;
pub mod logging;
pub mod signals;
pub mod client;
