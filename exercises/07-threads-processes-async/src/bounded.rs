//! Exercise 3 (harder): at most `limit` downloads in flight, on one thread.
//!
//! ```python
//! async def download_all_sites(sites, limit):
//!     semaphore = asyncio.Semaphore(limit)
//!     async with aiohttp.ClientSession() as session:
//!         async def bounded(url):
//!             async with semaphore:
//!                 return await download_site(session, url)
//!         return await asyncio.gather(*(bounded(url) for url in sites))
//! ```
//!
//! Write it with a stream and `buffer_unordered(limit)`: a new download starts
//! each time one finishes, never more than `limit` at once. Outcomes come back from
//! `buffer_unordered` in the order they finish; return them in the order of
//! `sites`, as `gather` does.
//!
//! Given: `fetch(&client, site).await` downloads and checks one site.

#[allow(unused_imports)] // you will need these
use ch07_threads_processes_async::download::{Outcome, Site, fetch};
#[allow(unused_imports)]
use futures::StreamExt as _;

// ANCHOR: exercise
/// Download every site with `client`, at most `limit` at once; outcomes in the order
/// of `sites`.
pub async fn download_bounded(
    client: &reqwest::Client,
    sites: &[Site],
    limit: usize,
) -> Vec<Outcome> {
    // TODO: `futures::stream::iter` over the sites (with their index), `map` each to
    // a future that fetches it, `buffer_unordered(limit)`, `collect`, then put the
    // outcomes back in the order of `sites`.
    let _ = (client, sites, limit);
    todo!("buffer_unordered(limit)")
}
// ANCHOR_END: exercise
