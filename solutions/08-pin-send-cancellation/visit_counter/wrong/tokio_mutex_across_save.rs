//! WRONG: a tokio Mutex held across the save: it compiles, but each visit waits for all saves.

use std::sync::{Arc, OnceLock};

use crate::site::Site;

/// One async lock for all the visits, held from the count to the end of the save.
fn turn() -> &'static tokio::sync::Mutex<()> {
    static TURN: OnceLock<tokio::sync::Mutex<()>> = OnceLock::new();
    TURN.get_or_init(|| tokio::sync::Mutex::new(()))
}

pub async fn visit(site: Arc<Site>, page: String) -> u64 {
    let _turn = turn().lock().await;
    let count = {
        let mut counts = site.counts();
        let count = counts.entry(page.clone()).or_insert(0);
        *count += 1;
        *count
    };
    site.save(&page, count).await;
    count
}
