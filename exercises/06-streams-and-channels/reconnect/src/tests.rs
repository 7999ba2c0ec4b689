//! The tests of the `reconnect` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! The servers are real, on 127.0.0.1: one that answers for ever, one that closes
//! each connection after a few replies, one that closes at once, none at all (a port
//! nobody listens on), and one that starts late. The back-off tests run on tokio's
//! paused clock, so the waits are exact milliseconds and cost no real time.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use course_kit::watchdog;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::time::Instant;

use crate::reconnect::{Backoff, ReconnectingClient, connect_with_backoff};

/// Run `test` on a one-thread runtime with a real clock, inside the watchdog.
#[track_caller]
fn run<F: Future<Output = ()>>(why: &str, test: impl FnOnce() -> F + Send + 'static) {
    watchdog::on_runtime(
        watchdog::LIMIT,
        why,
        || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
        },
        test,
    );
}

/// The same on tokio's paused clock: sleeps end at once, and time still adds up.
#[track_caller]
fn run_paused<F: Future<Output = ()>>(why: &str, test: impl FnOnce() -> F + Send + 'static) {
    watchdog::paused(watchdog::LIMIT, why, test);
}

const FOR_EVER: &str = "The client is stuck, or retries for ever. `request` tries the \
     connection it has, then one fresh connection, and no more; `connect_with_backoff` \
     stops after `attempts` tries. A `loop` that only ends on success hammers a broken \
     server for as long as it stays broken.";

const BACKOFF: Backoff = Backoff {
    first: Duration::from_millis(100),
    attempts: 4,
};

/// A server that answers `echo: <line>` and closes each connection after
/// `per_connection` replies (0: closes at once, without a reply).
async fn serve(listener: TcpListener, per_connection: usize) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(async move {
            let (reader, mut writer) = stream.into_split();
            let mut lines = BufReader::new(reader).lines();
            for _ in 0..per_connection {
                let Ok(Some(line)) = lines.next_line().await else {
                    return;
                };
                let reply = format!("echo: {line}\n");
                if writer.write_all(reply.as_bytes()).await.is_err() {
                    return;
                }
            }
            // Dropping both halves closes the connection.
        });
    }
}

async fn start(per_connection: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    tokio::spawn(serve(listener, per_connection));
    addr
}

/// A port with nothing listening on it: every connection is refused at once.
async fn closed_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    listener
        .local_addr()
        .expect("a bound listener has an address")
}

#[test]
fn requests_share_one_connection_while_it_lives() {
    run(FOR_EVER, || async {
        let mut client = ReconnectingClient::new(start(usize::MAX).await, BACKOFF);
        assert_eq!(
            client.connections, 0,
            "no connection before the first request"
        );
        for n in 0..3 {
            let reply = client.request(&format!("r{n}")).await;
            assert_eq!(
                reply.ok(),
                Some(format!("echo: r{n}")),
                "a server that answers every line should answer request {n}"
            );
        }
        assert_eq!(
            client.connections, 1,
            "3 requests to a server that never hangs up should share 1 connection; the \
             client opened {}. Is the connection put back in `self.connection` after a \
             good exchange?",
            client.connections
        );
    });
}

#[test]
fn a_dropped_connection_is_reopened_and_the_request_sent_again() {
    run(FOR_EVER, || async {
        let mut client = ReconnectingClient::new(start(2).await, BACKOFF);
        for n in 0..5 {
            let reply = client.request(&format!("r{n}")).await;
            assert_eq!(
                reply.as_ref().ok(),
                Some(&format!("echo: r{n}")),
                "request {n} failed ({reply:?}) although the server answers every line it \
                 reads: it only closes each connection after 2 replies. A failed exchange \
                 on an old connection should be retried once on a fresh one."
            );
        }
        assert_eq!(
            client.connections, 3,
            "the server closes each connection after two replies, so 5 requests need 3 \
             connections (r0 r1 | r2 r3 | r4); the client opened {}",
            client.connections
        );
    });
}

#[test]
fn a_request_that_fails_on_a_fresh_connection_too_is_an_error() {
    run(FOR_EVER, || async {
        let mut client = ReconnectingClient::new(start(0).await, BACKOFF);
        let reply = client.request("anyone?").await;
        assert!(
            reply.is_err(),
            "no reply can come from a server that hangs up at once: got {reply:?}"
        );
        assert_eq!(
            client.connections, 2,
            "the first connection, and one retry on a fresh one: 2 connections, not {}",
            client.connections
        );
    });
}

#[test]
fn giving_up_takes_the_sum_of_the_waits_and_says_so() {
    run_paused(FOR_EVER, || async {
        let addr = closed_port().await;
        let start = Instant::now();
        let result = connect_with_backoff(addr, BACKOFF).await;
        let took = start.elapsed();
        let Err(error) = result else {
            panic!("nothing listens on {addr}, yet connect_with_backoff succeeded")
        };
        assert_eq!(
            took,
            Duration::from_millis(700),
            "four attempts with waits of 100, 200 and 400 ms between them take 700 ms; \
             this took {took:?}. 0 ms: no waits at all (retrying at once hammers a server \
             that is down). 300 ms: the same wait each time, not doubled. 1500 ms: a wait \
             after the last attempt too, which only delays the error."
        );
        let message = format!("{error:#}");
        assert!(
            message.contains("gave up after 4 attempts"),
            "the error should say `gave up after 4 attempts`; it says: {message}"
        );
    });
}

#[test]
fn a_server_that_starts_late_is_reached_by_backing_off() {
    run_paused(FOR_EVER, || async {
        let addr = closed_port().await;
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let listener = TcpListener::bind(addr)
                .await
                .expect("the port is free again");
            serve(listener, usize::MAX).await;
        });
        let start = Instant::now();
        let mut client = ReconnectingClient::new(addr, BACKOFF);
        let reply = client.request("hello").await;
        assert_eq!(
            reply.as_ref().ok().map(String::as_str),
            Some("echo: hello"),
            "the server comes up at 250 ms; attempts at 0, 100 and 300 ms (and 700) should \
             reach it at 300 ms. Got {reply:?}: were the attempts made without waiting in \
             between, all before the server was up?"
        );
        let took = start.elapsed();
        assert_eq!(
            took,
            Duration::from_millis(300),
            "attempts at 0 and 100 ms find nothing; the one at 300 ms reaches the server. \
             It took {took:?}."
        );
    });
}

#[test]
fn a_connection_that_could_not_be_opened_is_not_counted() {
    run_paused(FOR_EVER, || async {
        let mut client = ReconnectingClient::new(closed_port().await, BACKOFF);
        let reply = client.request("anyone?").await;
        assert!(
            reply.is_err(),
            "nothing listens there, yet the request got {reply:?}"
        );
        assert_eq!(
            client.connections, 0,
            "every connect was refused, so no connection was opened, yet `connections` \
             says {}. Count a connection once `connect_with_backoff` has given you one, \
             not before you ask for it.",
            client.connections
        );
    });
}
