//! Exercise 4 (hard): a graceful shutdown that loses no request.
//!
//! A worker takes requests from a channel and works on each in a task of its own,
//! many at once. When `shutdown` is cancelled (a SIGTERM, in a real service):
//!
//! 1. it takes no more requests: each request still waiting in the channel is
//!    answered `Reply::Refused`, and the channel is closed, so that a sender who
//!    tries later gets its request back as an error instead of sending into the void;
//! 2. the requests in flight go on, and each answers `Reply::Done` when its work ends;
//! 3. any still running `grace` after the shutdown began is answered
//!    `Reply::Abandoned` at that moment.
//!
//! If the channel closes first (every sender dropped), finish the requests in flight,
//! with no time limit. Return once every request taken has had its reply, with the
//! report of who got what. No request may be lost: every request sent successfully
//! gets exactly one reply, never a dropped `oneshot::Sender`.
//!
//! `Request`, `Reply`, `work` and `Report` are given, in `given.rs`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::given::{Report, Request};

// ANCHOR: exercise
pub async fn serve(
    requests: mpsc::Receiver<Request>,
    shutdown: CancellationToken,
    grace: Duration,
) -> Report {
    // TODO: loop: take requests and start each as a task (a `TaskTracker` counts
    // them), until `shutdown` is cancelled or the channel closes. Then refuse what is
    // queued, close the channel, and give the tasks `grace` to finish before telling
    // the rest to give up.
    let _ = (requests, shutdown, grace); // Only silences "unused" warnings: delete it.
    todo!("serve until shutdown, then shut down gracefully")
}
// ANCHOR_END: exercise
