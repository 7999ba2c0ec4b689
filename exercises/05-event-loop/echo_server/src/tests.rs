//! The tests of step 6: a line echo server on your loop, with the clients that break
//! naive servers (a silent one, a slow reader with a big payload, one that vanishes,
//! many at once), the line protocol's edges (lines sent together, a last line with
//! no newline, a line at the limit and one past it, in one read or several), what
//! `echo` returns, and a listener that fails. 127.0.0.1 only.

use std::future::Future;
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Waker};
use std::thread;
use std::time::{Duration, Instant};

use course_kit::watchdog;

use crate::echo_server::{Accept, MAX_LINE, TOO_LONG, echo, serve};
use crate::join_handle::spawn;
use crate::reactor::{TcpListener, TcpStream, new_event_loop, new_event_loop_paused};
use crate::timers::{now, sleep};

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// Start `serve` as a task of the running loop; return its address.
fn start_server() -> SocketAddr {
    let listener = TcpListener::bind(loopback()).expect("127.0.0.1:0 is always free");
    let addr = listener
        .local_addr()
        .expect("a bound socket has an address");
    drop(spawn(serve(listener)));
    addr
}

/// One round trip from a client of the loop.
async fn round_trip(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(message).await?;
    let mut reply = vec![0; message.len()];
    stream.read_exact(&mut reply).await?;
    Ok(reply)
}

/// Everything the server sends until it closes the connection.
async fn read_to_end(stream: &mut TcpStream) -> io::Result<Vec<u8>> {
    let mut reply = Vec::new();
    let mut buf = [0; 4096];
    loop {
        match stream.read(&mut buf).await? {
            0 => return Ok(reply),
            n => reply.extend_from_slice(&buf[..n]),
        }
    }
}

/// Connect, send each piece (a real 20 ms apart, so that the server reads them
/// apart), half-close if asked, and read until the server closes.
async fn exchange(addr: SocketAddr, pieces: Vec<Vec<u8>>, half_close: bool) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr).await?;
    for (i, piece) in pieces.into_iter().enumerate() {
        if i > 0 {
            sleep(Duration::from_millis(20)).await;
        }
        stream.write_all(&piece).await?;
    }
    if half_close {
        stream.shutdown_write()?;
    }
    read_to_end(&mut stream).await
}

/// Pieces to send, owned (so that a spawned client can take them).
fn pieces(pieces: &[&[u8]]) -> Vec<Vec<u8>> {
    pieces.iter().map(|piece| piece.to_vec()).collect()
}

/// Bytes as text, shortened, for messages.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() > 60 {
        format!("{:?}... ({} bytes)", &text[..40], bytes.len())
    } else {
        format!("{text:?}")
    }
}

#[test]
fn it_echoes_a_line() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "no echo came back: serve must accept, and echo must read and write back each \
         line once its newline has arrived",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                round_trip(addr, b"hello\n").await
            })
        },
    );
    assert_eq!(reply.unwrap(), b"hello\n");
}

#[test]
fn a_silent_client_does_not_block_the_next_one() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "the second client got no answer while the first one said nothing: serve \
         handles a connection inside the accept loop. Give each connection a task of \
         its own (spawn), so the loop goes back to accept at once",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let _silent = TcpStream::connect(addr).await?;
                round_trip(addr, b"still there?\n").await
            })
        },
    );
    assert_eq!(reply.unwrap(), b"still there?\n");
}

#[test]
fn lines_sent_together_all_come_back() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "three lines sent in one write did not all come back: one read can hold several \
         lines; echo each of them, not only the first",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                exchange(addr, vec![b"one\ntwo\nthree\n".to_vec()], true).await
            })
        },
    );
    assert_eq!(
        shown(&reply.unwrap()),
        shown(b"one\ntwo\nthree\n"),
        "three lines in one write: three lines back"
    );
}

