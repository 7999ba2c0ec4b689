//! The tests of step 5: bytes over loopback, hang-ups and refusals, a reader that
//! waits without spinning, a writer held back by a peer that does not read, and a
//! blocking client on another thread. Real sockets on 127.0.0.1 only.

use std::future::{Future, poll_fn};
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};
use std::thread;
use std::time::Duration;

use course_kit::watchdog;

use crate::join_handle::spawn;
use crate::reactor::{Direction, Reactor, Registration, TcpListener, TcpStream, new_event_loop};
use crate::spawn::Driver;
use crate::timers::sleep;

const HUNG: &str = "a socket operation never finished: after WouldBlock, poll_io must \
    keep cx.waker() for its direction and return Pending, and Reactor::park must wake \
    the reader on a readable event and the writer on a writable one";

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

fn no_error<T>(result: io::Result<T>, doing: &str) -> T {
    result.unwrap_or_else(|error| {
        let hint = if error.kind() == io::ErrorKind::WouldBlock {
            ": WouldBlock reached the caller. It means 'not yet', not 'failed': keep \
             the waker and return Pending"
        } else {
            ""
        };
        panic!("{doing} failed with {error} ({:?}){hint}", error.kind())
    })
}

/// Wraps a future and counts its polls; panics (with the diagnosis) past 1,000.
async fn counted<F: Future>(future: F, polls: Arc<AtomicUsize>) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        let n = polls.fetch_add(1, Ordering::SeqCst) + 1;
        assert!(
            n < 1_000,
            "a read was polled {n} times while it waited: it spins. After WouldBlock, \
             keep the waker and return Pending; don't wake yourself"
        );
        future.as_mut().poll(cx)
    })
    .await
}

#[test]
fn a_client_and_a_server_exchange_bytes_over_loopback() {
    let reply = watchdog::within(watchdog::LIMIT, HUNG, || {
        new_event_loop().unwrap().run(async {
            let listener = no_error(TcpListener::bind(loopback()), "bind");
            let addr = listener.local_addr().unwrap();
            let server = spawn(async move {
                let (mut stream, _) = no_error(listener.accept().await, "accept");
                let mut buf = [0; 5];
                no_error(stream.read_exact(&mut buf).await, "the server's read");
                let upper = buf.map(|b| b.to_ascii_uppercase());
                no_error(stream.write_all(&upper).await, "the server's write");
            });
            let mut client = no_error(TcpStream::connect(addr).await, "connect");
            no_error(client.write_all(b"hello").await, "the client's write");
            let mut reply = [0; 5];
            no_error(client.read_exact(&mut reply).await, "the client's read");
            server.await;
            reply
        })
    });
    assert_eq!(&reply, b"HELLO");
}

#[test]
fn a_closed_peer_reads_as_zero_bytes() {
    let read = watchdog::within(watchdog::LIMIT, HUNG, || {
        new_event_loop().unwrap().run(async {
            let listener = TcpListener::bind(loopback()).unwrap();
            let addr = listener.local_addr().unwrap();
            let client = spawn(async move {
                drop(TcpStream::connect(addr).await);
            });
            let (mut stream, _) = no_error(listener.accept().await, "accept");
            client.await;
            no_error(stream.read(&mut [0; 16]).await, "read")
        })
    });
    assert_eq!(
        read, 0,
        "a peer that closed reads as Ok(0), like b\"\" in Python"
    );
}

#[test]
fn connecting_to_a_closed_port_is_an_error_not_a_hang() {
    let error = watchdog::within(watchdog::LIMIT, HUNG, || {
        new_event_loop().unwrap().run(async {
            // Bind, note the port, close: now nobody listens there.
            let addr = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap();
            TcpStream::connect(addr).await.err()
        })
    });
    let error = error.expect("connecting to a closed port should fail");
    assert_eq!(error.kind(), io::ErrorKind::ConnectionRefused, "{error}");
}

#[test]
fn a_reader_waits_for_data_without_spinning() {
    let polls = watchdog::within(watchdog::LIMIT, HUNG, || {
        new_event_loop().unwrap().run(async {
            let listener = TcpListener::bind(loopback()).unwrap();
            let addr = listener.local_addr().unwrap();
            let writer = spawn(async move {
                let mut stream = TcpStream::connect(addr).await?;
                sleep(Duration::from_millis(50)).await; // then write
                stream.write_all(b"late").await?;
                io::Result::Ok(stream)
            });
            let (mut stream, _) = no_error(listener.accept().await, "accept");
            let polls = Arc::new(AtomicUsize::new(0));
            let mut buf = [0; 4];
            let read = counted(stream.read_exact(&mut buf), Arc::clone(&polls)).await;
            no_error(read, "read");
            assert_eq!(&buf, b"late");
            let _stream = writer.await;
            polls.load(Ordering::SeqCst)
        })
    });
    assert!(
        polls <= 3,
        "reading took {polls} polls for one write 50 ms later: expected 2 (WouldBlock, \
         Pending; then the readable event's wake-up)"
    );
}

