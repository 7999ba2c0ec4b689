//! The tests of the `graceful_shutdown` exercise. Its solution runs this same file,
//! so what passes there is exactly what you are asked for here.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

use crate::given::{Reply, Report, Request};
use crate::graceful_shutdown::serve;

const HANG: &str = "serve never returned. Does it stop taking requests when `shutdown` \
                    is cancelled (a `select!` on `shutdown.cancelled()` and \
                    `requests.recv()`), and does it stop waiting for the tasks when the \
                    grace period is over? Draining the channel with `recv()` waits for \
                    ever while a sender is alive, unless the channel is closed first.";

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// What a client saw: for each request, its reply (or `None` if the reply sender was
/// dropped: a lost request) and when it came.
type Seen = Arc<Mutex<Vec<(u32, Option<Reply>, Duration)>>>;

/// The test's side of the worker: it sends requests and notes their replies.
struct Client {
    sender: Mutex<Option<mpsc::Sender<Request>>>,
    shutdown: CancellationToken,
    seen: Seen,
    start: Instant,
}

impl Client {
    /// Send request `id` with `work` of that many ms; a task notes its reply.
    async fn send(&self, id: u32, work: u64) {
        let (reply, replied) = oneshot::channel();
        let request = Request {
            id,
            work: ms(work),
            reply,
        };
        assert!(
            self.sender().send(request).await.is_ok(),
            "request {id} could not be sent: the channel was closed before shutdown"
        );
        self.note_reply(id, replied);
    }

    /// A task notes the reply to request `id` when it comes.
    fn note_reply(&self, id: u32, replied: oneshot::Receiver<Reply>) {
        let (seen, start) = (Arc::clone(&self.seen), self.start);
        tokio::spawn(async move {
            let reply = replied.await.ok();
            seen.lock()
                .expect("not poisoned")
                .push((id, reply, start.elapsed()));
        });
    }

    /// A sender for the channel (the test's own stays in the client).
    fn sender(&self) -> mpsc::Sender<Request> {
        let sender = self.sender.lock().expect("not poisoned");
        sender.clone().expect("the client has not hung up")
    }

    /// Drop the client's sender: with no sender left, the channel closes.
    fn hang_up(&self) {
        self.sender.lock().expect("not poisoned").take();
    }

    fn reply_of(&self, id: u32) -> (Option<Reply>, Duration) {
        let seen = self.seen.lock().expect("not poisoned");
        let found = seen.iter().find(|(seen_id, _, _)| *seen_id == id);
        let (_, reply, at) = found.unwrap_or_else(|| panic!("request {id} has no reply yet"));
        (*reply, *at)
    }
}

/// Start `serve` with a channel of `capacity`, run `script` as the client, and return
/// the report, when `serve` returned, and the client (to look at the replies).
fn scenario<S, Fut>(capacity: usize, grace: u64, script: S) -> (Report, Duration, Client)
where
    S: FnOnce(Arc<Client>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + 'static,
{
    watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let (sender, requests) = mpsc::channel(capacity);
        let shutdown = CancellationToken::new();
        let client = Arc::new(Client {
            sender: Mutex::new(Some(sender)),
            shutdown: shutdown.clone(),
            seen: Seen::default(),
            start: Instant::now(),
        });
        let worker = tokio::spawn(serve(requests, shutdown, ms(grace)));
        script(Arc::clone(&client)).await;
        let report = match worker.await {
            Ok(report) => report,
            Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
        };
        let returned = client.start.elapsed();
        // Let the reply-noting tasks see what serve sent last.
        sleep(ms(1)).await;
        let client = Arc::into_inner(client).expect("the script keeps no copy of the client");
        (sorted(report), returned, client)
    })
}

fn sorted(mut report: Report) -> Report {
    report.done.sort_unstable();
    report.refused.sort_unstable();
    report.abandoned.sort_unstable();
    report
}

#[test]
fn requests_run_at_the_same_time_until_the_senders_leave() {
    let (report, returned, client) = scenario(8, 5000, |client| async move {
        client.send(1, 3000).await;
        client.send(2, 1000).await;
        client.send(3, 2000).await;
        // With no sender left, the channel closes.
        client.hang_up();
    });
    assert_eq!(report.done, [1, 2, 3]);
    assert_eq!(client.reply_of(2), (Some(Reply::Done), ms(1000)));
    assert_eq!(
        returned,
        ms(3000),
        "three requests of 3, 1 and 2 s at once take 3 s; one after the other, 6 s"
    );
}

#[test]
fn requests_in_flight_at_shutdown_are_finished() {
    let (report, returned, client) = scenario(8, 5000, |client| async move {
        client.send(1, 1000).await;
        client.send(2, 3000).await;
        sleep(ms(500)).await;
        client.shutdown.cancel();
    });
    assert_eq!(
        client.reply_of(1),
        (Some(Reply::Done), ms(1000)),
        "request 1 was in flight at shutdown: it should be finished, not dropped \
         (a `None` reply means its reply sender was dropped: the request was lost)"
    );
    assert_eq!(client.reply_of(2), (Some(Reply::Done), ms(3000)));
    assert_eq!(report.done, [1, 2]);
    assert_eq!(
        returned,
        ms(3000),
        "serve should return when the last request is done (3 s), not wait out the \
         whole grace period (5.5 s)"
    );
}

