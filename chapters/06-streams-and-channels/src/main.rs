//! The chapter 6 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch06-streams-and-channels` runs them all; `-- --list` names them;
//! `-- kv_server` runs one. `-- --serve 127.0.0.1:7878` instead runs the key-value
//! server until Ctrl-C, for trying it with `nc 127.0.0.1 7878`.

use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use ch06_streams_and_channels::client::Client;
use ch06_streams_and_channels::server::{self, Config};
use ch06_streams_and_channels::{broadcast, mpsc, store, streams, tcp, watch};
use clap::Parser as _;
use course_kit::stamp::Stamp;
use course_kit::{Demo, DemoArgs, Timeline};
use futures::StreamExt as _;

const DEMOS: &[Demo] = &[
    Demo::new(
        "tcp_echo",
        "start_server and open_connection on 127.0.0.1",
        demo_tcp_echo,
    ),
    Demo::new(
        "unix_echo",
        "the same handler over a unix socket",
        demo_unix_echo,
    ),
    Demo::new(
        "backpressure",
        "a bounded mpsc channel slows the producer down",
        demo_backpressure,
    ),
    Demo::new(
        "broadcast",
        "every member of a chat room gets every message",
        demo_broadcast,
    ),
    Demo::new(
        "watch",
        "a slow reader sees only the latest value",
        demo_watch,
    ),
    Demo::new(
        "oneshot",
        "a store task answers each request on a oneshot",
        demo_oneshot,
    ),
    Demo::new(
        "async_for",
        "async iteration over streams, one built from a channel",
        demo_async_for,
    ),
    Demo::new(
        "buffer_unordered",
        "ten jobs, at most three at a time",
        demo_buffer_unordered,
    ),
    Demo::new(
        "kv_server",
        "a line server: many clients, bad input, graceful shutdown",
        demo_kv_server,
    ),
];

/// The chapter's command line: the usual demo selection, plus `--serve`.
#[derive(Debug, clap::Parser)]
struct Cli {
    #[command(flatten)]
    demos: DemoArgs,

    /// Run the key-value server on ADDR (e.g. 127.0.0.1:7878) until Ctrl-C,
    /// instead of the demos.
    #[arg(long, value_name = "ADDR")]
    serve: Option<SocketAddr>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.serve {
        Some(addr) => match serve_until_ctrl_c(addr) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        },
        None => course_kit::demo::run("Chapter 6: streams and channels", DEMOS, &cli.demos, &()),
    }
}

/// Async demos each build a small runtime of their own.
fn block_on<F: Future>(future: F) -> anyhow::Result<F::Output> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the tokio runtime")?
        .block_on(future))
}

// ANCHOR: demo_tcp_echo
fn demo_tcp_echo(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let listener = tcp::bind_local().await?;
        let addr = listener.local_addr()?;
        println!("server: serving on {addr}");
        // The server runs as a task; it ends with the runtime, at the end of the demo.
        tokio::spawn(tcp::serve_echo(listener));

        let reply = tcp::echo_client(addr, "Hello World!").await?;
        println!("client: received {reply:?}");
        Ok(())
    })?
}
// ANCHOR_END: demo_tcp_echo

// ANCHOR: demo_unix_echo
#[cfg(unix)]
fn demo_unix_echo(_: &()) -> anyhow::Result<()> {
    use ch06_streams_and_channels::unix;
    block_on(async {
        let dir = unix::SocketDir::new()?;
        let path = dir.socket("echo.sock");
        let listener = tokio::net::UnixListener::bind(&path)
            .with_context(|| format!("could not bind {}", path.display()))?;
        println!("server: serving on <temp dir>/echo.sock");
        tokio::spawn(unix::serve_echo_unix(listener));

        let reply = unix::echo_client_unix(&path, "Hello over a unix socket!").await?;
        println!("client: received {reply:?}");
        Ok(())
        // `dir` is dropped here, and the socket file with it.
    })?
}
// ANCHOR_END: demo_unix_echo

#[cfg(not(unix))]
fn demo_unix_echo(_: &()) -> anyhow::Result<()> {
    println!("unix sockets are not available on this system");
    Ok(())
}

