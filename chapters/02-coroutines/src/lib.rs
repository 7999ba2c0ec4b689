//! Chapter 2: coroutines.
//!
//! The notes' coroutine is `say_after`, awaited twice. This chapter runs it the ways
//! Python does and shows what an `async fn` is underneath, in the order the book
//! tells it:
//!
//! 1. [`say_after`]: awaited in turn (3 s), with `tokio::join!` (2 s) and as two
//!    spawned tasks (2 s), each run drawn as a timeline;
//! 2. [`laziness`]: calling an `async fn` runs none of its body; `.await`, `join!`
//!    or `spawn` start it, and a dropped future never runs;
//! 3. [`state_machine`]: the two-`.await` `main` desugared by hand into an enum that
//!    implements `Future`, driven by the same runtime to the same output;
//! 4. [`awaitable`]: a plain struct made awaitable (Python's `types.coroutine`), the
//!    same with `poll_fn`, and `yield_now` as the bare `yield`.

pub mod say_after;
pub mod laziness;
pub mod state_machine;
pub mod awaitable;
