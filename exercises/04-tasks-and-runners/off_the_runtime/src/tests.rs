//! The tests of the `off_the_runtime` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;
use tokio::time::sleep;

/// The slowest test blocks for under a second: two seconds leave a slow machine
/// room and keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

use crate::off_the_runtime::{CallFailed, off_the_runtime};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::task::Poll;

/// Run `body` on a one-thread runtime with the real clock, under the watchdog.
#[track_caller]
fn on_runtime<T: Send + 'static>(body: impl Future<Output = T> + Send + 'static) -> T {
    watchdog::within(
        LIMIT,
        "Your off_the_runtime never finished. Does it await the blocking call's result?",
        move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .expect("a current-thread runtime needs no OS resources that can run out")
                .block_on(body)
        },
    )
}

#[test]
fn returns_what_the_call_returns() {
    assert_eq!(
        on_runtime(off_the_runtime(|| 6 * 7)),
        Ok(42),
        "what the call returns, as Ok"
    );
    assert_eq!(
        on_runtime(off_the_runtime(|| "a string".to_string())),
        Ok("a string".to_string()),
        "what the call returns, as Ok"
    );
}

// The real clock, briefly: a blocking call takes real time, which the paused
// clock does not see. The call waits (blocking) for three ticks of a ticker task
// that ticks every 5ms; it can only get them if the runtime's thread is free.
#[test]
fn the_ticker_keeps_ticking_while_the_call_blocks() {
    let seen = on_runtime(async {
        let (tick, ticks) = mpsc::channel();
        tokio::spawn(async move {
            for n in 1.. {
                sleep(Duration::from_millis(5)).await;
                if tick.send(n).is_err() {
                    break;
                }
            }
        });
        off_the_runtime(move || {
            let until = std::time::Instant::now() + Duration::from_secs(1);
            (0..3)
                .take_while(|_| {
                    let left = until.saturating_duration_since(std::time::Instant::now());
                    ticks.recv_timeout(left).is_ok()
                })
                .count()
        })
        .await
    });
    assert_eq!(
        seen,
        Ok(3),
        "expected the call to see 3 ticks of the ticker task while it blocked; it saw \
         fewer: the call is still blocking the runtime's thread, where the ticker \
         needs to run (calling it inline, or in an async block, is the same as \
         calling a blocking function in a coroutine). spawn_blocking moves it off"
    );
}

/// Run `body` on a one-thread runtime whose pool for blocking work has one thread,
/// under the watchdog.
#[track_caller]
fn with_one_blocking_thread<T: Send + 'static>(
    body: impl Future<Output = T> + Send + 'static,
) -> T {
    watchdog::within(
        LIMIT,
        "the test hung. Either a call ran on the runtime's own thread and blocked it \
         (the first call waits for the test to release it, which the test cannot do \
         while its thread is held), or a call was never run",
        move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .max_blocking_threads(1)
                .build()
                .expect("a current-thread runtime needs no OS resources that can run out")
                .block_on(body)
        },
    )
}

#[test]
fn a_call_given_up_on_before_it_started_never_runs() {
    let ran = with_one_blocking_thread(async {
        // A first call takes the only thread for blocking work, until released.
        let (release, released) = mpsc::channel::<()>();
        let busy = Arc::new(AtomicBool::new(false));
        let first = tokio::spawn(off_the_runtime({
            let busy = Arc::clone(&busy);
            move || {
                busy.store(true, Ordering::SeqCst);
                let _ = released.recv();
            }
        }));
        while !busy.load(Ordering::SeqCst) {
            sleep(Duration::from_millis(1)).await;
        }
        // A second call must wait for that thread. Its caller polls it once, then
        // gives up on it (a timeout, a cancelled task): the future is dropped.
        let ran = Arc::new(AtomicBool::new(false));
        let mut second = Box::pin(off_the_runtime({
            let ran = Arc::clone(&ran);
            move || ran.store(true, Ordering::SeqCst)
        }));
        let polled = std::future::poll_fn(|cx| Poll::Ready(second.as_mut().poll(cx))).await;
        assert!(
            polled.is_pending(),
            "the only thread for blocking work is busy, so the second call cannot have \
             run yet"
        );
        drop(second);
        let _ = release.send(());
        let _ = first.await;
        // One thread takes the waiting calls in the order they came: once a third
        // call has run, the second would have run before it.
        let _ = off_the_runtime(|| ()).await;
        ran.load(Ordering::SeqCst)
    });
    assert!(
        !ran,
        "the caller gave up on the second call (dropped its future) while it was still \
         waiting for a thread, and it ran anyway, for nobody. Python's run_in_executor \
         cancels a call that has not started when its awaiter is cancelled; dropping a \
         JoinHandle only detaches the task. Abort the spawn_blocking task when your \
         future is dropped (a call that has started cannot be stopped; abort() then \
         does nothing, and that is fine)"
    );
}

#[test]
fn a_panic_with_a_literal_message_becomes_an_error_with_that_message() {
    let fixed = on_runtime(off_the_runtime(|| -> u32 { panic!("the disk is full") }));
    assert_eq!(
        fixed,
        Err(CallFailed::Panicked("the disk is full".to_string())),
        "expected the panic's message as CallFailed::Panicked: a panic!(\"literal\") \
         carries a &'static str (downcast_ref::<&str>())"
    );
}

/// A disk number the compiler cannot see through, so that the message below must
/// be formatted at run time: `panic!("disk {} is full", 2)` with a literal argument
/// is folded into a `&str` at compile time, and would test the literal case again.
fn disk_number() -> u32 {
    std::hint::black_box(2)
}

#[test]
fn a_panic_with_a_formatted_message_becomes_an_error_with_that_message() {
    // The test checks its own premise first: this panic really carries a String.
    let payload = std::panic::catch_unwind(|| -> u32 { panic!("disk {} is full", disk_number()) })
        .expect_err("the closure panics");
    assert!(
        payload.downcast_ref::<String>().is_some(),
        "the test's premise: a panic! formatted at run time carries a String"
    );
    let formatted = on_runtime(off_the_runtime(|| -> u32 {
        panic!("disk {} is full", disk_number())
    }));
    assert_eq!(
        formatted,
        Err(CallFailed::Panicked("disk 2 is full".to_string())),
        "expected the formatted message: a panic! with arguments carries a String, \
         not a &str, so try downcast_ref::<String>() too"
    );
}
