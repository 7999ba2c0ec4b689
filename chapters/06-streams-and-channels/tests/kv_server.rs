//! The key-value server driven through real sockets on 127.0.0.1, as `nc` would.
//!
//! Each test starts its own server on port 0 with a shutdown trigger it holds, so
//! tests never share a port or a store.

use std::net::SocketAddr;
use std::time::Duration;

use ch06_streams_and_channels::client::Client;
use ch06_streams_and_channels::history::History;
use ch06_streams_and_channels::server::{self, Config, Summary};
use course_kit::watchdog;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const WHY: &str = "A server test hung: a client is probably waiting for a reply line the \
                   server never sent, or the server is waiting for a client that is gone.";

struct Running {
    addr: SocketAddr,
    log: History,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<Summary>>,
}

async fn start(config: Config) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port on 127.0.0.1");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    let log = History::new(1000);
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(server::serve(listener, config, log.clone(), async {
        let _ = stopped.await;
    }));
    Running {
        addr,
        log,
        stop,
        server,
    }
}

impl Running {
    async fn shut_down(self) -> Summary {
        let _ = self.stop.send(());
        self.server
            .await
            .expect("the server task panicked")
            .expect("serve failed")
    }

    fn said(&self, lane: &str) -> Vec<String> {
        self.log
            .events()
            .into_iter()
            .filter(|e| e.lane == lane)
            .map(|e| e.what)
            .collect()
    }
}

fn small() -> Config {
    Config {
        max_line: 32,
        max_clients: 50,
        idle: Duration::from_secs(60),
        grace: Duration::from_secs(2),
        max_memory: 64 * 1024,
    }
}

fn run<F: Future<Output = ()> + 'static>(test: impl FnOnce() -> F + Send + 'static) {
    watchdog::within(watchdog::LIMIT, WHY, move || {
        runtime(false).block_on(test())
    });
}

fn runtime(paused: bool) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(paused)
        .build()
        .expect("a current-thread runtime needs nothing that can run out")
}

#[test]
fn many_clients_at_once_share_one_store() {
    run(|| async {
        let server = start(small()).await;
        let addr = server.addr;
        let writers: Vec<_> = (0..20)
            .map(|n| {
                tokio::spawn(async move {
                    let mut client = Client::connect(addr).await.unwrap();
                    client.request(&format!("SET k{n} v{n}")).await.unwrap()
                })
            })
            .collect();
        for writer in writers {
            assert_eq!(writer.await.unwrap(), "OK");
        }
        let mut reader = Client::connect(addr).await.unwrap();
        for n in 0..20 {
            assert_eq!(
                reader.request(&format!("GET k{n}")).await.unwrap(),
                format!("VALUE v{n}")
            );
        }
        drop(reader);
        let summary = server.shut_down().await;
        assert_eq!(summary.clients, 21);
        assert_eq!(summary.requests, 40);
    });
}

#[test]
fn an_invalid_command_gets_an_error_reply_and_the_connection_stays_open() {
    run(|| async {
        let server = start(small()).await;
        let mut client = Client::connect(server.addr).await.unwrap();
        let reply = client.request("FETCH a").await.unwrap();
        assert!(reply.starts_with("ERR unknown command"), "{reply}");
        assert_eq!(
            client.request("GET a b").await.unwrap(),
            "ERR GET <key>: a key is one word"
        );
        assert_eq!(
            client.request("SET a 1").await.unwrap(),
            "OK",
            "still connected after errors"
        );
        client.send_raw(b"\xff\xfe\n").await.unwrap();
        assert_eq!(client.reply().await.unwrap(), "ERR line is not UTF-8");
        drop(client);
        server.shut_down().await;
    });
}

#[test]
fn a_line_over_the_limit_gets_an_error_and_the_next_line_works() {
    run(|| async {
        let server = start(small()).await;
        let mut client = Client::connect(server.addr).await.unwrap();
        let long = format!("SET a {}", "x".repeat(100));
        assert_eq!(
            client.request(&long).await.unwrap(),
            "ERR line too long (limit 32 bytes)"
        );
        assert_eq!(
            client.request("GET a").await.unwrap(),
            "NOT_FOUND",
            "the long SET never ran"
        );
        drop(client);
        server.shut_down().await;
    });
}

