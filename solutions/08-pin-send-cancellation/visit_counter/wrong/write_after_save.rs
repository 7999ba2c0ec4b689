//! WRONG: the count is read before the save's .await and written back after it, so visits are lost.

use std::sync::Arc;

use crate::site::Site;

pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    let count = site.counts().get(&page).copied().unwrap_or(0) + 1;
    site.save(&page, count).await;
    site.counts().insert(page, count);
    count
}
