//! Cleanup that must await: there is no async `Drop`.
//!
//! Python's `finally: await conn.close()` runs when a task is cancelled: the
//! `CancelledError` is raised at the task's `await`, and the `finally` block may await
//! as long as it likes before the task ends. A Rust task that is aborted (or a future
//! that is dropped) runs only its `Drop`s, and `Drop::drop` is a plain function: it
//! cannot `.await`. So async cleanup needs a plan, and there are three:
//!
//! 1. an explicit `async fn close(self)`, awaited on the way out ([`explicit_close`]):
//!    simple and complete, but skipped when the task is aborted before it gets there;
//! 2. a guard whose `Drop` *spawns* the cleanup ([`CloseOnDrop`]): it runs even after
//!    an abort, but nobody awaits it (the code that dropped the guard goes on before
//!    the cleanup ends), it needs a runtime to spawn on, and a runtime that shuts down
//!    drops it half done;
//! 3. cancellation asked for, not imposed ([`close_on_cancel`]): the task watches a
//!    `CancellationToken`, and on a cancel awaits its own cleanup before it returns;
//!    the owner cancels, then awaits the task. The one of the three that is both
//!    complete and waited for, which is why the graceful shutdown uses it.

use std::time::Duration;

use course_kit::Timeline;
use tokio_util::sync::CancellationToken;

/// How long saying goodbye takes: a last write, a flush, a TLS close-notify.
pub const CLOSE_TIME: Duration = Duration::from_millis(100);

/// A connection whose proper end is asynchronous.
pub struct Connection {
    name: &'static str,
    log: Timeline,
}

impl Connection {
    pub fn open(name: &'static str, log: &Timeline) -> Self {
        Connection {
            name,
            log: log.clone(),
        }
    }

    /// Work on the connection for ever (until cancelled, one way or another).
    pub async fn serve(&self) {
        std::future::pending::<()>().await;
    }

    // ANCHOR: close
    /// The cleanup: it must await, so it cannot be `Drop`.
    pub async fn close(self) {
        tokio::time::sleep(CLOSE_TIME).await; // goodbye, flush, close-notify
        self.log.say(self.name, "closed properly");
    }
    // ANCHOR_END: close
}

// ANCHOR: explicit
/// Pattern 1: serve, then `close().await`. An abort lands at `serve`'s `.await`, so
/// the close after it never runs.
pub async fn explicit_close(connection: Connection) {
    connection.serve().await;
    connection.close().await;
}
// ANCHOR_END: explicit

// ANCHOR: on_drop
/// Pattern 2: a guard whose `Drop` spawns the async cleanup on the current runtime.
pub struct CloseOnDrop(Option<Connection>);

impl CloseOnDrop {
    pub fn new(connection: Connection) -> Self {
        CloseOnDrop(Some(connection))
    }
}

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        let Some(connection) = self.0.take() else {
            return;
        };
        // `drop` cannot await, so it hands the cleanup to a task. Outside a runtime
        // there is nobody to hand it to, and the connection is simply dropped.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(connection.close());
        }
    }
}

/// Serve with the guard alive; an abort drops it, which starts the cleanup.
pub async fn close_on_drop(connection: Connection) {
    let guard = CloseOnDrop::new(connection);
    if let Some(connection) = &guard.0 {
        connection.serve().await;
    }
}
// ANCHOR_END: on_drop

// ANCHOR: on_cancel
/// Pattern 3: stop when asked, then clean up, awaiting it, before returning.
pub async fn close_on_cancel(connection: Connection, stop: CancellationToken) {
    tokio::select! {
        () = connection.serve() => {}
        () = stop.cancelled() => {}
    }
    connection.close().await; // reached on a cancel: select! ended, the task did not
}
// ANCHOR_END: on_cancel

#[cfg(test)]
mod tests {
    use tokio::time::{Instant, sleep};

    use super::*;

    const STOP_AT: Duration = Duration::from_millis(200);

    #[tokio::test(start_paused = true)]
    async fn an_aborted_task_never_runs_the_close_after_its_await() {
        let log = Timeline::quiet();
        let task = tokio::spawn(explicit_close(Connection::open("one", &log)));
        sleep(STOP_AT).await;
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        sleep(10 * CLOSE_TIME).await;
        assert_eq!(log.when("one", "closed properly"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_guard_that_spawns_its_cleanup_closes_after_the_abort_but_nobody_waits() {
        let log = Timeline::quiet();
        let start = Instant::now();
        let task = tokio::spawn(close_on_drop(Connection::open("two", &log)));
        sleep(STOP_AT).await;
        task.abort();
        let _ = task.await;
        assert_eq!(
            start.elapsed(),
            STOP_AT,
            "the aborted task's handle returned at once"
        );
        assert_eq!(log.when("two", "closed properly"), None, "not closed yet");
        sleep(2 * CLOSE_TIME).await;
        assert_eq!(
            log.when("two", "closed properly"),
            Some(STOP_AT + CLOSE_TIME)
        );
    }

    #[test]
    fn a_runtime_that_shuts_down_drops_the_spawned_cleanup_half_done() {
        let log = Timeline::quiet();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            let task = tokio::spawn(close_on_drop(Connection::open("three", &log)));
            tokio::task::yield_now().await;
            task.abort();
            let _ = task.await; // the guard is dropped: the cleanup task is spawned
        });
        drop(runtime); // main ends here, as `#[tokio::main]` would
        assert_eq!(log.when("three", "closed properly"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_token_lets_the_task_await_its_cleanup_and_the_owner_await_the_task() {
        let log = Timeline::quiet();
        let start = Instant::now();
        let stop = CancellationToken::new();
        let task = tokio::spawn(close_on_cancel(
            Connection::open("four", &log),
            stop.clone(),
        ));
        sleep(STOP_AT).await;
        stop.cancel();
        task.await.unwrap();
        assert_eq!(
            log.when("four", "closed properly"),
            Some(STOP_AT + CLOSE_TIME)
        );
        assert_eq!(
            start.elapsed(),
            STOP_AT + CLOSE_TIME,
            "the owner waited for it"
        );
    }
}
