//! Following a request across tasks with `tracing` spans.
//!
//! Two requests handled at once on one thread print their log lines interleaved; to
//! tell them apart, each line must say which request it belongs to. Python stores a
//! request id in a `ContextVar` and adds it to log records with a `logging.Filter`.
//! `tracing` builds that in: a *span* is a named context with fields
//! (`request{id=1}`), entered while a future runs (`.instrument(span)`), and every
//! event logged inside it is printed with the span's name and fields.
//!
//! A span belongs to the future it instruments, not to the thread. A task spawned
//! from inside it starts outside any span, like a `task_local!`, unless it is given
//! one: `.in_current_span()` hands it the span it was spawned in.
//!
//! `span.enter()` is the synchronous way in: the span is current on *this thread*
//! until the guard is dropped. Held across an `.await`, the guard stays while the task
//! is suspended, and every other task the thread runs meanwhile logs inside the wrong
//! span (the tracing docs warn about exactly this; the test
//! `a_span_entered_across_an_await_labels_another_tasks_lines`). In async code,
//! `.instrument(span)` enters the span at each poll and leaves it at each `.await`.

use std::time::Duration;

use tracing::{Instrument as _, info, info_span};

// ANCHOR: handle
/// Handle one request: log, start two helper tasks, wait for both, log again. The
/// `audit` task is spawned plainly and its line loses the request; the `lookup` task
/// is handed the span and keeps it.
pub async fn handle(id: u32, user: &'static str, lookup_takes: Duration) {
    async move {
        info!(user, "received");
        let lookup = tokio::spawn(lookup(user, lookup_takes).in_current_span());
        let audit = tokio::spawn(audit(user)); // no span handed over
        let (found, _) = tokio::join!(lookup, audit);
        let rows = found.unwrap_or_default();
        info!(rows, "answered");
    }
    .instrument(info_span!("request", id))
    .await
}

async fn lookup(user: &'static str, takes: Duration) -> usize {
    tokio::time::sleep(takes).await;
    info!(user, "profile loaded");
    user.len()
}

async fn audit(user: &'static str) {
    info!(user, "audited");
}
// ANCHOR_END: handle

// ANCHOR: subscriber
/// The subscriber the demo installs: plain text on stdout, no timestamps (they would
/// change every run), no colours, no module paths.
pub fn plain_subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_target(false)
        .with_ansi(false)
        .without_time()
        .finish()
}
// ANCHOR_END: subscriber

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;
    use std::sync::{Arc, Mutex};

    /// A writer that keeps what the subscriber prints, for the test to read.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .expect("not poisoned")
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn lines(&self) -> Vec<String> {
            let bytes = self.0.lock().expect("not poisoned").clone();
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::to_string)
                .collect()
        }
    }

    async fn two_requests() -> Vec<String> {
        let captured = Captured::default();
        let writer = captured.clone();
        // `set_default` holds for this thread; the current-thread runtime of
        // #[tokio::test] polls every task on it.
        let _subscriber =
            tracing::subscriber::set_default(plain_subscriber(move || writer.clone()));
        tokio::join!(
            handle(1, "ada", Duration::from_millis(200)),
            handle(2, "grace", Duration::from_millis(100))
        );
        captured.lines()
    }

    fn line_with(lines: &[String], what: &str, user: &str) -> String {
        lines
            .iter()
            .find(|l| l.contains(what) && l.contains(user))
            .cloned()
            .unwrap_or_else(|| panic!("no line {what:?} for {user} in {lines:#?}"))
    }

    #[tokio::test(start_paused = true)]
    async fn every_line_logged_inside_a_request_carries_its_span() {
        let lines = two_requests().await;
        assert!(
            line_with(&lines, "received", "ada").contains("request{id=1}"),
            "{lines:#?}"
        );
        assert!(
            line_with(&lines, "received", "grace").contains("request{id=2}"),
            "{lines:#?}"
        );
        assert!(
            line_with(&lines, "answered rows=3", "").contains("request{id=1}"),
            "{lines:#?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_spawned_with_in_current_span_keeps_the_request() {
        let lines = two_requests().await;
        assert!(line_with(&lines, "profile loaded", "ada").contains("request{id=1}"));
        assert!(line_with(&lines, "profile loaded", "grace").contains("request{id=2}"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_spawned_plainly_loses_the_request() {
        let lines = two_requests().await;
        let audited = line_with(&lines, "audited", "ada");
        assert!(!audited.contains("request{"), "{audited}");
    }

    #[tokio::test(start_paused = true)]
    async fn interleaved_requests_stay_apart_in_the_log() {
        let lines = two_requests().await;
        // Grace's lookup is quicker, so her answer comes first, yet is labelled right.
        let answers: Vec<_> = lines.iter().filter(|l| l.contains("answered")).collect();
        assert_eq!(answers.len(), 2, "{lines:#?}");
        assert!(answers[0].contains("request{id=2}") && answers[0].contains("rows=5"));
        assert!(answers[1].contains("request{id=1}") && answers[1].contains("rows=3"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_span_entered_across_an_await_labels_another_tasks_lines() {
        let captured = Captured::default();
        let writer = captured.clone();
        let _subscriber =
            tracing::subscriber::set_default(plain_subscriber(move || writer.clone()));
        let wrong = async {
            let span = info_span!("request", id = 1);
            let _entered = span.enter(); // current on this thread, across the sleep
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let other = async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            info!("unrelated work");
        };
        tokio::join!(wrong, other);
        let lines = captured.lines();
        let unrelated = line_with(&lines, "unrelated work", "");
        assert!(unrelated.contains("request{id=1}"), "{unrelated}");
    }
}
