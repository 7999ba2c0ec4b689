//! A time limit for tests that a learner's mistake could hang, and a diagnosis of why.
//!
//! An iterator that never returns `None`, a future that is never woken, a loop that
//! waits on itself: each makes `cargo test` sit there forever, which teaches nothing.
//! [`within`] runs the test body on its own thread and, if it has not finished by the
//! limit, fails the test with a message that says what probably went wrong. The stuck
//! thread is left behind; it ends with the test process.
//!
//! "It hung" has three different causes in async code, and the watchdog tells them
//! apart, because the fix for each is different:
//!
//! - **nothing woke it**: a future returned `Pending` without arranging a wake-up, so
//!   the runtime sleeps forever (the thread is idle);
//! - **it spins**: a future wakes itself on every poll without having made progress,
//!   so the runtime is never idle, and a paused clock, which only jumps forward when
//!   the runtime is idle, never reaches the timer the test waits for (many polls);
//! - **it blocks**: a blocking call inside async code (`std::thread::sleep`, a `std`
//!   channel's `recv`, a loop with no `.await`) holds the runtime's thread inside one
//!   poll, so no other task runs (one poll that lasts in real time).
//!
//! And one that is no hang at all: **still running**, a correct solution that is just
//! slow (a debug build is many times slower than `--release`). Before saying "nothing
//! woke it", the watchdog watches for a moment whether the test's runtime still polls,
//! wakes and parks its tasks (tokio's own counters), whether the test's thread uses
//! the CPU, and how much CPU the whole process uses; only a runtime that stays still
//! is said to be waiting for a wake-up that never comes.
//!
//! [`paused`] and [`on_runtime`] watch the runtime they build (how often the test's
//! future is polled, how long the runtime goes without a rest), and a blocking call
//! is reported even when the test would otherwise pass: on a paused clock nothing
//! needs real time. A panic in the learner's own code (an overflow, an index out of
//! bounds) keeps its message on the first line and gains the test's explanation
//! below it, and every failure is reported at the test's line, not the kit's.

use std::cell::RefCell;
use std::future::Future;
use std::panic::{self, Location};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once, mpsc};
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

/// The limit most exercise tests use: generous for a slow machine, short for a human.
pub const LIMIT: Duration = Duration::from_secs(5);

/// Polls of the test's future beyond which "it never finished" means "it spins". An
/// honest test polls its future a few times per timer or message; a self-waking
/// future is polled millions of times in a second.
const SPIN_POLLS: u64 = 10_000;

/// Real time the runtime may stay busy without a rest before the watchdog calls it a
/// blocking call. On a paused clock a correct test is busy for microseconds at a
/// time; a second leaves room for a slow, loaded machine.
const BLOCKING: Duration = Duration::from_secs(1);

/// Paused time after which a test still waiting has surely restarted its timer: no
/// exercise waits an hour.
const RESTARTED: Duration = Duration::from_secs(3600);

/// How long a hung test is watched, once the limit is up, to tell a test that waits
/// from one that is still at work.
const WINDOW: Duration = Duration::from_millis(300);

/// Run `body` and return what it returns; fail the calling test if it takes longer
/// than `limit`, with `why` explaining what a hang here usually means.
///
/// A panic inside `body` fails the calling test. A failed assertion of the test itself
/// keeps its own message; a panic anywhere else (the learner's code: a `todo!()`, an
/// overflow, an index out of bounds) keeps its message on the first line, says where
/// it happened, and adds `why`, so the learner still reads what the test was checking.
#[track_caller]
pub fn within<T, F>(limit: Duration, why: &str, body: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    watch(Location::caller().file(), limit, why, None, body)
}

