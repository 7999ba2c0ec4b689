//! One thread, every request in flight: the asyncio version.
//!
//! ```python
//! async def download_all_sites(sites):
//!     async with aiohttp.ClientSession() as session:
//!         tasks = [download_site(session, url) for url in sites]
//!         await asyncio.gather(*tasks, return_exceptions=True)
//! ```
//!
//! A request that waits for its answer is a future that returns `Pending`; the
//! runtime moves on to the next one. So one thread can have all 80 requests waiting
//! at once, and the whole run takes one latency, not 80 or 16.
//!
//! All at once is not always polite: a real site may refuse 80 connections from one
//! client, and a client may run out of sockets. [`download_bounded`] keeps at most
//! `limit` requests in flight with `buffer_unordered`, the stream version of an
//! `asyncio.Semaphore(limit)`: 80 sites with a limit of 5 take 16 latencies, like the
//! 5 threads, but on one thread and without five stacks.

use futures::StreamExt as _;

use crate::download::{Outcome, Site, fetch};
use crate::progress::Progress;

// ANCHOR: all_at_once
/// Every request at once: `asyncio.gather`.
pub async fn download_all_at_once(
    client: &reqwest::Client,
    sites: &[Site],
    progress: &Progress,
) -> Vec<Outcome> {
    let downloads = sites.iter().map(|site| async move {
        let outcome = fetch(client, site).await;
        progress.done();
        outcome
    });
    // `join_all` polls every future in this one task; the outcomes come back in the
    // order of `sites`, as `gather` returns them.
    futures::future::join_all(downloads).await
}
// ANCHOR_END: all_at_once

// ANCHOR: future_size
/// How many bytes one waiting download takes in the task: the size of its future,
/// measured, not guessed. Making the future runs nothing (futures are lazy), so
/// this sends no request. The future holds its state inline; reqwest keeps a little
/// more per request on the heap (buffers, the connection), which this leaves out.
pub fn download_future_size(client: &reqwest::Client, site: &Site) -> usize {
    std::mem::size_of_val(&fetch(client, site))
}
// ANCHOR_END: future_size

// ANCHOR: bounded
/// At most `limit` requests in flight; outcomes in the order of `sites`.
pub async fn download_bounded(
    client: &reqwest::Client,
    sites: &[Site],
    limit: usize,
    progress: &Progress,
) -> Vec<Outcome> {
    let mut outcomes: Vec<(usize, Outcome)> = futures::stream::iter(sites.iter().enumerate())
        .map(|(index, site)| async move {
            let outcome = fetch(client, site).await;
            progress.done();
            (index, outcome)
        })
        // Starts a new download each time one finishes, never more than `limit`
        // running; finished ones come out in the order they finish...
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    // ...so put them back in the order they were asked for.
    outcomes.sort_by_key(|(index, _)| *index);
    outcomes.into_iter().map(|(_, outcome)| outcome).collect()
}
// ANCHOR_END: bounded

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::time::Instant;

    use super::*;
    use crate::server::{ServerConfig, site_url, spawn};

    const LATENCY: Duration = Duration::from_millis(50);

    async fn sites(count: usize) -> (Vec<Site>, std::sync::Arc<crate::server::Stats>) {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        let sites = (0..count)
            .map(|n| Site::new(site_url(addr, n), Some(1024)))
            .collect();
        (sites, stats)
    }

    #[tokio::test(start_paused = true)]
    async fn eighty_downloads_at_once_take_one_latency() {
        let (sites, stats) = sites(80).await;
        let started = Instant::now();
        let outcomes = download_all_at_once(
            &crate::download::async_client(),
            &sites,
            &Progress::hidden(),
        )
        .await;
        assert_eq!(started.elapsed(), LATENCY, "all 80 wait at the same time");
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        assert_eq!(stats.peak_in_flight(), 80);
    }

    #[tokio::test(start_paused = true)]
    async fn a_limit_of_five_takes_sixteen_latencies_with_five_in_flight() {
        let (sites, stats) = sites(80).await;
        let started = Instant::now();
        let outcomes = download_bounded(
            &crate::download::async_client(),
            &sites,
            5,
            &Progress::hidden(),
        )
        .await;
        assert_eq!(
            started.elapsed(),
            LATENCY * 16,
            "80 sites, 5 at a time: 16 rounds"
        );
        assert_eq!(stats.peak_in_flight(), 5);
        assert_eq!(
            stats.connections(),
            5,
            "the client reuses its 5 connections"
        );
        let urls: Vec<_> = outcomes
            .iter()
            .map(|o| o.as_ref().unwrap().url.clone())
            .collect();
        let asked: Vec<_> = sites.iter().map(|s| s.url.clone()).collect();
        assert_eq!(urls, asked, "outcomes come back in the order of the sites");
    }
}
