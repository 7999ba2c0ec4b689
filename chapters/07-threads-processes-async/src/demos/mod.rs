//! The demos of chapter 7: harness around the library's lessons. Options, the
//! list of demos, and what they share (a runtime, a summary line, a table's best
//! times). The lessons are in the library; nothing here is on the book's pages.

mod cpu;
pub mod serve;
mod io;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use ch07_threads_processes_async::cpu_job;
use ch07_threads_processes_async::download::{self, Outcome, Site};
use ch07_threads_processes_async::report::seconds;
use ch07_threads_processes_async::server::{self, Server, ServerConfig};
use course_kit::Demo;

use cpu::{demo_cpu_guard, demo_cpu_table, demo_tokio_blocking};
use io::{
    demo_async_all, demo_async_bounded, demo_failures, demo_io_table, demo_sequential, demo_server,
    demo_threads,
};

/// The options every demo reads.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// How long the local server waits before each answer, in milliseconds (at most
    /// 5000, half the clients' 10 s timeout).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(0..=5_000))]
    pub latency_ms: u64,

    /// The size of each page the local server sends, in bytes (at most 1 MiB).
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(0..=server::MAX_PAGE as u64))]
    pub body_size: u64,

    /// How many pages to download (the notes download 80 sites).
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub sites: u64,

    /// Threads in the pool, and requests in flight for `async_bounded`.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    pub concurrency: u64,

    /// Download this address instead of the local server's pages (repeatable).
    #[arg(long = "url", value_name = "URL")]
    pub urls: Vec<String>,

    /// The most bytes read from one `--url` body; a longer one is a failure.
    #[arg(long, default_value_t = download::MAX_BODY as u64, value_parser = clap::value_parser!(u64).range(1..=1_073_741_824))]
    pub max_body: u64,

    /// The CPU job is cpu_bound(base + x) for x in 0..count (100000 or more, so that
    /// a job is long enough to time).
    #[arg(long, default_value_t = 5_000_000, value_parser = clap::value_parser!(u64).range(100_000..=1_000_000_000))]
    pub cpu_base: u64,

    /// How many numbers the CPU job sums the squares below.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    pub cpu_count: u64,

    /// Run each method of a table this many times and keep its best time, so that a
    /// burst of other work on the machine does not count against one method.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub repeat: u64,

    /// Write the tables' charts (chart-io.svg, chart-cpu.svg) into this folder.
    #[arg(long, value_name = "DIR")]
    pub svg_dir: Option<PathBuf>,
}

pub const DEMOS: &[Demo<Options>] = &[
    Demo::new(
        "server",
        "the local HTTP server: real requests, a set latency",
        demo_server,
    ),
    Demo::new(
        "sequential",
        "one blocking request after another",
        demo_sequential,
    ),
    Demo::new(
        "threads",
        "a pool of threads, each with its own client",
        demo_threads,
    ),
    Demo::new(
        "async_all",
        "one thread, every request in flight at once",
        demo_async_all,
    ),
    Demo::new(
        "async_bounded",
        "one thread, at most N requests in flight",
        demo_async_bounded,
    ),
    Demo::new(
        "failures",
        "unreachable, slow and missing pages, reported per URL",
        demo_failures,
    ),
    Demo::new(
        "io_table",
        "all IO-bound methods measured side by side",
        demo_io_table,
    ),
    Demo::new(
        "cpu_guard",
        "the CPU job really loops: exact, and time grows with n",
        demo_cpu_guard,
    ),
    Demo::new(
        "tokio_blocking",
        "CPU work on an async runtime: blocking vs spawn_blocking",
        demo_tokio_blocking,
    ),
    Demo::new(
        "cpu_table",
        "all CPU-bound methods measured side by side",
        demo_cpu_table,
    ),
];

impl Options {
    fn latency(&self) -> Duration {
        Duration::from_millis(self.latency_ms)
    }

    fn concurrency(&self) -> usize {
        usize::try_from(self.concurrency).unwrap_or(usize::MAX)
    }

    fn numbers(&self) -> Vec<u64> {
        cpu_job::numbers(self.cpu_base, self.cpu_count)
    }

