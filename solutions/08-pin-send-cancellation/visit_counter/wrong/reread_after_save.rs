//! WRONG: the count is read again after the save, so a visit returns what the others made of it.

use std::sync::Arc;

use crate::site::Site;

pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    let count = {
        let mut counts = site.counts();
        let count = counts.entry(page.clone()).or_insert(0);
        *count += 1;
        *count
    };
    site.save(&page, count).await;
    // The guard's scope ended before the save, as it must; but this second look at
    // the counts sees every visit that counted during the save.
    site.counts().get(&page).copied().unwrap_or(count)
}
