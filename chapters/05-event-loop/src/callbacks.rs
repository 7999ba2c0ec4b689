//! Step 3: callbacks, the layer under asyncio's tasks.
//!
//! asyncio's loop does not really know about coroutines. Its ready queue holds
//! *callbacks* (`Handle`s): `loop.call_soon(f, *args)` appends one, and a task is a
//! callback that runs one step of its coroutine and, when that step's future is
//! done, schedules the next step with `call_soon`. `loop.call_later(delay, f)`
//! puts a `TimerHandle` on a heap ordered by deadline.
//!
//! Our loop's queue holds tasks directly (a waker re-queues its task), but the same
//! two calls are useful on their own, and they show the two orders a loop keeps:
//! the ready queue is first in, first out; the timer heap is earliest deadline
//! first, whatever order the timers were set in.

use std::time::Duration;

use crate::event_loop::{Job, with_core};
use crate::timer::TimerAction;

// ANCHOR: call_soon
/// Call `callback` on the next turn of the running loop, after every callback
/// and task already queued: `loop.call_soon(callback)`.
///
/// The callback must be `Send` because the ready queue is shared with other
/// threads; that also makes this asyncio's `call_soon_threadsafe`.
pub fn call_soon(callback: impl FnOnce() + Send + 'static) {
    with_core(|core| core.shared.push(Job::Callback(Box::new(callback))));
}
// ANCHOR_END: call_soon

// ANCHOR: call_later
/// Call `callback` once `delay` has passed: `loop.call_later(delay, callback)`.
/// Callbacks due at the same moment run in the order they were set.
pub fn call_later(delay: Duration, callback: impl FnOnce() + Send + 'static) {
    with_core(|core| {
        let deadline = core.clock.now() + delay;
        core.timers
            .borrow_mut()
            .add(deadline, TimerAction::Call(Box::new(callback)));
    });
}
// ANCHOR_END: call_later

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_loop::EventLoop;
    use crate::timer::{now, sleep};
    use std::sync::{Arc, Mutex};

    /// A shared log, and a maker of callbacks that append to it.
    type Log = Arc<Mutex<Vec<String>>>;

    fn recorder() -> (Log, impl Fn(&str) -> Box<dyn FnOnce() + Send>) {
        let log = Log::default();
        let theirs = Arc::clone(&log);
        let note = move |what: &str| -> Box<dyn FnOnce() + Send> {
            let log = Arc::clone(&theirs);
            let what = what.to_string();
            Box::new(move || log.lock().unwrap().push(what))
        };
        (log, note)
    }

    #[test]
    fn call_soon_runs_callbacks_in_fifo_order() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let (log, note) = recorder();
        event_loop.run(async {
            for n in 1..=5 {
                call_soon(note(&format!("soon {n}")));
            }
            sleep(Duration::from_millis(1)).await;
        });
        assert_eq!(
            *log.lock().unwrap(),
            ["soon 1", "soon 2", "soon 3", "soon 4", "soon 5"]
        );
    }

    #[test]
    fn call_later_runs_callbacks_by_deadline_not_by_order_set() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let (log, note) = recorder();
        event_loop.run(async {
            call_later(Duration::from_millis(300), note("third"));
            call_later(Duration::from_millis(100), note("first"));
            call_later(Duration::from_millis(200), note("second"));
            call_later(Duration::from_millis(100), note("first, tie, set later"));
            call_soon(note("soon"));
            sleep(Duration::from_secs(1)).await;
        });
        assert_eq!(
            *log.lock().unwrap(),
            ["soon", "first", "first, tie, set later", "second", "third"]
        );
    }

    #[test]
    fn call_later_fires_at_its_deadline_on_the_paused_clock() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let fired_at = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&fired_at);
        let start = event_loop.run(async move {
            let start = now();
            call_later(Duration::from_millis(250), move || {
                *slot.lock().unwrap() = Some(now());
            });
            sleep(Duration::from_secs(1)).await;
            start
        });
        let fired_at = fired_at.lock().unwrap().unwrap();
        assert_eq!(fired_at - start, Duration::from_millis(250));
    }

    #[test]
    fn a_panicking_callback_does_not_stop_the_loop() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let (log, note) = recorder();
        event_loop.run(async {
            call_soon(|| panic!("a bad callback"));
            call_soon(note("after"));
            sleep(Duration::from_millis(1)).await;
        });
        assert_eq!(*log.lock().unwrap(), ["after"]);
    }
}
