//! Harness: the benchmark, the same work on every runtime.
//!
//! Four rows: spawning and finishing 100,000 tasks; 1,000,000 wake-ups (1,000
//! tasks yielding 1,000 times each); 10,000 concurrent sleeps of 1 to 10 ms; 100
//! TCP clients doing 1,000 echo round trips of 64 bytes each over loopback, client
//! and server on the same loop. Each row is timed from inside the running loop, so
//! building the runtime is left out, and the best of a few runs is kept, which
//! filters out a busy moment of the machine.
//!
//! The columns: this chapter's loop (and, on request, the loop before "Making it
//! fast"), tokio's current-thread runtime, smol (`async-executor`'s
//! `LocalExecutor` on `async-io`), the learner's own loop from the exercises (built
//! with `--features learner`), and Python's asyncio and uvloop when `python3` (and
//! uvloop) are there. `--syscalls` also counts the system calls per echo round trip
//! of each runtime with `strace -f -c`.

use std::fmt::Write as _;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::bench_multi_thread as multi;
use crate::net::TcpListener;
use crate::{echo, reactor, spawn, timer, tokio_echo, yield_now};

/// A piece of work, run the same way on every runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    Spawn,
    Yields,
    Sleeps,
    Echo,
}

impl Workload {
    pub const ALL: [Workload; 4] = [
        Workload::Spawn,
        Workload::Yields,
        Workload::Sleeps,
        Workload::Echo,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Workload::Spawn => "spawn",
            Workload::Yields => "yields",
            Workload::Sleeps => "sleeps",
            Workload::Echo => "echo",
        }
    }

    pub fn parse(name: &str) -> Option<Workload> {
        Self::ALL
            .into_iter()
            .find(|workload| workload.name() == name)
    }
}

/// Who runs the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// This chapter's loop.
    Ours,
    /// This chapter's loop without the readiness cache ("before" making it fast).
    Before,
    Tokio,
    Smol,
    /// The learner's loop from the exercise track.
    Learner,
    Asyncio,
    Uvloop,
}

impl Runtime {
    pub const ALL: [Runtime; 7] = [
        Runtime::Ours,
        Runtime::Before,
        Runtime::Tokio,
        Runtime::Smol,
        Runtime::Learner,
        Runtime::Asyncio,
        Runtime::Uvloop,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Runtime::Ours => "ours",
            Runtime::Before => "before",
            Runtime::Tokio => "tokio",
            Runtime::Smol => "smol",
            Runtime::Learner => "learner",
            Runtime::Asyncio => "asyncio",
            Runtime::Uvloop => "uvloop",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Runtime::Ours => "this loop",
            Runtime::Before => "this loop, before",
            Runtime::Tokio => "tokio current-thread",
            Runtime::Smol => "smol LocalExecutor",
            Runtime::Learner => "your loop (exercises)",
            Runtime::Asyncio => "python asyncio",
            Runtime::Uvloop => "python uvloop",
        }
    }

    pub fn parse(name: &str) -> Option<Runtime> {
        Self::ALL.into_iter().find(|runtime| runtime.name() == name)
    }

    fn is_python(self) -> bool {
        matches!(self, Runtime::Asyncio | Runtime::Uvloop)
    }
}

/// How big each row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub tasks: usize,
    pub yield_tasks: usize,
    pub yields_per_task: usize,
    pub sleeps: usize,
    pub clients: usize,
    pub round_trips: usize,
}

impl Sizes {
    /// The sizes the chapter reports.
    pub const FULL: Sizes = Sizes {
        tasks: 100_000,
        yield_tasks: 1_000,
        yields_per_task: 1_000,
        sleeps: 10_000,
        clients: 100,
        round_trips: 1_000,
    };

    /// `FULL` with every count but the number of tasks and clients multiplied by
    /// `factor` (at least one of each), for a quick run.
    pub fn scaled(factor: f64) -> Sizes {
        let scale = |n: usize| ((n as f64 * factor).round() as usize).max(1);
        Sizes {
            tasks: scale(Self::FULL.tasks),
            yield_tasks: Self::FULL.yield_tasks,
            yields_per_task: scale(Self::FULL.yields_per_task),
            sleeps: scale(Self::FULL.sleeps),
            clients: Self::FULL.clients,
            round_trips: scale(Self::FULL.round_trips),
        }
    }

