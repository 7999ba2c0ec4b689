//! The chapter 5 binary: every demo of the chapter, in order, and its servers.
//!
//! `cargo run -p ch05-event-loop` runs the demos; `-- --list` names them; `-- echo`
//! runs one. `-- serve echo` runs the echo server on its own until SIGINT, SIGTERM
//! or SIGHUP; `-- trace sleep` draws what the loop did as an SVG swimlane chart;
//! `-- bench --rows echo --repeat 3` runs part of the benchmark (`--workers 4`,
//! `--scaling --svg FILE` and `--json` for its multi-thread table and its figures).

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use ch05_event_loop::bench::{self, Plan, Runtime, Sizes, Workload};
use ch05_event_loop::bench_multi_thread as multi;
use ch05_event_loop::block_on::{FromThread, block_on};
use ch05_event_loop::callbacks::call_soon;
use ch05_event_loop::serve::{self, ServeOptions};
use ch05_event_loop::timer::{call_later, thread_cpu_time};
use ch05_event_loop::{
    EventLoop, echo, new_event_loop, process, sleep, spawn, swimlanes, tokio_echo, trace, yield_now,
};
use clap::Parser;
use course_kit::{Demo, DemoArgs, Stopwatch, Timeline};

/// Chapter 5: the event loop, built from scratch.
#[derive(Debug, Parser)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(flatten)]
    demos: DemoArgs,

    #[command(flatten)]
    bench: BenchArgs,

    #[command(subcommand)]
    command: Option<Sub>,
}

/// The options of the `bench` demo.
#[derive(Debug, clap::Args)]
struct BenchArgs {
    /// bench: the fraction of the full sizes to run (1 = 100,000 tasks, ...).
    /// Defaults to 1 in a release build and 0.02 in a debug build.
    #[arg(long, value_name = "FRACTION", value_parser = parse_scale)]
    scale: Option<f64>,

    /// bench: how many times to run each cell (the best time is kept).
    /// Defaults to 5 in a release build, 1 in a debug build.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    repeat: Option<u32>,

    /// bench: which rows, comma-separated: spawn,yields,sleeps,echo.
    #[arg(long, value_name = "ROWS", value_delimiter = ',', value_parser = parse_workload)]
    rows: Vec<Workload>,

    /// bench: which runtimes, comma-separated, from
    /// ours,before,tokio,smol,learner,asyncio,uvloop
    /// (default: all but `before` and `learner`).
    #[arg(long, value_name = "RUNTIMES", value_delimiter = ',', value_parser = parse_runtime)]
    runtimes: Vec<Runtime>,

    /// bench: add your own runtime from the exercises (needs `--features learner`).
    #[arg(long)]
    learner: bool,

    /// bench: count system calls per echo round trip with `strace -f -c`.
    #[arg(long)]
    syscalls: bool,

    /// bench: the multi-thread table's number of worker threads (default 2).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    workers: Option<u16>,

    /// bench: the multi-thread table for every number of workers from 1 to this
    /// machine's cores.
    #[arg(long, conflicts_with = "workers")]
    scaling: bool,

    /// bench: with --scaling, also draw time against workers (this runtime and
    /// tokio's) as an SVG chart in FILE.
    #[arg(long, value_name = "FILE", requires = "scaling")]
    svg: Option<PathBuf>,

    /// bench: which tables, comma-separated: single_thread,multi_thread (default both).
    #[arg(long, value_name = "TABLES", value_delimiter = ',', value_parser = ["single_thread", "multi_thread"])]
    tables: Vec<String>,

    /// bench: print every cell as one JSON object per line, instead of the tables:
    /// runtime, row, workers (1 in the single-thread table), best_ms,
    /// ratio_to_tokio, and calls_per_round_trip where counted.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Run one of the chapter's servers until SIGINT, SIGTERM or SIGHUP (a second one
    /// exits at once). The first line printed is `listening on ADDR`.
    Serve(ServeArgs),
    /// Run a demo with the loop's flight recorder on, and draw it as an SVG chart.
    Trace(TraceArgs),
    /// (internal) Run the echo row once, for `bench --syscalls` under strace.
    #[command(hide = true)]
    BenchWorker { args: Vec<String> },
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Which server: `echo` (on this chapter's loop) or `tokio_echo`.
    #[arg(value_enum)]
    server: Server,

    /// The address to listen on; port 0 lets the OS pick a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,

    /// Seconds a shutdown waits for open connections to finish.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=600))]
    grace_secs: u64,
}

/// The servers `serve` can run.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Server {
    /// The echo server on this chapter's own event loop.
    #[value(name = "echo")]
    Echo,
    /// The same echo server on tokio's current-thread runtime.
    #[value(name = "tokio_echo")]
    TokioEcho,
}