#[test]
fn a_client_that_hangs_up_mid_line_changes_nothing() {
    run(|| async {
        let server = start(small()).await;
        let mut quitter = Client::connect(server.addr).await.unwrap();
        quitter.send_raw(b"SET half 1").await.unwrap();
        drop(quitter);
        let mut other = Client::connect(server.addr).await.unwrap();
        assert_eq!(other.request("GET half").await.unwrap(), "NOT_FOUND");
        drop(other);
        let log = server.log.clone();
        server.shut_down().await;
        // Every connection has ended once `serve` returns, so the log is complete.
        assert!(
            server_said(&log, "client 1", "left mid-line, 10 bytes dropped"),
            "the server should note the dropped half line: {:?}",
            log.events()
        );
    });
}

fn server_said(log: &History, lane: &str, what: &str) -> bool {
    log.when(lane, what).is_some()
}

#[test]
fn quit_says_bye_and_closes_the_connection() {
    run(|| async {
        let server = start(small()).await;
        let mut client = Client::connect(server.addr).await.unwrap();
        assert_eq!(client.request("quit").await.unwrap(), "BYE see you");
        assert!(client.is_closed_by_server().await);
        drop(client);
        server.shut_down().await;
    });
}

#[test]
fn shutdown_says_bye_to_idle_clients_and_refuses_new_ones() {
    run(|| async {
        let server = start(small()).await;
        let addr = server.addr;
        let mut idle = Client::connect(addr).await.unwrap();
        assert_eq!(idle.request("SET a 1").await.unwrap(), "OK");
        let Running {
            stop, server: task, ..
        } = server;
        let _ = stop.send(());
        assert_eq!(idle.reply().await.unwrap(), "BYE server shutting down");
        assert!(idle.is_closed_by_server().await);
        assert!(
            Client::connect(addr).await.is_err(),
            "the listener is closed"
        );
        drop(idle);
        let summary = task.await.unwrap().unwrap();
        assert_eq!(
            summary,
            Summary {
                clients: 1,
                requests: 1,
                turned_away: 0,
                cut_off: 0
            }
        );
    });
}

#[test]
fn shutdown_lets_a_client_finish_the_line_it_was_sending() {
    run(|| async {
        let server = start(small()).await;
        let mut client = Client::connect(server.addr).await.unwrap();
        // One write: a whole line and the start of the next. When the first reply
        // comes back, the server holds the half line.
        client.send_raw(b"SET a 1\nSET b").await.unwrap();
        assert_eq!(client.reply().await.unwrap(), "OK");
        let log = server.log.clone();
        let Running {
            stop, server: task, ..
        } = server;
        let _ = stop.send(());
        client.send_raw(b" 2\n").await.unwrap();
        assert_eq!(
            client.reply().await.unwrap(),
            "OK",
            "the request in progress is answered"
        );
        assert_eq!(client.reply().await.unwrap(), "BYE server shutting down");
        drop(client);
        let summary = task.await.unwrap().unwrap();
        assert_eq!(summary.requests, 2);
        assert!(server_said(
            &log,
            "client 1",
            "shutdown came mid-request: answering what was read"
        ));
    });
}

#[test]
fn shutdown_cuts_off_a_client_that_never_finishes_its_line_after_the_grace_period() {
    // The paused clock makes the two-second grace period pass at once, exactly.
    watchdog::within(watchdog::LIMIT, WHY, || {
        runtime(true).block_on(async {
            let server = start(small()).await;
            let mut client = Client::connect(server.addr).await.unwrap();
            client.send_raw(b"GET a\nSET never").await.unwrap();
            assert_eq!(client.reply().await.unwrap(), "NOT_FOUND");
            let Running {
                stop, server: task, ..
            } = server;
            let started = tokio::time::Instant::now();
            let _ = stop.send(());
            let summary = task.await.unwrap().unwrap();
            assert_eq!(
                started.elapsed(),
                Duration::from_secs(2),
                "the grace period, no more"
            );
            assert_eq!(summary.cut_off, 1);
            assert!(
                client.is_closed_by_server().await,
                "its connection is closed"
            );
        });
    });
}