    /// What a row does, in words.
    pub fn describe(&self, workload: Workload) -> String {
        match workload {
            Workload::Spawn => format!("spawn and finish {} tasks", thousands(self.tasks)),
            Workload::Yields => format!(
                "{} wake-ups: {} tasks x {} yields",
                thousands(self.yield_tasks * self.yields_per_task),
                thousands(self.yield_tasks),
                thousands(self.yields_per_task)
            ),
            Workload::Sleeps => format!("{} concurrent sleeps of 1-10 ms", thousands(self.sleeps)),
            Workload::Echo => format!(
                "{} clients x {} echo round trips of 64 B",
                self.clients,
                thousands(self.round_trips)
            ),
        }
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Plan {
    pub workloads: Vec<Workload>,
    pub runtimes: Vec<Runtime>,
    pub sizes: Sizes,
    pub repeats: usize,
    /// Count system calls per echo round trip with strace.
    pub syscalls: bool,
}

/// One cell of the table: a time, or why there is none.
pub type Cell = Result<Duration, String>;

/// The measured table: `cells[runtime][workload]`, plus the system-call counts.
pub struct Table {
    pub plan: Plan,
    pub cells: Vec<Vec<Cell>>,
    pub syscalls: Vec<Option<Result<f64, String>>>,
}

/// Run the plan: every workload on every runtime, best of `repeats`.
pub fn run(plan: Plan) -> Table {
    let wants_python = plan.runtimes.iter().any(|runtime| runtime.is_python());
    let python = if wants_python { Python::find() } else { None };
    let cells = plan
        .runtimes
        .iter()
        .map(|&runtime| {
            plan.workloads
                .iter()
                .map(|&workload| {
                    best_of(plan.repeats, || {
                        measure(runtime, workload, plan.sizes, python.as_ref())
                    })
                })
                .collect()
        })
        .collect();
    let syscalls = plan
        .runtimes
        .iter()
        .map(|&runtime| {
            plan.syscalls
                .then(|| syscalls_per_round_trip(runtime, python.as_ref()))
        })
        .collect();
    Table {
        plan,
        cells,
        syscalls,
    }
}

pub(crate) fn best_of(repeats: usize, mut measure: impl FnMut() -> Cell) -> Cell {
    let mut best = Duration::MAX;
    for _ in 0..repeats.max(1) {
        best = best.min(measure()?);
    }
    Ok(best)
}

/// Time one workload once on one runtime.
pub fn measure(
    runtime: Runtime,
    workload: Workload,
    sizes: Sizes,
    python: Option<&Python>,
) -> Cell {
    let failed = |error: io::Error| format!("failed: {error}");
    match runtime {
        Runtime::Ours => ours(reactor::new_event_loop(), workload, sizes).map_err(failed),
        Runtime::Before => ours(
            reactor::new_event_loop_without_readiness_cache(),
            workload,
            sizes,
        )
        .map_err(failed),
        Runtime::Tokio => tokio_row(workload, sizes).map_err(failed),
        Runtime::Smol => smol_row(workload, sizes).map_err(failed),
        Runtime::Learner => learner_row(workload, sizes),
        Runtime::Asyncio | Runtime::Uvloop => match python {
            Some(python) => python.measure(runtime, workload, sizes, 1),
            None => Err("no python3".into()),
        },
    }
}

// ---- this chapter's loop ----------------------------------------------------

fn ours(
    event_loop: io::Result<crate::EventLoop>,
    workload: Workload,
    sizes: Sizes,
) -> io::Result<Duration> {
    let event_loop = event_loop?;
    match workload {
        Workload::Spawn => event_loop.run(async {
            let start = Instant::now();
            let handles: Vec<_> = (0..sizes.tasks).map(|i| spawn(async move { i })).collect();
            for handle in handles {
                handle.await.map_err(io::Error::other)?;
            }
            Ok(start.elapsed())
        }),
        Workload::Yields => event_loop.run(async {
            let start = Instant::now();
            let handles: Vec<_> = (0..sizes.yield_tasks)
                .map(|_| {
                    spawn(async move {
                        for _ in 0..sizes.yields_per_task {
                            yield_now().await;
                        }
                    })
                })
                .collect();
            for handle in handles {
                handle.await.map_err(io::Error::other)?;
            }
            Ok(start.elapsed())
        }),
        Workload::Sleeps => event_loop.run(async {
            let start = Instant::now();
            let handles: Vec<_> = (0..sizes.sleeps)
                .map(|i| spawn(timer::sleep(sleep_length(i))))
                .collect();
            for handle in handles {
                handle.await.map_err(io::Error::other)?;
            }
            Ok(start.elapsed())
        }),
        Workload::Echo => event_loop.run(async {
            let listener = TcpListener::bind(loopback())?;
            let addr = listener.local_addr()?;
            crate::spawn_detached(echo::serve(listener));
            let start = Instant::now();
            let handles: Vec<_> = (0..sizes.clients)
                .map(|_| spawn(echo::client(addr, &MESSAGE, sizes.round_trips)))
                .collect();
            for handle in handles {
                handle.await.map_err(io::Error::other)??;
            }
            Ok(start.elapsed())
        }),
    }
}

/// 63 bytes and a newline: one line, so that the exercise track's line server (which
/// answers a line once its newline has come) echoes it as the byte echo servers do.
pub(crate) const MESSAGE: [u8; 64] =
    *b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n";

pub(crate) fn sleep_length(i: usize) -> Duration {
    Duration::from_millis(1 + i as u64 % 10)
}

pub(crate) fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

// ---- tokio --------------------------------------------------------------------

fn tokio_row(workload: Workload, sizes: Sizes) -> io::Result<Duration> {
    tokio_rows(&tokio_echo::runtime()?, workload, sizes)
}

/// The four rows on a tokio runtime: the current-thread one here, the
/// multi-thread one in the multi-thread table.
pub(crate) fn tokio_rows(
    runtime: &tokio::runtime::Runtime,
    workload: Workload,
    sizes: Sizes,
) -> io::Result<Duration> {
    runtime.block_on(async {
        let start = Instant::now();
        match workload {
            Workload::Spawn => {
                let handles: Vec<_> = (0..sizes.tasks)
                    .map(|i| tokio::spawn(async move { i }))
                    .collect();
                for handle in handles {
                    handle.await?;
                }
            }
            Workload::Yields => {
                let handles: Vec<_> = (0..sizes.yield_tasks)
                    .map(|_| {
                        tokio::spawn(async move {
                            for _ in 0..sizes.yields_per_task {
                                tokio::task::yield_now().await;
                            }
                        })
                    })
                    .collect();
                for handle in handles {
                    handle.await?;
                }
            }
            Workload::Sleeps => {
                let handles: Vec<_> = (0..sizes.sleeps)
                    .map(|i| tokio::spawn(tokio::time::sleep(sleep_length(i))))
                    .collect();
                for handle in handles {
                    handle.await?;
                }
            }
            Workload::Echo => {
                let listener = tokio::net::TcpListener::bind(loopback()).await?;
                let addr = listener.local_addr()?;
                let server = tokio::spawn(tokio_echo::serve(listener));
                let start = Instant::now();
                let handles: Vec<_> = (0..sizes.clients)
                    .map(|_| tokio::spawn(tokio_echo::client(addr, &MESSAGE, sizes.round_trips)))
                    .collect();
                for handle in handles {
                    handle.await??;
                }
                server.abort();
                return Ok(start.elapsed());
            }
        }
        Ok(start.elapsed())
    })
}

// ---- smol ---------------------------------------------------------------------

fn smol_row(workload: Workload, sizes: Sizes) -> io::Result<Duration> {
    use async_io::{Async, Timer};
    use futures_lite::{AsyncReadExt, AsyncWriteExt};

    let executor = Rc::new(async_executor::LocalExecutor::new());
    let ex = Rc::clone(&executor);
    async_io::block_on(executor.run(async move {
        let start = Instant::now();
        match workload {
            Workload::Spawn => {
                let tasks: Vec<_> = (0..sizes.tasks)
                    .map(|i| ex.spawn(async move { i }))
                    .collect();
                for task in tasks {
                    task.await;
                }
            }
            Workload::Yields => {
                let tasks: Vec<_> = (0..sizes.yield_tasks)
                    .map(|_| {
                        ex.spawn(async move {
                            for _ in 0..sizes.yields_per_task {
                                futures_lite::future::yield_now().await;
                            }
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await;
                }
            }
            Workload::Sleeps => {
                let tasks: Vec<_> = (0..sizes.sleeps)
                    .map(|i| ex.spawn(Timer::after(sleep_length(i))))
                    .collect();
                for task in tasks {
                    task.await;
                }
            }
            Workload::Echo => {
                let listener = Async::<std::net::TcpListener>::bind(loopback())?;
                let addr = listener.get_ref().local_addr()?;
                let server_ex = Rc::clone(&ex);
                let server = ex.spawn(async move {
                    loop {
                        let Ok((mut stream, _)) = listener.accept().await else {
                            continue;
                        };
                        server_ex
                            .spawn(async move {
                                stream.get_ref().set_nodelay(true)?;
                                let mut buf = [0; 4096];
                                loop {
                                    let n = stream.read(&mut buf).await?;
                                    if n == 0 {
                                        return io::Result::Ok(());
                                    }
                                    stream.write_all(&buf[..n]).await?;
                                }
                            })
                            .detach();
                    }
                });
                let start = Instant::now();
                let clients: Vec<_> = (0..sizes.clients)
                    .map(|_| {
                        ex.spawn(async move {
                            let mut stream = Async::<std::net::TcpStream>::connect(addr).await?;
                            stream.get_ref().set_nodelay(true)?;
                            let mut reply = [0; 64];
                            for _ in 0..sizes.round_trips {
                                stream.write_all(&MESSAGE).await?;
                                stream.read_exact(&mut reply).await?;
                            }
                            io::Result::Ok(())
                        })
                    })
                    .collect();
                for client in clients {
                    client.await?;
                }
                drop(server);
                return Ok(start.elapsed());
            }
        }
        Ok(start.elapsed())
    }))
}

// ---- the learner's loop ---------------------------------------------------------

#[cfg(feature = "learner")]
fn learner_row(workload: Workload, sizes: Sizes) -> Cell {
    use ex05_echo_server as yours;
    // An unsolved step panics with `todo!()`: say so in the cell, not with a trace
    // (the default hook would print one per row; keep the message for the note).
    let message = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let theirs = std::sync::Arc::clone(&message);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut message) = theirs.lock() {
            *message = crate::event_loop::panic_message(info.payload());
        }
    }));
    let outcome = std::panic::catch_unwind(move || -> io::Result<Duration> {
        let event_loop = yours::new_event_loop()?;
        event_loop.run(async move {
            let start = Instant::now();
            match workload {
                Workload::Spawn => {
                    let handles: Vec<_> = (0..sizes.tasks)
                        .map(|i| yours::spawn(async move { i }))
                        .collect();
                    for handle in handles {
                        handle.await;
                    }
                }
                Workload::Yields => {
                    let handles: Vec<_> = (0..sizes.yield_tasks)
                        .map(|_| {
                            yours::spawn(async move {
                                for _ in 0..sizes.yields_per_task {
                                    yours::yield_now().await;
                                }
                            })
                        })
                        .collect();
                    for handle in handles {
                        handle.await;
                    }
                }
                Workload::Sleeps => {
                    let handles: Vec<_> = (0..sizes.sleeps)
                        .map(|i| yours::spawn(yours::sleep(sleep_length(i))))
                        .collect();
                    for handle in handles {
                        handle.await;
                    }
                }
                Workload::Echo => {
                    let listener = yours::TcpListener::bind(loopback())?;
                    let addr = listener.local_addr()?;
                    yours::spawn(yours::serve(listener));
                    let start = Instant::now();
                    let handles: Vec<_> = (0..sizes.clients)
                        .map(|_| {
                            yours::spawn(async move {
                                let mut stream = yours::TcpStream::connect(addr).await?;
                                let mut reply = [0; 64];
                                for _ in 0..sizes.round_trips {
                                    stream.write_all(&MESSAGE).await?;
                                    stream.read_exact(&mut reply).await?;
                                }
                                io::Result::Ok(())
                            })
                        })
                        .collect();
                    for handle in handles {
                        handle.await?;
                    }
                    return Ok(start.elapsed());
                }
            }
            Ok(start.elapsed())
        })
    });
    std::panic::set_hook(default_hook);
    match outcome {
        Ok(Ok(took)) => Ok(took),
        Ok(Err(error)) => Err(format!("your loop failed: {error}")),
        Err(_) => Err(format!(
            "your loop panicked ({}): is every step of the exercises solved?",
            message.lock().map(|text| text.clone()).unwrap_or_default()
        )),
    }
}

#[cfg(not(feature = "learner"))]
fn learner_row(_: Workload, _: Sizes) -> Cell {
    Err("build with --features learner".into())
}

// ---- Python -------------------------------------------------------------------

/// The Python benchmark script, carried inside the binary so that the binary can
/// run anywhere `python3` is.
const PYTHON_BENCH: &str = include_str!("../../../book/src/05-event-loop/python/bench.py");

/// A `python3` that can run the benchmark script.
pub struct Python {
    script: PathBuf,
    pub(crate) has_uvloop: bool,
}

impl Python {
    /// `None` when there is no `python3` (or the script cannot be written).
    pub fn find() -> Option<Python> {
        let ran = Command::new("python3")
            .args(["-c", "import asyncio"])
            .output()
            .ok()?;
        if !ran.status.success() {
            return None;
        }
        let script = std::env::temp_dir().join(format!("ch05-bench-{}.py", std::process::id()));
        std::fs::write(&script, PYTHON_BENCH).ok()?;
        let has_uvloop = Command::new("python3")
            .args(["-c", "import uvloop"])
            .output()
            .is_ok_and(|ran| ran.status.success());
        Some(Python { script, has_uvloop })
    }