    /// The local server, unless `--url` names real addresses.
    fn server(&self) -> anyhow::Result<Option<Server>> {
        if !self.urls.is_empty() {
            return Ok(None);
        }
        let config = ServerConfig {
            latency: self.latency(),
            body_size: usize::try_from(self.body_size)?,
            batch: None,
            ..ServerConfig::default()
        };
        Ok(Some(Server::start(config)?))
    }

    /// What to download: the `--url`s, or the local server's pages.
    fn sites(&self, server: Option<&Server>) -> Vec<Site> {
        match server {
            Some(server) => {
                let expected = usize::try_from(self.body_size).ok();
                server
                    .urls(usize::try_from(self.sites).unwrap_or(0))
                    .into_iter()
                    .map(|url| Site::new(url, expected))
                    .collect()
            }
            None => self
                .urls
                .iter()
                .map(|url| {
                    let cap = usize::try_from(self.max_body).unwrap_or(usize::MAX);
                    Site::new(url.clone(), None).with_max_len(cap)
                })
                .collect(),
        }
    }

    /// The latency floor for `sites` downloads, `concurrency` at a time.
    fn io_ideal(&self, sites: usize, concurrency: usize) -> Duration {
        self.latency() * u32::try_from(sites.div_ceil(concurrency.max(1))).unwrap_or(u32::MAX)
    }
}

/// A runtime for the async clients. One thread, like asyncio's event loop: the
/// point is that a single thread suffices.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start a tokio runtime")
}

/// Print what a run did; an error if any URL failed.
fn summary(what: &str, outcomes: &[Outcome], took: Duration) -> anyhow::Result<()> {
    let pages: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    let bytes: usize = pages.iter().map(|p| p.len).sum();
    println!(
        "Downloaded {} of {} sites ({bytes} bytes) in {} {what}",
        pages.len(),
        outcomes.len(),
        seconds(took)
    );
    let failures: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    // Ten are enough to see the pattern; 2,000 lines of the same would hide it.
    for failure in failures.iter().take(10) {
        println!("  failed: {failure}");
    }
    if failures.len() > 10 {
        println!("  ... and {} more", failures.len() - 10);
    }
    if !failures.is_empty() {
        bail!("{} of {} downloads failed", failures.len(), outcomes.len());
    }
    Ok(())
}

fn server_report(server: Option<&Server>) {
    if let Some(server) = server {
        let stats = server.stats();
        println!(
            "The server saw {} requests on {} connections, at most {} at once.",
            stats.requests(),
            stats.connections(),
            stats.peak_in_flight()
        );
    }
}

/// How to run one method of a table once: its answer, and a note for the table.
type Run<'a, T> = Box<dyn FnMut() -> anyhow::Result<(T, String)> + 'a>;

/// Run every method `repeat` times, round-robin, and keep each one's best time with
/// the answer and note of that run. Round-robin, so that a slow spell of a busy
/// machine falls on every method alike instead of on whichever ran then.
fn best_of<T>(
    repeat: u64,
    methods: &mut [(String, Run<'_, T>)],
) -> anyhow::Result<Vec<(Duration, T, String)>> {
    let mut best: Vec<Option<(Duration, T, String)>> = methods.iter().map(|_| None).collect();
    for _ in 0..repeat.max(1) {
        for ((_, run), best) in methods.iter_mut().zip(&mut best) {
            let started = Instant::now();
            let (answer, note) = run()?;
            let took = started.elapsed();
            if best.as_ref().is_none_or(|(fastest, _, _)| took < *fastest) {
                *best = Some((took, answer, note));
            }
        }
    }
    Ok(best.into_iter().flatten().collect())
}

fn write_svg(options: &Options, name: &str, svg: &str) -> anyhow::Result<()> {
    if let Some(dir) = &options.svg_dir {
        let path = dir.join(name);
        std::fs::write(&path, svg)
            .with_context(|| format!("could not write {}", path.display()))?;
        println!("\nwrote the chart to {}", path.display());
    }
    Ok(())
}

fn cores() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
}
