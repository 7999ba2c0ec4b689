//! The baseline: one blocking client, one URL after another.
//!
//! ```python
//! def download_all_sites(sites):
//!     with requests.Session() as session:
//!         for url in sites:
//!             download_site(url, session)
//! ```
//!
//! Each request waits its full latency before the next one is sent, so 80 sites at
//! 50 ms take 80 × 50 ms = 4 s, whatever the CPU. The one client is the `Session`:
//! it keeps its connection open between requests, so the server sees one connection
//! for all 80 (the tests check it).

use crate::download::{Outcome, Site, fetch_blocking};
use crate::progress::Progress;

// ANCHOR: sequential
pub fn download_all(sites: &[Site], progress: &Progress) -> Vec<Outcome> {
    let client = crate::download::blocking_client();
    sites
        .iter()
        .map(|site| {
            let outcome = fetch_blocking(&client, site);
            progress.done();
            outcome
        })
        .collect()
}
// ANCHOR_END: sequential

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::server::{Server, ServerConfig};

    #[test]
    fn one_client_sends_one_request_at_a_time_on_one_connection() {
        let server = Server::start(ServerConfig {
            latency: Duration::from_millis(1),
            ..ServerConfig::default()
        })
        .unwrap();
        let sites: Vec<_> = server
            .urls(10)
            .into_iter()
            .map(|u| Site::new(u, Some(1024)))
            .collect();
        let outcomes = download_all(&sites, &Progress::hidden());
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        let stats = server.stats();
        assert_eq!(
            (
                stats.requests(),
                stats.connections(),
                stats.peak_in_flight()
            ),
            (10, 1, 1)
        );
    }
}