    /// The script's command line for one row; `processes` above 1 runs the echo row
    /// as one process per worker (the multi-thread table).
    pub(crate) fn command(
        &self,
        runtime: Runtime,
        workload: Workload,
        sizes: Sizes,
        processes: usize,
    ) -> Command {
        let mut command = Command::new("python3");
        command
            .arg(&self.script)
            .args(["--loop", runtime.name(), "--rows", workload.name()])
            .args(["--processes", &processes.to_string()])
            .args(["--tasks", &sizes.tasks.to_string()])
            .args(["--yield-tasks", &sizes.yield_tasks.to_string()])
            .args(["--yields", &sizes.yields_per_task.to_string()])
            .args(["--sleeps", &sizes.sleeps.to_string()])
            .args(["--clients", &sizes.clients.to_string()])
            .args(["--rounds", &sizes.round_trips.to_string()]);
        command
    }

    pub(crate) fn measure(
        &self,
        runtime: Runtime,
        workload: Workload,
        sizes: Sizes,
        processes: usize,
    ) -> Cell {
        if runtime == Runtime::Uvloop && !self.has_uvloop {
            return Err("no uvloop".into());
        }
        let ran = self
            .command(runtime, workload, sizes, processes)
            .output()
            .map_err(|error| format!("python3: {error}"))?;
        let stdout = String::from_utf8_lossy(&ran.stdout);
        // The script prints `<row> <milliseconds>`.
        stdout
            .lines()
            .find_map(|line| {
                line.strip_prefix(workload.name())?
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
            .map(|ms| Duration::from_secs_f64(ms / 1e3))
            .ok_or_else(|| {
                format!(
                    "python3 failed: {}",
                    String::from_utf8_lossy(&ran.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                )
            })
    }
}

impl Drop for Python {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.script);
    }
}

// ---- system calls per round trip ---------------------------------------------

/// The echo row's system calls per round trip, counted by `strace -f -c` on a
/// child process that runs only that row: once with R round trips, once with 2R,
/// and the difference divided by the extra round trips, so that starting the
/// process and the runtime is left out.
fn syscalls_per_round_trip(runtime: Runtime, python: Option<&Python>) -> Result<f64, String> {
    calls_per_round_trip(|sizes| {
        if runtime.is_python() {
            let python = python.ok_or("no python3")?;
            if runtime == Runtime::Uvloop && !python.has_uvloop {
                return Err("no uvloop".into());
            }
            Ok(python.command(runtime, Workload::Echo, sizes, 1))
        } else {
            let mut command = bench_worker()?;
            command.arg(runtime.name());
            command.args([sizes.clients.to_string(), sizes.round_trips.to_string()]);
            Ok(command)
        }
    })
}

/// Count the system calls of the command `echo_row` builds for given sizes (an echo
/// row alone) with R round trips, then 2R, and divide the difference by the extra
/// round trips.
pub(crate) fn calls_per_round_trip(
    echo_row: impl Fn(Sizes) -> Result<Command, String>,
) -> Result<f64, String> {
    let (clients, rounds) = (20, 500);
    let count = |rounds: usize| -> Result<u64, String> {
        let sizes = Sizes {
            clients,
            round_trips: rounds,
            ..Sizes::FULL
        };
        strace_calls(&mut echo_row(sizes)?)
    };
    let (once, twice) = (count(rounds)?, count(2 * rounds)?);
    Ok(twice.saturating_sub(once) as f64 / (clients * rounds) as f64)
}

/// This binary's `bench-worker` subcommand, to which the caller adds its arguments.
pub(crate) fn bench_worker() -> Result<Command, String> {
    let mut command = Command::new(std::env::current_exe().map_err(|e| e.to_string())?);
    command.arg("bench-worker");
    Ok(command)
}

/// Run `command` under `strace -f -c` and return the total number of calls.
fn strace_calls(command: &mut Command) -> Result<u64, String> {
    let out = std::env::temp_dir().join(format!("ch05-strace-{}.txt", std::process::id()));
    let mut traced = Command::new("strace");
    traced.args(["-f", "-c", "-o"]).arg(&out);
    traced.arg(command.get_program()).args(command.get_args());
    let ran = traced
        .output()
        .map_err(|_| "no strace (install it to count)".to_string())?;
    let summary = std::fs::read_to_string(&out).map_err(|error| error.to_string());
    let _ = std::fs::remove_file(&out);
    if !ran.status.success() {
        return Err("strace failed (ptrace not allowed here?)".into());
    }
    // The last line: `100.00  0.001  0  1466  106 total`; calls is the 4th field.
    summary?
        .lines()
        .rev()
        .find(|line| line.trim_end().ends_with("total"))
        .and_then(|line| line.split_whitespace().nth(3)?.parse().ok())
        .ok_or_else(|| "strace printed no total".into())
}

/// `bench-worker <runtime> <clients> <rounds> [workers]`: run the echo row once, for
/// strace; with `workers`, on a runtime of the multi-thread table.
pub fn worker(args: &[String]) -> Result<(), String> {
    let usage = "usage: bench-worker <runtime> <clients> <rounds> [workers]";
    let number = |text: &str| text.parse::<usize>().map_err(|error| error.to_string());
    let (runtime, clients, rounds, workers) = match args {
        [runtime, clients, rounds] => (runtime, clients, rounds, None),
        [runtime, clients, rounds, workers] => (runtime, clients, rounds, Some(number(workers)?)),
        _ => return Err(usage.into()),
    };
    let sizes = Sizes {
        clients: number(clients)?,
        round_trips: number(rounds)?,
        ..Sizes::FULL
    };
    match workers {
        None => {
            let runtime = Runtime::parse(runtime).ok_or("unknown runtime")?;
            measure(runtime, Workload::Echo, sizes, None).map(drop)
        }
        Some(workers) => {
            let runtime = multi::Runtime::parse(runtime).ok_or("unknown runtime")?;
            multi::measure(runtime, Workload::Echo, sizes, workers.max(1), None).map(drop)
        }
    }
}

// ---- the table ------------------------------------------------------------------

/// `100000` as `100,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl Table {
    /// The table as printed: one line per runtime, one column per workload, each
    /// cell a time and its ratio to tokio's (below 1: faster than tokio).
    pub fn render(&self) -> String {
        let plan = &self.plan;
        let mut out = describe_rows(&plan.workloads, plan.sizes);
        let _ = writeln!(
            out,
            "best of {} run(s) each; the ratio is to tokio's time on the same row\n",
            plan.repeats
        );
        let labels: Vec<String> = plan.runtimes.iter().map(|r| r.label().into()).collect();
        let tokio = plan.runtimes.iter().position(|&r| r == Runtime::Tokio);
        out.push_str(&render_grid(
            &labels,
            &plan.workloads,
            &self.cells,
            plan.syscalls.then_some(&self.syscalls[..]),
            tokio,
        ));
        out
    }

