//! WRONG: `std::thread::sleep` between tries, Python's `time.sleep` in a coroutine.

use std::time::Duration;

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
                if tried >= attempts.max(1) {
                    return Err(error);
                }
                std::thread::sleep(delay);
                delay *= 2;
            }
        }
    }
}
