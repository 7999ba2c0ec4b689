//! What must not take the loop down: a client that vanishes mid-line, a peer that
//! never reads, a thousand connections at once, and a task that panics. Each test
//! runs a real echo server on 127.0.0.1 on our loop, under a watchdog.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ch05_event_loop::net::{TcpListener, TcpStream};
use ch05_event_loop::{echo, new_event_loop, spawn, spawn_detached, yield_now};
use course_kit::watchdog;

const LIMIT: Duration = Duration::from_secs(20);

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// Start the echo server on the running loop; return its address.
fn start_server() -> SocketAddr {
    let listener = TcpListener::bind(loopback()).expect("127.0.0.1:0 is always free");
    let addr = listener
        .local_addr()
        .expect("a bound socket has an address");
    spawn_detached(echo::serve(listener));
    addr
}

#[test]
fn a_client_that_disconnects_mid_line_ends_only_its_own_connection() {
    watchdog::within(
        LIMIT,
        "the server stopped serving after a client vanished",
        || {
            new_event_loop().unwrap().run(async {
                let listener = TcpListener::bind(loopback()).unwrap();
                let addr = listener.local_addr().unwrap();

                let mut quitter = TcpStream::connect(addr).await.unwrap();
                let (server_side, _) = listener.accept().await.unwrap();
                let handler = spawn(echo::echo(server_side));
                quitter.write_all(b"hello wor").await.unwrap(); // no newline, then gone
                drop(quitter);
                // The handler ends (echoed bytes, or a reset) instead of waiting for
                // the rest of the line, and it does not panic.
                let outcome = handler.await.expect("the handler must not panic");
                assert!(matches!(outcome, Ok(9) | Err(_)), "{outcome:?}");

                spawn_detached(echo::serve(listener));
                echo::client(addr, b"still here?\n", 5).await.unwrap();
            });
        },
    );
}

#[test]
fn a_peer_that_never_reads_stalls_only_its_own_connection() {
    watchdog::within(
        LIMIT,
        "a client that never reads blocked the whole loop: a write must wait for \
         writability instead of blocking the thread",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                // This client sends 256 MB and never reads the echo: once the
                // socket buffers fill, the server's write to it must wait.
                let sent = Arc::new(AtomicUsize::new(0));
                let counter = Arc::clone(&sent);
                let _flood = spawn(async move {
                    let mut stream = TcpStream::connect(addr).await?;
                    let chunk = vec![b'z'; 64 * 1024];
                    for _ in 0..4096 {
                        stream.write_all(&chunk).await?;
                        counter.fetch_add(chunk.len(), Ordering::Relaxed);
                    }
                    io::Result::Ok(())
                });
                // Let the flood fill every buffer on the way.
                let mut last = usize::MAX;
                while sent.load(Ordering::Relaxed) != last {
                    last = sent.load(Ordering::Relaxed);
                    for _ in 0..100 {
                        yield_now().await;
                    }
                }
                // Meanwhile, another client is served normally.
                echo::client(addr, &[b'q'; 64], 100).await.unwrap();
                assert!(
                    sent.load(Ordering::Relaxed) < 4096 * 64 * 1024,
                    "the flood should be stuck: nobody reads its echo"
                );
            });
        },
    );
}

#[test]
fn a_thousand_connections_at_once_are_all_echoed() {
    // Both ends of every connection are in this process: 2,000 file descriptors,
    // more than the common default soft limit of 1,024. Raise the soft limit (up to
    // the hard limit, which needs no privilege); only a machine whose hard limit is
    // lower cannot run this test, and it says so.
    let limit = rlimit::increase_nofile_limit(2_100).unwrap_or(0);
    if limit < 2_100 {
        eprintln!(
            "skipped: this machine allows {limit} open files (`ulimit -Hn`), fewer than 2,100"
        );
        return;
    }
    let served = watchdog::within(
        LIMIT,
        "1,000 clients at once did not all get their echo",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let clients: Vec<_> = (0..1_000)
                    .map(|n| {
                        spawn(async move {
                            echo::client(addr, format!("client {n}\n").as_bytes(), 3).await
                        })
                    })
                    .collect();
                let mut served = 0;
                for client in clients {
                    client.await.unwrap().unwrap();
                    served += 1;
                }
                served
            })
        },
    );
    assert_eq!(served, 1_000);
}

#[test]
fn a_handler_that_panics_closes_its_connection_and_the_server_goes_on() {
    watchdog::within(LIMIT, "a panicking handler took the server down", || {
        new_event_loop().unwrap().run(async {
            let listener = TcpListener::bind(loopback()).unwrap();
            let addr = listener.local_addr().unwrap();
            // A server whose handler panics on the word "panic".
            drop(spawn(async move {
                loop {
                    let (mut stream, _) = listener.accept().await.unwrap();
                    drop(spawn(async move {
                        let mut buf = [0; 64];
                        let n = stream.read(&mut buf).await.unwrap();
                        assert_ne!(&buf[..n], b"panic\n", "the handler's own panic");
                        stream.write_all(&buf[..n]).await.unwrap();
                    }));
                }
            }));

            let mut victim = TcpStream::connect(addr).await.unwrap();
            victim.write_all(b"panic\n").await.unwrap();
            // The panicked task's future was dropped, and its socket closed with
            // it: the client reads the end of the stream, not silence for ever.
            let read = victim.read(&mut [0; 64]).await;
            assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");

            echo::client(addr, b"hello\n", 1).await.unwrap();
        });
    });
}

#[test]
fn an_end_of_stream_right_behind_the_last_bytes_is_seen() {
    // The client sends everything and half-closes at once, so the data and the
    // hang-up arrive together, in one edge. A short read then takes the last bytes,
    // and the readiness cache must not forget the hang-up behind them: otherwise the
    // server waits for an edge that never comes, and never closes its side.
    watchdog::within(
        LIMIT,
        "the server never saw the end of stream that came with the last bytes",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let message: Vec<u8> = (0..1000)
                    .flat_map(|k| format!("line {k}\n").into_bytes())
                    .collect();
                for _ in 0..50 {
                    let mut client = TcpStream::connect(addr).await.unwrap();
                    client.write_all(&message).await.unwrap();
                    client.shutdown_write().unwrap();
                    let mut echoed = 0;
                    let mut buf = [0; 65536];
                    loop {
                        match client.read(&mut buf).await.unwrap() {
                            0 => break,
                            n => echoed += n,
                        }
                    }
                    assert_eq!(echoed, message.len(), "every byte echoed, then the end");
                }
            });
        },
    );
}
