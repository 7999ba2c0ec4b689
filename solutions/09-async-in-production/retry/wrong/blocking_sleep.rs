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
