//! Exercise 2, solved: a `!Send` future made `Send` without changing what it does.

use std::collections::HashMap;
use std::sync::{Arc, MutexGuard};

use crate::site::Site;

// ANCHOR: solution
/// Count one visit to `page`, save the new count, and return it.
pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    // The async code only *moves* the guard, into `count_one`, and never borrows it:
    // from the move on, the future does not hold it, so it is `Send`, and the lock is
    // free while this visit saves. (A block ending before the `.await` works too.)
    let count = count_one(site.counts(), &page);
    site.save(&page, count).await;
    count
}

/// Plain code, which may borrow the guard as it likes: it is dropped on return.
fn count_one(mut counts: MutexGuard<'_, HashMap<String, u64>>, page: &str) -> u64 {
    let count = counts.entry(page.to_string()).or_insert(0);
    *count += 1;
    *count
}
// ANCHOR_END: solution