/// [`within`] for async code: run the future that `make` returns on a current-thread
/// tokio runtime whose clock starts paused, so that `sleep`s finish at once in real
/// time while the paused clock still advances by exactly their length.
///
/// `make` runs on the watchdog's thread, so the future itself need not be `Send`.
/// Every driver the crate's tokio features provide is enabled, so a test whose crate
/// turns on tokio's `net` can use sockets on the paused clock too.
///
/// On top of [`within`]'s checks: a hang is diagnosed as "nothing woke it", "it
/// spins" or "it blocks" (see the module's introduction), and a test whose runtime was
/// held for a second or more of real time without a rest fails even if its checks
/// passed, naming the blocking call.
#[track_caller]
pub fn paused<T, F, Fut>(limit: Duration, why: &str, make: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
{
    let probe = Arc::new(Probe::new(true));
    let watched = Arc::clone(&probe);
    let body = move || {
        let (parked, unparked) = (Arc::clone(&watched), Arc::clone(&watched));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            // The runtime parks when every task waits; between two parks it is busy.
            .on_thread_park(move || parked.rests())
            .on_thread_unpark(move || unparked.wakes())
            .build()
            .expect("a current-thread runtime needs no OS resources that can run out");
        watched.attach(runtime.handle());
        runtime.block_on(Watched::new(make(), watched))
    };
    watch(Location::caller().file(), limit, why, Some(probe), body)
}

/// [`within`] on a runtime the test builds (a multi-thread one, for a race): run the
/// future that `make` returns on the runtime that `build` returns. The test's future
/// is watched as in [`paused`]: a hang says whether it was polled over and over (it
/// spins) or hardly at all (nothing woke it).
///
/// ```ignore
/// let total = watchdog::on_runtime(LIMIT, WHY, || {
///     tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build()
/// }, || async { race().await });
/// ```
#[track_caller]
pub fn on_runtime<T, B, F, Fut>(limit: Duration, why: &str, build: B, make: F) -> T
where
    T: Send + 'static,
    B: FnOnce() -> std::io::Result<tokio::runtime::Runtime> + Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
{
    let probe = Arc::new(Probe::new(false));
    let watched = Arc::clone(&probe);
    let body = move || {
        let runtime = build().expect("the OS could not start the test's runtime");
        watched.attach(runtime.handle());
        runtime.block_on(Watched::new(make(), watched))
    };
    watch(Location::caller().file(), limit, why, Some(probe), body)
}

/// What the runtime was doing, recorded as it runs and read when judging a failure.
struct Probe {
    /// Whether `busy_since` and `longest_busy` are kept (only a current-thread
    /// runtime has a single "busy" to speak of).
    one_thread: bool,
    start: Instant,
    /// How often the test's own future was polled.
    polls: AtomicU64,
    /// When the runtime last woke up, in nanoseconds since `start`; `IDLE` while it
    /// is parked.
    busy_since: AtomicU64,
    /// The longest stretch, in nanoseconds, the runtime ran without parking.
    longest_busy: AtomicU64,
    /// Set when the watchdog has given up, so a spinning test future can be stopped.
    abandoned: AtomicBool,
    /// How far tokio's (paused) clock has moved since the first poll, in nanoseconds:
    /// a timer made anew on every poll keeps pushing it on without ever firing.
    clock_ran: AtomicU64,
    clock_start: Mutex<Option<tokio::time::Instant>>,
    /// The test's runtime, whose counters say whether its tasks still move.
    runtime: Mutex<Option<tokio::runtime::Handle>>,
}

const IDLE: u64 = u64::MAX;

impl Probe {
    fn new(one_thread: bool) -> Self {
        Probe {
            one_thread,
            start: Instant::now(),
            polls: AtomicU64::new(0),
            busy_since: AtomicU64::new(0),
            longest_busy: AtomicU64::new(0),
            abandoned: AtomicBool::new(false),
            clock_ran: AtomicU64::new(0),
            clock_start: Mutex::new(None),
            runtime: Mutex::new(None),
        }
    }

    fn attach(&self, runtime: &tokio::runtime::Handle) {
        *self.runtime.lock().unwrap_or_else(|e| e.into_inner()) = Some(runtime.clone());
    }

    /// What the runtime's workers have done so far, from tokio's counters: time spent
    /// running tasks, and parks plus unparks. Both only grow, and they are updated
    /// between tasks (not during one long poll). `None` where tokio keeps no such
    /// counters (targets without 64-bit atomics).
    fn runtime_work(&self) -> Option<(Duration, u64)> {
        let runtime = self.runtime.lock().unwrap_or_else(|e| e.into_inner());
        let metrics = runtime.as_ref()?.metrics();
        #[cfg(target_has_atomic = "64")]
        {
            let workers = 0..metrics.num_workers();
            let busy = workers
                .clone()
                .map(|w| metrics.worker_total_busy_duration(w))
                .sum();
            let turns = workers.map(|w| metrics.worker_park_unpark_count(w)).sum();
            Some((busy, turns))
        }
        #[cfg(not(target_has_atomic = "64"))]
        {
            let _ = metrics;
            None
        }
    }

    /// Note how far tokio's clock has moved (called inside the runtime, on a poll).
    fn read_clock(&self) {
        let now = tokio::time::Instant::now();
        let mut start = self.clock_start.lock().unwrap_or_else(|e| e.into_inner());
        let ran = now - *start.get_or_insert(now);
        let ran = u64::try_from(ran.as_nanos()).unwrap_or(u64::MAX);
        self.clock_ran.store(ran, Ordering::SeqCst);
    }

    fn clock_ran(&self) -> Duration {
        Duration::from_nanos(self.clock_ran.load(Ordering::SeqCst))
    }

    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX - 1)
    }

    /// The runtime parks: a busy stretch ends.
    fn rests(&self) {
        let since = self.busy_since.swap(IDLE, Ordering::SeqCst);
        if since != IDLE {
            let stretch = self.now().saturating_sub(since);
            self.longest_busy.fetch_max(stretch, Ordering::SeqCst);
        }
    }

    /// The runtime wakes: a busy stretch begins.
    fn wakes(&self) {
        self.busy_since.store(self.now(), Ordering::SeqCst);
    }

    /// How long the runtime has been busy without a rest, if it is busy now.
    fn busy_now(&self) -> Option<Duration> {
        let since = self.busy_since.load(Ordering::SeqCst);
        (self.one_thread && since != IDLE)
            .then(|| Duration::from_nanos(self.now().saturating_sub(since)))
    }

    fn longest_busy(&self) -> Duration {
        let finished = Duration::from_nanos(self.longest_busy.load(Ordering::SeqCst));
        finished.max(self.busy_now().unwrap_or_default())
    }

    fn polls(&self) -> u64 {
        self.polls.load(Ordering::SeqCst)
    }
}

