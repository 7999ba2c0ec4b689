//! Exercise 2, solved: a pool of threads with a thread-local client.

use std::cell::OnceCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ch07_threads_processes_async::download::{Outcome, Site, blocking_client, fetch_blocking};

// ANCHOR: solution
thread_local! {
    // `threading.local()`: each thread sees its own cell, filled on first use.
    static CLIENT: OnceCell<reqwest::blocking::Client> = const { OnceCell::new() };
}

pub fn download_all(sites: &[Site], workers: usize) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; sites.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                loop {
                    // Take the next site nobody has taken; stop when there is none.
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(site) = sites.get(index) else { break };
                    let outcome = CLIENT
                        .with(|client| fetch_blocking(client.get_or_init(blocking_client), site));
                    results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(outcome);
                }
            });
        }
    }); // the scope joins every worker here, like leaving `with ThreadPoolExecutor`
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|outcome| outcome.expect("every index was taken by exactly one worker"))
        .collect()
}
// ANCHOR_END: solution
