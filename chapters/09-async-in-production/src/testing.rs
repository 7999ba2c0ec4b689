//! Testing async code: `#[tokio::test]`, the paused clock, and a scripted peer.
//!
//! Python tests a coroutine with `unittest.IsolatedAsyncioTestCase` (or the
//! `pytest-asyncio` plugin): each test gets a fresh loop. `#[tokio::test]` gives each
//! test a fresh runtime the same way. Two tools go further than asyncio's:
//!
//! - **the paused clock.** `#[tokio::test(start_paused = true)]` starts the runtime
//!   with time frozen. Whenever the runtime has no task ready to run, tokio moves the
//!   clock straight to the next timer, so a test of a 30-second timeout takes
//!   microseconds and still sees exactly 30 seconds pass; `tokio::time::advance` moves
//!   it by hand. asyncio's clock is the real one (a test can only patch it). "No task
//!   ready" includes a task waiting on a *real* socket: the runtime does not wait for
//!   the network before it jumps, so a timeout around real IO fires at once
//!   ([`read_line_within`]; keep real sockets on the real clock);
//! - **a scripted peer.** `tokio_test::io::Builder` builds a fake socket from a
//!   script: "expect these bytes to be written, then give these to read, then wait
//!   5 s". It fails the test when the code writes something else.
//!
//! The code under test is [`ask`]: send a question on a line, read one line back,
//! give up after a time limit. The tests below are the lesson.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWrite, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

/// Why [`ask`] got no answer.
#[derive(Debug, PartialEq, Eq)]
pub enum AskError {
    /// No answer within the limit.
    TimedOut(Duration),
    /// The peer hung up before answering.
    HungUp,
    /// The connection failed.
    Io(std::io::ErrorKind),
}

// ANCHOR: ask
/// Write `question` and a newline to `peer`, then read one line back, all within
/// `limit`. Generic over the stream, so a test can pass a fake one.
pub async fn ask<S>(peer: S, question: &str, limit: Duration) -> Result<String, AskError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let exchange = async {
        let mut peer = BufReader::new(peer);
        peer.write_all(format!("{question}\n").as_bytes()).await?;
        let mut answer = String::new();
        let read = peer.read_line(&mut answer).await?;
        Ok::<_, std::io::Error>((read, answer))
    };
    match tokio::time::timeout(limit, exchange).await {
        Err(_elapsed) => Err(AskError::TimedOut(limit)),
        Ok(Err(error)) => Err(AskError::Io(error.kind())),
        Ok(Ok((0, _))) => Err(AskError::HungUp),
        Ok(Ok((_, answer))) => Ok(answer.trim_end().to_string()),
    }
}
// ANCHOR_END: ask

// ANCHOR: real_io
/// Read one line from a real TCP peer, giving up after `limit`: the answer (or
/// `None` on a timeout), and how long that took on tokio's clock.
pub async fn read_line_within(
    peer: TcpStream,
    limit: Duration,
) -> std::io::Result<(Option<String>, Duration)> {
    let started = tokio::time::Instant::now();
    let mut line = String::new();
    let mut peer = BufReader::new(peer);
    let answer = match tokio::time::timeout(limit, peer.read_line(&mut line)).await {
        Ok(read) => {
            read?;
            Some(line.trim_end().to_string())
        }
        Err(_elapsed) => None,
    };
    Ok((answer, started.elapsed()))
}
// ANCHOR_END: real_io

