//! The chapter 7 binary: every demo of the chapter, in order, with options for the
//! server, the downloads and the CPU job.
//!
//! `cargo run -p ch07-threads-processes-async` runs them all; `-- --list` names them;
//! `-- threads --latency-ms 100` runs one with a slower server. The two tables
//! (`io_table`, `cpu_table`) measure this machine: run them with `--release`.
//!
//! Started with the hidden option `--cpu-worker`, the binary is a worker process of
//! the `processes` method instead: it reads numbers on stdin and prints answers,
//! and nothing else.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use ch07_threads_processes_async::cpu_on_tokio::{self, OnTokio};
use ch07_threads_processes_async::download::{self, Outcome, Site};
use ch07_threads_processes_async::progress::Progress;
use ch07_threads_processes_async::report::{Table, seconds};
use ch07_threads_processes_async::server::{Server, ServerConfig};
use ch07_threads_processes_async::{
    async_download, cpu_job, cpu_threads, processes, sequential, thread_pool,
};
use clap::Parser as _;
use course_kit::{Demo, DemoArgs};

// ANCHOR: options
/// Chapter 7: threads vs processes vs async.
#[derive(Debug, clap::Parser)]
struct Cli {
    #[command(flatten)]
    demos: DemoArgs,

    #[command(flatten)]
    options: Options,

    /// Run as a worker of the `processes` method (numbers on stdin, answers on stdout).
    #[arg(long = "cpu-worker", hide = true)]
    cpu_worker: bool,
}

#[derive(Debug, clap::Args)]
struct Options {
    /// How long the local server waits before each answer, in milliseconds.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(0..=60_000))]
    latency_ms: u64,

    /// The size of each page the local server sends, in bytes.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(0..=100_000_000))]
    body_size: u64,

    /// How many pages to download (the notes download 80 sites).
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    sites: u64,

    /// Threads in the pool, and requests in flight for `async_bounded`.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    concurrency: u64,

    /// Download this address instead of the local server's pages (repeatable).
    #[arg(long = "url", value_name = "URL")]
    urls: Vec<String>,

    /// The CPU job is cpu_bound(base + x) for x in 0..count.
    #[arg(long, default_value_t = 5_000_000, value_parser = clap::value_parser!(u64).range(0..=1_000_000_000))]
    cpu_base: u64,

    /// How many numbers the CPU job sums the squares below.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    cpu_count: u64,

    /// Run each method of a table this many times and keep its best time, so that a
    /// burst of other work on the machine does not count against one method.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=100))]
    repeat: u64,

    /// Write the tables' charts (chart-io.svg, chart-cpu.svg) into this folder.
    #[arg(long, value_name = "DIR")]
    svg_dir: Option<PathBuf>,
}
// ANCHOR_END: options