/// The test's future, counted each time it is polled.
struct Watched<F> {
    // Boxed, so that `Watched` is `Unpin` and `poll` needs no `unsafe` projection.
    inner: Pin<Box<F>>,
    probe: Arc<Probe>,
}

impl<F> Watched<F> {
    fn new(inner: F, probe: Arc<Probe>) -> Self {
        Watched {
            inner: Box::pin(inner),
            probe,
        }
    }
}

impl<F: Future> Future for Watched<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        if self.probe.abandoned.load(Ordering::SeqCst) {
            // The test has already failed; end this thread instead of letting a
            // spinning future burn a core for the rest of the test run.
            panic::resume_unwind(Box::new("stopped by the watchdog"));
        }
        self.probe.polls.fetch_add(1, Ordering::SeqCst);
        if self.probe.one_thread {
            self.probe.read_clock();
        }
        self.inner.as_mut().poll(cx)
    }
}

/// Where a panic happened and what it said, recorded by the panic hook.
#[derive(Clone, Debug)]
struct Site {
    file: String,
    line: u32,
    column: u32,
}

thread_local! {
    /// The last panic on this thread, as the hook saw it.
    static LAST_PANIC: RefCell<Option<Site>> = const { RefCell::new(None) };
}

/// Install, once per process, a panic hook that notes where each panic happened
/// (the payload alone does not say) and then prints it as before.
fn note_panic_sites() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if let Some(at) = info.location() {
                let site = Site {
                    file: at.file().to_string(),
                    line: at.line(),
                    column: at.column(),
                };
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(site));
            }
            previous(info);
        }));
    });
}

/// The text of a panic payload: `panic!("literal")` carries a `&str`, a formatted
/// `panic!` a `String`.
fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic whose payload is not text".to_string()
    }
}

/// The body's thread, seen from outside: how much CPU it used over a short while.
enum Thread {
    /// It ran on the CPU most of the time: a loop.
    Computing,
    /// It was asleep: waiting for something (a sleep, a lock, a channel, a wake-up).
    Waiting,
    /// This platform does not say.
    Unknown,
}

/// The CPU time, in clock ticks (hundredths of a second on Linux), that the thread
/// or process whose `/proc` stat file is `stat` has used.
fn cpu_ticks(stat: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(stat).ok()?;
    // Fields after the command name (which may hold spaces) start at state; user
    // and system time are fields 14 and 15 of the whole line.
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(user + system)
}

