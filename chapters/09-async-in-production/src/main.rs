//! The chapter 9 binary: every demo of the chapter, in order, and the service.
//!
//! `cargo run -p ch09-async-in-production` runs the demos; `-- --list` names them;
//! `-- task_group` runs one. `-- serve jobs` runs the graceful-shutdown service until
//! SIGINT, SIGTERM or SIGHUP (try it with `nc 127.0.0.1 PORT` and `work 3000`, then
//! Ctrl-C).

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use ch09_async_in_production::service::{self, Config, Log, Stop};
use ch09_async_in_production::signals::Signals;
use ch09_async_in_production::slow_poll::{self, Reports};
use ch09_async_in_production::task_group::{self, Job};
use ch09_async_in_production::{
    blocking, cancellation, cleanup, metrics, notify, primitives, spans, task_local, testing,
};
use clap::Parser as _;
use course_kit::{Demo, DemoArgs, Timeline};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

const DEMOS: &[Demo] = &[
    Demo::new(
        "task_group",
        "TaskGroup: the first failure cancels the rest",
        demo_task_group,
    ),
    Demo::new(
        "group_timeout",
        "asyncio.timeout over a whole group",
        demo_group_timeout,
    ),
    Demo::new(
        "cancel_token",
        "a CancellationToken and a TaskTracker stop two workers",
        demo_cancel_token,
    ),
    Demo::new(
        "async_cleanup",
        "no async Drop: close() skipped, spawned from Drop, or awaited after a cancel",
        demo_async_cleanup,
    ),
    Demo::new(
        "graceful_shutdown",
        "stop accepting, finish what is in flight, then give up",
        demo_graceful_shutdown,
    ),
    Demo::new(
        "primitives",
        "Lock, Semaphore, Barrier and Condition in tokio",
        demo_primitives,
    ),
    Demo::new(
        "lost_notification",
        "notify_waiters forgets, notify_one keeps one permit",
        demo_lost_notification,
    ),
    Demo::new(
        "task_local",
        "contextvars as task_local!, and what spawn does not copy",
        demo_task_local,
    ),
    Demo::new(
        "paused_clock",
        "a two-second timeout tested in microseconds",
        demo_paused_clock,
    ),
    Demo::new(
        "paused_real_io",
        "the paused clock jumps past a timeout while a real socket is still waiting",
        demo_paused_real_io,
    ),
    Demo::new(
        "spans",
        "tracing spans follow two requests across tasks",
        demo_spans,
    ),
    Demo::new(
        "metrics",
        "the runtime's stable metrics while tasks come and go",
        demo_metrics,
    ),
    Demo::new(
        "slow_poll",
        "asyncio's debug mode: the task that blocked the runtime, named",
        demo_slow_poll,
    ),
    Demo::new(
        "task_monitor",
        "tokio-metrics' TaskMonitor finds the slow poll on stable tokio",
        demo_task_monitor,
    ),
    Demo::new(
        "block_in_place",
        "spawn_blocking anywhere; block_in_place only on a multi-thread runtime",
        demo_block_in_place,
    ),
];

/// The chapter's command line: the usual demo selection, or `serve <server>`.
#[derive(Debug, clap::Parser)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    demos: DemoArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run one of the chapter's servers until SIGINT, SIGTERM or SIGHUP.
    Serve {
        #[command(subcommand)]
        server: Server,
    },
}

#[derive(Debug, clap::Subcommand)]
enum Server {
    /// A job service with a graceful shutdown (`work N`, `ping`).
    ///
    /// `work N` answers `working N`, then `done N` after N ms; `ping` answers `pong`.
    /// The first signal stops accepting and lets requests in flight finish within the
    /// grace period; a second signal abandons them at once.
    Jobs {
        /// The address to listen on (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: SocketAddr,
        /// How long requests in flight may run on after the first signal, in ms.
        #[arg(long, default_value_t = 5000)]
        grace_ms: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Serve {
            server: Server::Jobs { addr, grace_ms },
        }) => match serve_jobs(addr, Duration::from_millis(grace_ms)) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        },
        None => course_kit::demo::run("Chapter 9: async in production", DEMOS, &cli.demos, &()),
    }
}

