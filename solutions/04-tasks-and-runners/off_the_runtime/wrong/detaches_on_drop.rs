//! WRONG: a dropped JoinHandle only detaches: a call given up on before it started runs anyway.

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
    // The call runs on one of tokio's threads for blocking work; this task waits at
    // the `.await` like at any other, so the runtime's thread is free meanwhile.
    match tokio::task::spawn_blocking(call).await {
        Ok(value) => Ok(value),
        Err(error) if error.is_panic() => {
            let payload = error.into_panic();
            let message = if let Some(text) = payload.downcast_ref::<&str>() {
                text.to_string()
            } else if let Some(text) = payload.downcast_ref::<String>() {
                text.clone()
            } else {
                "a panic with a payload that is not text".to_string()
            };
            Err(CallFailed::Panicked(message))
        }
        Err(_) => Err(CallFailed::Cancelled),
    }
}
