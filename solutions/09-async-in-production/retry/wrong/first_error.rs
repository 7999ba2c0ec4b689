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
        .start_paused(true)
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