#[test]
fn a_line_split_across_writes_comes_back_whole() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "a line sent in two pieces never came back: keep the unfinished line between \
         reads, and echo it once its newline arrives",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                exchange(addr, pieces(&[b"hel", b"lo\nwor", b"ld\n"]), true).await
            })
        },
    );
    assert_eq!(shown(&reply.unwrap()), shown(b"hello\nworld\n"));
}

#[test]
fn a_last_line_without_a_newline_comes_back_as_it_was() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "after the client closed its side, the connection never ended: when read \
         returns 0, the client is done, so echo must write back what is left and return \
         (which closes the socket)",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                exchange(addr, vec![b"abc\nxyz".to_vec()], true).await
            })
        },
    );
    let reply = reply.unwrap();
    assert_eq!(
        shown(&reply),
        shown(b"abc\nxyz"),
        "{}",
        if reply == b"abc\nxyz\n" {
            "the last line came back with a newline it never had: at the end of the \
             stream, write back what is left as it is (asyncio's readline returns it so)"
        } else if reply == b"abc\n" {
            "the last line, cut short by the end of the stream, was dropped: write back \
             what is left when read returns 0"
        } else {
            "a line, then 3 bytes and the end of the stream: the same bytes back"
        }
    );
}

#[test]
fn a_line_at_the_limit_is_echoed() {
    let mut line = vec![b'b'; MAX_LINE];
    line.push(b'\n');
    line.extend_from_slice(b"next\n");
    let sent = line.clone();
    let reply = watchdog::within(
        watchdog::LIMIT,
        "a line of exactly MAX_LINE bytes (and its newline) got no answer",
        move || {
            new_event_loop()
                .unwrap()
                .run(async move { exchange(start_server(), vec![sent], true).await })
        },
    );
    let reply = reply.unwrap();
    assert!(
        reply == line,
        "a line of MAX_LINE = {MAX_LINE} bytes, its newline not counted, is allowed; then \
         \"next\\n\". Got {}{}",
        shown(&reply),
        if reply == TOO_LONG {
            ": refused. The newline does not count toward the limit, and a line of \
             exactly MAX_LINE bytes is not longer than MAX_LINE"
        } else {
            ""
        }
    );
}

#[test]
fn a_line_past_the_limit_is_refused_without_waiting_for_its_end() {
    // MAX_LINE + 1 bytes and no newline; the client waits for the answer.
    let reply = watchdog::within(
        watchdog::LIMIT,
        "no answer to a line already longer than MAX_LINE bytes: the server waited for \
         its newline (or for the end of the stream). A client may send one endless line: \
         answer TOO_LONG as soon as more than MAX_LINE bytes wait without a newline, and \
         close",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                exchange(addr, vec![vec![b'a'; MAX_LINE + 1]], false).await
            })
        },
    );
    let reply = reply.unwrap();
    assert!(
        reply == TOO_LONG,
        "a line of {} bytes must get {} and nothing else, then the end of the stream; got \
         {}{}",
        MAX_LINE + 1,
        shown(TOO_LONG),
        shown(&reply),
        if reply.first() == Some(&b'a') {
            ". The line's own bytes came back: a line is echoed only once its newline has \
             arrived (keep it until then), so one that turns out too long is never echoed"
        } else {
            ""
        }
    );
}

#[test]
fn a_long_line_split_across_reads_is_still_too_long() {
    let half = vec![b'a'; MAX_LINE / 2 + 100];
    let mut end = half.clone();
    end.push(b'\n');
    let reply = watchdog::within(
        watchdog::LIMIT,
        "no answer to a line of two pieces, together longer than MAX_LINE",
        move || {
            new_event_loop()
                .unwrap()
                .run(async move { exchange(start_server(), vec![half, end], false).await })
        },
    );
    let reply = reply.unwrap();
    assert!(
        reply == TOO_LONG,
        "a line of {} bytes, sent in two pieces 20 ms apart, must get {}; got {}. {}",
        2 * (MAX_LINE / 2 + 100),
        shown(TOO_LONG),
        shown(&reply),
        if reply.first() == Some(&b'a') {
            "The first piece came back before the line was complete: a line is echoed \
             only once its newline has arrived (keep it until then), so one that turns \
             out too long is never echoed"
        } else {
            "The limit is on the line, not on each read: count what the unfinished line \
             holds"
        }
    );
}

