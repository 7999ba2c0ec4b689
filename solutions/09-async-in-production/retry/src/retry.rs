//! Exercise 1 solved: retry with exponential backoff.

use std::time::Duration;

// ANCHOR: solution
pub async fn retry<T, E, F, Fut>(mut op: F, attempts: u32, first_delay: Duration) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut tried = 0;
    let mut delay = first_delay;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                tried += 1;
                // Check before waiting: after the last try there is nothing to wait for.
                if tried >= attempts.max(1) {
                    return Err(error);
                }
                tokio::time::sleep(delay).await;
                delay = delay.saturating_mul(2);
            }
        }
    }
}
// ANCHOR_END: solution
