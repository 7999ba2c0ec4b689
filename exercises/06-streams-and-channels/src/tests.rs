//! The tests of the chapter 6 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.
//!
//! Network tests use real sockets on 127.0.0.1, on ports the OS picks. Each runs on
//! a fresh current-thread runtime inside a watchdog, so a server that never replies
//! fails the test with an explanation instead of hanging `cargo test`.

use std::future::Future;
use std::time::Duration;

use course_kit::watchdog;

fn runtime(paused: bool) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(paused)
        .build()
        .unwrap()
}

/// Run an async test with real sockets, inside the watchdog.
fn run<F: Future<Output = ()> + 'static>(why: &str, test: impl FnOnce() -> F + Send + 'static) {
    watchdog::within(watchdog::LIMIT, why, move || {
        runtime(false).block_on(test())
    });
}

/// The same on tokio's paused clock: sleeps end at once, and time still adds up.
fn run_paused<F: Future<Output = ()> + 'static>(
    why: &str,
    test: impl FnOnce() -> F + Send + 'static,
) {
    watchdog::within(watchdog::LIMIT, why, move || runtime(true).block_on(test()));
}

mod echo {
    use super::*;
    use crate::echo::serve;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
    use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
    use tokio::net::{TcpListener, TcpStream};

    const HANG: &str = "A client waited for its echo and none came. Does `handle_client` write \
                        each line back with its \"\\n\"? Does `serve` spawn a task per client, \
                        so that one quiet client does not keep the others waiting?";

    async fn start() -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        addr
    }

    struct Client(Lines<BufReader<OwnedReadHalf>>, OwnedWriteHalf);

    impl Client {
        async fn connect(addr: std::net::SocketAddr) -> Client {
            let (reader, writer) = TcpStream::connect(addr).await.unwrap().into_split();
            Client(BufReader::new(reader).lines(), writer)
        }
        async fn echo(&mut self, line: &str) -> Option<String> {
            self.1
                .write_all(format!("{line}\n").as_bytes())
                .await
                .unwrap();
            self.0.next_line().await.ok().flatten()
        }
    }

    #[test]
    fn each_line_comes_back_in_order() {
        run(HANG, || async {
            let mut client = Client::connect(start().await).await;
            for line in ["hello", "streams are", "like channels"] {
                assert_eq!(
                    client.echo(line).await.as_deref(),
                    Some(line),
                    "the same line, back"
                );
            }
        });
    }

    #[test]
    fn an_empty_line_is_echoed_too() {
        run(HANG, || async {
            let mut client = Client::connect(start().await).await;
            assert_eq!(
                client.echo("").await.as_deref(),
                Some(""),
                "an empty line is still a line"
            );
            assert_eq!(client.echo("after").await.as_deref(), Some("after"));
        });
    }

    #[test]
    fn a_quiet_client_does_not_hold_up_another() {
        run(HANG, || async {
            let addr = start().await;
            let mut quiet = Client::connect(addr).await;
            let mut busy = Client::connect(addr).await;
            assert_eq!(
                busy.echo("I was second").await.as_deref(),
                Some("I was second"),
                "the second client is served while the first says nothing"
            );
            assert_eq!(
                quiet.echo("and I first").await.as_deref(),
                Some("and I first")
            );
        });
    }

    #[test]
    fn the_server_carries_on_after_a_client_leaves() {
        run(HANG, || async {
            let addr = start().await;
            let mut first = Client::connect(addr).await;
            assert_eq!(first.echo("bye").await.as_deref(), Some("bye"));
            drop(first);
            let mut second = Client::connect(addr).await;
            assert_eq!(
                second.echo("still there?").await.as_deref(),
                Some("still there?")
            );
        });
    }

    #[test]
    fn the_server_closes_its_end_when_the_client_closes_its_own() {
        run(HANG, || async {
            let mut client = Client::connect(start().await).await;
            assert_eq!(client.echo("last").await.as_deref(), Some("last"));
            client.1.shutdown().await.unwrap(); // "no more from me"
            assert_eq!(
                client.0.next_line().await.unwrap(),
                None,
                "after the client's end of stream, handle_client returns and the socket closes"
            );
        });
    }
}

mod pipeline {
    use super::*;
    use crate::pipeline::pipeline;
    use course_kit::Timeline;

    const HANG: &str = "The pipeline never finished. Each stage must end when its input channel \
                        closes (`recv` returns None), and it closes only when every Sender for \
                        it is dropped: is a Sender (or a clone) still alive somewhere?";

    fn send_times(log: &Timeline) -> Vec<u64> {
        log.events()
            .iter()
            .filter(|e| e.lane == "source")
            .map(|e| e.at.as_secs())
            .collect()
    }

    #[test]
    fn values_come_out_squared_and_in_order() {
        run_paused(HANG, || async {
            let out = pipeline(
                (0..6).collect(),
                1,
                Duration::from_secs(1),
                Timeline::quiet(),
            )
            .await;
            assert_eq!(out, [0, 1, 4, 9, 16, 25]);
        });
    }

