//! The tests of the `visit_counter` exercise. Its solution runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::sync::Arc;
use std::time::Duration;

use course_kit::watchdog;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::site::Site;
use crate::visit_counter::visit;

const SECOND: Duration = Duration::from_secs(1);

const HANG: &str = "the visits never finished. A std::sync::Mutex locked again by a \
                    task on the same thread, while another task holds it across an \
                    .await, blocks that thread for good: release the lock before \
                    awaiting the save.";

/// `visits` visits to `page`, all spawned at once on the paused clock: the counts
/// they returned (sorted), what the site saved, and how long they all took.
fn at_once(visits: usize, page: &'static str) -> (Vec<u64>, Arc<Site>, Duration) {
    watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let site = Arc::new(Site::new(SECOND));
        let start = Instant::now();
        let mut set = JoinSet::new();
        for _ in 0..visits {
            // If this line does not compile, `visit`'s future is not Send: a
            // std::sync::MutexGuard is still alive at its .await.
            set.spawn(visit(Arc::clone(&site), page.to_string()));
        }
        let mut counts = set.join_all().await;
        counts.sort_unstable();
        (counts, site, start.elapsed())
    })
}

#[test]
fn ten_visits_at_once_count_one_to_ten() {
    let (counts, site, _) = at_once(10, "home");
    assert_eq!(
        counts,
        (1..=10).collect::<Vec<_>>(),
        "ten visits at once must each count: if several returned the same number, \
         the count was read before the save's .await and written after it, while \
         the other visits read the same old value"
    );
    assert_eq!(
        site.counts().get("home"),
        Some(&10),
        "the count left behind"
    );
}

#[test]
fn each_visit_saves_the_count_it_made() {
    let (_, site, _) = at_once(10, "home");
    let mut saved: Vec<u64> = site.saved().into_iter().map(|(_, count)| count).collect();
    saved.sort_unstable();
    assert_eq!(
        saved,
        (1..=10).collect::<Vec<_>>(),
        "each visit saves its own new count, once"
    );
}

#[test]
fn ten_saves_at_once_take_one_save_time_because_the_lock_is_for_counting_only() {
    let (_, _, took) = at_once(10, "home");
    let why = if took < SECOND {
        "the visits returned before their saves were done: a save spawned as a task of \
         its own is not finished when visit returns"
    } else {
        "the saves ran one after the other instead of together. Holding a lock across \
         the save (tokio's Mutex, say) makes every visit wait for the others' saves; \
         hold it only while counting"
    };
    assert_eq!(
        took, SECOND,
        "ten visits with a 1s save each took {took:?}: {why}"
    );
}

#[test]
fn a_visit_returns_only_after_its_save_is_done() {
    let (saved, took) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let site = Arc::new(Site::new(SECOND));
        let start = Instant::now();
        let count = visit(Arc::clone(&site), "about".to_string()).await;
        assert_eq!(count, 1, "the first visit to a page counts 1");
        (site.saved(), start.elapsed())
    });
    assert_eq!(
        (saved, took),
        (vec![("about".to_string(), 1)], SECOND),
        "when visit returns, its count is saved, which takes the site's 1s. A save \
         spawned as a task of its own is not done yet when visit returns (and its \
         error, if it had one, would go nowhere)"
    );
}

#[test]
fn the_lock_is_free_while_the_save_runs() {
    let locked = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let site = Arc::new(Site::new(SECOND));
        let visiting = tokio::spawn(visit(Arc::clone(&site), "home".to_string()));
        // Let the visit run until it waits in its save.
        tokio::time::sleep(SECOND / 2).await;
        let locked = site.counts_are_locked();
        visiting.await.expect("the visit does not panic");
        locked
    });
    assert!(
        !locked,
        "half way through the save, the counts were still locked: whatever compiles, the \
         guard must be gone (its scope ended, or the guard moved away) before the .await"
    );
}

#[test]
fn pages_are_counted_apart() {
    let (counts, site) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let site = Arc::new(Site::new(SECOND));
        let mut set = JoinSet::new();
        for page in ["home", "about", "home"] {
            set.spawn(visit(Arc::clone(&site), page.to_string()));
        }
        let mut counts = set.join_all().await;
        counts.sort_unstable();
        (counts, site)
    });
    assert_eq!(counts, [1, 1, 2], "home counts 1 and 2, about counts 1");
    assert_eq!(site.counts().get("about"), Some(&1));
}

#[test]
fn on_many_threads_no_visit_is_ever_lost() {
    // A real multi-thread runtime, saves that only yield, many rounds: a count read
    // before the .await and written after it loses visits in nearly every round.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .build()
        .expect("a runtime with four threads");
    let rounds = watchdog::within(watchdog::LIMIT, HANG, move || {
        let mut lost_rounds = 0;
        for _ in 0..50 {
            let site = Arc::new(Site::new(Duration::ZERO));
            let counted = runtime.block_on(async {
                let mut set = JoinSet::new();
                for _ in 0..40 {
                    set.spawn(visit(Arc::clone(&site), "home".to_string()));
                }
                set.join_all().await;
                site.counts().get("home").copied()
            });
            if counted != Some(40) {
                lost_rounds += 1;
            }
        }
        lost_rounds
    });
    assert_eq!(
        rounds, 0,
        "in {rounds} of 50 rounds of 40 visits on four threads, visits were lost"
    );
}
