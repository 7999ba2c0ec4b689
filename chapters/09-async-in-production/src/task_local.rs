//! `contextvars` as `tokio::task_local!`.
//!
//! A request id that every log line of a request should carry, without passing it to
//! every function: Python keeps it in a `ContextVar`, and each task sees its own value
//! because each task runs in its own copy of the context. Tokio's `task_local!` is a
//! value set for the duration of one future with `scope`, and read anywhere inside it
//! with `with` or `try_with`.
//!
//! One difference bites: `asyncio.create_task` copies the current context into the
//! new task, so a child task sees its parent's request id. `tokio::spawn` starts the
//! child with nothing; the parent must hand the value over with a new `scope`.

use std::time::Duration;

use course_kit::Timeline;

// ANCHOR: declare
tokio::task_local! {
    /// The id of the request the current task is working for.
    pub static REQUEST_ID: u32;
}

/// The request id of the code running now, if it runs inside a `scope`.
pub fn current_request() -> Option<u32> {
    REQUEST_ID.try_with(|id| *id).ok()
}
// ANCHOR_END: declare

// ANCHOR: handle
/// A handler that logs in two steps with a wait between them. Nothing is passed to
/// `step`: it finds the request id itself, as a logger reading a `ContextVar` does.
pub async fn handle(id: u32, pause: Duration, log: Timeline) {
    REQUEST_ID
        .scope(id, async {
            step("parsed", &log);
            tokio::time::sleep(pause).await;
            step("answered", &log);
        })
        .await;
}

fn step(what: &str, log: &Timeline) {
    log.say(&format!("request {:?}", current_request()), what);
}
// ANCHOR_END: handle

// ANCHOR: spawn
/// A child task spawned inside a scope, once plainly and once with the value handed
/// over. Returns what each child saw.
pub async fn children_see(id: u32) -> (Option<u32>, Option<u32>) {
    REQUEST_ID
        .scope(id, async {
            // Unlike `create_task`, `spawn` copies nothing: this child sees no id.
            let plain = tokio::spawn(async { current_request() });
            // Hand it over: read the value here, open a new scope around the child.
            let id = REQUEST_ID.get();
            let handed = tokio::spawn(REQUEST_ID.scope(id, async { current_request() }));
            (
                plain.await.expect("the child does not panic"),
                handed.await.expect("the child does not panic"),
            )
        })
        .await
}
// ANCHOR_END: spawn

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[tokio::test(start_paused = true)]
    async fn interleaved_requests_each_see_their_own_id() {
        let log = Timeline::quiet();
        // Request 2 starts while request 1 is waiting, on the same thread.
        tokio::join!(
            handle(1, 200 * MS, log.clone()),
            handle(2, 100 * MS, log.clone())
        );
        let seen: Vec<_> = log.events().into_iter().map(|e| (e.lane, e.what)).collect();
        let expected = [
            ("request Some(1)", "parsed"),
            ("request Some(2)", "parsed"),
            ("request Some(2)", "answered"),
            ("request Some(1)", "answered"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(lane, what)| (lane.to_string(), what.to_string()))
            .collect();
        assert_eq!(seen, expected);
    }

    #[tokio::test]
    async fn outside_any_scope_there_is_no_request_id() {
        assert_eq!(current_request(), None);
    }

    #[tokio::test]
    async fn a_spawned_task_does_not_inherit_the_task_local_unless_handed_over() {
        assert_eq!(children_see(7).await, (None, Some(7)));
    }
}
