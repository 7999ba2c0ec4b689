//! Given: a web site's visit counts, and a slow store that saves them.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The counts per page, behind a `std::sync::Mutex`, and what the store has saved.
#[derive(Debug)]
pub struct Site {
    counts: Mutex<HashMap<String, u64>>,
    saved: Mutex<Vec<(String, u64)>>,
    save_time: Duration,
}

impl Site {
    /// A site whose store takes `save_time` to save a count.
    pub fn new(save_time: Duration) -> Self {
        Site {
            counts: Mutex::default(),
            saved: Mutex::default(),
            save_time,
        }
    }

    /// The counts per page. A `std::sync::MutexGuard` is not `Send`.
    pub fn counts(&self) -> MutexGuard<'_, HashMap<String, u64>> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether somebody holds the counts' lock right now (for the tests).
    pub fn counts_are_locked(&self) -> bool {
        matches!(
            self.counts.try_lock(),
            Err(std::sync::TryLockError::WouldBlock)
        )
    }

    /// Save `count` as the count of `page`: it takes the site's save time.
    pub async fn save(&self, page: &str, count: u64) {
        if self.save_time.is_zero() {
            tokio::task::yield_now().await;
        } else {
            tokio::time::sleep(self.save_time).await;
        }
        let mut saved = self.saved.lock().unwrap_or_else(PoisonError::into_inner);
        saved.push((page.to_string(), count));
    }

    /// What the store has saved so far, in the order the saves finished.
    pub fn saved(&self) -> Vec<(String, u64)> {
        self.saved
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