    #[test]
    fn a_slow_sink_holds_the_source_back() {
        run_paused(HANG, || async {
            let log = Timeline::quiet();
            pipeline((0..6).collect(), 1, Duration::from_secs(1), log.clone()).await;
            assert_eq!(
                send_times(&log),
                [0, 0, 0, 0, 1, 2],
                "with channels of capacity 1, four values fit in the pipeline (one in each \
                 channel, one held by `square`, one by the sink); after that the source can \
                 send one only when the sink takes one, once a second"
            );
        });
    }

    #[test]
    fn with_room_for_everything_the_source_never_waits() {
        run_paused(HANG, || async {
            let log = Timeline::quiet();
            pipeline((0..6).collect(), 6, Duration::from_secs(1), log.clone()).await;
            assert_eq!(send_times(&log), [0; 6], "the channels hold every value");
        });
    }

    #[test]
    fn the_pipeline_runs_at_the_pace_of_its_slowest_stage() {
        run_paused(HANG, || async {
            let log = Timeline::quiet();
            let start = tokio::time::Instant::now();
            pipeline((0..6).collect(), 1, Duration::from_secs(1), log.clone()).await;
            assert_eq!(
                start.elapsed(),
                Duration::from_secs(6),
                "six values, a second each in the sink"
            );
            assert_eq!(log.when("sink", "got 25"), Some(Duration::from_secs(5)));
        });
    }

    #[test]
    fn an_empty_input_gives_an_empty_output() {
        run_paused(HANG, || async {
            let out = pipeline(Vec::new(), 1, Duration::from_secs(1), Timeline::quiet()).await;
            assert!(out.is_empty());
        });
    }
}

mod reconnect {
    use super::*;
    use crate::reconnect::{Backoff, ReconnectingClient, connect_with_backoff};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    const HANG: &str = "The client is stuck. Does it retry for ever? `request` tries a dead \
                        connection, then one fresh one, and no more; `connect_with_backoff` \
                        stops after `attempts` tries.";

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
                    if writer
                        .write_all(format!("echo: {line}\n").as_bytes())
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
                // Dropping both halves closes the connection.
            });
        }
    }

    async fn start(per_connection: usize) -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, per_connection));
        addr
    }

    /// A port with nothing listening on it.
    async fn closed_port() -> std::net::SocketAddr {
        TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap()
    }

    #[test]
    fn requests_share_one_connection_while_it_lives() {
        run(HANG, || async {
            let mut client = ReconnectingClient::new(start(usize::MAX).await, BACKOFF);
            assert_eq!(
                client.connections, 0,
                "no connection before the first request"
            );
            for n in 0..3 {
                assert_eq!(
                    client.request(&format!("r{n}")).await.unwrap(),
                    format!("echo: r{n}")
                );
            }
            assert_eq!(
                client.connections, 1,
                "a live connection is kept, not reopened"
            );
        });
    }

    #[test]
    fn a_dropped_connection_is_reopened_and_the_request_sent_again() {
        run(HANG, || async {
            let mut client = ReconnectingClient::new(start(2).await, BACKOFF);
            for n in 0..5 {
                let reply = client.request(&format!("r{n}")).await;
                assert_eq!(
                    reply.unwrap(),
                    format!("echo: r{n}"),
                    "every request is answered"
                );
            }
            assert_eq!(
                client.connections, 3,
                "the server closes after two replies: r0 r1 | r2 r3 | r4"
            );
        });
    }

    #[test]
    fn a_request_that_fails_on_a_fresh_connection_too_is_an_error() {
        run(HANG, || async {
            let mut client = ReconnectingClient::new(start(0).await, BACKOFF);
            assert!(
                client.request("anyone?").await.is_err(),
                "no reply ever comes"
            );
            assert_eq!(
                client.connections, 2,
                "the first connection, and one retry: no more"
            );
        });
    }

    #[test]
    fn giving_up_takes_the_sum_of_the_waits_and_says_so() {
        run_paused(HANG, || async {
            let addr = closed_port().await;
            let start = tokio::time::Instant::now();
            let error = connect_with_backoff(addr, BACKOFF).await.unwrap_err();
            assert_eq!(
                start.elapsed(),
                Duration::from_millis(700),
                "four attempts, with waits of 100, 200 and 400ms between them"
            );
            let message = format!("{error:#}");
            assert!(message.contains("gave up after 4 attempts"), "{message}");
        });
    }

    #[test]
    fn a_server_that_starts_late_is_reached_by_backing_off() {
        run_paused(HANG, || async {
            let addr = closed_port().await;
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(250)).await;
                let listener = TcpListener::bind(addr).await.unwrap();
                serve(listener, usize::MAX).await;
            });
            let start = tokio::time::Instant::now();
            let mut client = ReconnectingClient::new(addr, BACKOFF);
            assert_eq!(client.request("hello").await.unwrap(), "echo: hello");
            assert_eq!(
                start.elapsed(),
                Duration::from_millis(300),
                "tries at 0 and 100ms find nothing; the server is up by the try at 300ms"
            );
        });
    }
}