#[derive(Debug, clap::Args)]
struct TraceArgs {
    /// Which demo to trace: `sleep` or `echo`.
    #[arg(value_parser = ["sleep", "echo"])]
    demo: String,

    /// Where to write the SVG (default: trace-<demo>.svg).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(scale) if scale > 0.0 && scale <= 10.0 => Ok(scale),
        _ => Err(format!(
            "`{text}` is not a fraction between 0 (excluded) and 10"
        )),
    }
}

fn parse_workload(text: &str) -> Result<Workload, String> {
    Workload::parse(text).ok_or_else(|| format!("`{text}` is not one of spawn,yields,sleeps,echo"))
}

fn parse_runtime(text: &str) -> Result<Runtime, String> {
    Runtime::parse(text).ok_or_else(|| {
        format!("`{text}` is not one of ours,before,tokio,smol,learner,asyncio,uvloop")
    })
}

const DEMOS: &[Demo<BenchArgs>] = &[
    Demo::new(
        "block_on",
        "one future, a thread-parking waker",
        demo_block_on,
    ),
    Demo::new("tasks", "spawn, a ready queue, JoinHandles", demo_tasks),
    Demo::new(
        "panic",
        "a task that panics does not take the loop down",
        demo_panic,
    ),
    Demo::new(
        "callbacks",
        "call_soon (FIFO) and call_later (by deadline)",
        demo_callbacks,
    ),
    Demo::new(
        "sleep",
        "say_after on the timer heap: 2 s, not 3",
        demo_sleep,
    ),
    Demo::new(
        "idle",
        "an idle loop sleeps in the OS, using no CPU",
        demo_idle,
    ),
    Demo::new("echo", "an echo server and clients on our loop", demo_echo),
    Demo::new(
        "subprocess",
        "a child process awaited on the loop",
        demo_subprocess,
    ),
    Demo::new(
        "tokio_echo",
        "the same echo server on tokio",
        demo_tokio_echo,
    ),
    Demo::new(
        "many_threads",
        "a task stolen by another worker: why spawn needs Send",
        demo_many_threads,
    ),
    Demo::new(
        "bench",
        "this loop against tokio, smol and Python",
        demo_bench,
    ),
];

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        // Nothing but the JSON lines on stdout (no demo heading), for a script to read.
        None if cli.bench.json => {
            course_kit::demo::quiet_on_closed_pipe();
            if cli.demos.list || cli.demos.demos != ["bench"] {
                Err(anyhow::anyhow!(
                    "--json is an option of the bench demo alone: `-- bench --json`"
                ))
            } else {
                demo_bench(&cli.bench)
            }
        }
        None => {
            let chapter = "Chapter 5: the event loop";
            return course_kit::demo::run(chapter, DEMOS, &cli.demos, &cli.bench);
        }
        Some(Sub::Serve(args)) => {
            let options = ServeOptions {
                addr: args.addr,
                grace: Duration::from_secs(args.grace_secs),
            };
            match args.server {
                Server::Echo => serve::serve_echo(&options),
                Server::TokioEcho => serve::serve_tokio_echo(&options),
            }
        }
        Some(Sub::Trace(args)) => trace_demo(args),
        Some(Sub::BenchWorker { args }) => bench::worker(args).map_err(anyhow::Error::msg),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // stderr may be closed too: never panic on the way out.
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn demo_block_on(_: &BenchArgs) -> anyhow::Result<()> {
    let timeline = Timeline::new();
    let worker = timeline.clone();
    let mut future = FromThread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        worker.say("worker", "done, calling the waker");
        42
    });
    timeline.say("main", "block_on: poll, then park until woken");
    let answer = block_on(&mut future);
    let polls = future.polls;
    timeline.say(
        "main",
        format!("block_on returned {answer} after {polls} polls"),
    );
    Ok(())
}

fn demo_tasks(_: &BenchArgs) -> anyhow::Result<()> {
    let event_loop = EventLoop::new();
    let results = event_loop.run(async {
        let handles: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|name| {
                spawn(async move {
                    for step in 1..=3 {
                        println!("task {name}: step {step}");
                        yield_now().await; // back of the ready queue
                    }
                    format!("{name} done")
                })
            })
            .collect();
        println!("main: spawned 3 tasks; none has run yet");
        let mut results = Vec::new();
        for handle in handles {
            results.push(handle.await?);
        }
        anyhow::Ok(results)
    })?;
    println!("main: joined {results:?}");
    Ok(())
}