// ANCHOR: demo_backpressure
fn demo_backpressure(_: &()) -> anyhow::Result<()> {
    block_on(async {
        println!("capacity 2, the consumer takes 250ms a value:");
        let timeline = Timeline::new();
        mpsc::produce_and_consume(5, 2, Duration::from_millis(250), timeline.clone()).await;
        println!("sends at {}\n", seconds(&mpsc::send_times(&timeline)));

        println!("capacity 5, room for everything:");
        let timeline = Timeline::new();
        mpsc::produce_and_consume(5, 5, Duration::from_millis(250), timeline.clone()).await;
        println!("sends at {}", seconds(&mpsc::send_times(&timeline)));
    })
}
// ANCHOR_END: demo_backpressure

fn seconds(times: &[f64]) -> String {
    times
        .iter()
        .map(|t| format!("{t:.2}s"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn demo_broadcast(_: &()) -> anyhow::Result<()> {
    block_on(broadcast::chat_room(
        &["hi", "anyone?", "lunch?", "12:30", "at the usual"],
        2,
        Timeline::new(),
    ))
}

fn demo_watch(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let shown = watch::thermometer_and_display(Duration::from_millis(230)).await;
        println!(
            "ten readings sent, one every 100ms; a display that takes 230ms to redraw showed {shown:?}"
        );
    })
}

// ANCHOR: demo_oneshot
fn demo_oneshot(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let store = store::Store::spawn();
        println!(
            "set(\"lang\", \"rust\")   -> {:?}",
            store.set("lang", "rust").await?
        );
        println!(
            "set(\"lang\", \"python\") -> {:?}",
            store.set("lang", "python").await?
        );
        println!("get(\"lang\")           -> {:?}", store.get("lang").await?);
        println!(
            "delete(\"lang\")        -> {:?}",
            store.delete("lang").await?
        );
        println!("get(\"lang\")           -> {:?}", store.get("lang").await?);
        Ok(())
    })?
}
// ANCHOR_END: demo_oneshot

// ANCHOR: demo_async_for
fn demo_async_for(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let clock = course_kit::Stopwatch::start();
        // `ticker` returns an `impl Stream`, which may hold itself by reference
        // while paused, so it must be pinned before `next` can poll it.
        let mut ticks = std::pin::pin!(streams::ticker(3, Duration::from_millis(100)));
        while let Some(tick) = ticks.next().await {
            clock.say(format!("tick {tick}"));
        }

        let (tx, rx) = tokio::sync::mpsc::channel(2);
        tokio::spawn(async move {
            for word in ["a", "stream", "is", "like", "a", "channel"] {
                if tx.send(word).await.is_err() {
                    break;
                }
            }
        });
        // Adapters on the stream, as on an iterator; nothing runs until `collect`.
        let shouted: Vec<String> = streams::from_channel(rx)
            .filter(|word| std::future::ready(word.len() > 2))
            .map(|word| word.to_uppercase())
            .collect()
            .await;
        println!("from a channel: {shouted:?}");
    })
}
// ANCHOR_END: demo_async_for

// ANCHOR: demo_buffer_unordered
fn demo_buffer_unordered(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let timeline = Timeline::quiet();
        let jobs = [Duration::from_millis(250); 10];
        let finished = streams::run_bounded(&jobs, 3, timeline.clone()).await;
        println!("{}", timeline.chart(40));
        println!(
            "{} jobs, at most {} at once, done in {}",
            finished.len(),
            streams::most_at_once(&timeline),
            Stamp(timeline.end())
        );
    })
}
// ANCHOR_END: demo_buffer_unordered

// ANCHOR: demo_kv_server
fn demo_kv_server(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let listener = tcp::bind_local().await?;
        let addr = listener.local_addr()?;
        let config = Config {
            max_line: 64,
            grace: Duration::from_secs(2),
        };
        // The server's own log is printed at the end, client by client: its tasks
        // run side by side, so printed live their lines would interleave by chance.
        let log = Timeline::quiet();
        let (trigger, triggered) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(server::serve(
            listener,
            config,
            log.clone(),
            ctrl_c_or(async {
                let _ = triggered.await;
            }),
        ));

        run_clients(addr, trigger).await?;

        let summary = server.await.context("the server task panicked")??;
        println!("\nserver log:");
        print_by_lane(&log);
        println!("\n{summary:?}");
        Ok(())
    })?
}

