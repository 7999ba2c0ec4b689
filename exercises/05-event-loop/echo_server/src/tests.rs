//! The tests of step 6: a real echo server on your loop, with the clients that
//! break naive servers: a silent one, a slow reader with a big payload, one that
//! half-closes, one that vanishes, and many at once. 127.0.0.1 only.

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::thread;
use std::time::Duration;

use course_kit::watchdog;

use crate::echo_server::serve;
use crate::join_handle::spawn;
use crate::reactor::{TcpListener, TcpStream, new_event_loop};

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

#[test]
fn it_echoes_what_a_client_sends() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "no echo came back: serve must accept, and echo must read and write back",
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
                round_trip(addr, b"still there?").await
            })
        },
    );
    assert_eq!(reply.unwrap(), b"still there?");
}

#[test]
fn sixteen_megabytes_to_a_slow_reader_come_back_whole() {
    const SIZE: usize = 16 << 20;
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
    let echoed = watchdog::within(
        Duration::from_secs(30),
        "sixteen megabytes did not all come back: when the client reads slowly, a \
         write takes only part of the buffer. Write everything that was read (write_all)",
        move || -> io::Result<Vec<u8>> {
            let addr = addr_rx.recv().expect("the server thread started");
            let mut stream = std::net::TcpStream::connect(addr)?;
            let payload: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
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
        "every byte must come back: {} of {SIZE} did. The missing ones were read but \
         not written back: `write` may take only part of a buffer; `write_all` takes it all",
        echoed.len()
    );
    assert!(
        echoed
            .iter()
            .enumerate()
            .all(|(i, &b)| b == (i % 251) as u8),
        "the bytes came back out of order or changed"
    );
}

#[test]
fn a_client_that_half_closes_gets_every_byte_then_end_of_file() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "after the client closed its side, the connection never ended: when read \
         returns 0, the client is done, so echo must return (which closes the socket)",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let mut stream = TcpStream::connect(addr).await?;
                stream.write_all(b"abc").await?;
                stream.shutdown_write()?;
                let mut reply = Vec::new();
                let mut buf = [0; 16];
                loop {
                    match stream.read(&mut buf).await? {
                        0 => return io::Result::Ok(reply),
                        n => reply.extend_from_slice(&buf[..n]),
                    }
                }
            })
        },
    );
    assert_eq!(reply.unwrap(), b"abc");
}

#[test]
fn a_client_that_vanishes_mid_message_does_not_stop_the_server() {
    let reply = watchdog::within(
        watchdog::LIMIT,
        "the server stopped after a client vanished: an error on one connection must \
         end only that connection's task",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let mut quitter = TcpStream::connect(addr).await?;
                quitter.write_all(b"half a mess").await?;
                drop(quitter);
                round_trip(addr, b"next client").await
            })
        },
    );
    assert_eq!(reply.unwrap(), b"next client");
}

#[test]
fn fifty_clients_at_once_each_get_their_own_bytes() {
    let results = watchdog::within(
        Duration::from_secs(20),
        "fifty concurrent clients did not all finish",
        || {
            new_event_loop().unwrap().run(async {
                let addr = start_server();
                let clients: Vec<_> = (0..50u8)
                    .map(|n| {
                        spawn(async move {
                            let mut stream = TcpStream::connect(addr).await?;
                            for round in 0..20u8 {
                                let message = [n, round, n ^ round];
                                stream.write_all(&message).await?;
                                let mut reply = [0; 3];
                                stream.read_exact(&mut reply).await?;
                                if reply != message {
                                    return Err(io::Error::other(format!(
                                        "client {n} sent {message:?}, got {reply:?}"
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