/// The server's log on stdout, written by a thread of its own so that a slow or
/// vanished reader never blocks the server: it sends lines with `try_send`, and a
/// write error (a closed pipe) is ignored rather than a panic, as `println!` would.
fn stdout_log() -> (Log, std::thread::JoinHandle<()>) {
    let (lines, waiting) = std::sync::mpsc::sync_channel::<String>(1024);
    let writer = std::thread::spawn(move || {
        for line in waiting {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    });
    (Log::Lines(lines), writer)
}

// ANCHOR: serve_jobs
/// `serve jobs`: the service, with real signals wired to its two stop tokens.
fn serve_jobs(addr: SocketAddr, grace: Duration) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("could not start the tokio runtime")?;
    let (log, writer) = stdout_log();
    let code = runtime.block_on(async {
        // Before anything is announced: a signal sent the moment the line appears
        // must reach our handler, not the default one that kills the process.
        let mut signals = Signals::install().context("could not install signal handlers")?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("could not listen on {addr}"))?;
        log.note(format!("listening on {}", listener.local_addr()?));

        let stop = Stop::new();
        let (on_signal, signal_log) = (stop.clone(), log.clone());
        let signal_watcher = tokio::spawn(async move {
            let first = signals.next().await;
            let grace = grace.as_secs_f64();
            let name = first.name();
            signal_log.note(format!(
                "{name}: shutting down; in-flight requests get {grace:.2}s"
            ));
            on_signal.graceful.cancel();
            let second = signals.next().await;
            signal_log.note(format!("{}: stopping now", second.name()));
            on_signal.now.cancel();
            second.exit_code()
        });

        let config = Config {
            grace,
            ..Config::default()
        };
        let summary = service::serve(listener, config, stop.clone(), log.clone()).await;
        let (served, abandoned) = (summary.served, summary.abandoned);
        log.note(format!("stopped: {served} served, {abandoned} abandoned"));
        if stop.now.is_cancelled() {
            return anyhow::Ok(ExitCode::from(signal_watcher.await.unwrap_or(1)));
        }
        anyhow::Ok(ExitCode::SUCCESS)
    });
    // Let the log thread write what is left, unless nobody is reading it.
    drop(log);
    drop(runtime);
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    while !writer.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    code
}
// ANCHOR_END: serve_jobs

/// Async demos each run on a small runtime of their own, as `asyncio.run` would.
fn run<F: Future>(future: F) -> anyhow::Result<F::Output> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the tokio runtime")?
        .block_on(future))
}

fn demo_task_group(_: &()) -> anyhow::Result<()> {
    run(async {
        let log = Timeline::new();
        let jobs = [
            Job::ok("slow", 300),
            Job::failing("broken", 100),
            Job::ok("slower", 500),
        ];
        let result = task_group::run_group(&jobs, &log).await;
        println!("the group returned {result:?}");
    })
}

fn demo_group_timeout(_: &()) -> anyhow::Result<()> {
    run(async {
        let log = Timeline::new();
        let jobs = [
            Job::ok("quick", 100),
            Job::ok("slow", 300),
            Job::ok("slower", 400),
        ];
        let limit = Duration::from_millis(200);
        let outcome = task_group::run_group_within(limit, &jobs, &log).await;
        println!("the group under a 200ms deadline: {outcome:?}");
        // The children stop when the runtime next gets to them: give it that turn.
        tokio::task::yield_now().await;
    })
}

fn demo_cancel_token(_: &()) -> anyhow::Result<()> {
    run(cancellation::stop_workers(
        Duration::from_millis(1000),
        &Timeline::new(),
    ))
}

fn demo_graceful_shutdown(_: &()) -> anyhow::Result<()> {
    run(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let log = Timeline::new();
        let stop = Stop::new();
        let config = Config {
            grace: Duration::from_millis(500),
            ..Config::default()
        };
        let server = tokio::spawn(service::serve(
            listener,
            config,
            stop.clone(),
            Log::Timeline(log.clone()),
        ));

        let mut idle = client(addr, "dave", "ping", &log).await?;
        let mut alice = client(addr, "alice", "work 300", &log).await?;
        let mut bob = client(addr, "bob", "work 900", &log).await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        log.say("main", "shutdown (as the first SIGTERM would)");
        stop.graceful.cancel();
        tokio::task::yield_now().await;
        match TcpStream::connect(addr).await {
            Ok(_) => log.say("erin", "connected during shutdown?!"),
            Err(error) => log.say("erin", format!("cannot connect: {}", error.kind())),
        }
        for (name, peer) in [
            ("dave", &mut idle),
            ("alice", &mut alice),
            ("bob", &mut bob),
        ] {
            while let Some(line) = peer.next_line().await? {
                log.say(name, format!("<- {line}"));
            }
        }
        let summary = server.await?;
        println!("{summary:?}");
        anyhow::Ok(())
    })?
}

type Lines = tokio::io::Lines<BufReader<TcpStream>>;

/// Connect, send one request, and read the first line of the answer.
async fn client(
    addr: SocketAddr,
    name: &str,
    request: &str,
    log: &Timeline,
) -> anyhow::Result<Lines> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(format!("{request}\n").as_bytes()).await?;
    log.say(name, format!("-> {request}"));
    let mut lines = BufReader::new(stream).lines();
    let first = lines.next_line().await?.unwrap_or_default();
    log.say(name, format!("<- {first}"));
    Ok(lines)
}

