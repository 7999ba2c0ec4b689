//! WRONG: reads a panic's message only as a &str, so a formatted panic (a String) loses it.

use tokio::task::JoinHandle;

/// Why a call gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallFailed {
    /// The call panicked; this is the panic's message.
    Panicked(String),
    /// The call was cancelled before it ran (the runtime was shutting down).
    Cancelled,
}

/// A `JoinHandle` that aborts its task when dropped. A dropped handle alone only
/// detaches the task; Python's `run_in_executor` cancels a call that has not started
/// when its awaiter is cancelled, and so does this.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        // A call still waiting for a thread never starts; one already running cannot
        // be stopped (a blocking closure has no `.await` to stop at), and runs on.
        // Once the task has finished, abort does nothing.
        self.0.abort();
    }
}

pub async fn off_the_runtime<T, F>(call: F) -> Result<T, CallFailed>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // The call runs on one of tokio's threads for blocking work; this task waits at
    // the `.await` like at any other, so the runtime's thread is free meanwhile.
    let mut running = AbortOnDrop(tokio::task::spawn_blocking(call));
    match (&mut running.0).await {
        Ok(value) => Ok(value),
        Err(error) if error.is_panic() => {
            let payload = error.into_panic();
            let message = if let Some(text) = payload.downcast_ref::<&str>() {
                text.to_string()
            } else {
                "a panic with a payload that is not text".to_string()
            };
            Err(CallFailed::Panicked(message))
        }
        Err(_) => Err(CallFailed::Cancelled),
    }
}
