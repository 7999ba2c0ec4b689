//! Exercise 2 (medium): a pool of threads with a thread-local client.
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
//!         return list(executor.map(download_site, sites))
//! ```
//!
//! Write the pool: `workers` threads share the list of sites, each thread builds one
//! `reqwest::blocking::Client` the first time it needs one and reuses it for every
//! site it downloads, and the outcomes come back in the order of `sites`.
//!
//! Given: `fetch_blocking(&client, site)` downloads and checks one site, and
//! `blocking_client()` builds a client.

#[allow(unused_imports)] // you will need these
use ch07_threads_processes_async::download::{Outcome, Site, blocking_client, fetch_blocking};

// ANCHOR: exercise
// TODO: a `thread_local!` holding this thread's client, created on first use
// (a `std::cell::OnceCell<reqwest::blocking::Client>` is one way).

/// Download every site with `workers` threads; outcomes in the order of `sites`.
pub fn download_all(sites: &[Site], workers: usize) -> Vec<Outcome> {
    // TODO: start `workers` threads (std::thread::scope lets them borrow `sites`).
    // Each takes the next site nobody has taken, downloads it with its own
    // thread-local client, and stores the outcome at that site's index.
    let _ = (sites, workers);
    todo!("a pool of threads with a client each")
}
// ANCHOR_END: exercise
