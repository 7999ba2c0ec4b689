//! Exercise 2 (easy): move a blocking call off the runtime.
//!
//! ```python
//! async def off_the_runtime(call):
//!     loop = asyncio.get_running_loop()
//!     return await loop.run_in_executor(None, call)
//! ```
//!
//! A sync call made straight from a task holds the runtime's thread until it returns,
//! and every other task on that thread (a ticker, say) stops meanwhile. Write
//! `off_the_runtime`, which runs `call` where it cannot stall the runtime and waits
//! for its result with an `.await`. A call that panics must not panic the caller:
//! give back `Err(CallFailed::Panicked(message))` instead.
//!
//! And one thing `run_in_executor` does that the chapter's listing does not: when the
//! awaiting task is cancelled (a timeout, a `select!` that went the other way), a
//! call that is still waiting for a free thread is cancelled too, and never runs.
//! Dropping a tokio `JoinHandle` only detaches its task, so yours must do this
//! itself: when the future of `off_the_runtime` is dropped, a call that has not
//! started must never start. (One that has started cannot be stopped: a blocking
//! closure has no `.await` to stop at. It runs to its end, and its result is lost.)

// ANCHOR: exercise
/// Why a call gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallFailed {
    /// The call panicked; this is the panic's message.
    Panicked(String),
    /// The call was cancelled before it ran (the runtime was shutting down).
    Cancelled,
}

pub async fn off_the_runtime<T, F>(call: F) -> Result<T, CallFailed>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // TODO: hand `call` to tokio's pool of threads for blocking work, await the
    // result, and turn a `JoinError` into a `CallFailed` (a panic's payload is a
    // `&str` or a `String`). If this future is dropped first, abort the call's task.
    let _ = &call; // Only silences "unused" warnings: delete it.
    todo!("run `call` off the runtime's thread")
}
// ANCHOR_END: exercise
