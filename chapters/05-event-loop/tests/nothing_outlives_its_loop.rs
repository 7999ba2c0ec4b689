//! Dropping an event loop closes every socket its tasks held: nothing outlives
//! its loop. Counted in file descriptors, on Linux (`/proc/self/fd`); elsewhere
//! the test checks what it can without them.
//!
//! This file holds one test, so that it is its own process: the count of open
//! files is not disturbed by tests running beside it.

use std::net::SocketAddr;
use std::time::Duration;

use ch05_event_loop::net::{TcpListener, TcpStream};
use ch05_event_loop::{echo, new_event_loop, spawn_detached, yield_now};
use course_kit::watchdog;

/// How many files this process has open, where the OS tells it.
fn open_files() -> Option<usize> {
    if cfg!(target_os = "linux") {
        Some(std::fs::read_dir("/proc/self/fd").ok()?.count())
    } else {
        None
    }
}

#[test]
fn dropping_a_loop_closes_every_socket_and_pipe_its_tasks_held() {
    watchdog::within(
        Duration::from_secs(20),
        "a hundred loops with a waiting server and client did not finish",
        || {
            // One loop first, so that whatever the first loop sets up once for the
            // process is not counted as a leak.
            new_event_loop().unwrap().run(yield_now());
            let before = open_files();
            let mut addrs = Vec::new();
            for _ in 0..100 {
                let event_loop = new_event_loop().unwrap();
                let addr = event_loop.run(async {
                    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
                        .expect("127.0.0.1:0 is always free");
                    let addr = listener.local_addr().unwrap();
                    spawn_detached(echo::serve(listener)); // waits in accept
                    let client = TcpStream::connect(addr).await.unwrap();
                    spawn_detached(async move {
                        let mut client = client;
                        let _ = client.read(&mut [0; 8]).await; // waits for ever
                    });
                    yield_now().await;
                    yield_now().await;
                    addr
                });
                // Each loop holds an epoll fd, an eventfd, a listener and both ends
                // of a connection while it lives; dropping it must close them all.
                drop(event_loop);
                addrs.push(addr);
            }
            if let (Some(before), Some(after)) = (before, open_files()) {
                assert_eq!(
                    after, before,
                    "open files before 100 dropped loops: {before}, after: {after}"
                );
            }
            // Wherever it runs: the last server's port no longer accepts.
            let last = addrs.last().copied().unwrap();
            let refused = std::net::TcpStream::connect(last);
            assert!(
                refused.is_err(),
                "a dropped loop's server still listens on {last}"
            );
        },
    );
}
