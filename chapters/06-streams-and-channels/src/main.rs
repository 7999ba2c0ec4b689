//! The chapter 6 binary: every demo of the chapter, in order, and its servers.
//!
//! `cargo run -p ch06-streams-and-channels` runs the demos; `-- --list` names them;
//! `-- kv_server` runs one. `-- serve kv` instead runs the key-value server until
//! SIGINT, SIGTERM or SIGHUP (`serve --help` lists the servers), for trying it with `nc`.

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use ch06_streams_and_channels::client::Client;
use ch06_streams_and_channels::history::History;
use ch06_streams_and_channels::logging::{self, LossyStdout};
use ch06_streams_and_channels::server::{self, Config};
use ch06_streams_and_channels::{broadcast, mpsc, signals, store, streams, tcp, watch};
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

/// Chapter 6: streams and channels. Runs the demos, or one server with `serve`.
#[derive(Debug, clap::Parser)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(flatten)]
    demos: DemoArgs,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run one of the chapter's servers until SIGINT, SIGTERM or SIGHUP (a second one exits
    /// at once). The first line printed is `listening on ADDR` (or `on PATH`).
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Which server to run.
    #[arg(value_enum)]
    server: Server,

    /// The address to listen on; port 0 lets the OS pick a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,

    /// unix_echo: the socket's path (default: in a fresh temporary directory).
    #[arg(long)]
    path: Option<PathBuf>,

    /// kv: the longest request line, in bytes.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    max_line: u64,

    /// kv: the most clients served at once; the next one gets an ERR line. The cap
    /// protects memory and file descriptors; a client that keeps talking keeps its
    /// place, one that goes quiet loses it after --idle-secs.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    max_clients: u64,

    /// kv: seconds a client may stay silent (or leave its replies unread). Clients
    /// gone quiet hold the places under --max-clients for this, plus --grace-secs, at
    /// most.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    idle_secs: u64,

    /// kv: the most the store holds, in MiB (keys and values, plus 128 bytes an
    /// entry); past it, a SET gets ERR until keys are deleted.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=65_536))]
    max_memory_mb: u64,

    /// kv: seconds a shutdown waits for the clients being served.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=600))]
    grace_secs: u64,
}

/// The servers `serve` can run.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Server {
    /// The TCP echo server: one line back, then close.
    #[value(name = "tcp_echo")]
    TcpEcho,
    /// The same over a unix socket.
    #[value(name = "unix_echo")]
    UnixEcho,
    /// The key-value server.
    #[value(name = "kv")]
    Kv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Serve(args)) => match serve(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                // stderr may be closed too: never panic on the way out.
                let _ = writeln!(std::io::stderr(), "error: {error:#}");
                ExitCode::FAILURE
            }
        },
        None => {
            logging::init_plain();
            course_kit::demo::run("Chapter 6: streams and channels", DEMOS, &cli.demos, &())
        }
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

fn demo_tcp_echo(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let listener = tcp::bind_local().await?;
        let addr = listener.local_addr()?;
        println!("server: serving on {addr}");
        // The server runs as a task; it ends with the runtime, at the end of the demo.
        // `pending()` never completes: this server stops only with the runtime.
        tokio::spawn(tcp::serve_echo(listener, std::future::pending()));

        let reply = tcp::echo_client(addr, "Hello World!").await?;
        println!("client: received {reply:?}");
        Ok(())
    })?
}

#[cfg(unix)]
fn demo_unix_echo(_: &()) -> anyhow::Result<()> {
    use ch06_streams_and_channels::unix;
    block_on(async {
        let dir = unix::SocketDir::new()?;
        let path = dir.socket("echo.sock");
        let listener = tokio::net::UnixListener::bind(&path)
            .with_context(|| format!("could not bind {}", path.display()))?;
        println!("server: serving on <temp dir>/echo.sock");
        tokio::spawn(unix::serve_echo_unix(listener, std::future::pending()));

        let reply = unix::echo_client_unix(&path, "Hello over a unix socket!").await?;
        println!("client: received {reply:?}");
        Ok(())
        // `dir` is dropped here, and the socket file with it.
    })?
}

#[cfg(not(unix))]
fn demo_unix_echo(_: &()) -> anyhow::Result<()> {
    println!("unix sockets are not available on this system");
    Ok(())
}

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

fn demo_async_for(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let clock = course_kit::Stopwatch::start();
        // ANCHOR: async_for
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
        // ANCHOR_END: async_for
    })
}

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

