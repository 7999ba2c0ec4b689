//! WRONG: awaits the future to the end, then checks the time: nothing is cancelled at the limit.

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

/// Await `future`, giving up after `limit`.
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Result<F::Output, TimedOut> {
    let start = tokio::time::Instant::now();
    let output = future.await;
    if start.elapsed() > limit {
        Err(TimedOut { after: limit })
    } else {
        Ok(output)
    }
}