    /// Every cell as one JSON object per line (`bench --json`).
    pub fn json_lines(&self) -> String {
        let plan = &self.plan;
        let names: Vec<&str> = plan.runtimes.iter().map(|r| r.name()).collect();
        let tokio = plan.runtimes.iter().position(|&r| r == Runtime::Tokio);
        grid_json(
            &names,
            &plan.workloads,
            1,
            &self.cells,
            &self.syscalls,
            tokio,
        )
    }
}

/// What each row does, one line each.
pub(crate) fn describe_rows(workloads: &[Workload], sizes: Sizes) -> String {
    let mut out = String::new();
    for workload in workloads {
        let _ = writeln!(out, "{:>7}: {}", workload.name(), sizes.describe(*workload));
    }
    out
}

/// The grid both tables print: a header line, one line per runtime (`labels`), one
/// column per workload, each cell a time and its ratio to the runtime at `tokio`,
/// the calls per round trip when counted, then a note for each skipped cell.
pub(crate) fn render_grid(
    labels: &[String],
    workloads: &[Workload],
    cells: &[Vec<Cell>],
    syscalls: Option<&[Option<Result<f64, String>>]>,
    tokio: Option<usize>,
) -> String {
    let mut out = String::new();
    let width = labels.iter().map(String::len).max().unwrap_or(0).max(22);
    let _ = write!(out, "{:width$}", "runtime");
    for workload in workloads {
        let _ = write!(out, " {:>15}", workload.name());
    }
    if syscalls.is_some() {
        let _ = write!(out, " {:>10}", "calls/RT");
    }
    out.push('\n');
    let mut notes = Vec::new();
    for (r, label) in labels.iter().enumerate() {
        let _ = write!(out, "{label:width$}");
        for (w, cell) in cells[r].iter().enumerate() {
            let text = match (cell, ratio(cell, tokio.map(|t| &cells[t][w]))) {
                (Ok(took), Some(ratio)) => {
                    format!("{} {ratio:.2}x", course_kit::demo::human(*took))
                }
                (Ok(took), None) => course_kit::demo::human(*took),
                (Err(why), _) => {
                    if !notes.contains(why) {
                        notes.push(why.clone());
                    }
                    "-".to_string()
                }
            };
            let _ = write!(out, " {text:>15}");
        }
        match syscalls.map(|counts| &counts[r]) {
            Some(Some(Ok(calls))) => {
                let _ = write!(out, " {calls:>10.2}");
            }
            Some(Some(Err(why))) => {
                let _ = write!(out, " {:>10}", "-");
                if !notes.contains(why) {
                    notes.push(why.clone());
                }
            }
            _ => {}
        }
        out.push('\n');
    }
    for note in notes {
        let _ = writeln!(out, "- skipped: {note}");
    }
    out
}

/// A cell's time over tokio's on the same row, when both have one.
fn ratio(cell: &Cell, tokio: Option<&Cell>) -> Option<f64> {
    match (cell, tokio?) {
        (Ok(took), Ok(theirs)) => Some(took.as_secs_f64() / theirs.as_secs_f64().max(1e-9)),
        _ => None,
    }
}

/// The JSON lines of a grid: one object per cell, `names` the runtimes' names.
pub(crate) fn grid_json(
    names: &[&str],
    workloads: &[Workload],
    workers: usize,
    cells: &[Vec<Cell>],
    syscalls: &[Option<Result<f64, String>>],
    tokio: Option<usize>,
) -> String {
    let mut out = String::new();
    for (r, name) in names.iter().enumerate() {
        for (w, workload) in workloads.iter().enumerate() {
            let cell = &cells[r][w];
            let _ = write!(
                out,
                "{{\"runtime\":{},\"row\":{},\"workers\":{workers}",
                json_string(name),
                json_string(workload.name())
            );
            match cell {
                Ok(took) => {
                    let _ = write!(
                        out,
                        ",\"best_ms\":{}",
                        json_number(took.as_secs_f64() * 1e3)
                    );
                }
                Err(_) => out.push_str(",\"best_ms\":null"),
            }
            let ratio = ratio(cell, tokio.map(|t| &cells[t][w]));
            let _ = write!(
                out,
                ",\"ratio_to_tokio\":{}",
                ratio.map_or("null".into(), json_number)
            );
            if let (Workload::Echo, Some(Some(counted))) = (workload, syscalls.get(r)) {
                match counted {
                    Ok(calls) => {
                        let _ = write!(out, ",\"calls_per_round_trip\":{}", json_number(*calls));
                    }
                    Err(why) => {
                        let _ = write!(out, ",\"calls_not_counted\":{}", json_string(why));
                    }
                }
            }
            if let Err(why) = cell {
                let _ = write!(out, ",\"skipped\":{}", json_string(why));
            }
            out.push_str("}\n");
        }
    }
    out
}

/// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
pub fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number for JSON: three decimals (a microsecond, for milliseconds); JSON has
/// no NaN or infinity, so those are `null`.
fn json_number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "null".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Sizes {
        Sizes {
            clients: 3,
            ..Sizes::scaled(0.001)
        }
    }

