//! The IO-bound demos: the local server, each download method, and their table.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use ch07_threads_processes_async::download::{self, Outcome, Site};
use ch07_threads_processes_async::progress::Progress;
use ch07_threads_processes_async::report::{Table, seconds};
use ch07_threads_processes_async::server::{Server, ServerConfig};
use ch07_threads_processes_async::{async_download, sequential, thread_pool};

use super::{Options, Run, best_of, cores, runtime, server_report, summary, write_svg};

pub(super) fn demo_server(options: &Options) -> anyhow::Result<()> {
    let server = Server::start(ServerConfig {
        latency: options.latency(),
        body_size: usize::try_from(options.body_size)?,
        batch: None,
        ..ServerConfig::default()
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

pub(super) fn demo_sequential(options: &Options) -> anyhow::Result<()> {
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

pub(super) fn demo_threads(options: &Options) -> anyhow::Result<()> {
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

pub(super) fn demo_async_all(options: &Options) -> anyhow::Result<()> {
    let server = options.server()?;
    let sites = options.sites(server.as_ref());
    let progress = Progress::new("async", sites.len());
    let started = Instant::now();
    let client = download::async_client();
    let outcomes = runtime()?.block_on(async_download::download_all_at_once(
        &client, &sites, &progress,
    ));
    let took = started.elapsed();
    drop(progress);
    server_report(server.as_ref());
    if let Some(site) = sites.first() {
        let size = async_download::download_future_size(&client, site);
        println!(
            "Each download waiting was a future of {size} bytes: {} bytes for all {}.",
            size * sites.len(),
            sites.len()
        );
    }
    summary("on one thread, all at once", &outcomes, took)
}

pub(super) fn demo_async_bounded(options: &Options) -> anyhow::Result<()> {
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

pub(super) fn demo_failures(options: &Options) -> anyhow::Result<()> {
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

pub(super) fn demo_io_table(options: &Options) -> anyhow::Result<()> {
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
