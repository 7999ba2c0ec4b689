//! The tests of the `echo` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Every test starts your `serve` on a port the OS picks on 127.0.0.1 and talks to
//! it with real sockets, on a one-thread runtime like Python's event loop. A reply
//! that never comes would hang the test, so each runs inside a watchdog whose
//! message names the mistake that usually causes that hang.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use course_kit::watchdog;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::echo::serve;
use crate::given::Listener;

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

/// Start `serve` on a fresh port; the server task lives as long as the test.
async fn start() -> SocketAddr {
    let listener = bind().await;
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    tokio::spawn(serve(listener));
    addr
}

async fn bind() -> Listener {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    Listener::new(listener)
}

/// Start `serve` on a listener whose every `accept` fails for `how_long`: the
/// address, how many accepts failed so far, and the server task.
async fn start_failing(
    how_long: Duration,
) -> (SocketAddr, Arc<AtomicU32>, JoinHandle<std::io::Result<()>>) {
    let mut listener = bind().await;
    let failed = listener.fail_for(how_long);
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    (addr, failed, tokio::spawn(serve(listener)))
}

/// Everything the server sends back for `bytes`, sent in one go, once the client has
/// said it will send no more (shut down its writing half).
async fn round_trip(addr: SocketAddr, bytes: &str) -> String {
    let mut client = Client::connect(addr).await;
    client.send(bytes).await;
    client
        .writer
        .shutdown()
        .await
        .expect("shutdown the test client's write half");
    let mut back = String::new();
    client
        .lines
        .into_inner()
        .read_to_string(&mut back)
        .await
        .expect("read what the server sent back");
    back
}

struct Client {
    lines: Lines<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
}

impl Client {
    async fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).await.unwrap_or_else(|error| {
            panic!(
                "could not connect to the echo server ({error}). Is it still listening? \
                 If `serve` returns (or fails with `?`) when one client's connection \
                 goes wrong, the listener is dropped and every later client is refused."
            )
        });
        Client::from(stream)
    }

    fn from(stream: TcpStream) -> Client {
        let (reader, writer) = stream.into_split();
        Client {
            lines: BufReader::new(reader).lines(),
            writer,
        }
    }

    async fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .await
            .expect("the test client writes");
    }

    /// The next line from the server: `None` when it closed the connection.
    async fn next(&mut self) -> Option<String> {
        self.lines.next_line().await.ok().flatten()
    }

    async fn echo(&mut self, line: &str) -> Option<String> {
        self.send(&format!("{line}\n")).await;
        self.next().await
    }
}

#[test]
fn each_line_comes_back_at_once_and_in_order() {
    run(
        "A client sent a line and waited for its echo, and none came. Does \
         `handle_client` write each line back, followed by \"\\n\" (`next_line` strips \
         it, and the client reads whole lines), as soon as it reads it? A handler that \
         collects the lines and writes them when the client leaves never answers a \
         client that waits for its answer.",
        || async {
            let mut client = Client::connect(start().await).await;
            for line in ["hello", "streams are", "like channels"] {
                let got = client.echo(line).await;
                assert_eq!(
                    got.as_deref(),
                    Some(line),
                    "sent {line:?}, expected it back"
                );
            }
        },
    );
}

#[test]
fn an_empty_line_is_a_line_not_the_end() {
    run(
        "The client sent an empty line, then \"after\", and no echo came. In Python, \
         `if not line: break` after `.strip()` stops at an empty line; in Rust the end \
         of the stream is `next_line()` returning `None`, and `Some(\"\")` is just a \
         line with nothing in it.",
        || async {
            let mut client = Client::connect(start().await).await;
            assert_eq!(
                client.echo("").await.as_deref(),
                Some(""),
                "an empty line should come back as an empty line. Got something else: \
                 does the handler treat an empty line as the end of the stream?"
            );
            assert_eq!(
                client.echo("after").await.as_deref(),
                Some("after"),
                "the line after an empty line should be echoed too: an empty line is not \
                 the end of the stream (`next_line` returns `None` for that)"
            );
        },
    );
}

#[test]
fn a_quiet_client_does_not_hold_up_another() {
    run(
        "The second client got no echo while the first one, connected earlier, said \
         nothing. Does `serve` await `handle_client(...)` inside its accept loop? Then \
         it serves one client until that client leaves, and the next waits at \
         `accept`. `tokio::spawn` a task per client, like `start_server` does.",
        || async {
            let addr = start().await;
            let mut quiet = Client::connect(addr).await;
            let mut busy = Client::connect(addr).await;
            assert_eq!(
                busy.echo("I came second").await.as_deref(),
                Some("I came second")
            );
            assert_eq!(busy.echo("and again").await.as_deref(), Some("and again"));
            assert_eq!(
                quiet.echo("I came first").await.as_deref(),
                Some("I came first"),
                "the quiet client should still be served once it speaks"
            );
        },
    );
}

#[test]
fn a_client_that_vanishes_mid_reply_does_not_stop_the_server() {
    run(
        "A client sent many lines and vanished without reading the echoes; after that \
         the server answered nobody. A write to a client that has gone fails: that \
         error should end that client's task, not the server.",
        || async {
            let addr = start().await;
            // Many lines, so the server is still writing echoes when the client goes:
            // its writes then fail ("connection reset", "broken pipe").
            let mut rude = Client::connect(addr).await;
            rude.send(&"spam\n".repeat(20_000)).await;
            drop(rude);
            let mut next = Client::connect(addr).await;
            assert_eq!(
                next.echo("still there?").await.as_deref(),
                Some("still there?"),
                "a new client should be served after another one vanished"
            );
        },
    );
}