#[test]
fn a_writer_held_back_by_a_full_buffer_resumes_when_the_peer_reads() {
    const SIZE: usize = 8 << 20; // far more than the socket buffers hold
    let received = watchdog::within(
        Duration::from_secs(20),
        "a write_all to a peer that reads late never finished: on a writable event, \
         Reactor::park must wake the task waiting to write (not only the reader)",
        || {
            new_event_loop().unwrap().run(async {
                let listener = TcpListener::bind(loopback()).unwrap();
                let addr = listener.local_addr().unwrap();
                let writer = spawn(async move {
                    let mut stream = TcpStream::connect(addr).await?;
                    stream.write_all(&vec![7; SIZE]).await?;
                    stream.shutdown_write()
                });
                let (mut stream, _) = no_error(listener.accept().await, "accept");
                sleep(Duration::from_millis(50)).await; // let the buffers fill up
                let mut received = 0;
                let mut buf = vec![0; 64 * 1024];
                loop {
                    match no_error(stream.read(&mut buf).await, "read") {
                        0 => break,
                        n => received += n,
                    }
                }
                no_error(writer.await, "the writer");
                received
            })
        },
    );
    assert_eq!(received, SIZE, "every byte written must arrive");
}

#[test]
fn a_blocking_client_on_another_thread_is_served() {
    let rounds = watchdog::within(watchdog::LIMIT, HUNG, || {
        new_event_loop().unwrap().run(async {
            let listener = TcpListener::bind(loopback()).unwrap();
            let addr = listener.local_addr().unwrap();
            let client = thread::spawn(move || -> io::Result<usize> {
                let mut stream = std::net::TcpStream::connect(addr)?;
                let mut reply = [0; 8];
                for round in 0..100u64 {
                    stream.write_all(&round.to_be_bytes())?;
                    stream.read_exact(&mut reply)?;
                    assert_eq!(u64::from_be_bytes(reply), round);
                }
                Ok(100)
            });
            let (mut stream, _) = no_error(listener.accept().await, "accept");
            let mut buf = [0; 8];
            for _ in 0..100 {
                no_error(stream.read_exact(&mut buf).await, "read");
                no_error(stream.write_all(&buf).await, "write");
            }
            client.join().expect("the client thread").unwrap()
        })
    });
    assert_eq!(rounds, 100);
}

/// A waker that only counts its wake-ups: it stands for a task.
struct Counting(AtomicUsize);

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn a_read_polled_by_two_wakers_in_turn_wakes_the_latest() {
    // Direct calls on the reactor: register a socket, poll a read that would block
    // with one waker and then with another (the future moved to another task),
    // send a byte, and let the reactor wait for the event.
    let (first, latest) = watchdog::within(watchdog::LIMIT, HUNG, || {
        let mut reactor = no_error(Reactor::new(), "Reactor::new");
        let _entered = reactor.enter();
        let listener = no_error(std::net::TcpListener::bind(loopback()), "bind");
        let addr = no_error(listener.local_addr(), "local_addr");
        let mut peer = no_error(std::net::TcpStream::connect(addr), "connect");
        let (ours, _) = no_error(listener.accept(), "accept");
        no_error(ours.set_nonblocking(true), "set_nonblocking");
        let mut ours = mio::net::TcpStream::from_std(ours);
        let registration = no_error(Registration::new(&mut ours), "Registration::new");
        let wakers = [
            Arc::new(Counting(AtomicUsize::new(0))),
            Arc::new(Counting(AtomicUsize::new(0))),
        ];
        let mut buf = [0; 8];
        for counting in &wakers {
            let waker = Waker::from(Arc::clone(counting));
            let polled =
                registration.poll_io(&mut Context::from_waker(&waker), Direction::Read, || {
                    (&ours).read(&mut buf)
                });
            assert!(
                polled.is_pending(),
                "a read with nothing to read must be Pending (WouldBlock means 'not yet')"
            );
        }
        no_error(peer.write_all(b"x"), "the peer's write");
        let woken = || {
            wakers
                .iter()
                .map(|w| w.0.load(Ordering::SeqCst))
                .sum::<usize>()
        };
        // The first wait may report only that the socket is writable.
        for _ in 0..50 {
            if woken() > 0 {
                break;
            }
            reactor.park(Some(Duration::from_millis(100)));
        }
        (
            wakers[0].0.load(Ordering::SeqCst),
            wakers[1].0.load(Ordering::SeqCst),
        )
    });
    assert!(
        latest >= 1,
        "{}",
        if first > 0 {
            "the readable event woke the first waker that polled the read, not the latest: \
             after WouldBlock, poll_io kept the waker it already had. A future may move to \
             another task between polls, and only the latest waker still waits: store \
             cx.waker() on every WouldBlock, replacing the old one"
        } else {
            "a readable event came and no waker was woken: after WouldBlock, poll_io must \
             keep cx.waker() in the reader's slot, and Reactor::park must wake the reader \
             on a readable event"
        }
    );
}
