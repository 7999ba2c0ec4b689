//! WRONG: the save is spawned as a task of its own, so visit returns before its count is saved.

use std::sync::Arc;

use crate::site::Site;

pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    let count = {
        let mut counts = site.counts();
        let count = counts.entry(page.clone()).or_insert(0);
        *count += 1;
        *count
    };
    tokio::spawn(async move { site.save(&page, count).await });
    count
}