fn demo_panic(_: &BenchArgs) -> anyhow::Result<()> {
    // Print panics in one line instead of Rust's default report with a hint
    // about backtraces; the loop's behaviour is the same either way.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let message = ch05_event_loop::event_loop::panic_message(info.payload());
        println!("(panic hook) a task panicked: {message}");
    }));
    let event_loop = EventLoop::new();
    let (bad, good) = event_loop.run(async {
        let bad = spawn(async {
            yield_now().await;
            panic!("division by zero");
        });
        let good = spawn(async {
            for _ in 0..3 {
                yield_now().await;
            }
            "the other task finished"
        });
        (bad.await, good.await)
    });
    std::panic::set_hook(default_hook);
    println!("bad task:  {bad:?}");
    println!("good task: {good:?}");
    println!("the loop still runs: {}", event_loop.run(async { 1 + 1 }));
    Ok(())
}

fn demo_callbacks(_: &BenchArgs) -> anyhow::Result<()> {
    let event_loop = new_event_loop()?;
    let timeline = Timeline::new();
    event_loop.run(async {
        for (delay, what) in [
            (300, "later 0.3 s"),
            (100, "later 0.1 s"),
            (200, "later 0.2 s"),
        ] {
            let timeline = timeline.clone();
            call_later(Duration::from_millis(delay), move || {
                timeline.say("callback", what)
            });
        }
        for what in ["soon 1", "soon 2"] {
            let timeline = timeline.clone();
            call_soon(move || timeline.say("callback", what));
        }
        timeline.say("main", "scheduled 3 call_later and 2 call_soon");
        sleep(Duration::from_millis(400)).await;
    });
    Ok(())
}

async fn say_after(delay: Duration, what: &str, clock: Stopwatch) {
    sleep(delay).await;
    clock.say(what);
}

fn demo_sleep(_: &BenchArgs) -> anyhow::Result<()> {
    new_event_loop()?.run(async {
        let clock = Stopwatch::start();
        clock.say("started");
        let hello = spawn(say_after(Duration::from_secs(1), "hello", clock));
        let world = spawn(say_after(Duration::from_secs(2), "world", clock));
        hello.await?;
        world.await?;
        clock.say("finished");
        anyhow::Ok(())
    })
}

fn demo_idle(_: &BenchArgs) -> anyhow::Result<()> {
    let wait = Duration::from_millis(300);
    let (cpu, wall) = new_event_loop()?.run(async {
        let (cpu_before, start) = (thread_cpu_time(), Instant::now());
        sleep(wait).await;
        let cpu = thread_cpu_time().and_then(|after| Ok(after - cpu_before?));
        (cpu, start.elapsed())
    });
    match cpu {
        Ok(cpu) => {
            println!("waited {wall:.2?} for one timer; the loop's thread used {cpu:.2?} of CPU")
        }
        Err(why) => println!("waited {wall:.2?} for one timer ({why})"),
    }
    println!("a spinning loop would have used all of it; this one slept in epoll_wait");
    Ok(())
}

fn demo_echo(_: &BenchArgs) -> anyhow::Result<()> {
    // The loop is dropped when this function returns, and with it the server
    // task and its listening socket: nothing of the demo outlives it.
    new_event_loop()?.run(async {
        let listener =
            ch05_event_loop::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let addr = listener.local_addr()?;
        println!("serving on {addr}");
        ch05_event_loop::spawn_detached(echo::serve(listener));
        let clients: Vec<_> = ["hello", "bonjour", "hallo"]
            .into_iter()
            .map(|word| spawn(async move { echo::ask(addr, word).await }))
            .collect();
        for client in clients {
            let (sent, got) = client.await??;
            println!("sent {sent:?}, got back {got:?}");
        }
        anyhow::Ok(())
    })
}

fn demo_subprocess(_: &BenchArgs) -> anyhow::Result<()> {
    let clock = Stopwatch::start();
    new_event_loop()?.run(async {
        let script = "echo first line; sleep 0.5; echo second line";
        let mut child =
            process::spawn(Command::new("sh").args(["-c", script])).context("cannot start `sh`")?;
        clock.say("started the child");

        // While we wait for the child, the loop is free to run other tasks.
        let waiting = Arc::new(AtomicBool::new(true));
        let ticker = spawn({
            let waiting = Arc::clone(&waiting);
            async move {
                while waiting.load(Ordering::Relaxed) {
                    sleep(Duration::from_millis(200)).await;
                    clock.say("ticker: the loop is not blocked");
                }
            }
        });

        let mut stdout = child.stdout.take().context("stdout was piped")?;
        let mut chunk = [0; 256];
        loop {
            let n = stdout.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            for line in String::from_utf8_lossy(&chunk[..n]).lines() {
                clock.say(format!("child says: {line}"));
            }
        }
        let status = child.wait().await?;
        waiting.store(false, Ordering::Relaxed);
        clock.say(format!("child exited: {status}"));
        ticker.await?;
        anyhow::Ok(())
    })
}