fn demo_kv_server(_: &()) -> anyhow::Result<()> {
    block_on(async {
        let listener = tcp::bind_local().await?;
        let addr = listener.local_addr()?;
        let config = Config {
            max_line: 64,
            grace: Duration::from_secs(2),
            ..Config::default()
        };
        // The server's own log is printed at the end, client by client: its tasks
        // run side by side, so printed live their lines would interleave by chance.
        let log = History::new(100);
        let (trigger, triggered) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(server::serve(listener, config, log.clone(), async {
            let _ = triggered.await;
        }));

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
    println!("--- the server is told to shut down, as SIGINT or SIGTERM would");
    let _ = shutdown.send(());
    show("alice", "(idle)", &alice.reply().await?);
    dave.send_raw(b" arrival\n").await?;
    show("dave", "... arrival", &dave.reply().await?);
    show("dave", "", &dave.reply().await?);
    // Alice and Dave hang up, as told; the server was draining their sockets.
    drop((alice, dave));
    match Client::connect(addr).await {
        Ok(_) => show("erin", "(connects)", "connected after shutdown?!"),
        Err(error) => show("erin", "(connects)", &format!("{error:#}")),
    }
    Ok(())
}

fn show(who: &str, sent: &str, reply: &str) {
    println!("{who:>5}: {sent:<26} -> {reply}");
}

/// Print a timeline's events grouped by lane: the clients in the order they came,
/// then the server's own.
fn print_by_lane(log: &History) {
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

/// `serve SERVER`: run one server until SIGINT, SIGTERM or SIGHUP.
fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    // The log goes through a queue that drops lines rather than wait, so a stdout
    // nobody reads cannot freeze the server, nor a closed one crash it.
    let log = LossyStdout::start(1024).context("could not start the log writer")?;
    logging::init_lossy(log.clone())?;
    let served = block_on(serve_until_signal(args));
    log.flush(Duration::from_secs(1));
    served?
}

async fn serve_until_signal(args: &ServeArgs) -> anyhow::Result<()> {
    let shutdown =
        signals::shutdown_signal().context("could not handle SIGINT, SIGTERM and SIGHUP")?;
    match args.server {
        Server::TcpEcho => {
            let listener = listen(args.addr).await?;
            announce(&format!("listening on {}", listener.local_addr()?));
            tcp::serve_echo(listener, shutdown).await;
        }
        Server::UnixEcho => serve_unix_echo(args.path.clone(), shutdown).await?,
        Server::Kv => {
            let listener = listen(args.addr).await?;
            let addr = listener.local_addr()?;
            announce(&format!("listening on {addr}"));
            announce(&format!(
                "try it: nc {} {}   (GET, SET, DEL, QUIT; Ctrl-C stops the server)",
                addr.ip(),
                addr.port()
            ));
            let config = Config {
                max_line: usize::try_from(args.max_line)?,
                max_clients: usize::try_from(args.max_clients)?,
                idle: Duration::from_secs(args.idle_secs),
                grace: Duration::from_secs(args.grace_secs),
                max_memory: usize::try_from(args.max_memory_mb)? * 1024 * 1024,
            };
            // Keep no history: the live log is all a running server needs.
            let summary = server::serve(listener, config, History::new(0).logged(), shutdown)
                .await
                .context("the server failed")?;
            tracing::info!("server: stopped: {summary:?}");
        }
    }
    Ok(())
}

#[cfg(unix)]
async fn serve_unix_echo(
    path: Option<PathBuf>,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    use ch06_streams_and_channels::unix;
    // Without --path, a fresh directory, removed when `_dir` is dropped at the end.
    let (path, _dir) = match path {
        Some(path) => (path, None),
        None => {
            let dir = unix::SocketDir::new()?;
            (dir.socket("echo.sock"), Some(dir))
        }
    };
    // A backlog of 4096, as for TCP (see `listen`).
    let bind = || -> std::io::Result<tokio::net::UnixListener> {
        let socket = tokio::net::UnixSocket::new_stream()?;
        socket.bind(&path)?;
        socket.listen(4096)
    };
    let listener = bind().with_context(|| format!("could not listen on {}", path.display()))?;
    announce(&format!("listening on {}", path.display()));
    unix::serve_echo_unix(listener, shutdown).await;
    // The socket file is ours: remove it, so the next run can bind the same path.
    let _ = std::fs::remove_file(&path);
    Ok(())
}

#[cfg(not(unix))]
async fn serve_unix_echo(_: Option<PathBuf>, _: impl Future<Output = ()>) -> anyhow::Result<()> {
    anyhow::bail!("unix sockets are not available on this system")
}

/// Bind with a backlog of 4096 connections waiting to be accepted, where
/// `TcpListener::bind` asks for 128 (std's choice): a burst of clients while the
/// server is busy for a moment would otherwise have SYNs dropped, and each of
/// those clients wait a whole second for the retry.
async fn listen(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    let bind = || -> std::io::Result<tokio::net::TcpListener> {
        let socket = match addr {
            SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
            SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
        };
        socket.set_reuseaddr(true)?;
        socket.bind(addr)?;
        socket.listen(4096)
    };
    bind().with_context(|| format!("could not listen on {addr}"))
}

/// A line on stdout that never panics (stdout may be closed).
fn announce(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}
