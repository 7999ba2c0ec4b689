//! Exercise 3, solved: at most `limit` downloads in flight, on one thread.

use ch07_threads_processes_async::download::{Outcome, Site, fetch};
use futures::StreamExt as _;

// ANCHOR: solution
pub async fn download_bounded(
    client: &reqwest::Client,
    sites: &[Site],
    limit: usize,
) -> Vec<Outcome> {
    let mut finished: Vec<(usize, Outcome)> = futures::stream::iter(sites.iter().enumerate())
        .map(|(index, site)| async move { (index, fetch(client, site).await) })
        // `buffer_unordered(0)` would never start anything: at least one.
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    finished.sort_by_key(|(index, _)| *index);
    finished.into_iter().map(|(_, outcome)| outcome).collect()
}
// ANCHOR_END: solution