fn demo_tokio_echo(_: &BenchArgs) -> anyhow::Result<()> {
    tokio_echo::runtime()?.block_on(async {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        println!("serving on {addr} (tokio)");
        tokio::spawn(tokio_echo::serve(listener));
        for word in ["hello", "bonjour", "hallo"] {
            tokio_echo::client(addr, format!("{word}\n").as_bytes(), 1).await?;
            println!("sent {word:?}, got back {word:?}");
        }
        anyhow::Ok(())
    })
}

fn demo_many_threads(_: &BenchArgs) -> anyhow::Result<()> {
    // Two workers; the demo blocks each of them once, on purpose.
    let runtime = ch05_event_loop::multi_thread::Runtime::new(2)?;
    let ((before, after), log) =
        runtime.block_on(ch05_event_loop::multi_thread::moves_between_workers());
    for line in log {
        println!("{line}");
    }
    println!(
        "task T was polled on worker {before}, then on worker {after}: it moved to another \
         thread at its .await. So whatever a task holds across an .await must be Send."
    );
    Ok(())
}

fn demo_bench(args: &BenchArgs) -> anyhow::Result<()> {
    let release = !cfg!(debug_assertions);
    let scale = args.scale.unwrap_or(if release { 1.0 } else { 0.02 });
    let repeats = args
        .repeat
        .map_or(if release { 5 } else { 1 }, |n| n as usize);
    let workloads = if args.rows.is_empty() {
        Workload::ALL.to_vec()
    } else {
        args.rows.clone()
    };
    let mut runtimes = if args.runtimes.is_empty() {
        let all = [
            Runtime::Ours,
            Runtime::Tokio,
            Runtime::Smol,
            Runtime::Asyncio,
            Runtime::Uvloop,
        ];
        all.to_vec()
    } else {
        args.runtimes.clone()
    };
    if args.learner || runtimes.contains(&Runtime::Learner) {
        if !cfg!(feature = "learner") {
            bail!(
                "your runtime's column needs the exercises built in: run \
                 `cargo run --release -p ch05-event-loop --features learner -- bench --learner`"
            );
        }
        if !runtimes.contains(&Runtime::Learner) {
            runtimes.insert(1, Runtime::Learner);
        }
    }
    if !args.json {
        println!(
            "{} build, sizes x{scale}",
            if release {
                "release"
            } else {
                "debug (numbers mean little)"
            }
        );
    }
    let wants = |table: &str| args.tables.is_empty() || args.tables.iter().any(|t| t == table);
    let plan = Plan {
        workloads,
        runtimes,
        sizes: Sizes::scaled(scale),
        repeats,
        syscalls: args.syscalls,
    };
    if wants("single_thread") {
        let table = bench::run(plan.clone());
        print!(
            "{}",
            if args.json {
                table.json_lines()
            } else {
                table.render()
            }
        );
    }
    if wants("multi_thread") {
        let counts = multi::worker_counts(args.scaling, args.workers.map(usize::from));
        // Without the single-thread table, the first table says what each row does.
        let mut describe_rows = !wants("single_thread");
        let tables = multi::run_each(&plan, &counts, |table| {
            let text = if args.json {
                table.json_lines()
            } else {
                format!("\n{}", table.render(std::mem::take(&mut describe_rows)))
            };
            print!("{text}");
        });
        if let Some(svg) = &args.svg {
            std::fs::write(svg, multi::scaling_chart(&tables))
                .with_context(|| format!("cannot write {}", svg.display()))?;
            if !args.json {
                println!("\nscaling chart written to {}", svg.display());
            }
        }
    }
    Ok(())
}

fn trace_demo(args: &TraceArgs) -> anyhow::Result<()> {
    let event_loop = new_event_loop()?;
    let (outcome, events) = trace::recording(|| match args.demo.as_str() {
        "sleep" => event_loop.run(async {
            let clock = Stopwatch::start();
            let hello = spawn(say_after(Duration::from_millis(100), "hello", clock));
            let world = spawn(say_after(Duration::from_millis(200), "world", clock));
            hello.await?;
            world.await?;
            anyhow::Ok(())
        }),
        _ => event_loop.run(async {
            let listener =
                ch05_event_loop::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
            let addr = listener.local_addr()?;
            ch05_event_loop::spawn_detached(echo::serve(listener));
            let clients: Vec<_> = ["hello", "bonjour"]
                .into_iter()
                .map(|word| spawn(async move { echo::ask(addr, word).await }))
                .collect();
            for client in clients {
                client.await??;
            }
            anyhow::Ok(())
        }),
    });
    outcome?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| format!("trace-{}.svg", args.demo).into());
    let title = format!("cargo run -p ch05-event-loop -- trace {}", args.demo);
    std::fs::write(&out, swimlanes::render(&title, &events))
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "{} events recorded; chart written to {}",
        events.len(),
        out.display()
    );
    Ok(())
}
