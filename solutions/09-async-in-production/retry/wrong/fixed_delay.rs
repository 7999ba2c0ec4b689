//! WRONG: the delay never doubles, so every retry waits `first_delay`.

use std::time::Duration;

pub async fn retry<T, E, F, Fut>(mut op: F, attempts: u32, first_delay: Duration) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut tried = 0;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                tried += 1;
                if tried >= attempts.max(1) {
                    return Err(error);
                }
                tokio::time::sleep(first_delay).await;
            }
        }
    }
}
