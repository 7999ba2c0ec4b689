//! WRONG: `call_times` builds a runtime whose clock runs in real time (no
//! `start_paused(true)`): a schedule of hours takes hours.

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

pub fn call_times<T, E, F, Fut>(
    mut op: F,
    attempts: u32,
    first_delay: Duration,
) -> (Result<T, E>, Vec<Duration>)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // What `#[tokio::test(start_paused = true)]` builds: one thread, a time driver,
    // and a clock that stands still until every task waits, then jumps to the next
    // timer. `start_paused` needs tokio's `test-util` feature.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime with a timer needs nothing that can run out");
    runtime.block_on(async {
        // tokio's `Instant`, not std's: only tokio's follows the paused clock.
        let start = tokio::time::Instant::now();
        let mut calls = Vec::new();
        let result = retry(
            || {
                calls.push(start.elapsed());
                op()
            },
            attempts,
            first_delay,
        )
        .await;
        (result, calls)
    })
}
// ANCHOR_END: solution