/// A peer on a thread of its own, outside any runtime: it accepts one connection on
/// 127.0.0.1, waits `delay` of real time, and answers `PONG`. Its address.
pub fn slow_real_peer(delay: Duration) -> std::io::Result<std::net::SocketAddr> {
    use std::io::Write as _;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            std::thread::sleep(delay);
            let _ = stream.write_all(b"PONG\n"); // the reader may have gone: fine
        }
    });
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;
    use tokio_test::io::Builder;
    use tokio_test::{assert_pending, assert_ready};

    const LIMIT: Duration = Duration::from_secs(2);

    // ANCHOR: scripted
    #[tokio::test]
    async fn the_scripted_peer_checks_the_question_and_gives_the_answer() {
        let peer = Builder::new().write(b"PING\n").read(b"PONG\n").build();
        assert_eq!(ask(peer, "PING", LIMIT).await, Ok("PONG".to_string()));
    }

    #[tokio::test]
    async fn a_peer_that_hangs_up_is_an_error_not_a_hang() {
        // The script ends after the write: reading then gives end-of-file.
        let peer = Builder::new().write(b"PING\n").build();
        assert_eq!(ask(peer, "PING", LIMIT).await, Err(AskError::HungUp));
    }
    // ANCHOR_END: scripted

    // ANCHOR: paused
    #[tokio::test(start_paused = true)]
    async fn a_silent_peer_times_out_after_exactly_the_limit() {
        // The peer says nothing for a minute; on the paused clock the test takes
        // microseconds, and still sees exactly two seconds go by. (No `.read` after
        // the wait: a script with unread data left fails the test when dropped.)
        let peer = Builder::new()
            .write(b"PING\n")
            .wait(Duration::from_secs(60))
            .build();
        let started = Instant::now();
        assert_eq!(
            ask(peer, "PING", LIMIT).await,
            Err(AskError::TimedOut(LIMIT))
        );
        assert_eq!(started.elapsed(), LIMIT);
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_peer_inside_the_limit_is_answered() {
        let peer = Builder::new()
            .write(b"PING\n")
            .wait(Duration::from_millis(1999))
            .read(b"PONG\n")
            .build();
        assert_eq!(ask(peer, "PING", LIMIT).await, Ok("PONG".to_string()));
    }
    // ANCHOR_END: paused

    // ANCHOR: advance
    #[tokio::test(start_paused = true)]
    async fn the_timeout_fires_at_the_limit_not_a_moment_before() {
        // A peer that never says anything: the other end of an in-memory pipe.
        let (ours, _silent_peer) = tokio::io::duplex(64);
        // tokio_test's `spawn` lets the test poll the future by hand.
        let mut asking = tokio_test::task::spawn(ask(ours, "PING", LIMIT));
        assert_pending!(asking.poll());
        tokio::time::advance(LIMIT - Duration::from_millis(1)).await;
        assert_pending!(asking.poll());
        tokio::time::advance(Duration::from_millis(1)).await;
        assert_eq!(assert_ready!(asking.poll()), Err(AskError::TimedOut(LIMIT)));
    }
    // ANCHOR_END: advance

    #[tokio::test]
    #[should_panic]
    async fn the_scripted_peer_fails_the_test_when_the_code_writes_something_else() {
        let peer = Builder::new().write(b"PING\n").read(b"PONG\n").build();
        let _ = ask(peer, "HELLO", LIMIT).await;
    }

    #[tokio::test(start_paused = true)]
    async fn on_the_paused_clock_a_timeout_around_a_real_socket_fires_at_once() {
        // The peer answers after one real second; the runtime, with nothing ready to
        // run, does not wait for the network: it jumps its clock to the timeout.
        let addr = slow_real_peer(Duration::from_secs(1)).unwrap();
        let peer = TcpStream::connect(addr).await.unwrap();
        let limit = Duration::from_secs(10);
        let (answer, took) = read_line_within(peer, limit).await.unwrap();
        assert_eq!(
            answer, None,
            "timed out, though the peer was about to answer"
        );
        assert_eq!(took, limit, "ten seconds went by on tokio's clock");
    }

    #[tokio::test]
    async fn on_the_real_clock_the_same_read_gets_its_answer() {
        let addr = slow_real_peer(Duration::from_millis(300)).unwrap();
        let peer = TcpStream::connect(addr).await.unwrap();
        let (answer, _) = read_line_within(peer, Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(answer.as_deref(), Some("PONG"));
    }
}