#[test]
fn a_request_still_running_when_the_grace_ends_is_abandoned_then() {
    let (report, returned, client) = scenario(8, 2000, |client| async move {
        client.send(1, 1000).await;
        client.send(2, 10_000).await;
        sleep(ms(500)).await;
        client.shutdown.cancel();
    });
    assert_eq!(client.reply_of(1), (Some(Reply::Done), ms(1000)));
    assert_eq!(
        client.reply_of(2),
        (Some(Reply::Abandoned), ms(2500)),
        "request 2 needs 10 s; shutdown began at 0.5 s with 2 s of grace, so it should \
         be answered Abandoned at 2.5 s"
    );
    assert_eq!(report.abandoned, [2]);
    assert_eq!(returned, ms(2500));
}

#[test]
fn requests_waiting_in_the_channel_at_shutdown_are_refused_not_dropped() {
    let (report, _, client) = scenario(8, 5000, |client| async move {
        client.send(1, 1000).await;
        sleep(ms(500)).await;
        // Shutdown, and two requests queued at the same instant: the worker has not
        // run since, so they are still in the channel when it sees the shutdown.
        client.shutdown.cancel();
        client.send(2, 100).await;
        client.send(3, 100).await;
    });
    for id in [2, 3] {
        assert_eq!(
            client.reply_of(id).0,
            Some(Reply::Refused),
            "request {id} was waiting in the channel when shutdown began: answer it \
             Refused (look at shutdown first, with `biased;`, then drain the channel), \
             rather than running it or dropping it"
        );
    }
    assert_eq!(report.refused, [2, 3]);
    assert_eq!(report.done, [1]);
}

#[test]
fn after_shutdown_a_sender_is_told_the_channel_is_closed() {
    let (_, _, client) = scenario(8, 5000, |client| async move {
        client.send(1, 3000).await;
        sleep(ms(500)).await;
        client.shutdown.cancel();
        sleep(ms(500)).await;
        // Request 1 is still running: the worker is alive, in its grace period.
        let (reply, replied) = oneshot::channel();
        let late = Request {
            id: 9,
            work: ms(100),
            reply,
        };
        let sent = client.sender().send(late).await;
        assert!(
            sent.is_err(),
            "a request sent during the grace period was accepted into the channel, \
             where nobody will ever take it: close the channel (`requests.close()`) \
             when shutdown begins, so that senders get an error instead"
        );
        drop(replied);
    });
    assert_eq!(client.reply_of(1).0, Some(Reply::Done));
}

#[test]
fn every_request_gets_exactly_one_reply() {
    let (report, _, client) = scenario(16, 1500, |client| async move {
        for id in 0..10 {
            client.send(id, 400 * u64::from(id)).await;
        }
        sleep(ms(700)).await;
        client.shutdown.cancel();
        for id in 10..14 {
            client.send(id, 100).await;
        }
    });
    let seen = client.seen.lock().expect("not poisoned").clone();
    let lost: Vec<u32> = seen
        .iter()
        .filter(|(_, r, _)| r.is_none())
        .map(|(id, _, _)| *id)
        .collect();
    assert!(
        lost.is_empty(),
        "requests {lost:?} got no reply: their reply sender was dropped"
    );
    assert_eq!(seen.len(), 14, "every request has a reply: {seen:?}");
    // Work of 0..3600 ms from 0; shutdown at 700 ms with 1.5 s grace: done by 2.2 s.
    assert_eq!(report.done, [0, 1, 2, 3, 4, 5]);
    assert_eq!(report.abandoned, [6, 7, 8, 9]);
    assert_eq!(report.refused, [10, 11, 12, 13]);
}

#[test]
fn a_request_already_on_its_way_when_shutdown_begins_is_refused_not_dropped() {
    let (report, _, client) = scenario(8, 5000, |client| async move {
        client.send(1, 1000).await;
        // A sender half-way through `send`: it has its place in the channel (that is
        // what `reserve` gives) but has not put its request in yet. On a runtime with
        // several threads, another thread's `send` can be at exactly that point when
        // shutdown begins; here it stays there for 100 ms, on purpose.
        let sender = client.sender();
        let place = sender
            .reserve()
            .await
            .expect("the channel is open before shutdown");
        sleep(ms(500)).await;
        client.shutdown.cancel();
        sleep(ms(100)).await;
        let (reply, replied) = oneshot::channel();
        place.send(Request {
            id: 2,
            work: ms(100),
            reply,
        });
        client.note_reply(2, replied);
    });
    assert_eq!(
        client.reply_of(2).0,
        Some(Reply::Refused),
        "request 2 was on its way when shutdown began (its sender had its place in the \
         channel, and put the request in 100 ms later), and it got no reply: it was \
         dropped with the channel when serve returned. Either the channel was not \
         drained after shutdown, or it was drained with `try_recv`, which answers \
         `Empty` while a sender is still in the middle of sending and so stops too \
         early (before or after `close()`). Close first, then drain with \
         `requests.recv().await`: after `close()` it waits for such a sender, and gives \
         `None` only once nothing more can arrive."
    );
    assert_eq!(report.refused, [2]);
    assert_eq!(report.done, [1]);
}
