//! The chapter 5 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch05-event-loop` runs them all; `-- --list` names them;
//! `-- echo` runs one; `-- bench --scale 0.1` runs a tenth of the benchmark.

use std::net::SocketAddr;
use std::panic;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ch05_event_loop::block_on::{FromThread, block_on};
use ch05_event_loop::callbacks::{call_later, call_soon};
use ch05_event_loop::net::{TcpListener, TcpStream};
use ch05_event_loop::timer::thread_cpu_time;
use ch05_event_loop::{EventLoop, bench, echo, process, sleep, spawn, tokio_echo, yield_now};
use clap::Parser;
use course_kit::{Demo, DemoArgs, Stopwatch, Timeline};

/// Chapter 5: the event loop, built from scratch.
#[derive(Debug, Parser)]
struct Options {
    #[command(flatten)]
    demos: DemoArgs,

    /// `bench` only: the fraction of the full benchmark sizes to run (1 = 100,000
    /// tasks, ...). Defaults to 1 in a release build and 0.02 in a debug build.
    #[arg(long, value_name = "FRACTION", value_parser = parse_scale)]
    scale: Option<f64>,
}

fn parse_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(scale) if scale > 0.0 && scale <= 10.0 => Ok(scale),
        _ => Err(format!(
            "`{text}` is not a fraction between 0 (excluded) and 10"
        )),
    }
}

const DEMOS: &[Demo<Options>] = &[
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
        "bench",
        "this loop against tokio's current-thread runtime",
        demo_bench,
    ),
];

fn main() -> ExitCode {
    let options = Options::parse();
    course_kit::demo::run("Chapter 5: the event loop", DEMOS, &options.demos, &options)
}

// ANCHOR: demo_block_on
fn demo_block_on(_: &Options) -> anyhow::Result<()> {
    let timeline = Timeline::new();
    let worker = timeline.clone();
    let mut future = FromThread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        worker.say("worker", "done, calling the waker");
        42
    });
    timeline.say("main", "block_on: poll, then park until woken");
    let answer = block_on(&mut future);
    timeline.say(
        "main",
        format!("block_on returned {answer} after {} polls", future.polls),
    );
    Ok(())
}
// ANCHOR_END: demo_block_on

// ANCHOR: demo_tasks
fn demo_tasks(_: &Options) -> anyhow::Result<()> {
    let event_loop = EventLoop::new()?;
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
// ANCHOR_END: demo_tasks

// ANCHOR: demo_panic
fn demo_panic(_: &Options) -> anyhow::Result<()> {
    // Print panics in one line instead of Rust's default report with a hint
    // about backtraces; the loop's behaviour is the same either way.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let message = ch05_event_loop::task::panic_message(info.payload());
        println!("(panic hook) a task panicked: {message}");
    }));
    let event_loop = EventLoop::new()?;
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
    panic::set_hook(default_hook);
    println!("bad task:  {bad:?}");
    println!("good task: {good:?}");
    println!("the loop still runs: {}", event_loop.run(async { 1 + 1 }));
    Ok(())
}
// ANCHOR_END: demo_panic

// ANCHOR: demo_callbacks
fn demo_callbacks(_: &Options) -> anyhow::Result<()> {
    let event_loop = EventLoop::new()?;
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
// ANCHOR_END: demo_callbacks

// ANCHOR: demo_sleep
async fn say_after(delay: Duration, what: &str, clock: Stopwatch) {
    sleep(delay).await;
    clock.say(what);
}

fn demo_sleep(_: &Options) -> anyhow::Result<()> {
    let event_loop = EventLoop::new()?;
    event_loop.run(async {
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
// ANCHOR_END: demo_sleep

// ANCHOR: demo_idle
fn demo_idle(_: &Options) -> anyhow::Result<()> {
    let event_loop = EventLoop::new()?;
    let wait = Duration::from_millis(300);
    let (cpu, wall) = event_loop.run(async {
        let (cpu_before, start) = (thread_cpu_time()?, Instant::now());
        sleep(wait).await;
        anyhow::Ok((thread_cpu_time()? - cpu_before, start.elapsed()))
    })?;
    println!("waited {wall:.2?} for one timer; the loop's thread used {cpu:.2?} of CPU");
    println!("a spinning loop would have used all of it; this one slept in epoll_wait");
    Ok(())
}
// ANCHOR_END: demo_idle

// ANCHOR: demo_echo
fn demo_echo(_: &Options) -> anyhow::Result<()> {
    let event_loop = EventLoop::new()?;
    event_loop.run(async {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let addr = listener.local_addr()?;
        println!("serving on {addr}");
        let server = spawn(echo::serve(listener));
        let clients: Vec<_> = ["hello", "bonjour", "hallo"]
            .into_iter()
            .map(|word| spawn(async move { ask(addr, word).await }))
            .collect();
        for client in clients {
            println!("{}", client.await??);
        }
        drop(server); // detached: it ends with the loop
        anyhow::Ok(())
    })
}

/// One client: send a line, read the echo.
async fn ask(addr: SocketAddr, word: &str) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(addr)
        .await
        .with_context(|| format!("cannot connect to the echo server at {addr}"))?;
    let line = format!("{word}\n");
    stream.write_all(line.as_bytes()).await?;
    let mut reply = vec![0; line.len()];
    stream.read_exact(&mut reply).await?;
    Ok(format!(
        "sent {word:?}, got back {:?}",
        String::from_utf8_lossy(&reply).trim_end()
    ))
}
// ANCHOR_END: demo_echo

// ANCHOR: demo_subprocess
fn demo_subprocess(_: &Options) -> anyhow::Result<()> {
    let event_loop = EventLoop::new()?;
    let clock = Stopwatch::start();
    event_loop.run(async {
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
            let text = String::from_utf8_lossy(&chunk[..n]);
            for line in text.lines() {
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
// ANCHOR_END: demo_subprocess

// ANCHOR: demo_tokio_echo
fn demo_tokio_echo(_: &Options) -> anyhow::Result<()> {
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
// ANCHOR_END: demo_tokio_echo

// ANCHOR: demo_bench
fn demo_bench(options: &Options) -> anyhow::Result<()> {
    let release = !cfg!(debug_assertions);
    let scale = options.scale.unwrap_or(if release { 1.0 } else { 0.02 });
    let repeats = if release { 5 } else { 1 };
    let sizes = bench::Sizes::scaled(scale);
    println!(
        "{} build, sizes x{scale}, best of {repeats} runs each",
        if release {
            "release"
        } else {
            "debug (numbers mean little)"
        }
    );
    let rows = bench::run(sizes, repeats).context("a benchmark row failed")?;
    print!("{}", bench::table(&rows));
    Ok(())
}
// ANCHOR_END: demo_bench