/// A thread that used `ticks` of CPU in [`WINDOW`] (30 ticks would be all of it).
fn thread_by(ticks: Option<u64>) -> Thread {
    match ticks {
        Some(0..=1) => Thread::Waiting,
        Some(4..) => Thread::Computing,
        _ => Thread::Unknown,
    }
}

/// Watch the thread whose `/proc` stat file is `stat` for a moment (Linux only).
fn observe(stat: Option<&PathBuf>) -> Thread {
    watch_a_moment(None, stat).thread
}

/// What a stopped test was seen doing during [`WINDOW`], once its limit was up.
struct Seen {
    /// The body's thread (the current-thread runtime's, or `within`'s).
    thread: Thread,
    /// Polls of the test's own future: something woke it.
    polls: u64,
    /// Whether the runtime's workers ran tasks, parked or woke up.
    runtime_moved: bool,
    /// The CPU the whole process used, in ticks, where the platform says. Other tests
    /// of the same binary count too, so it only ever adds a possibility.
    process_ticks: Option<u64>,
}

impl Seen {
    /// The test's own runtime or thread was still at work.
    fn at_work(&self) -> bool {
        self.runtime_moved || self.polls > 0 || matches!(self.thread, Thread::Computing)
    }
}

fn watch_a_moment(probe: Option<&Probe>, stat: Option<&PathBuf>) -> Seen {
    let process = Path::new("/proc/self/stat");
    let thread_before = stat.and_then(|stat| cpu_ticks(stat));
    let process_before = cpu_ticks(process);
    let polls_before = probe.map(Probe::polls);
    let runtime_before = probe.and_then(Probe::runtime_work);
    thread::sleep(WINDOW);
    let runtime_after = probe.and_then(Probe::runtime_work);
    let since = |before: Option<u64>, after: Option<u64>| Some(after?.saturating_sub(before?));
    Seen {
        thread: thread_by(since(thread_before, stat.and_then(|stat| cpu_ticks(stat)))),
        polls: since(polls_before, probe.map(Probe::polls)).unwrap_or(0),
        runtime_moved: runtime_before.is_some() && runtime_before != runtime_after,
        process_ticks: since(process_before, cpu_ticks(process)),
    }
}

/// What the body's thread sends back when it ends.
struct Ended<T> {
    result: std::thread::Result<T>,
    panic_site: Option<Site>,
}

/// [`within`], [`paused`] and [`on_runtime`]: run `body`, judge how it ended, and fail
/// the test (at its own line, thanks to `#[track_caller]` on the callers) with a
/// message whose first line says what happened.
#[track_caller]
fn watch<T, F>(test_file: &str, limit: Duration, why: &str, probe: Option<Arc<Probe>>, body: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    note_panic_sites();
    let (done, finished) = mpsc::channel();
    let stat: Arc<Mutex<Option<PathBuf>>> = Arc::default();
    let stat_of_worker = Arc::clone(&stat);
    let worker = thread::Builder::new()
        .name(thread::current().name().unwrap_or("watched").to_string())
        .spawn(move || {
            if let Ok(me) = std::fs::read_link("/proc/thread-self") {
                *stat_of_worker.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(PathBuf::from("/proc").join(me).join("stat"));
            }
            LAST_PANIC.with(|last| last.borrow_mut().take());
            let result = panic::catch_unwind(panic::AssertUnwindSafe(body));
            let panic_site = LAST_PANIC.with(|last| last.borrow_mut().take());
            // The receiver may be gone if the watchdog already gave up; that is fine.
            let _ = done.send(Ended { result, panic_site });
        })
        .expect("the OS could not start a thread for the watchdog");

    let ended = finished.recv_timeout(limit);
    let (blocking, spinning) = probe.as_deref().map(after_the_fact).unwrap_or_default();
    match ended {
        Ok(Ended {
            result: Ok(value), ..
        }) => {
            let _ = worker.join();
            if !blocking.is_empty() {
                panic!("this test's checks passed, but{blocking}");
            }
            value
        }
        Ok(Ended {
            result: Err(payload),
            panic_site,
        }) => {
            let notes = blocking + &spinning;
            let in_the_test = panic_site.as_ref().is_some_and(|at| at.file == test_file);
            if in_the_test && notes.is_empty() {
                // The test's own assertion: its message already says expected and got.
                panic::resume_unwind(payload);
            }
            let message = payload_text(&*payload);
            let place = match (&panic_site, in_the_test) {
                (Some(at), false) => format!(
                    "\n  (this panic came from the code under test, at {}:{}:{}, not from \
                     one of the test's own checks)",
                    at.file, at.line, at.column
                ),
                _ => String::new(),
            };
            let context = if in_the_test {
                String::new()
            } else if message.starts_with("not yet implemented") {
                // A stub: the explanation is about code that is not written yet.
                format!(
                    "\n\nThat is a `todo!()` still waiting for your code. Once it is \
                     written, the test explains: {why}"
                )
            } else {
                format!("\n\nWhat this test checks: {why}")
            };
            let notes = if notes.is_empty() {
                notes
            } else {
                format!("\n\nAlso{notes}")
            };
            panic!("{message}{place}{context}{notes}")
        }
        Err(_) => {
            let stat = stat.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let verdict = hang_verdict(limit, probe.as_deref(), stat.as_ref());
            if let Some(probe) = &probe {
                probe.abandoned.store(true, Ordering::SeqCst);
            }
            panic!("{verdict}\n\n{why}\n")
        }
    }
}

