//! Exercise 2 (easy): make a future `Send` without changing what it does.
//!
//! ```python
//! async def visit(site, page):
//!     site.counts[page] = site.counts.get(page, 0) + 1
//!     count = site.counts[page]
//!     await site.save(page, count)
//!     return count
//! ```
//!
//! Somebody wrote it in Rust like this, and it compiles, until a caller spawns it.
//! Then they added `drop(counts)` before the `.await`, and it still does not:
//!
//! ```text
//! pub async fn visit(site: Arc<Site>, page: String) -> u64 {
//!     let mut counts = site.counts();
//!     let count = counts.entry(page.clone()).or_insert(0);
//!     *count += 1;
//!     let count = *count;
//!     drop(counts); // unlocked here...
//!     site.save(&page, count).await; // ...yet still "maybe used later" here
//!     count
//! }
//! ```
//!
//! `tokio::spawn(visit(site, page))` fails: "future cannot be sent between threads
//! safely ... await occurs here, with `mut counts` maybe used later". Work out why
//! `drop` was not enough (the chapter's `Send` section has the rule), then write
//! `visit` so that it can be spawned, and so that:
//!
//! - every visit counts: ten visits to a page, at once, return 1 to 10 and leave 10;
//! - each visit saves the count it made, and returns only after its save is done;
//! - the lock is for counting only: it is free while the save runs, and ten visits
//!   at once must not wait for each other's saves (ten saves of one second take one
//!   second).

use std::sync::Arc;

use crate::site::Site;

// ANCHOR: exercise
/// Count one visit to `page`, save the new count, and return it.
pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    // TODO: count the visit, save the new count, return it; with no std guard
    // alive at the `.await` (the tests spawn this future).
    let _ = (site, page); // Only silences "unused" warnings: delete it.
    todo!("count, then save")
}
// ANCHOR_END: exercise
