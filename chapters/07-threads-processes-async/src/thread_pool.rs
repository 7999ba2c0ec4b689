//! A pool of threads, each with its own client: the notes' threading version.
//!
//! ```python
//! thread_local = threading.local()
//!
//! def get_session():
//!     if not hasattr(thread_local, "session"):
//!         thread_local.session = requests.Session()
//!     return thread_local.session
//!
//! def download_all_sites(sites):
//!     with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
//!         executor.map(download_site, sites)
//! ```
//!
//! Five threads each send a request and block until it is answered, so five requests
//! wait at once: 80 sites take ⌈80 / 5⌉ = 16 latencies instead of 80.
//!
//! `thread_local!` is Rust's `threading.local()`: a value per thread, created the
//! first time that thread asks for it. Each worker builds one client and reuses it
//! (and its open connection) for every site it downloads, so the server sees five
//! connections, not eighty. Python needs the thread-local because a `Session` is not
//! safe to share between threads. A `reqwest::blocking::Client` could be shared (it
//! is `Sync`), but the thread-local is the notes' design, and a client per thread
//! also means no two threads ever contend for one client's connection pool.
//!
//! The pool is `std::thread::scope`: the workers borrow `sites` and `results` from
//! this function's stack, and the scope joins them all before returning, as the
//! `with ThreadPoolExecutor(...)` block does.

use std::cell::OnceCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::download::{Outcome, Site, blocking_client, fetch_blocking};
use crate::progress::Progress;

// ANCHOR: thread_local
thread_local! {
    /// This thread's client, built on first use: `thread_local.session`.
    static CLIENT: OnceCell<reqwest::blocking::Client> = const { OnceCell::new() };
}

/// Download `site` with the calling thread's own client.
fn download_site(site: &Site) -> Outcome {
    CLIENT.with(|client| fetch_blocking(client.get_or_init(blocking_client), site))
}
// ANCHOR_END: thread_local

// ANCHOR: pool
/// Download every site with `workers` threads, and return the outcomes in the order
/// of `sites` (as `executor.map` does).
pub fn download_all(sites: &[Site], workers: usize, progress: &Progress) -> Vec<Outcome> {
    // The queue is an index: each worker takes the next site nobody has taken yet,
    // so a worker whose site answered quickly moves on at once.
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; sites.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(site) = sites.get(index) else { break };
                    let outcome = download_site(site);
                    progress.done();
                    // The lock is held only to store one result, never during a request.
                    results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|outcome| {
            outcome.expect("the scope joined every worker, and each index was taken once")
        })
        .collect()
}
// ANCHOR_END: pool

#[cfg(test)]
mod tests {
    use course_kit::watchdog;

    use super::*;
    use crate::server::{Server, ServerConfig};

    #[test]
    fn five_workers_hold_five_requests_at_once_on_five_connections() {
        // The server answers only when 5 requests wait together: a pool that never
        // has 5 in flight would hang, and the watchdog would say so.
        let server = Server::start(ServerConfig {
            batch: Some(5),
            ..ServerConfig::default()
        })
        .unwrap();
        let sites: Vec<_> = server
            .urls(20)
            .into_iter()
            .map(|u| Site::new(u, Some(1024)))
            .collect();
        let asked = sites.clone();
        let outcomes = watchdog::within(
            watchdog::LIMIT,
            "the pool never had 5 requests in flight",
            move || download_all(&sites, 5, &Progress::hidden()),
        );
        let urls: Vec<_> = outcomes
            .iter()
            .map(|o| o.as_ref().unwrap().url.clone())
            .collect();
        let asked: Vec<_> = asked.into_iter().map(|s| s.url).collect();
        assert_eq!(
            urls, asked,
            "outcomes in the order of the sites, as executor.map"
        );
        let stats = server.stats();
        assert_eq!(stats.peak_in_flight(), 5);
        assert_eq!(
            stats.connections(),
            5,
            "one thread-local client, one connection, per worker"
        );
    }
}