    #[test]
    fn a_tiny_run_fills_every_row_on_the_rust_runtimes() {
        let plan = Plan {
            workloads: Workload::ALL.to_vec(),
            runtimes: vec![
                Runtime::Ours,
                Runtime::Before,
                Runtime::Tokio,
                Runtime::Smol,
            ],
            sizes: tiny(),
            repeats: 1,
            syscalls: false,
        };
        let table = run(plan);
        for (r, row) in table.cells.iter().enumerate() {
            for cell in row {
                assert!(cell.is_ok(), "runtime {r}: {cell:?}");
            }
        }
        let text = table.render();
        assert!(text.contains("this loop"), "{text}");
    }

    #[test]
    fn json_lines_are_one_object_per_cell_with_every_field() {
        let plan = Plan {
            workloads: vec![Workload::Spawn, Workload::Echo],
            runtimes: vec![Runtime::Ours, Runtime::Tokio, Runtime::Asyncio],
            sizes: tiny(),
            repeats: 1,
            syscalls: true,
        };
        let ms = Duration::from_millis;
        let table = Table {
            plan,
            cells: vec![
                vec![Ok(ms(3)), Ok(ms(10))],
                vec![Ok(ms(4)), Ok(ms(8))],
                vec![Err("no \"python3\"\\\n".into()), Err("no python3".into())],
            ],
            syscalls: vec![Some(Ok(5.1)), Some(Ok(5.1)), Some(Err("no strace".into()))],
        };
        let text = table.json_lines();
        let objects: Vec<Vec<(String, Json)>> = text
            .lines()
            .map(|line| parse_object(line).unwrap_or_else(|| panic!("not JSON: {line}")))
            .collect();
        assert_eq!(objects.len(), 6, "{text}");
        let field = |object: &[(String, Json)], key: &str| {
            object
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, value)| value.clone())
        };
        for object in &objects {
            for key in ["runtime", "row", "workers", "best_ms", "ratio_to_tokio"] {
                assert!(field(object, key).is_some(), "no {key}: {object:?}");
            }
            assert_eq!(field(object, "workers"), Some(Json::Number(1.0)));
        }
        let ours_echo = &objects[1];
        assert_eq!(field(ours_echo, "runtime"), Some(Json::Text("ours".into())));
        assert_eq!(field(ours_echo, "row"), Some(Json::Text("echo".into())));
        assert_eq!(field(ours_echo, "best_ms"), Some(Json::Number(10.0)));
        assert_eq!(field(ours_echo, "ratio_to_tokio"), Some(Json::Number(1.25)));
        assert_eq!(
            field(ours_echo, "calls_per_round_trip"),
            Some(Json::Number(5.1))
        );
        // Calls per round trip only on the echo row, where they are counted.
        assert_eq!(field(&objects[0], "calls_per_round_trip"), None);
        let skipped = &objects[4];
        assert_eq!(field(skipped, "best_ms"), Some(Json::Null));
        assert_eq!(field(skipped, "ratio_to_tokio"), Some(Json::Null));
        // Quotes, backslashes and newlines survive the escaping.
        assert_eq!(
            field(skipped, "skipped"),
            Some(Json::Text("no \"python3\"\\\n".into()))
        );
    }

    /// A JSON value of the flat objects `json_lines` writes.
    #[derive(Debug, Clone, PartialEq)]
    enum Json {
        Text(String),
        Number(f64),
        Null,
    }

    /// A small parser for one flat JSON object: string keys; string, number or
    /// null values. `None` for anything else, or anything malformed.
    fn parse_object(line: &str) -> Option<Vec<(String, Json)>> {
        let mut chars = line.chars().peekable();
        let mut fields = Vec::new();
        let string = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
            (chars.next()? == '"').then_some(())?;
            let mut out = String::new();
            loop {
                match chars.next()? {
                    '"' => return Some(out),
                    '\\' => match chars.next()? {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'u' => {
                            let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                            out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                        }
                        c @ ('"' | '\\' | '/') => out.push(c),
                        _ => return None,
                    },
                    c if u32::from(c) < 0x20 => return None,
                    c => out.push(c),
                }
            }
        };
        (chars.next()? == '{').then_some(())?;
        loop {
            let key = string(&mut chars)?;
            (chars.next()? == ':').then_some(())?;
            let value = match chars.peek()? {
                '"' => Json::Text(string(&mut chars)?),
                _ => {
                    let mut word = String::new();
                    while let Some(&c) = chars.peek() {
                        if c == ',' || c == '}' {
                            break;
                        }
                        word.push(c);
                        chars.next();
                    }
                    if word == "null" {
                        Json::Null
                    } else {
                        Json::Number(word.parse().ok()?)
                    }
                }
            };
            fields.push((key, value));
            match chars.next()? {
                ',' => continue,
                '}' => return chars.next().is_none().then_some(fields),
                _ => return None,
            }
        }
    }

    #[test]
    fn the_full_sizes_are_the_issues() {
        let full = Sizes::FULL;
        assert_eq!(full.tasks, 100_000);
        assert_eq!(full.yield_tasks * full.yields_per_task, 1_000_000);
        assert_eq!(
            (full.sleeps, full.clients, full.round_trips),
            (10_000, 100, 1_000)
        );
    }

    #[test]
    fn thousands_are_grouped_by_three() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(10_000), "10,000");
    }

    #[test]
    fn names_parse_back() {
        for runtime in Runtime::ALL {
            assert_eq!(Runtime::parse(runtime.name()), Some(runtime));
        }
        for workload in Workload::ALL {
            assert_eq!(Workload::parse(workload.name()), Some(workload));
        }
    }
}