#[test]
fn the_log_names_each_client_and_how_it_left() {
    run(|| async {
        let server = start(small()).await;
        let mut first = Client::connect(server.addr).await.unwrap();
        first.request("SET a 1").await.unwrap();
        first.request("QUIT").await.unwrap();
        assert!(first.is_closed_by_server().await);
        let said = server.said("client 1");
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("connected from 127.0.0.1:"), "{said:?}");
        assert_eq!(said[1], "QUIT after 1 requests");
        drop(first);
        server.shut_down().await;
    });
}

/// Reads every line until the server closes; an error (a reset) fails the test.
async fn all_lines(client: &mut tokio::net::TcpStream) -> Vec<String> {
    let mut bytes = Vec::new();
    client
        .read_to_end(&mut bytes)
        .await
        .expect("the server closed cleanly, without a reset that would lose replies");
    String::from_utf8(bytes)
        .expect("replies are text")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn pipelined_requests_then_quit_lose_no_reply() {
    run(|| async {
        let server = start(small()).await;
        let mut client = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        // A thousand requests, QUIT, and more behind it, all before reading a reply.
        let mut burst = "SET k v\n".repeat(1000);
        burst.push_str("QUIT\n");
        burst.push_str(&"GET k\n".repeat(1000));
        client.write_all(burst.as_bytes()).await.unwrap();
        let lines = all_lines(&mut client).await;
        assert_eq!(lines.len(), 1001, "1000 OKs and BYE, nothing after QUIT");
        assert!(lines[..1000].iter().all(|line| line == "OK"));
        assert_eq!(lines[1000], "BYE see you");
        drop(client);
        server.shut_down().await;
    });
}

#[test]
fn shutdown_answers_every_request_already_read_then_says_bye() {
    run(|| async {
        let server = start(small()).await;
        let mut client = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        // One write, so the server reads all fifty lines at once with the first.
        client
            .write_all("SET k v\n".repeat(50).as_bytes())
            .await
            .unwrap();
        let mut first = [0u8; 3];
        client.read_exact(&mut first).await.unwrap();
        assert_eq!(&first, b"OK\n");
        let Running {
            stop, server: task, ..
        } = server;
        let _ = stop.send(());
        let lines = all_lines(&mut client).await;
        assert_eq!(
            lines.len(),
            50,
            "49 more OKs and BYE: the requests read before the shutdown are answered"
        );
        assert!(lines[..49].iter().all(|line| line == "OK"), "{lines:?}");
        assert_eq!(lines[49], "BYE server shutting down");
        drop(client);
        assert_eq!(task.await.unwrap().unwrap().requests, 50);
    });
}

#[test]
fn a_client_past_the_cap_gets_an_error_line_then_the_end() {
    run(|| async {
        let server = start(Config {
            max_clients: 2,
            ..small()
        })
        .await;
        let mut first = Client::connect(server.addr).await.unwrap();
        let mut second = Client::connect(server.addr).await.unwrap();
        // A round trip each: both are surely counted before the third connects.
        assert_eq!(first.request("GET a").await.unwrap(), "NOT_FOUND");
        assert_eq!(second.request("GET a").await.unwrap(), "NOT_FOUND");
        let mut third = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        assert_eq!(
            all_lines(&mut third).await,
            ["ERR server full (2 clients); try again later"]
        );
        drop(first);
        drop(second);
        drop(third);
        assert_eq!(server.shut_down().await.turned_away, 1);
    });
}

#[test]
fn an_idle_client_gets_bye_after_exactly_the_idle_time() {
    watchdog::within(watchdog::LIMIT, WHY, || {
        runtime(true).block_on(async {
            let server = start(Config {
                idle: Duration::from_secs(30),
                ..small()
            })
            .await;
            let mut client = Client::connect(server.addr).await.unwrap();
            assert_eq!(client.request("SET a 1").await.unwrap(), "OK");
            let started = tokio::time::Instant::now();
            assert_eq!(client.reply().await.unwrap(), "BYE idle too long");
            assert_eq!(
                started.elapsed(),
                Duration::from_secs(30),
                "the idle time, exactly"
            );
            assert!(client.is_closed_by_server().await);
            drop(client);
            server.shut_down().await;
        });
    });
}

#[test]
fn past_the_memory_limit_a_set_gets_err_and_a_del_makes_room() {
    run(|| async {
        // Room for a few entries of about 300 bytes: the overhead counts too.
        let limit = 1000;
        let server = start(Config {
            max_line: 1024,
            max_memory: limit,
            ..small()
        })
        .await;
        let mut client = Client::connect(server.addr).await.unwrap();
        let value = "v".repeat(300);
        let mut stored = 0;
        let refusal = loop {
            let reply = client
                .request(&format!("SET k{stored} {value}"))
                .await
                .unwrap();
            if reply != "OK" {
                break reply;
            }
            stored += 1;
            assert!(
                stored < 10,
                "{stored} values of 300 bytes in a store of {limit}"
            );
        };
        assert_eq!(
            stored, 2,
            "two entries of 300 bytes and their overhead fit in 1000"
        );
        assert_eq!(refusal, "ERR store full (1000 bytes); DEL some keys first");
        // The connection carries on; reads still work; a delete makes room.
        assert!(
            client
                .request("GET k0")
                .await
                .unwrap()
                .starts_with("VALUE v")
        );
        assert!(
            client
                .request("DEL k0")
                .await
                .unwrap()
                .starts_with("DELETED v")
        );
        assert_eq!(
            client.request(&format!("SET k9 {value}")).await.unwrap(),
            "OK"
        );
        drop(client);
        server.shut_down().await;
    });
}

#[test]
fn quiet_clients_hold_the_cap_for_at_most_the_default_idle_time_and_grace() {
    watchdog::within(watchdog::LIMIT, WHY, || {
        runtime(true).block_on(async {
            let defaults = Config::default();
            let (idle, grace) = (defaults.idle, defaults.grace);
            assert_eq!(idle, Duration::from_secs(30), "the default the book states");
            let server = start(Config {
                max_clients: 2,
                ..Config::default()
            })
            .await;
            // Two clients take both places, say one thing each, and go quiet.
            let mut quiet = Vec::new();
            for n in 0..2 {
                let mut client = Client::connect(server.addr).await.unwrap();
                assert_eq!(client.request(&format!("SET q{n} 1")).await.unwrap(), "OK");
                quiet.push(client);
            }
            let started = tokio::time::Instant::now();
            let mut locked_out = tokio::net::TcpStream::connect(server.addr).await.unwrap();
            assert_eq!(
                all_lines(&mut locked_out).await,
                ["ERR server full (2 clients); try again later"]
            );
            // The quiet ones are told BYE at the idle time. They do not hang up, as
            // an attacker would not: their places free up when the grace period a
            // closing connection gives its client is over.
            for client in &mut quiet {
                assert_eq!(client.reply().await.unwrap(), "BYE idle too long");
            }
            assert_eq!(started.elapsed(), idle, "BYE at the idle time, exactly");
            let mut tries = 0;
            loop {
                let mut newcomer = Client::connect(server.addr).await.unwrap();
                let reply = newcomer.request("GET q0").await.unwrap();
                if reply == "VALUE 1" {
                    break;
                }
                tries += 1;
                assert!(tries < 10, "a newcomer still refused: {reply}");
                tokio::time::sleep(grace / 4).await;
            }
            assert_eq!(
                started.elapsed(),
                idle + grace,
                "the lock-out lasts the idle time and the grace period, exactly"
            );
            drop(quiet);
            server.shut_down().await;
        });
    });
}

#[test]
fn a_carriage_return_cannot_forge_a_second_reply() {
    run(|| async {
        let server = start(small()).await;
        let mut client = Client::connect(server.addr).await.unwrap();
        let reply = client.request("SET a x\rOK").await.unwrap();
        assert_eq!(reply, "ERR control character '\\r' in the line");
        assert_eq!(client.request("GET a").await.unwrap(), "NOT_FOUND");
        drop(client);
        server.shut_down().await;
    });
}
