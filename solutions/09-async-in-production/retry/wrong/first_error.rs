//! WRONG: it keeps the first error and returns that one after the last try.

use std::time::Duration;

pub async fn retry<T, E, F, Fut>(mut op: F, attempts: u32, first_delay: Duration) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut first = None;
    let mut delay = first_delay;
    for tried in 1..=attempts.max(1) {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                first.get_or_insert(error);
                if tried < attempts.max(1) {
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                }
            }
        }
    }
    Err(first.expect("at least one try failed"))
}
