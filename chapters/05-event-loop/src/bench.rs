//! The benchmark: the same work on our loop and on tokio's current-thread runtime.
//!
//! Four rows, the sizes of the chapter's issue: spawning and finishing 100,000
//! tasks; 1,000,000 wake-ups (1,000 tasks yielding 1,000 times each); 10,000
//! concurrent sleeps; 100 TCP clients doing 1,000 echo round trips of 64 bytes
//! each over loopback. Each row is timed from inside the running loop, so the cost
//! of building the runtime is left out of both columns, and the best of a few runs
//! is kept, which filters out a busy moment of the machine.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::event_loop::{EventLoop, spawn};
use crate::task::yield_now;
use crate::{echo, timer, tokio_echo};

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

    /// `FULL` with every count multiplied by `factor` (at least one of each), for
    /// a quick run.
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
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub ours: Duration,
    pub tokio: Duration,
}

impl Row {
    /// How many times longer our loop took than tokio (below 1: faster).
    pub fn ratio(&self) -> f64 {
        self.ours.as_secs_f64() / self.tokio.as_secs_f64().max(1e-9)
    }
}

/// Run every row `repeats` times on each runtime and keep the best time of each.
pub fn run(sizes: Sizes, repeats: usize) -> io::Result<Vec<Row>> {
    let repeats = repeats.max(1);
    let best = |measure: &dyn Fn() -> io::Result<Duration>| -> io::Result<Duration> {
        (0..repeats)
            .map(|_| measure())
            .try_fold(Duration::MAX, |best, took| Ok(best.min(took?)))
    };
    let row = |name: String,
               ours: &dyn Fn() -> io::Result<Duration>,
               tokio: &dyn Fn() -> io::Result<Duration>|
     -> io::Result<Row> {
        Ok(Row {
            name,
            ours: best(ours)?,
            tokio: best(tokio)?,
        })
    };
    Ok(vec![
        row(
            format!("spawn and finish {} tasks", thousands(sizes.tasks)),
            &|| ours(spawn_tasks(sizes.tasks)),
            &|| theirs(tokio_spawn_tasks(sizes.tasks)),
        )?,
        row(
            format!(
                "{} wake-ups: {} tasks x {} yields",
                thousands(sizes.yield_tasks * sizes.yields_per_task),
                thousands(sizes.yield_tasks),
                thousands(sizes.yields_per_task)
            ),
            &|| ours(yields(sizes.yield_tasks, sizes.yields_per_task)),
            &|| theirs(tokio_yields(sizes.yield_tasks, sizes.yields_per_task)),
        )?,
        row(
            format!("{} concurrent sleeps of 1-10 ms", thousands(sizes.sleeps)),
            &|| ours(sleeps(sizes.sleeps)),
            &|| theirs(tokio_sleeps(sizes.sleeps)),
        )?,
        row(
            format!(
                "{} clients x {} echo round trips of 64 B",
                sizes.clients,
                thousands(sizes.round_trips)
            ),
            &|| ours(echo_round_trips(sizes.clients, sizes.round_trips)),
            &|| theirs(tokio_echo_round_trips(sizes.clients, sizes.round_trips)),
        )?,
    ])
}

/// Run a timed body on a fresh loop of ours.
fn ours(body: impl Future<Output = io::Result<Duration>>) -> io::Result<Duration> {
    EventLoop::new()?.run(body)
}

/// Run a timed body on a fresh tokio current-thread runtime.
fn theirs(body: impl Future<Output = io::Result<Duration>>) -> io::Result<Duration> {
    tokio_echo::runtime()?.block_on(body)
}

// ANCHOR: rows
async fn spawn_tasks(n: usize) -> io::Result<Duration> {
    let start = Instant::now();
    let handles: Vec<_> = (0..n).map(|i| spawn(async move { i })).collect();
    for handle in handles {
        handle.await.map_err(io::Error::other)?;
    }
    Ok(start.elapsed())
}

async fn yields(tasks: usize, each: usize) -> io::Result<Duration> {
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            spawn(async move {
                for _ in 0..each {
                    yield_now().await;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await.map_err(io::Error::other)?;
    }
    Ok(start.elapsed())
}

async fn sleeps(n: usize) -> io::Result<Duration> {
    let start = Instant::now();
    let handles: Vec<_> = (0..n)
        .map(|i| spawn(timer::sleep(Duration::from_millis(1 + i as u64 % 10))))
        .collect();
    for handle in handles {
        handle.await.map_err(io::Error::other)?;
    }
    Ok(start.elapsed())
}

async fn echo_round_trips(clients: usize, rounds: usize) -> io::Result<Duration> {
    let listener = crate::net::TcpListener::bind(loopback())?;
    let addr = listener.local_addr()?;
    let server = spawn(echo::serve(listener));
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| spawn(echo::client(addr, &[b'x'; 64], rounds)))
        .collect();
    for handle in handles {
        handle.await.map_err(io::Error::other)??;
    }
    drop(server);
    Ok(start.elapsed())
}
// ANCHOR_END: rows

async fn tokio_spawn_tasks(n: usize) -> io::Result<Duration> {
    let start = Instant::now();
    let handles: Vec<_> = (0..n).map(|i| tokio::spawn(async move { i })).collect();
    for handle in handles {
        handle.await?;
    }
    Ok(start.elapsed())
}

async fn tokio_yields(tasks: usize, each: usize) -> io::Result<Duration> {
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            tokio::spawn(async move {
                for _ in 0..each {
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await?;
    }
    Ok(start.elapsed())
}

async fn tokio_sleeps(n: usize) -> io::Result<Duration> {
    let start = Instant::now();
    let handles: Vec<_> = (0..n)
        .map(|i| tokio::spawn(tokio::time::sleep(Duration::from_millis(1 + i as u64 % 10))))
        .collect();
    for handle in handles {
        handle.await?;
    }
    Ok(start.elapsed())
}

async fn tokio_echo_round_trips(clients: usize, rounds: usize) -> io::Result<Duration> {
    let listener = tokio::net::TcpListener::bind(loopback()).await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(tokio_echo::serve(listener));
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| tokio::spawn(async move { tokio_echo::client(addr, &[b'x'; 64], rounds).await }))
        .collect();
    for handle in handles {
        handle.await??;
    }
    server.abort();
    Ok(start.elapsed())
}

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

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

/// The table the `bench` demo prints.
pub fn table(rows: &[Row]) -> String {
    let width = rows
        .iter()
        .map(|row| row.name.len())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = format!(
        "{:width$}  {:>10}  {:>10}  {:>6}\n",
        "row", "this loop", "tokio ct", "ratio"
    );
    for row in rows {
        out.push_str(&format!(
            "{:width$}  {:>10}  {:>10}  {:>5.2}x\n",
            row.name,
            course_kit::demo::human(row.ours),
            course_kit::demo::human(row.tokio),
            row.ratio()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_run_fills_every_row_on_both_runtimes() {
        let rows = run(Sizes::scaled(0.001), 1).unwrap();
        assert_eq!(rows.len(), 4);
        assert!(
            rows.iter()
                .all(|row| row.ours > Duration::ZERO && row.tokio > Duration::ZERO)
        );
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
}
