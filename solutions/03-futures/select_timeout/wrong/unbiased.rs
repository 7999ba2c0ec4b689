//! WRONG: select! without `biased;`: a ready future loses to a zero-length sleep half the time.

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
    tokio::select! {
        output = future => Ok(output),
        () = tokio::time::sleep(limit) => Err(TimedOut { after: limit }),
    }
}
