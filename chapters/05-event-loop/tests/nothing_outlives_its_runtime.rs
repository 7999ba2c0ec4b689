//! Step 10's runtime keeps step 2's promise: dropping it closes every socket its
//! tasks held, whichever worker they were on. Counted in file descriptors, on
//! Linux (`/proc/self/fd`).
//!
//! This file holds one test, so that it is its own process: the count of open
//! files is not disturbed by tests running beside it.

use std::net::SocketAddr;
use std::time::Duration;

use ch05_event_loop::multi_thread::{Runtime, spawn};
use ch05_event_loop::net::{TcpListener, TcpStream};
use ch05_event_loop::yield_now;
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
fn dropping_a_runtime_closes_every_socket_its_tasks_held() {
    watchdog::within(
        Duration::from_secs(20),
        "fifty runtimes with a waiting server and clients did not finish",
        || {
            Runtime::new(2).unwrap().block_on(yield_now());
            let before = open_files();
            let mut addrs = Vec::new();
            for _ in 0..50 {
                let runtime = Runtime::new(2).unwrap();
                let addr = runtime.block_on(async {
                    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
                        .expect("127.0.0.1:0 is always free");
                    let addr = listener.local_addr().unwrap();
                    spawn(async move {
                        while let Ok((mut stream, _)) = listener.accept().await {
                            spawn(async move {
                                let _ = stream.read(&mut [0; 8]).await; // waits for ever
                            });
                        }
                    });
                    for _ in 0..4 {
                        let client = TcpStream::connect(addr).await.unwrap();
                        spawn(async move {
                            let mut client = client;
                            let _ = client.read(&mut [0; 8]).await; // waits for ever
                        });
                    }
                    yield_now().await;
                    addr
                });
                // Two workers' worth of tasks hold a listener and four connections
                // (both ends); the runtime holds an epoll fd and an eventfd.
                drop(runtime);
                addrs.push(addr);
            }
            if let (Some(before), Some(after)) = (before, open_files()) {
                assert_eq!(
                    after, before,
                    "open files before 50 dropped runtimes: {before}, after: {after}"
                );
            }
            let last = addrs.last().copied().unwrap();
            assert!(
                std::net::TcpStream::connect(last).is_err(),
                "a dropped runtime's server still listens on {last}"
            );
        },
    );
}
