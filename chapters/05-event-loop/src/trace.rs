//! The loop's flight recorder: what it decided, and when.
//!
//! asyncio has a debug mode that logs slow callbacks; here the loop can record
//! every decision it makes (which task it polled and for how long, who woke a task,
//! a timer firing, a socket becoming ready) so that `trace <demo>` can draw them as
//! a swimlane chart, one lane per task. Every step of the chapter reports here, so
//! this module comes first and imports nothing of the chapter.
//!
//! While no recording is on, [`record`] is one thread-local flag check.

use std::cell::{Cell, RefCell};
use std::time::Instant;

/// One task's number in a trace; `0` is the main future given to `run`.
pub type TaskNo = u64;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The loop polled the task; the poll ran from `started` to `at`.
    Polled { started: Instant },
    /// The task was put on the ready queue; `by` says why.
    Woken { by: Cause },
    /// The task was created.
    Spawned,
    /// The task finished (its future returned `Ready`, or panicked).
    Finished,
}

/// Who woke a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Another task, or the task itself (`yield_now`).
    Task,
    /// A timer on the heap reached its deadline.
    Timer,
    /// The reactor reported a socket or pipe ready.
    Io,
}

/// One entry of a trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: Instant,
    pub task: TaskNo,
    pub what: What,
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static EVENTS: RefCell<Vec<Event>> = const { RefCell::new(Vec::new()) };
    /// Set by a timer or the reactor while it runs wakers, so a wake-up knows why.
    static CAUSE: Cell<Cause> = const { Cell::new(Cause::Task) };
}

/// Record everything the loop on this thread does while `body` runs, and return
/// the events with `body`'s output.
pub fn recording<T>(body: impl FnOnce() -> T) -> (T, Vec<Event>) {
    EVENTS.with(|events| events.borrow_mut().clear());
    ON.with(|on| on.set(true));
    let output = body();
    ON.with(|on| on.set(false));
    (output, EVENTS.with(|events| events.take()))
}

/// Note an event, if a recording is on.
pub fn record(task: TaskNo, what: What) {
    if ON.with(Cell::get) {
        let at = Instant::now();
        EVENTS.with(|events| events.borrow_mut().push(Event { at, task, what }));
    }
}

/// Note that `task` was woken, by whatever [`waking_because`] says is waking now.
pub fn record_wake(task: TaskNo) {
    if ON.with(Cell::get) {
        record(
            task,
            What::Woken {
                by: CAUSE.with(Cell::get),
            },
        );
    }
}

/// Run `wake` (a timer firing, the reactor handing out events) with `cause` as the
/// reason for every wake-up it does.
pub fn waking_because<T>(cause: Cause, wake: impl FnOnce() -> T) -> T {
    let before = CAUSE.with(|current| current.replace(cause));
    let output = wake();
    CAUSE.with(|current| current.set(before));
    output
}

/// Is a recording on? (Lets the loop skip reading the clock.)
pub fn is_on() -> bool {
    ON.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_kept_outside_a_recording() {
        record(1, What::Spawned);
        let ((), events) = recording(|| record(2, What::Spawned));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].task, 2);
    }

    #[test]
    fn a_wake_up_carries_the_cause_in_force() {
        let ((), events) = recording(|| {
            record_wake(1);
            waking_because(Cause::Timer, || record_wake(2));
        });
        let causes: Vec<_> = events.iter().map(|event| event.what).collect();
        assert_eq!(
            causes,
            [
                What::Woken { by: Cause::Task },
                What::Woken { by: Cause::Timer }
            ]
        );
    }
}