#[test]
fn a_client_that_hangs_up_mid_line_does_not_stop_the_server() {
    run(
        "A client sent half a line and hung up; after that the server answered nobody. \
         The end of a connection, even in the middle of a line, ends that client's \
         handler and nothing else.",
        || async {
            let addr = start().await;
            let mut half = Client::connect(addr).await;
            half.send("no newline at the en").await;
            drop(half);
            let mut next = Client::connect(addr).await;
            assert_eq!(
                next.echo("next!").await.as_deref(),
                Some("next!"),
                "a new client, after one hung up mid-line, got no echo (`None`: its \
                 connection was closed). Is the server still accepting? If `serve` \
                 returns, or fails with `?`, when one client's connection goes wrong, \
                 the listener is dropped with it."
            );
        },
    );
}

#[test]
fn the_server_closes_its_end_when_the_client_closes_its_own() {
    run(
        "The client said \"no more from me\" (it shut down its writing half), and the \
         server never closed the connection. `handle_client` should return when \
         `next_line` gives `None`; returning drops the socket, which closes it.",
        || async {
            let mut client = Client::connect(start().await).await;
            assert_eq!(client.echo("last").await.as_deref(), Some("last"));
            client
                .writer
                .shutdown()
                .await
                .expect("shutdown the test client's write half");
            let mut rest = String::new();
            client
                .lines
                .into_inner()
                .read_to_string(&mut rest)
                .await
                .expect("read the server's end of stream");
            assert_eq!(
                rest, "",
                "after the client's end of stream the server should send nothing more \
                 and close its end"
            );
        },
    );
}

#[test]
fn a_last_line_without_a_newline_comes_back_without_one() {
    run(
        "The client sent a line and half a line, then closed its writing half, and the \
         server never closed the connection: `handle_client` should write back what it \
         read and return at the end of the stream.",
        || async {
            let back = round_trip(start().await, "whole\nhalf").await;
            let why = if back == "whole\nhalf\n" {
                "the half line came back with a newline it never had. `lines()` and \
                 `next_line` drop the newline, so writing \"\\n\" after each line adds \
                 one to a last line that had none. Read with `read_until(b'\\n', ...)`, \
                 which keeps the newline when there is one, and write back exactly the \
                 bytes it read (Python's `writer.write(line)` does the same)."
            } else if back == "whole\n" {
                "the half line never came back. The end of the stream in the middle of \
                 a line still leaves that half line, and an echo server sends back what \
                 it got: `read_until` returns it (without a newline) before it returns 0."
            } else {
                "an echo server sends back exactly the bytes it got."
            };
            assert_eq!(back, "whole\nhalf", "{why}");
        },
    );
}

#[test]
fn spaces_tabs_and_carriage_returns_come_back_as_they_were_sent() {
    run(
        "The client sent three lines and closed its writing half, and the server never \
         closed the connection.",
        || async {
            let sent = "  two spaces before\n\ta tab, and spaces after  \nfrom Windows\r\n";
            let back = round_trip(start().await, sent).await;
            let why = if back.contains("two spaces before") && !back.contains("  two") {
                "the spaces and tabs at the ends of the lines were lost: Python's habit of \
                 `line.strip()` (`trim()` in Rust) changes what the client sent. An echo \
                 sends the bytes back as they came."
            } else if back.contains("from Windows\n") && !back.contains('\r') {
                "the \"\\r\" of a \"\\r\\n\" line was lost: `next_line` removes \"\\r\\n\" \
                 as well as \"\\n\", so writing back the line and \"\\n\" changes it. Read \
                 with `read_until(b'\\n', ...)` and write back exactly what it read."
            } else {
                "an echo server sends back exactly the bytes it got, whitespace and all."
            };
            assert_eq!(back, sent, "{why}");
        },
    );
}

#[test]
fn a_failed_accept_is_waited_out_and_the_server_goes_on() {
    run(
        "A client connected while `accept` was failing (\"too many open files\", made on \
         purpose for 300 ms), and it never got its echo. After a failed accept the server \
         should wait a little and accept again.",
        || async {
            let (addr, failed, server) = start_failing(Duration::from_millis(300)).await;
            let got = match TcpStream::connect(addr).await {
                Ok(stream) => Client::from(stream).echo("are you there?").await,
                Err(_) => None,
            };
            if server.is_finished() {
                let returned = match server.await {
                    Ok(Ok(())) => "Ok(())".to_string(),
                    Ok(Err(error)) => format!("the error \"{error}\""),
                    Err(crashed) => format!("a panic: {crashed}"),
                };
                panic!(
                    "`serve` returned ({returned}) when `accept` failed, which drops the \
                     listener: every later client is refused. A failed accept (most often \
                     \"too many open files\", which passes once some client leaves) must \
                     not end the server: `?` on `accept` stops it for good. Wait a little \
                     (`tokio::time::sleep`) and go on accepting."
                );
            }
            assert_eq!(
                got.as_deref(),
                Some("are you there?"),
                "the client connected while accepts were failing, and got no echo once \
                 they worked again"
            );
            let failed = failed.load(Ordering::SeqCst);
            assert!(
                failed <= 40,
                "`accept` failed {failed} times in 300 ms: the server tried again at once \
                 after each failure, and spun. While the process has no file descriptor \
                 left, every try fails the same way at once; sleep a little (10 ms or \
                 more, the chapter waits 100 ms) before the next one."
            );
        },
    );
}