#[test]
fn echo_returns_the_number_of_bytes_it_echoed() {
    let returned = watchdog::within(
        watchdog::LIMIT,
        "echo did not return after the client closed its side",
        || {
            new_event_loop().unwrap().run(async {
                let listener = TcpListener::bind(loopback())?;
                let addr = listener.local_addr()?;
                let client = spawn(exchange(addr, pieces(&[b"a\n", b"bb\n", b"ccc\n"]), true));
                let (stream, _) = listener.accept().await?;
                let echoed = echo(stream).await;
                let reply = client.await?;
                assert_eq!(shown(&reply), shown(b"a\nbb\nccc\n"));
                echoed
            })
        },
    );
    let returned = returned.expect("echo failed");
    assert_eq!(
        returned,
        9,
        "three lines of 2, 3 and 4 bytes, sent in three writes, were echoed: 9 bytes. \
         echo returned {returned}{}",
        match returned {
            3 | 4 => ", the number of reads or lines: count the bytes written back",
            _ => "",
        }
    );
}

/// A listener that fails its first `failures` accepts, as a server out of file
/// descriptors does (EMFILE), then accepts for real. It notes when each failure
/// happened on the loop's clock.
struct Failing {
    inner: TcpListener,
    left: AtomicUsize,
    failed_at: Arc<Mutex<Vec<Instant>>>,
}

impl Accept for Failing {
    async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let left = self.left.load(Ordering::SeqCst);
        if left > 0 {
            self.left.store(left - 1, Ordering::SeqCst);
            self.failed_at.lock().unwrap().push(now());
            return Err(io::Error::from_raw_os_error(24)); // Too many open files
        }
        self.inner.accept().await
    }
}

#[test]
fn failed_accepts_do_not_end_the_server() {
    // On the paused clock: the back-off between failures takes no real time.
    let (reply, ended, failed_at) = watchdog::within(
        watchdog::LIMIT,
        "a client of a server whose first 3 accepts failed got no answer",
        || {
            new_event_loop_paused().unwrap().run(async {
                let start = now();
                let listener = TcpListener::bind(loopback()).expect("127.0.0.1:0 is free");
                let addr = listener
                    .local_addr()
                    .expect("a bound socket has an address");
                let failed_at = Arc::new(Mutex::new(Vec::new()));
                let server = spawn(serve(Failing {
                    inner: listener,
                    left: AtomicUsize::new(3),
                    failed_at: Arc::clone(&failed_at),
                }));
                let reply = round_trip(addr, b"still serving?\n").await;
                let ended = pin!(server)
                    .poll(&mut Context::from_waker(Waker::noop()))
                    .is_ready();
                let failed_at: Vec<Duration> = failed_at
                    .lock()
                    .unwrap()
                    .iter()
                    .map(|at| *at - start)
                    .collect();
                (reply, ended, failed_at)
            })
        },
    );
    assert!(
        !ended,
        "serve returned after accept failed (this test's listener fails 3 times with \
         \"Too many open files\", as a server out of file descriptors does): one failed \
         accept must not end the server. Sleep a moment and accept again"
    );
    let reply = reply.unwrap_or_else(|error| {
        panic!("after 3 failed accepts, the client's round trip failed: {error}")
    });
    assert_eq!(reply, b"still serving?\n");
    assert!(
        failed_at.windows(2).all(|pair| pair[0] < pair[1]),
        "the failed accepts came at {failed_at:?} on the loop's clock: serve tried again \
         at once. Out of file descriptors, accept keeps failing until one is closed, so \
         trying again at once spins: sleep a moment (10 ms) first"
    );
}

