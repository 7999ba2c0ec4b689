//! Step 4: callbacks, the layer under asyncio's tasks.
//!
//! asyncio's loop does not really know about coroutines. Its ready queue holds
//! *callbacks*: `loop.call_soon(f, *args)` appends one, and a task is a callback
//! that runs one step of its coroutine and schedules the next with `call_soon`.
//!
//! Our queue holds tasks, and the other way round works just as well: a callback is
//! a task with one step. `call_soon` keeps asyncio's order (first in, first out,
//! after everything already queued) because spawning appends to the same queue.
//! Step 5 adds `call_later`, which needs a clock.

use crate::event_loop::spawn_detached;

// ANCHOR: call_soon
/// Call `callback` on the next turn of the running loop, after every task and
/// callback already queued: `loop.call_soon(callback)`.
pub fn call_soon(callback: impl FnOnce() + 'static) {
    spawn_detached(async move { callback() });
}
// ANCHOR_END: call_soon

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_loop::{EventLoop, yield_now};
    use std::cell::RefCell;
    use std::rc::Rc;

    type Log = Rc<RefCell<Vec<String>>>;

    fn note(log: &Log, what: &str) -> impl FnOnce() + 'static {
        let (log, what) = (Rc::clone(log), what.to_string());
        move || log.borrow_mut().push(what)
    }

    #[test]
    fn call_soon_runs_callbacks_in_fifo_order() {
        let log = Log::default();
        EventLoop::new().run(async {
            for n in 1..=5 {
                call_soon(note(&log, &format!("soon {n}")));
            }
            yield_now().await;
        });
        assert_eq!(
            *log.borrow(),
            ["soon 1", "soon 2", "soon 3", "soon 4", "soon 5"]
        );
    }

    #[test]
    fn a_callback_runs_after_the_caller_yields_not_inside_call_soon() {
        let log = Log::default();
        EventLoop::new().run(async {
            call_soon(note(&log, "callback"));
            log.borrow_mut().push("caller, still running".into());
            yield_now().await;
        });
        assert_eq!(*log.borrow(), ["caller, still running", "callback"]);
    }

    #[test]
    fn a_panicking_callback_does_not_stop_the_loop() {
        let log = Log::default();
        EventLoop::new().run(async {
            call_soon(|| panic!("a bad callback"));
            call_soon(note(&log, "after"));
            yield_now().await;
        });
        assert_eq!(*log.borrow(), ["after"]);
    }
}