fn demo_primitives(_: &()) -> anyhow::Result<()> {
    run(async {
        println!("Lock: two read-modify-write updates, each holding the lock 100ms");
        let balance =
            primitives::locked_updates(Duration::from_millis(100), &Timeline::new()).await;
        println!("final balance {balance}\n");
        println!("Semaphore(2): five jobs of 300, 100, 250, 100, 100ms");
        primitives::two_at_a_time(&Timeline::new()).await;
        println!("\nBarrier(3): three workers load for 100, 300, 200ms");
        primitives::start_together(&Timeline::new()).await;
        println!("\nCondition as watch: wait until stock >= 3");
        primitives::wait_for_stock(&Timeline::new()).await;
    })
}

fn demo_lost_notification(_: &()) -> anyhow::Result<()> {
    run(async {
        let patience = Duration::from_millis(200);
        let lost = notify::notify_waiters_too_early(patience).await;
        println!("notify_waiters, then a late waiter:   {lost:?}");
        let kept = notify::notify_one_too_early(patience).await;
        println!("notify_one, then a late waiter:       {kept:?}");
        let (first, second) = notify::two_late_waiters_one_permit(patience).await;
        println!("notify_one twice, then two waiters:   {first:?}, {second:?}");
    })
}

fn demo_task_local(_: &()) -> anyhow::Result<()> {
    run(async {
        let log = Timeline::new();
        let pause = |ms| Duration::from_millis(ms);
        tokio::join!(
            task_local::handle(1, pause(200), log.clone()),
            task_local::handle(2, pause(100), log.clone()),
        );
        let (plain, handed) = task_local::children_see(7).await;
        println!("inside request 7: a plain spawned child sees {plain:?}, a handed one {handed:?}");
    })
}

fn demo_paused_clock(_: &()) -> anyhow::Result<()> {
    let real = std::time::Instant::now();
    let paused = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true) // what #[tokio::test(start_paused = true)] builds
        .build()?;
    let (outcome, on_tokio_clock) = paused.block_on(async {
        let (ours, _silent_peer) = tokio::io::duplex(64);
        let started = tokio::time::Instant::now();
        let outcome = testing::ask(ours, "PING", Duration::from_secs(2)).await;
        (outcome, started.elapsed())
    });
    println!("ask() on a silent peer: {outcome:?}");
    println!(
        "tokio's clock: {:.2}s went by",
        on_tokio_clock.as_secs_f64()
    );
    println!(
        "the wall clock: {}",
        course_kit::demo::human(real.elapsed())
    );
    Ok(())
}

fn demo_spans(_: &()) -> anyhow::Result<()> {
    let subscriber = spans::plain_subscriber(std::io::stdout);
    tracing::subscriber::with_default(subscriber, || {
        run(async {
            tokio::join!(
                spans::handle(1, "ada", Duration::from_millis(200)),
                spans::handle(2, "grace", Duration::from_millis(100)),
            );
        })
    })
}

fn demo_metrics(_: &()) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let show = |when: &str| {
        let now = metrics::snapshot(runtime.handle());
        let busy = course_kit::demo::human(now.busy[0]);
        println!(
            "{when:<34} alive tasks {:>2}, global queue {:>2}, busy {busy}",
            now.alive_tasks, now.global_queue_depth
        );
    };
    show("a new runtime:");
    // Spawned from this thread, which is not running the runtime: they queue up.
    let sleepers: Vec<_> = (0..10)
        .map(|_| runtime.spawn(async { tokio::time::sleep(Duration::from_millis(200)).await }))
        .collect();
    show("ten tasks spawned from outside:");
    runtime.block_on(tokio::task::yield_now());
    show("the runtime ran for a moment:");
    runtime.block_on(async {
        for task in sleepers {
            let _ = task.await;
        }
    });
    show("the ten have ended:");
    let blocker = runtime.spawn(async { std::thread::sleep(Duration::from_millis(300)) });
    runtime.block_on(blocker)?;
    show("a task blocked the thread 300ms:");
    Ok(())
}

fn demo_slow_poll(_: &()) -> anyhow::Result<()> {
    let subscriber = spans::plain_subscriber(std::io::stdout);
    tracing::subscriber::with_default(subscriber, || {
        run(async {
            let reports = Reports::default();
            let log = Timeline::new();
            let fetch_log = log.clone();
            let fetch = slow_poll::spawn_watched(
                "fetch",
                async move {
                    tokio::time::sleep(Duration::from_millis(300)).await; // waits: fine
                    fetch_log.say("fetch", "done");
                },
                &reports,
            );
            let report_log = log.clone();
            let report = slow_poll::spawn_watched(
                "report",
                async move {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    std::thread::sleep(Duration::from_millis(200)); // blocks: not fine
                    report_log.say("report", "done");
                },
                &reports,
            );
            let _ = tokio::join!(fetch, report);
            println!("slow polls: {}", reports.list().len());
        })
    })
}

