//! WRONG: calls the blocking function right in the async fn, holding the runtime's thread.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

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
    // "It is inside an async fn, so it does not block anything."
    panic::catch_unwind(AssertUnwindSafe(call))
        .map_err(|payload| CallFailed::Panicked(message(&*payload)))
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a payload that is not text".to_string()
    }
}
