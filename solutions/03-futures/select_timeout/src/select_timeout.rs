//! Exercise 1, solved: `timeout` from `select!` and `sleep`.

use std::fmt;
use std::future::Future;
use std::time::Duration;

/// The error of a future that did not finish within its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut {
    pub after: Duration,
}

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timed out after {:?}", self.after)
    }
}

impl std::error::Error for TimedOut {}

// ANCHOR: solution
/// Await `future`, giving up after `limit`.
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Result<F::Output, TimedOut> {
    tokio::select! {
        // Poll the branches in the order written, not in a random one, so that a
        // future that is ready at once always beats a zero-length sleep.
        biased;
        output = future => Ok(output),
        () = tokio::time::sleep(limit) => Err(TimedOut { after: limit }),
    }
}
// ANCHOR_END: solution