fn demo_async_cleanup(_: &()) -> anyhow::Result<()> {
    use cleanup::Connection;
    let stop_at = Duration::from_millis(200);
    run(async {
        let log = Timeline::new();
        let main = |what: &str| log.say("main", what);
        let task = tokio::spawn(cleanup::explicit_close(Connection::open("explicit", &log)));
        tokio::time::sleep(stop_at).await;
        task.abort();
        let _ = task.await;
        main("aborted `explicit`, went on");

        let task = tokio::spawn(cleanup::close_on_drop(Connection::open("on_drop", &log)));
        tokio::time::sleep(stop_at).await;
        task.abort();
        let _ = task.await;
        main("aborted `on_drop`, went on");

        let stop = tokio_util::sync::CancellationToken::new();
        let conn = Connection::open("on_cancel", &log);
        let task = tokio::spawn(cleanup::close_on_cancel(conn, stop.clone()));
        tokio::time::sleep(stop_at).await;
        stop.cancel();
        task.await?;
        main("cancelled `on_cancel`, awaited it, went on");
        tokio::time::sleep(2 * cleanup::CLOSE_TIME).await;
        main("end: `explicit` never closed");
        anyhow::Ok(())
    })??;
    // The limit of a spawned cleanup: a runtime that ends right after the drop.
    let log = Timeline::new();
    run(async {
        let task = tokio::spawn(cleanup::close_on_drop(Connection::open("late", &log)));
        tokio::task::yield_now().await;
        task.abort();
        let _ = task.await;
        log.say("main", "aborted `late`, and the runtime shuts down now");
    })?;
    let closed = log.when("late", "closed properly").is_some();
    println!("after the runtime shut down, `late` closed properly: {closed}");
    Ok(())
}

fn demo_paused_real_io(_: &()) -> anyhow::Result<()> {
    let delay = Duration::from_millis(300);
    let limit = Duration::from_secs(10);
    for paused in [true, false] {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(paused)
            .build()?;
        let real = std::time::Instant::now();
        let peer = testing::slow_real_peer(delay).context("could not start the peer")?;
        let (answer, took) = runtime.block_on(async {
            let stream = TcpStream::connect(peer).await?;
            testing::read_line_within(stream, limit).await
        })?;
        let clock = if paused {
            "paused clock"
        } else {
            "real clock  "
        };
        println!(
            "{clock}: timeout(10s, read) gave {answer:?} after {:.2}s on tokio's clock, {} on the wall",
            took.as_secs_f64(),
            course_kit::demo::human(real.elapsed())
        );
    }
    println!("(the peer answers PONG 0.30s after it accepts)");
    Ok(())
}

fn demo_task_monitor(_: &()) -> anyhow::Result<()> {
    let threshold = Duration::from_millis(100);
    let metrics = run(slow_poll::monitored(threshold, async {
        tokio::time::sleep(Duration::from_millis(100)).await; // waits: fine
        std::thread::sleep(Duration::from_millis(200)); // blocks: not fine
    }))?;
    println!(
        "polls {}, slow (over {}) {}, slow poll time {}",
        metrics.total_poll_count,
        course_kit::demo::human(threshold),
        metrics.total_slow_poll_count,
        course_kit::demo::human(metrics.total_slow_poll_duration)
    );
    Ok(())
}

fn demo_block_in_place(_: &()) -> anyhow::Result<()> {
    let data = b"a buffer too big to clone".to_vec();
    let on_pool = run(blocking::checksum_on_pool(data.clone()))?;
    println!("spawn_blocking on a current-thread runtime: {on_pool:x}");
    let multi = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()?;
    let in_place = multi.block_on(async {
        tokio::spawn(async move { blocking::checksum_in_place(&data).await }).await
    })?;
    println!("block_in_place on a multi-thread runtime: {in_place:x}");
    // On a current-thread runtime it panics; catch it on a thread of its own, with
    // the panic message kept for printing instead of the default report.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::thread::spawn(|| run(blocking::checksum_in_place(b"data"))).join();
    std::panic::set_hook(previous);
    match outcome {
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            println!("block_in_place on a current-thread runtime panicked: {message:?}");
        }
        Ok(_) => println!("block_in_place on a current-thread runtime did not panic?!"),
    }
    Ok(())
}