async fn run_clients(
    addr: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
) -> anyhow::Result<()> {
    let mut alice = Client::connect(addr).await?;
    let mut bob = Client::connect(addr).await?;
    let script = async |who: &str, client: &mut Client, line: &str| -> anyhow::Result<()> {
        let reply = client.request(line).await?;
        show(who, line, &reply);
        Ok(())
    };
    script("alice", &mut alice, "SET greeting hello world").await?;
    script("bob", &mut bob, "GET greeting").await?;
    script("bob", &mut bob, "FETCH greeting").await?;
    script("bob", &mut bob, "SET greeting").await?;
    let long = format!("SET essay {}", "blah ".repeat(20));
    let reply = bob.request(&long).await?;
    show("bob", &format!("<a line of {} bytes>", long.len()), &reply);
    script("bob", &mut bob, "QUIT").await?;

    // Carol hangs up half-way through a line: the half line must not run.
    let mut carol = Client::connect(addr).await?;
    carol.send_raw(b"SET half 1").await?;
    show("carol", "SET half 1", "(no newline: hangs up mid-line)");
    drop(carol);
    script("alice", &mut alice, "GET half").await?;

    // Dave is half-way through a line when the server is told to shut down.
    let mut dave = Client::connect(addr).await?;
    // One write holds a whole line and half of the next, so when the reply to
    // the first comes back, the server surely holds the half line too.
    dave.send_raw(b"GET greeting\nSET late").await?;
    show("dave", "GET greeting", &dave.reply().await?);
    show(
        "dave",
        "SET late",
        "(half a line so far, sent with the line before)",
    );
    println!("--- the server is told to shut down, as Ctrl-C would");
    let _ = shutdown.send(());
    show("alice", "(idle)", &alice.reply().await?);
    dave.send_raw(b" arrival\n").await?;
    show("dave", "... arrival", &dave.reply().await?);
    show("dave", "", &dave.reply().await?);
    match Client::connect(addr).await {
        Ok(_) => show("erin", "(connects)", "connected after shutdown?!"),
        Err(error) => show("erin", "(connects)", &format!("{error:#}")),
    }
    Ok(())
}
// ANCHOR_END: demo_kv_server

fn show(who: &str, sent: &str, reply: &str) {
    println!("{who:>5}: {sent:<26} -> {reply}");
}

/// Print a timeline's events grouped by lane: the clients in the order they came,
/// then the server's own.
fn print_by_lane(log: &Timeline) {
    let events = log.events();
    let mut lanes: Vec<&str> = Vec::new();
    for event in &events {
        if event.lane != "server" && !lanes.contains(&event.lane.as_str()) {
            lanes.push(&event.lane);
        }
    }
    lanes.push("server");
    for lane in lanes {
        for event in events.iter().filter(|e| e.lane == lane) {
            println!("{} {lane}: {}", Stamp(event.at), event.what);
        }
    }
}

// ANCHOR: ctrl_c
/// Ready on Ctrl-C or when `other` is, whichever comes first.
async fn ctrl_c_or(other: impl Future<Output = ()>) {
    let mut other = std::pin::pin!(other);
    tokio::select! {
        signal = tokio::signal::ctrl_c() => {
            // If the handler cannot be installed, Ctrl-C just kills the process as
            // usual; do not treat that failure as a request to shut down.
            if signal.is_err() {
                other.as_mut().await;
            }
        }
        () = other.as_mut() => {}
    }
}

/// `--serve ADDR`: the key-value server until Ctrl-C.
fn serve_until_ctrl_c(addr: SocketAddr) -> anyhow::Result<()> {
    block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("could not listen on {addr}"))?;
        println!(
            "try it: nc {}   (Ctrl-C stops the server gracefully)",
            listener.local_addr()?
        );
        let summary = server::serve(
            listener,
            Config::default(),
            Timeline::new(),
            ctrl_c_or(std::future::pending()),
        )
        .await?;
        println!("{summary:?}");
        Ok(())
    })?
}
// ANCHOR_END: ctrl_c