const DEMOS: &[Demo<Options>] = &[
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

// ANCHOR: main
fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.cpu_worker {
        // A worker prints answers and nothing else: the parent parses every line.
        return match processes::worker(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("worker: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    course_kit::demo::run(
        "Chapter 7: threads vs processes vs async",
        DEMOS,
        &cli.demos,
        &cli.options,
    )
}
// ANCHOR_END: main

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
                .map(|url| Site::new(url.clone(), None))
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
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
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
    for failure in &failures {
        println!("  failed: {failure}");
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

// ANCHOR: demo_server
fn demo_server(options: &Options) -> anyhow::Result<()> {
    let server = Server::start(ServerConfig {
        latency: options.latency(),
        body_size: usize::try_from(options.body_size)?,
        batch: None,
    })?;
    println!(
        "A local server on {}: every answer waits {}ms, every page is {} bytes.",
        server.addr(),
        options.latency_ms,
        options.body_size
    );
    let client = download::blocking_client();
    for path in ["/site/0", "/site/79", "/nothing-here"] {
        let url = format!("http://{}{path}", server.addr());
        let started = Instant::now();
        let response = client
            .get(&url)
            .send()
            .with_context(|| format!("GET {url}"))?;
        let status = response.status();
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("?")
            .to_string();
        let body = response.text()?;
        let start: String = body.chars().take(40).collect();
        println!(
            "GET {path:<14} -> {status}, {kind}, {} bytes in {}: {start:?}",
            body.len(),
            seconds(started.elapsed())
        );
    }
    server_report(Some(&server));
    Ok(())
}
// ANCHOR_END: demo_server

// ANCHOR: demo_sequential
fn demo_sequential(options: &Options) -> anyhow::Result<()> {
    let server = options.server()?;
    let sites = options.sites(server.as_ref());
    let progress = Progress::new("sequential", sites.len());
    let started = Instant::now();
    let outcomes = sequential::download_all(&sites, &progress);
    let took = started.elapsed();
    drop(progress);
    server_report(server.as_ref());
    summary("one after another", &outcomes, took)
}
// ANCHOR_END: demo_sequential

// ANCHOR: demo_threads
fn demo_threads(options: &Options) -> anyhow::Result<()> {
    let server = options.server()?;
    let sites = options.sites(server.as_ref());
    let workers = options.concurrency();
    let progress = Progress::new("threads", sites.len());
    let started = Instant::now();
    let outcomes = thread_pool::download_all(&sites, workers, &progress);
    let took = started.elapsed();
    drop(progress);
    server_report(server.as_ref());
    summary(&format!("with {workers} threads"), &outcomes, took)
}
// ANCHOR_END: demo_threads

// ANCHOR: demo_async_all
fn demo_async_all(options: &Options) -> anyhow::Result<()> {
    let server = options.server()?;
    let sites = options.sites(server.as_ref());
    let progress = Progress::new("async", sites.len());
    let started = Instant::now();
    let outcomes = runtime()?.block_on(async {
        let client = download::async_client();
        async_download::download_all_at_once(&client, &sites, &progress).await
    });
    let took = started.elapsed();
    drop(progress);
    server_report(server.as_ref());
    summary("on one thread, all at once", &outcomes, took)
}
// ANCHOR_END: demo_async_all

fn demo_async_bounded(options: &Options) -> anyhow::Result<()> {
    let server = options.server()?;
    let sites = options.sites(server.as_ref());
    let limit = options.concurrency();
    let progress = Progress::new("async", sites.len());
    let started = Instant::now();
    let outcomes = runtime()?.block_on(async {
        let client = download::async_client();
        async_download::download_bounded(&client, &sites, limit, &progress).await
    });
    let took = started.elapsed();
    drop(progress);
    server_report(server.as_ref());
    summary(
        &format!("on one thread, at most {limit} at once"),
        &outcomes,
        took,
    )
}

// ANCHOR: demo_failures
fn demo_failures(options: &Options) -> anyhow::Result<()> {
    let server = Server::start(ServerConfig {
        latency: options.latency(),
        ..ServerConfig::default()
    })?;
    // A server slower than the client below is patient.
    let slow = Server::start(ServerConfig {
        latency: Duration::from_secs(5),
        ..ServerConfig::default()
    })?;
    // A port that was free a moment ago and that nothing listens on now.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let sites = [
        Site::new(server.url(1), Some(1024)),
        Site::new(format!("http://{}/nothing-here", server.addr()), None),
        Site::new(server.url(2), Some(2048)),
        Site::new(format!("http://{closed}/site/0"), None),
        Site::new(slow.url(0), Some(1024)),
        Site::new("https://127.0.0.1:9/site/0", None),
        Site::new("not a url", None),
    ];
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_millis(500))
        .build()?;
    for site in &sites {
        match download::fetch_blocking(&client, site) {
            Ok(page) => println!("ok      {}: {} bytes", page.url, page.len),
            Err(failure) => println!("failed  {failure}"),
        }
    }
    Ok(())
}
// ANCHOR_END: demo_failures

// ANCHOR: best_of
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
// ANCHOR_END: best_of

// ANCHOR: demo_io_table
fn demo_io_table(options: &Options) -> anyhow::Result<()> {
    let server = options.server()?;
    let sites = options.sites(server.as_ref());
    let (n, c) = (sites.len(), options.concurrency());
    let runtime = runtime()?;
    match server {
        Some(_) => println!(
            "{n} sites on the local server, latency {}ms, {} bytes each, concurrency {c}, {} cores",
            options.latency_ms,
            options.body_size,
            cores()
        ),
        None => println!(
            "{n} addresses given with --url, concurrency {c}, {} cores",
            cores()
        ),
    }
    if options.repeat > 1 {
        println!(
            "each method run {} times, in turns; the table keeps its best time",
            options.repeat
        );
    }
    println!();

    let (sites, runtime) = (&sites, &runtime);
    let progress = |label: &str| Progress::new(label, n);
    let mut methods: Vec<(String, Run<'_, Vec<Outcome>>)> = vec![
        (
            "sequential (blocking)".into(),
            Box::new(move || {
                Ok((
                    sequential::download_all(sites, &progress("sequential")),
                    String::new(),
                ))
            }),
        ),
        (
            format!("{c} threads, thread-local client"),
            Box::new(move || {
                Ok((
                    thread_pool::download_all(sites, c, &progress("threads")),
                    String::new(),
                ))
            }),
        ),
        (
            "async, all at once".into(),
            Box::new(move || {
                let (client, progress) = (download::async_client(), progress("async"));
                let all = async_download::download_all_at_once(&client, sites, &progress);
                Ok((runtime.block_on(all), String::new()))
            }),
        ),
        (
            format!("async, at most {c} at once"),
            Box::new(move || {
                let (client, progress) = (download::async_client(), progress("async"));
                let bounded = async_download::download_bounded(&client, sites, c, &progress);
                Ok((runtime.block_on(bounded), String::new()))
            }),
        ),
    ];
    // The ideal: latency × ⌈sites / concurrency⌉, each method with its own concurrency.
    let concurrency = [1, c, n, c];
    let results = best_of(options.repeat, &mut methods)?;

    let mut table = Table::default();
    let mut failures = Vec::new();
    for (((method, _), (took, outcomes, _)), k) in methods.iter().zip(&results).zip(concurrency) {
        let failed: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
        let note = if failed.is_empty() {
            String::new()
        } else {
            format!("{} FAILED", failed.len())
        };
        table.push(method, *took, options.io_ideal(n, k), note);
        failures.extend(failed.into_iter().map(|f| format!("{method}: failed: {f}")));
    }
    if server.is_none() {
        // Against `--url`s the latency is not ours to set: estimate it.
        estimate_ideals(&mut table, n, c);
    }
    print!("{}", table.render());
    let title = format!("{n} downloads, {}ms latency each", options.latency_ms);
    write_svg(options, "chart-io.svg", &table.svg(&title))?;
    for failure in &failures {
        println!("  {failure}");
    }
    if !failures.is_empty() {
        bail!(
            "{} downloads failed, so the table above is not a fair comparison",
            failures.len()
        );
    }
    Ok(())
}
// ANCHOR_END: demo_io_table

/// With `--url`, the latency is not ours to set: take the sequential run's mean time
/// per site as the latency, and the ideals from it.
fn estimate_ideals(table: &mut Table, n: usize, c: usize) {
    let Some(first) = table.rows.first() else {
        return;
    };
    let per_site = first.time / u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    let rounds = [n, n.div_ceil(c), 1, n.div_ceil(c)];
    for (row, rounds) in table.rows.iter_mut().zip(rounds) {
        row.ideal = per_site * u32::try_from(rounds).unwrap_or(u32::MAX);
        row.note = format!("{} (ideal estimated)", row.note).trim().to_string();
    }
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

/// The loop must really run: its answers match the closed form, and four times the
/// input takes about four times as long (a loop replaced by the formula takes the
/// same few nanoseconds for any input). An error otherwise, since every figure below
/// would then be meaningless.
fn guard(numbers: &[u64]) -> anyhow::Result<String> {
    let n = numbers.first().copied().unwrap_or(1).max(1);
    // The best of three runs each, so that one hiccup of a busy machine does not
    // pass for a folded loop.
    let time = |n: u64| {
        let mut best = Duration::MAX;
        let mut total = 0;
        for _ in 0..3 {
            let started = Instant::now();
            total = cpu_job::cpu_bound(n);
            best = best.min(started.elapsed());
        }
        (best, total)
    };
    let (once, total_once) = time(n);
    let (four_times, total_four) = time(4 * n);
    if total_once != cpu_job::sum_of_squares_below(n)
        || total_four != cpu_job::sum_of_squares_below(4 * n)
    {
        bail!("cpu_bound disagrees with the closed form: the loop is wrong");
    }
    let ratio = four_times.as_secs_f64() / once.as_secs_f64().max(1e-9);
    if ratio < 2.0 {
        bail!(
            "cpu_bound({}) took only {ratio:.2}x as long as cpu_bound({n}): the optimiser \
             has replaced the loop by a formula, and the timings would measure nothing",
            4 * n
        );
    }
    Ok(format!(
        "guard: cpu_bound({n}) took {}, cpu_bound({}) took {}, {ratio:.1}x: the loop really runs",
        seconds(once),
        4 * n,
        seconds(four_times)
    ))
}

// ANCHOR: demo_cpu_guard
fn demo_cpu_guard(options: &Options) -> anyhow::Result<()> {
    let numbers = options.numbers();
    println!("{}", guard(&numbers)?);
    let total: u128 = cpu_job::sequential(&numbers).iter().sum();
    let formula: u128 = numbers
        .iter()
        .map(|&n| cpu_job::sum_of_squares_below(n))
        .sum();
    println!(
        "sum of cpu_bound(n) for the {} numbers = {total}",
        numbers.len()
    );
    println!("the closed form (n-1)n(2n-1)/6 gives     {formula}");
    if total != formula {
        bail!("the totals differ");
    }
    Ok(())
}
// ANCHOR_END: demo_cpu_guard

// ANCHOR: demo_tokio_blocking
fn demo_tokio_blocking(options: &Options) -> anyhow::Result<()> {
    let numbers = options.numbers();
    let expected: u128 = numbers
        .iter()
        .map(|&n| cpu_job::sum_of_squares_below(n))
        .sum();
    let show = |what: &str, run: OnTokio, took: Duration| -> anyhow::Result<()> {
        let total: u128 = run.totals.iter().sum();
        if total != expected {
            bail!("{what} computed {total}, not {expected}");
        }
        println!(
            "{what:<28} {} jobs in {}; the 10ms heartbeat's longest gap: {}",
            run.totals.len(),
            seconds(took),
            seconds(run.longest_gap)
        );
        Ok(())
    };
    let started = Instant::now();
    let blocked = cpu_on_tokio::blocking_the_runtime(&numbers)?;
    show("cpu_bound inside the task", blocked, started.elapsed())?;
    let started = Instant::now();
    let freed = cpu_on_tokio::with_spawn_blocking(&numbers)?;
    show("spawn_blocking(cpu_bound)", freed, started.elapsed())?;
    Ok(())
}
// ANCHOR_END: demo_tokio_blocking

// ANCHOR: demo_cpu_table
fn demo_cpu_table(options: &Options) -> anyhow::Result<()> {
    let numbers = options.numbers();
    let cores = cores();
    let expected: u128 = numbers
        .iter()
        .map(|&n| cpu_job::sum_of_squares_below(n))
        .sum();
    let worker = std::env::current_exe().context("could not find this program to start workers")?;
    println!(
        "cpu_bound(n) for n in {}..{}, {cores} cores",
        options.cpu_base,
        options.cpu_base + options.cpu_count
    );
    println!("{}", guard(&numbers)?);
    if options.repeat > 1 {
        println!(
            "each method run {} times, in turns; the table keeps its best time",
            options.repeat
        );
    }
    println!();

    let (numbers, worker) = (&numbers, &worker);
    let plain = |totals: Vec<u128>| (totals, String::new());
    let gap = |run: OnTokio| {
        (
            run.totals,
            format!("heartbeat gap {}", seconds(run.longest_gap)),
        )
    };
    let mut methods: Vec<(String, Run<'_, Vec<u128>>)> = vec![
        (
            "sequential".into(),
            Box::new(move || Ok(plain(cpu_job::sequential(numbers)))),
        ),
        (
            format!("{cores} scoped threads"),
            Box::new(move || Ok(plain(cpu_threads::scoped_threads(numbers, cores)))),
        ),
        (
            format!("{cores} processes"),
            Box::new(move || Ok(plain(processes::in_processes(worker, numbers, cores)?))),
        ),
        (
            "rayon".into(),
            Box::new(move || Ok(plain(cpu_threads::with_rayon(numbers)))),
        ),
        (
            "tokio, blocking its thread".into(),
            Box::new(move || Ok(gap(cpu_on_tokio::blocking_the_runtime(numbers)?))),
        ),
        (
            "tokio, spawn_blocking".into(),
            Box::new(move || Ok(gap(cpu_on_tokio::with_spawn_blocking(numbers)?))),
        ),
    ];
    let results = best_of(options.repeat, &mut methods)?;

    let mut table = Table::default();
    let sequential = results
        .first()
        .map(|(took, _, _)| *took)
        .unwrap_or_default();
    for ((method, _), (took, totals, note)) in methods.iter().zip(&results) {
        let total: u128 = totals.iter().sum();
        if total != expected {
            bail!("{method} computed {total}, not {expected}");
        }
        // The ideal: the sequential time shared perfectly among the cores.
        let ideal = if table.rows.is_empty() {
            *took
        } else {
            sequential / u32::try_from(cores).unwrap_or(1)
        };
        table.push(method, *took, ideal, note.clone());
    }
    print!("{}", table.render());
    println!("\nevery method computed the same total: {expected}");
    let title = format!("cpu_bound over {} numbers, {cores} cores", numbers.len());
    write_svg(options, "chart-cpu.svg", &table.svg(&title))?;
    Ok(())
}
// ANCHOR_END: demo_cpu_table