#[test]
fn eight_megabytes_of_lines_to_a_slow_reader_come_back_whole() {
    const LINE: usize = 1000;
    const SIZE: usize = 8 << 20;
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    // The server on its own loop and thread; the client is plain blocking code.
    thread::spawn(move || {
        let event_loop = new_event_loop().expect("a loop");
        event_loop.run(async move {
            let listener = TcpListener::bind(loopback()).expect("127.0.0.1:0 is free");
            let addr = listener
                .local_addr()
                .expect("a bound socket has an address");
            let _ = addr_tx.send(addr);
            serve(listener).await;
        });
    });
    // Lines of LINE bytes (the last one may be shorter), each ending in a newline.
    let payload: Vec<u8> = (0..SIZE)
        .map(|i| {
            if i % LINE == LINE - 1 {
                b'\n'
            } else {
                b'a' + (i % 23) as u8
            }
        })
        .collect();
    let expected = payload.clone();
    let echoed = watchdog::within(
        Duration::from_secs(30),
        "eight megabytes of lines did not all come back: when the client reads slowly, \
         a write takes only part of the buffer. Write everything that was read \
         (write_all)",
        move || -> io::Result<Vec<u8>> {
            let addr = addr_rx.recv().expect("the server thread started");
            let mut stream = std::net::TcpStream::connect(addr)?;
            let mut writer = stream.try_clone()?;
            let sender = thread::spawn(move || {
                writer.write_all(&payload)?;
                writer.shutdown(std::net::Shutdown::Write)
            });
            // A slow reader, in bursts: each pause lets the server's send buffer
            // fill up, which is when a write takes only part of what it is given.
            let mut echoed = Vec::with_capacity(SIZE);
            let mut chunk = vec![0; 256 * 1024];
            loop {
                thread::sleep(Duration::from_millis(2));
                match stream.read(&mut chunk)? {
                    0 => break,
                    n => echoed.extend_from_slice(&chunk[..n]),
                }
            }
            sender.join().expect("the sender thread")?;
            Ok(echoed)
        },
    );
    let echoed = echoed.expect("the client failed");
    assert_eq!(
        echoed.len(),
        SIZE,
        "every byte must come back: {} of {SIZE} did. {}",
        echoed.len(),
        if echoed.len() == SIZE + 1 && echoed.last() == Some(&b'\n') {
            "The one more is a newline after the last line, which the end of the stream \
             had cut short: write back what is left as it is"
        } else if echoed.len() < SIZE {
            "The missing ones were read but not written back: `write` may take only part \
             of a buffer; `write_all` takes it all"
        } else {
            "More came back than was sent"
        }
    );
    assert!(
        echoed == expected,
        "the bytes came back out of order or changed"
    );
}

#[test]
fn a_client_that_vanishes_mid_line_does_not_stop_the_server() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "the server stopped after a client vanished: an error on one connection must \
         end only that connection's task",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let mut quitter = TcpStream::connect(addr).await?;
                quitter.write_all(b"half a li").await?;
                drop(quitter);
                round_trip(addr, b"next client\n").await
            })
        },
    );
    assert_eq!(reply.unwrap(), b"next client\n");
}

#[test]
fn fifty_clients_at_once_each_get_their_own_lines() {
    let results = watchdog::within(
        Duration::from_secs(20),
        "fifty concurrent clients did not all finish",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let clients: Vec<_> = (0..50u32)
                    .map(|n| {
                        spawn(async move {
                            let mut stream = TcpStream::connect(addr).await?;
                            for round in 0..20u32 {
                                let message = format!("client {n}, round {round}\n");
                                stream.write_all(message.as_bytes()).await?;
                                let mut reply = vec![0; message.len()];
                                stream.read_exact(&mut reply).await?;
                                if reply != message.as_bytes() {
                                    return Err(io::Error::other(format!(
                                        "client {n} sent {message:?}, got {}",
                                        shown(&reply)
                                    )));
                                }
                            }
                            io::Result::Ok(())
                        })
                    })
                    .collect();
                let mut results = Vec::new();
                for client in clients {
                    results.push(client.await);
                }
                results
            })
        },
    );
    for result in results {
        result.expect("a client got someone else's bytes, or an error");
    }
}
