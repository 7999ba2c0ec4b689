//! Exercise 2, solved: a `!Send` future made `Send` without changing what it does.

use std::sync::Arc;

use crate::site::Site;

// ANCHOR: solution
/// Count one visit to `page`, save the new count, and return it.
pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    // The guard lives in this block only: the future keeps a `u64` across the
    // `.await`, not the guard, so it is `Send`, and other visits can count while
    // this one saves.
    let count = {
        let mut counts = site.counts();
        let count = counts.entry(page.clone()).or_insert(0);
        *count += 1;
        *count
    };
    site.save(&page, count).await;
    count
}
// ANCHOR_END: solution
