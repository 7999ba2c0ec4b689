//! Exercise (medium): a pool of threads, each with a client of its own.
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
//! Python needs `threading.local()` because the executor owns its threads and you only
//! hand it a function. When you write the pool yourself, each worker is a loop you
//! own, so its client can simply be a local variable of that loop: made the first time
//! the worker has something to do, and reused for every item after.
//!
//! The pool shares the work: an idle worker takes the next item nobody has taken yet
//! (as `executor.map` does), so one slow item never holds up the items behind it.
//!
//! Two things the chapter's pool does not do. A job may panic: `executor.map`
//! re-raises a job's exception in the caller, so `map_with_pool` panics with the
//! job's own panic, message unchanged (once the other workers are done). And the
//! chapter's results are `Outcome`s; here `R` is any type.

// ANCHOR: exercise
/// `job(&client, item)` for every item, on `workers` threads. Each worker makes one
/// client with `make_client`, the first time it takes an item, and reuses it. The
/// results come back in the order of `items`. A `workers` of 0 is taken as 1; a job
/// that panics makes this panic with the job's own message.
pub fn map_with_pool<T, R, C>(
    items: &[T],
    workers: usize,
    make_client: impl Fn() -> C + Sync,
    job: impl Fn(&C, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    // TODO: `std::thread::scope` lets the workers borrow `items`. Start `workers`
    // threads; each loops: take the next index nobody has taken (an `AtomicUsize`
    // with `fetch_add`), stop when there is none, make its client if it has none yet,
    // run the job and store the result at that index (a `Mutex<Vec<Option<R>>>`).
    let _ = (items, workers, make_client, job);
    todo!("a pool of threads with a client each")
}
// ANCHOR_END: exercise
