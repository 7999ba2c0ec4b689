//! Harness: the benchmark's multi-thread table, the same four rows on N workers.
//!
//! The rows and their sizes are [`bench`](crate::bench)'s; what changes is who runs
//! them: this chapter's work-stealing runtime ([`multi_thread`](crate::multi_thread)),
//! tokio's multi-thread runtime with as many worker threads, smol's `Executor` run
//! on N threads (on `async-io`), the learner's multi-thread runtime from step 7 of
//! the exercises (with `--features learner`), and, for the echo row, Python the way
//! Python uses many cores: one asyncio (or uvloop) process per worker, every one
//! listening on the same port with `SO_REUSEPORT`, so the kernel shares the
//! connections out among them. The ratio is to tokio's multi-thread runtime. In
//! every Rust column the rows are driven from the thread that called `block_on`,
//! which is not one of the N workers, as `#[tokio::main]`'s body is.

use std::fmt::Write as _;
use std::future::Future;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::bench::{self, Cell, Python, Sizes, Workload, best_of, loopback, sleep_length};
use crate::multi_thread::{self, spawn};
use crate::net::TcpListener;
use crate::scaling_chart::{ScalingPoint, scaling_svg};
use crate::{echo, yield_now};

/// Who runs the work, on N workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// This chapter's multi-thread runtime.
    Ours,
    Tokio,
    Smol,
    /// The learner's multi-thread runtime from step 7 of the exercises.
    Learner,
    /// One asyncio process per worker (echo row only).
    Asyncio,
    /// One uvloop process per worker (echo row only).
    Uvloop,
}

impl Runtime {
    pub const ALL: [Runtime; 6] = [
        Runtime::Ours,
        Runtime::Tokio,
        Runtime::Smol,
        Runtime::Learner,
        Runtime::Asyncio,
        Runtime::Uvloop,
    ];

    /// The multi-thread column of a single-thread column (`--runtimes` picks both);
    /// the loop before "Making it fast" has none.
    pub fn of(single: bench::Runtime) -> Option<Runtime> {
        match single {
            bench::Runtime::Ours => Some(Runtime::Ours),
            bench::Runtime::Before => None,
            bench::Runtime::Tokio => Some(Runtime::Tokio),
            bench::Runtime::Smol => Some(Runtime::Smol),
            bench::Runtime::Learner => Some(Runtime::Learner),
            bench::Runtime::Asyncio => Some(Runtime::Asyncio),
            bench::Runtime::Uvloop => Some(Runtime::Uvloop),
        }
    }

    /// The name in `bench --json` and `bench-worker`: not the single-thread
    /// table's, so that a cell with one worker says which table it is from.
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Ours => "ours_multi_thread",
            Runtime::Tokio => "tokio_multi_thread",
            Runtime::Smol => "smol_executor",
            Runtime::Learner => "learner_multi_thread",
            Runtime::Asyncio => "asyncio_processes",
            Runtime::Uvloop => "uvloop_processes",
        }
    }

    fn label(self, workers: usize) -> String {
        match self {
            Runtime::Ours => "this runtime".into(),
            Runtime::Tokio => "tokio multi_thread".into(),
            Runtime::Smol => "smol Executor".into(),
            Runtime::Learner => "your runtime (step 7)".into(),
            Runtime::Asyncio => format!("python asyncio x{workers} proc"),
            Runtime::Uvloop => format!("python uvloop x{workers} proc"),
        }
    }

    pub fn parse(name: &str) -> Option<Runtime> {
        Self::ALL.into_iter().find(|runtime| runtime.name() == name)
    }

    fn python(self) -> Option<bench::Runtime> {
        match self {
            Runtime::Asyncio => Some(bench::Runtime::Asyncio),
            Runtime::Uvloop => Some(bench::Runtime::Uvloop),
            _ => None,
        }
    }
}

/// What to run, on how many workers.
#[derive(Debug, Clone)]
pub struct Plan {
    pub workloads: Vec<Workload>,
    pub runtimes: Vec<Runtime>,
    pub sizes: Sizes,
    pub repeats: usize,
    pub workers: usize,
    /// Count system calls per echo round trip with strace.
    pub syscalls: bool,
}

/// The measured table: `cells[runtime][workload]`, plus the system-call counts.
pub struct Table {
    pub plan: Plan,
    pub cells: Vec<Vec<Cell>>,
    pub syscalls: Vec<Option<Result<f64, String>>>,
}