/// Notes on a run that ended (well or not): a blocking stretch, which fails even a
/// test whose checks passed, and a spinning future, worth a word beside a failure.
fn after_the_fact(probe: &Probe) -> (String, String) {
    let longest = probe.longest_busy();
    let blocking = if probe.one_thread && longest >= BLOCKING {
        format!(
            " the runtime's thread was held for {longest:.1?} of real time without a \
             break. On a paused clock nothing takes real time, so something blocked: \
             a blocking call inside async code (std::thread::sleep instead of \
             tokio::time::sleep, a std channel's recv, a std Mutex held across a \
             wait, a loop with no .await). While it blocks, no other task runs."
        )
    } else {
        String::new()
    };
    let polls = probe.polls();
    let spinning = if polls >= SPIN_POLLS {
        format!(
            " the test's future was polled {polls} times: something wakes it on every \
             poll without having made progress (a future that calls wake_by_ref and \
             returns Pending each time spins like `while True: pass`)."
        )
    } else {
        String::new()
    };
    (blocking, spinning)
}

/// The first line of a hang's message: which of the three hangs this was.
fn hang_verdict(limit: Duration, probe: Option<&Probe>, stat: Option<&PathBuf>) -> String {
    let stopped = format!("stopped by the watchdog after {limit:?}");
    let Some(probe) = probe else {
        return match observe(stat) {
            Thread::Computing => format!(
                "{stopped}: the test was still computing (its thread was busy on the \
                 CPU): a loop that never ends, or work that is just slow ({SLOW})."
            ),
            Thread::Waiting => format!(
                "{stopped}: the test was waiting for something that never came (a lock, \
                 a channel, a join, a wake-up)."
            ),
            Thread::Unknown => format!("{stopped}: the test was still running."),
        };
    };
    let busy = probe.busy_now();
    // Watched first: a timer made anew or a spinning future counts on meanwhile, which
    // makes those verdicts sure on a loaded machine too.
    let seen = watch_a_moment(Some(probe), stat);
    let polls = probe.polls();
    let clock = probe.clock_ran();
    if clock >= RESTARTED {
        return format!(
            "{stopped}: the paused clock ran on to {clock:.0?} and your future still \
             waits (polled {polls} times). A timer made anew on every poll (a new sleep \
             each time) starts its countdown again each time, so it never fires: make \
             it once, keep it in the future's state, and poll that one."
        );
    }
    if polls >= SPIN_POLLS {
        return format!(
            "{stopped}: your future wakes itself on every poll and spins (polled {polls} \
             times without finishing). Returning Pending after wake_by_ref, with nothing \
             changed, makes the runtime poll it again at once, forever; the runtime is \
             never idle, so a paused clock never moves on to the timer the test waits \
             for."
        );
    }
    match busy {
        Some(busy) if busy >= limit / 2 => match seen.thread {
            Thread::Waiting => format!(
                "{stopped}: a blocking call inside async code. One poll has held the \
                 runtime's thread for {busy:.1?} of real time, asleep: std::thread::sleep, \
                 a std channel's recv, a std Mutex, or a JoinHandle waited on with a \
                 blocking call. Nothing else can run meanwhile; use the async versions \
                 (.await) or spawn_blocking."
            ),
            Thread::Computing => format!(
                "{stopped}: the runtime has been busy for {busy:.1?} without a break. \
                 Either the work is still going and just slow ({SLOW}), or a task spins \
                 (wakes itself on every poll) or loops without reaching an .await; \
                 either way the runtime is never idle, so a paused clock never moves on."
            ),
            Thread::Unknown => format!(
                "{stopped}: the runtime has been busy for {busy:.1?} without a break: a \
                 blocking call inside async code (std::thread::sleep, a std channel's \
                 recv) or a task that spins (wakes itself on every poll)."
            ),
        },
        _ if seen.at_work() => format!(
            "{stopped}: still running, perhaps just slow. In the last {WINDOW:.1?} its \
             runtime was still at work (tasks polled, woken or parked; the test's future \
             polled {} times), so this is no task waiting forever. A correct solution can \
             be too slow for the limit: {SLOW}. If `cargo test --release` passes, make the \
             work lighter; if not, tasks may be waking each other in a loop without \
             getting anywhere.",
            seen.polls
        ),
        _ => {
            let polled = match polls {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            let waiting = format!(
                "{stopped}: nothing woke it. Every task is waiting (Pending) and nothing \
                 will wake any of them (the test's future was polled {polled} in all)."
            );
            match seen.process_ticks {
                // Half a core or more, yet the test's runtime stood still: another test
                // of this binary, or a task that holds a runtime thread in one long poll
                // (tokio's counters move only between polls).
                Some(ticks) if ticks >= 15 => format!(
                    "{waiting} Or, since the process kept the CPU busy ({} ms of CPU in \
                     {WINDOW:.1?}) while the runtime's counters stood still: a task holds a \
                     runtime thread in one long poll (a loop with no .await, a long \
                     computation; perhaps just slow: {SLOW}).",
                    ticks * 10
                ),
                _ => waiting,
            }
        }
    }
}

/// Why a correct solution may be slow: said wherever slowness is one of the causes.
const SLOW: &str = "a debug build, which `cargo test` makes, is often 10 to 50 times \
                    slower than `--release`, and more so with locks or many small tasks";

#[cfg(test)]
mod tests {
    use super::*;

    /// What a failed call panicked with, and where (unless the panic was passed on
    /// with `resume_unwind`, which the hook does not see), caught on this thread.
    fn failure(call: impl FnOnce()) -> (String, Option<Site>) {
        note_panic_sites();
        LAST_PANIC.with(|last| last.borrow_mut().take());
        let payload = panic::catch_unwind(panic::AssertUnwindSafe(call))
            .expect_err("the watchdog should have failed the test");
        let site = LAST_PANIC.with(|last| last.borrow_mut().take());
        (payload_text(&*payload), site)
    }

    /// A future that wakes itself and returns `Pending` on every poll, forever.
    struct Spin;

    impl Future for Spin {
        type Output = ();

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    #[test]
    fn a_quick_body_returns_its_value() {
        assert_eq!(within(LIMIT, "never hangs", || 6 * 7), 42);
    }

    #[test]
    #[should_panic(expected = "the loop never ends")]
    fn a_body_that_hangs_fails_with_the_explanation() {
        within(Duration::from_millis(50), "the loop never ends", || {
            loop {
                thread::park();
            }
        });
    }

    #[test]
    fn a_hang_is_reported_at_the_tests_line_with_a_first_line_that_says_what_happened() {
        let line = line!() + 2;
        let (message, site) = failure(|| {
            within(Duration::from_millis(50), "the explanation", || {
                loop {
                    thread::park();
                }
            })
        });
        let site = site.expect("the watchdog panics anew, so the hook saw where");
        assert_eq!(
            (site.file.as_str(), site.line),
            (file!(), line),
            "a failure should point at the test that called the watchdog, not into the kit"
        );
        let first = message.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("stopped by the watchdog after 50ms"),
            "the first line is the one-line summary, so it must say what happened: {first:?}"
        );
        assert!(message.contains("the explanation"), "{message}");
    }

    #[test]
    fn a_waiting_thread_is_told_apart_from_a_computing_one() {
        let (waiting, _) = failure(|| {
            within(Duration::from_millis(50), "why", || {
                loop {
                    thread::park();
                }
            })
        });
        let (computing, _) = failure(|| {
            within(Duration::from_millis(50), "why", || {
                let stop = Instant::now() + Duration::from_millis(700);
                while Instant::now() < stop {
                    std::hint::spin_loop();
                }
            })
        });
        if cfg!(target_os = "linux") {
            assert!(waiting.contains("waiting for something"), "{waiting}");
            // On a loaded machine the busy thread may get too little CPU to be sure,
            // but it is never mistaken for a waiting one.
            assert!(!computing.contains("waiting for something"), "{computing}");
        }
    }

    #[test]
    #[should_panic(expected = "not yet implemented")]
    fn a_panic_in_the_body_fails_with_its_own_message() {
        within::<(), _>(LIMIT, "unused", || todo!());
    }

    #[test]
    fn a_panic_in_the_learners_code_keeps_its_message_and_gains_the_tests_explanation() {
        // `watch` is told the test lives in another file, so this file plays the
        // learner's code: an index out of bounds in it is "your code".
        let (message, _) = failure(|| {
            watch(
                "exercises/01-x/src/tests.rs",
                LIMIT,
                "each number is the sum of the two before it",
                None,
                || {
                    let numbers: Vec<u64> = Vec::new();
                    numbers.iter().sum::<u64>() + numbers[3]
                },
            );
        });
        let first = message.lines().next().unwrap_or_default();
        assert!(
            first.contains("index out of bounds"),
            "first line: {first:?}"
        );
        assert!(message.contains("from the code under test"), "{message}");
        assert!(
            message.contains("What this test checks: each number is the sum"),
            "{message}"
        );
    }

    #[test]
    fn a_todo_in_the_stub_is_named_as_such_before_the_explanation() {
        let (message, _) = failure(|| {
            watch(
                "exercises/01-x/src/tests.rs",
                LIMIT,
                "each number is the sum of the two before it",
                None,
                || -> u64 { todo!() },
            );
        });
        assert!(message.starts_with("not yet implemented"), "{message}");
        assert!(
            message.contains(
                "still waiting for your code. Once it is written, the test explains: each number"
            ),
            "{message}"
        );
        assert!(!message.contains("What this test checks"), "{message}");
    }

    #[test]
    fn a_failed_assertion_of_the_test_itself_is_passed_on_unchanged() {
        let (message, _) = failure(|| {
            within(LIMIT, "the explanation", || {
                assert_eq!(1 + 1, 3, "expected 3, got 2: the test's own words");
            })
        });
        assert!(message.contains("the test's own words"), "{message}");
        assert!(!message.contains("the explanation"), "{message}");
    }

    #[test]
    fn paused_sleeps_take_no_real_time() {
        let waited = paused(LIMIT, "a paused sleep finishes at once", || async {
            let start = tokio::time::Instant::now();
            tokio::time::sleep(Duration::from_secs(3600)).await;
            start.elapsed()
        });
        assert_eq!(waited, Duration::from_secs(3600));
    }

    #[test]
    fn a_future_that_is_never_woken_is_reported_as_such() {
        let (message, _) = failure(|| {
            paused(Duration::from_millis(100), "why", || {
                std::future::pending::<()>()
            })
        });
        assert!(message.starts_with("stopped by the watchdog"), "{message}");
        assert!(message.contains("nothing woke it"), "{message}");
        assert!(!message.contains("still running"), "{message}");
    }

    #[test]
    fn a_future_that_wakes_itself_on_every_poll_is_reported_as_spinning() {
        let (message, _) = failure(|| {
            paused(Duration::from_millis(300), "why", || async {
                // The sleep never ends: the spinning future keeps the runtime busy,
                // and a paused clock only moves on when the runtime is idle.
                tokio::select! {
                    () = Spin => {}
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            })
        });
        let first = message.lines().next().unwrap_or_default();
        assert!(
            first.contains("wakes itself on every poll and spins"),
            "spinning must not be reported as 'nothing woke it': {message}"
        );
    }

    /// A future that makes a new one-second sleep on every poll (dropping the last),
    /// so none ever fires.
    struct Restarts(Option<Pin<Box<tokio::time::Sleep>>>);

    impl Future for Restarts {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            let sleep = self
                .0
                .insert(Box::pin(tokio::time::sleep(Duration::from_secs(1))));
            sleep.as_mut().poll(cx)
        }
    }

    #[test]
    fn a_timer_made_anew_on_every_poll_is_named() {
        let (message, _) = failure(|| paused(Duration::from_millis(300), "why", || Restarts(None)));
        let first = message.lines().next().unwrap_or_default();
        assert!(
            first.contains("A timer made anew on every poll"),
            "{message}"
        );
    }

    #[test]
    fn a_blocking_call_that_hangs_the_runtime_is_named() {
        let (message, _) = failure(|| {
            paused(Duration::from_millis(400), "why", || async {
                std::thread::sleep(Duration::from_millis(1200));
            })
        });
        assert!(message.contains("stopped by the watchdog"), "{message}");
        if cfg!(target_os = "linux") {
            assert!(
                message.contains("a blocking call inside async code"),
                "{message}"
            );
        } else {
            assert!(message.contains("std::thread::sleep"), "{message}");
        }
    }

    #[test]
    fn a_blocking_call_in_a_spawned_task_fails_a_test_that_would_pass() {
        let (message, _) = failure(|| {
            paused(LIMIT, "why", || async {
                tokio::spawn(async { std::thread::sleep(BLOCKING + BLOCKING / 10) })
                    .await
                    .expect("the task does not panic");
            })
        });
        assert!(
            message.starts_with("this test's checks passed, but"),
            "{message}"
        );
        assert!(
            message.contains("std::thread::sleep instead of"),
            "{message}"
        );
    }

    fn one_thread() -> std::io::Result<tokio::runtime::Runtime> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }

    #[test]
    fn on_runtime_reports_spinning_too() {
        let (message, _) =
            failure(|| on_runtime(Duration::from_millis(200), "why", one_thread, || Spin));
        assert!(message.contains("wakes itself on every poll"), "{message}");
    }

    fn two_threads() -> std::io::Result<tokio::runtime::Runtime> {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    }

    #[test]
    fn a_correct_but_slow_test_is_still_running_not_waiting_for_a_wake_up() {
        // Two tasks taking turns (a yield after each step), as lock-heavy code does,
        // with far more steps than the limit leaves time for: busy, not stuck.
        let stop = Arc::new(AtomicBool::new(false));
        let steps = Arc::new(AtomicU64::new(0));
        let (stop_tasks, counted) = (Arc::clone(&stop), Arc::clone(&steps));
        let (message, _) = failure(move || {
            on_runtime(
                Duration::from_millis(200),
                "why",
                two_threads,
                move || async move {
                    let tasks: Vec<_> = (0..2)
                        .map(|_| {
                            let (stop, steps) = (Arc::clone(&stop_tasks), Arc::clone(&counted));
                            tokio::spawn(async move {
                                while !stop.load(Ordering::SeqCst) {
                                    steps.fetch_add(1, Ordering::SeqCst);
                                    tokio::task::yield_now().await;
                                }
                            })
                        })
                        .collect();
                    for task in tasks {
                        task.await.expect("the task does not panic");
                    }
                },
            )
        });
        stop.store(true, Ordering::SeqCst);
        assert!(steps.load(Ordering::SeqCst) > 0, "the tasks ran");
        let first = message.lines().next().unwrap_or_default();
        assert!(
            first.contains("still running, perhaps just slow"),
            "a busy runtime is not a hang: {message}"
        );
        assert!(first.contains("debug build"), "{message}");
        assert!(!message.contains("nothing woke it"), "{message}");
    }

    #[test]
    fn an_idle_runtime_of_several_threads_is_said_to_wait_for_a_wake_up() {
        let (message, _) = failure(|| {
            on_runtime(Duration::from_millis(100), "why", two_threads, || {
                std::future::pending::<()>()
            })
        });
        assert!(message.contains("nothing woke it"), "{message}");
        assert!(!message.contains("still running"), "{message}");
    }

    #[test]
    fn on_runtime_returns_what_the_future_returns() {
        let sum = on_runtime(LIMIT, "two tasks", one_thread, || async {
            let (a, b) = tokio::join!(tokio::spawn(async { 20 }), tokio::spawn(async { 22 }));
            a.expect("no panic") + b.expect("no panic")
        });
        assert_eq!(sum, 42);
    }
}