/// Run the plan: every workload on every runtime, best of `repeats`.
pub fn run(plan: Plan) -> Table {
    let wants_python = plan
        .runtimes
        .iter()
        .any(|runtime| runtime.python().is_some());
    let python = if wants_python { Python::find() } else { None };
    let cells = plan
        .runtimes
        .iter()
        .map(|&runtime| {
            plan.workloads
                .iter()
                .map(|&workload| {
                    best_of(plan.repeats, || {
                        measure(runtime, workload, plan.sizes, plan.workers, python.as_ref())
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
                .then(|| syscalls_per_round_trip(runtime, plan.workers, python.as_ref()))
        })
        .collect();
    Table {
        plan,
        cells,
        syscalls,
    }
}

/// The worker counts to run: `workers` (default 2), or with `scaling` every count
/// from 1 to this machine's cores (at least 2, so a line has two points).
pub fn worker_counts(scaling: bool, workers: Option<usize>) -> Vec<usize> {
    if scaling {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        (1..=cores.max(2)).collect()
    } else {
        vec![workers.unwrap_or(2).max(1)]
    }
}

/// The multi-thread tables of the single-thread `plan` (its rows, sizes, repeats,
/// and the runtimes that have a multi-thread column), one per worker count; `each`
/// sees every table as soon as it is measured.
pub fn run_each(plan: &bench::Plan, counts: &[usize], mut each: impl FnMut(&Table)) -> Vec<Table> {
    let runtimes: Vec<Runtime> = plan
        .runtimes
        .iter()
        .filter_map(|&r| Runtime::of(r))
        .collect();
    counts
        .iter()
        .map(|&workers| {
            let table = run(Plan {
                workloads: plan.workloads.clone(),
                runtimes: runtimes.clone(),
                sizes: plan.sizes,
                repeats: plan.repeats,
                workers,
                syscalls: plan.syscalls,
            });
            each(&table);
            table
        })
        .collect()
}

/// The scaling chart (SVG) of these tables: time against workers, for this
/// chapter's runtime and tokio's, one line per row.
pub fn scaling_chart(tables: &[Table]) -> String {
    let points: Vec<ScalingPoint<'_>> = tables
        .iter()
        .flat_map(Table::points)
        .filter(|(runtime, ..)| matches!(runtime, Runtime::Ours | Runtime::Tokio))
        .map(|(runtime, workload, workers, ms)| ScalingPoint {
            runtime: if runtime == Runtime::Ours {
                "this runtime"
            } else {
                "tokio multi_thread"
            },
            row: workload.name(),
            workers,
            ms,
        })
        .collect();
    scaling_svg(&points)
}

/// Time one workload once on one runtime with `workers` workers.
pub fn measure(
    runtime: Runtime,
    workload: Workload,
    sizes: Sizes,
    workers: usize,
    python: Option<&Python>,
) -> Cell {
    let failed = |error: io::Error| format!("failed: {error}");
    match runtime {
        Runtime::Ours => ours(workload, sizes, workers).map_err(failed),
        Runtime::Tokio => tokio_row(workload, sizes, workers).map_err(failed),
        Runtime::Smol => smol_row(workload, sizes, workers).map_err(failed),
        Runtime::Learner => learner_row(workload, sizes, workers),
        Runtime::Asyncio | Runtime::Uvloop => {
            let single = runtime.python().expect("a python runtime");
            match python {
                _ if workload != Workload::Echo => {
                    Err("python on many cores (a process per worker): the echo row only".into())
                }
                Some(python) => python.measure(single, workload, sizes, workers),
                None => Err("no python3".into()),
            }
        }
    }
}

/// The echo row's system calls per round trip, counted as the single-thread table
/// counts them (strace on a child that runs only that row).
fn syscalls_per_round_trip(
    runtime: Runtime,
    workers: usize,
    python: Option<&Python>,
) -> Result<f64, String> {
    bench::calls_per_round_trip(|sizes| match runtime.python() {
        Some(single) => {
            let python = python.ok_or("no python3")?;
            if single == bench::Runtime::Uvloop && !python.has_uvloop {
                return Err("no uvloop".into());
            }
            Ok(python.command(single, Workload::Echo, sizes, workers))
        }
        None => {
            let mut command = bench::bench_worker()?;
            command.arg(runtime.name());
            command.args([sizes.clients, sizes.round_trips, workers].map(|n| n.to_string()));
            Ok(command)
        }
    })
}

// ---- this chapter's multi-thread runtime ----------------------------------------

fn ours(workload: Workload, sizes: Sizes, workers: usize) -> io::Result<Duration> {
    let runtime = multi_thread::Runtime::new(workers)?;
    runtime.block_on(async {
        let start = Instant::now();
        match workload {
            Workload::Spawn => {
                let handles: Vec<_> = (0..sizes.tasks).map(|i| spawn(async move { i })).collect();
                for handle in handles {
                    handle.await.map_err(io::Error::other)?;
                }
            }
            Workload::Yields => {
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
            }
            Workload::Sleeps => {
                let handles: Vec<_> = (0..sizes.sleeps)
                    .map(|i| spawn(crate::sleep(sleep_length(i))))
                    .collect();
                for handle in handles {
                    handle.await.map_err(io::Error::other)?;
                }
            }
            Workload::Echo => {
                let listener = TcpListener::bind(loopback())?;
                let addr = listener.local_addr()?;
                // The server's task is dropped with the runtime, and its
                // connections' tasks with it.
                drop(spawn(serve(listener)));
                let start = Instant::now();
                let handles: Vec<_> = (0..sizes.clients)
                    .map(|_| spawn(echo::client(addr, &bench::MESSAGE, sizes.round_trips)))
                    .collect();
                for handle in handles {
                    handle.await.map_err(io::Error::other)??;
                }
                return Ok(start.elapsed());
            }
        }
        Ok(start.elapsed())
    })
}

/// [`echo::serve`] on the multi-thread runtime: each connection a task that any
/// worker may run.
async fn serve(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => drop(spawn(echo::echo(stream))),
            Err(_) => crate::sleep(Duration::from_millis(10)).await,
        }
    }
}

// ---- tokio ----------------------------------------------------------------------

fn tokio_row(workload: Workload, sizes: Sizes, workers: usize) -> io::Result<Duration> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()?;
    bench::tokio_rows(&runtime, workload, sizes)
}

// ---- smol -----------------------------------------------------------------------

/// smol's multi-thread recipe: one `Executor`, and N threads that each run it
/// until told to stop (smol's own examples use a channel for the stop; this is
/// the same thing without one more crate).
struct SmolPool {
    executor: Arc<async_executor::Executor<'static>>,
    stop: Arc<Stop>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl SmolPool {
    fn new(workers: usize) -> io::Result<SmolPool> {
        let executor = Arc::new(async_executor::Executor::new());
        let stop = Arc::new(Stop::default());
        let threads = (0..workers)
            .map(|i| {
                let (executor, stop) = (Arc::clone(&executor), Arc::clone(&stop));
                std::thread::Builder::new()
                    .name(format!("smol-{i}"))
                    .spawn(move || async_io::block_on(executor.run(stop.wait())))
            })
            .collect::<io::Result<_>>()?;
        Ok(SmolPool {
            executor,
            stop,
            threads,
        })
    }
}

impl Drop for SmolPool {
    fn drop(&mut self) {
        self.stop.set();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// A flag that futures can wait for.
#[derive(Default)]
struct Stop {
    stopped: AtomicBool,
    wakers: Mutex<Vec<Waker>>,
}

impl Stop {
    fn set(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        let wakers = std::mem::take(&mut *self.wakers.lock().unwrap_or_else(|e| e.into_inner()));
        wakers.into_iter().for_each(Waker::wake);
    }

    fn wait(&self) -> impl Future<Output = ()> + '_ {
        std::future::poll_fn(|cx: &mut Context<'_>| {
            if self.stopped.load(Ordering::SeqCst) {
                return Poll::Ready(());
            }
            let mut wakers = self.wakers.lock().unwrap_or_else(|e| e.into_inner());
            if !wakers.iter().any(|waker| waker.will_wake(cx.waker())) {
                wakers.push(cx.waker().clone());
            }
            // `set` may have run between the load and the lock: look again.
            if self.stopped.load(Ordering::SeqCst) {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
    }
}

fn smol_row(workload: Workload, sizes: Sizes, workers: usize) -> io::Result<Duration> {
    use async_io::{Async, Timer};
    use futures_lite::{AsyncReadExt, AsyncWriteExt};

    let pool = SmolPool::new(workers)?;
    let ex = &pool.executor;
    // The calling thread only waits, as `block_on` does in the other columns.
    async_io::block_on(async {
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
                let server_ex = Arc::clone(ex);
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
                                stream.write_all(&bench::MESSAGE).await?;
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
    })
}

// ---- the learner's multi-thread runtime ----------------------------------------------

#[cfg(feature = "learner")]
fn learner_row(workload: Workload, sizes: Sizes, workers: usize) -> Cell {
    use ex05_multi_thread as yours;
    guarded(move || {
        let runtime = yours::Runtime::new(workers)?;
        runtime.block_on(async move {
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
                    drop(yours::spawn(async move {
                        while let Ok((mut stream, _)) = listener.accept().await {
                            drop(yours::spawn(async move {
                                let mut buf = [0; 4096];
                                loop {
                                    let n = stream.read(&mut buf).await?;
                                    if n == 0 {
                                        return io::Result::Ok(());
                                    }
                                    stream.write_all(&buf[..n]).await?;
                                }
                            }));
                        }
                    }));
                    let start = Instant::now();
                    let handles: Vec<_> = (0..sizes.clients)
                        .map(|_| {
                            yours::spawn(async move {
                                let mut stream = yours::TcpStream::connect(addr).await?;
                                let mut reply = [0; 64];
                                for _ in 0..sizes.round_trips {
                                    stream.write_all(&bench::MESSAGE).await?;
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
    })
}

/// Why the learner's column gave up, once it has: every later cell says the same
/// at once instead of waiting again for a runtime that hangs.
#[cfg(feature = "learner")]
static GAVE_UP: Mutex<Option<String>> = Mutex::new(None);

/// The first panic raised in the learner's code since the last cell began, and
/// when: its message goes in the table's note.
#[cfg(feature = "learner")]
static LEARNER_PANIC: Mutex<Option<(String, Instant)>> = Mutex::new(None);

#[cfg(feature = "learner")]
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// From the first learner cell on, a panic raised in the exercises' code is kept
/// for the note instead of printed: an unfinished step 7 panics on its worker
/// threads too, some of them after the cell has given up, and a trace for each
/// would bury the table. Any other panic is printed as before.
#[cfg(feature = "learner")]
fn keep_the_learners_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let theirs = info.location().is_some_and(|at| {
                at.file()
                    .replace('\\', "/")
                    .contains("exercises/05-event-loop/")
            });
            if theirs {
                let text = crate::event_loop::panic_message(info.payload());
                lock(&LEARNER_PANIC).get_or_insert((text, Instant::now()));
            } else {
                previous(info);
            }
        }));
    });
}

/// Run `measure` (the learner's runtime at work) on a thread of its own, so that a
/// runtime that is not finished yet gives a cell that says so instead of a panic
/// trace or a bench that never ends: a `todo!()` panics on a worker thread, and a
/// lost wake-up leaves `block_on` waiting for ever.
#[cfg(feature = "learner")]
fn guarded(measure: impl FnOnce() -> io::Result<Duration> + Send + 'static) -> Cell {
    /// More than a slow but working runtime needs for one full-size row.
    const LIMIT: Duration = Duration::from_secs(120);
    /// How long to wait for the result once the learner's code has panicked.
    const AFTER_A_PANIC: Duration = Duration::from_secs(1);
    if let Some(why) = lock(&GAVE_UP).clone() {
        return Err(why);
    }
    keep_the_learners_panics();
    *lock(&LEARNER_PANIC) = None;
    let (sender, receiver) = std::sync::mpsc::channel();
    let started = std::thread::Builder::new()
        .name("your-runtime".into())
        .spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(measure));
            let _ = sender.send(outcome.map_err(drop));
        });
    let start = Instant::now();
    let outcome = match started {
        Err(error) => Some(Ok(Err(error))),
        Ok(_) => loop {
            match receiver.recv_timeout(Duration::from_millis(50)) {
                Ok(outcome) => break Some(outcome),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break Some(Err(())),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
            let panicked_long_ago = lock(&LEARNER_PANIC)
                .as_ref()
                .is_some_and(|(_, when)| when.elapsed() > AFTER_A_PANIC);
            if panicked_long_ago || start.elapsed() > LIMIT {
                break None;
            }
        },
    };
    let panicked = lock(&LEARNER_PANIC).as_ref().map(|(text, _)| text.clone());
    let why = match (outcome, panicked) {
        (Some(Ok(Ok(took))), None) => return Ok(took),
        (Some(Ok(Err(error))), None) => return Err(format!("your runtime failed: {error}")),
        (_, Some(text)) => {
            format!("your multi-thread runtime panicked ({text}): is step 7 (multi_thread) solved?")
        }
        (None, None) => format!(
            "your multi-thread runtime did not finish a row in {} s: a lost wake-up, or a \
             worker that never runs what it is given? (`cargo course check multi_thread`)",
            LIMIT.as_secs()
        ),
        (Some(Err(())), None) => "your multi-thread runtime panicked".into(),
    };
    *lock(&GAVE_UP) = Some(why.clone());
    Err(why)
}

#[cfg(not(feature = "learner"))]
fn learner_row(_: Workload, _: Sizes, _: usize) -> Cell {
    Err("build with --features learner".into())
}

// ---- the table --------------------------------------------------------------------

impl Table {
    /// The table as printed, under a line that says how many workers (and what
    /// each row does, when `describe_rows`: the single-thread table says it too).
    pub fn render(&self, describe_rows: bool) -> String {
        let plan = &self.plan;
        let mut out = if describe_rows {
            bench::describe_rows(&plan.workloads, plan.sizes)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "multi-thread: {} worker(s); best of {} run(s) each; the ratio is to tokio \
             multi_thread's time on the same row\n\n",
            plan.workers, plan.repeats
        );
        let labels: Vec<String> = plan
            .runtimes
            .iter()
            .map(|runtime| runtime.label(plan.workers))
            .collect();
        let tokio = plan.runtimes.iter().position(|&r| r == Runtime::Tokio);
        out.push_str(&bench::render_grid(
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
        bench::grid_json(
            &names,
            &plan.workloads,
            plan.workers,
            &self.cells,
            &self.syscalls,
            tokio,
        )
    }

    /// The scaling chart's points: one per runtime, row and measured cell.
    pub fn points(&self) -> Vec<(Runtime, Workload, usize, f64)> {
        let plan = &self.plan;
        let mut points = Vec::new();
        for (r, runtime) in plan.runtimes.iter().enumerate() {
            for (w, workload) in plan.workloads.iter().enumerate() {
                if let Ok(took) = self.cells[r][w] {
                    points.push((*runtime, *workload, plan.workers, took.as_secs_f64() * 1e3));
                }
            }
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_run_on_two_workers_fills_every_row_on_the_rust_runtimes() {
        let plan = Plan {
            workloads: Workload::ALL.to_vec(),
            runtimes: vec![Runtime::Ours, Runtime::Tokio, Runtime::Smol],
            sizes: Sizes {
                clients: 3,
                ..Sizes::scaled(0.001)
            },
            repeats: 1,
            workers: 2,
            syscalls: false,
        };
        let table = run(plan);
        for (r, row) in table.cells.iter().enumerate() {
            for cell in row {
                assert!(cell.is_ok(), "runtime {r}: {cell:?}");
            }
        }
        let text = table.render(false);
        assert!(text.contains("2 worker(s)"), "{text}");
        assert!(text.contains("tokio multi_thread"), "{text}");
        assert_eq!(table.points().len(), 12);
        let json = table.json_lines();
        assert_eq!(json.lines().count(), 12, "{json}");
        assert!(
            json.lines().all(|line| line.contains(r#""workers":2"#)),
            "{json}"
        );
    }

    #[test]
    fn scaling_counts_every_worker_number_up_to_the_cores() {
        assert_eq!(worker_counts(false, None), [2]);
        assert_eq!(worker_counts(false, Some(3)), [3]);
        let counts = worker_counts(true, None);
        assert_eq!(counts[0], 1);
        assert!(counts.windows(2).all(|pair| pair[1] == pair[0] + 1));
        assert!(counts.len() >= 2);
    }

    #[test]
    fn names_parse_back_and_differ_from_the_single_thread_tables() {
        for runtime in Runtime::ALL {
            assert_eq!(Runtime::parse(runtime.name()), Some(runtime));
            assert_eq!(bench::Runtime::parse(runtime.name()), None);
        }
    }
}
