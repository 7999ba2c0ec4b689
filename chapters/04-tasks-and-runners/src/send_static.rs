//! Why a spawned future must be `Send + 'static`, and the two ways to satisfy it.
//!
//! `tokio::spawn` hands the future to the runtime, which may poll it on any of its
//! worker threads and for as long as it likes. So the compiler asks two things of it:
//!
//! - `Send`: everything the future holds across an `.await` may move to another
//!   thread. An `Rc` (a reference count that is not atomic) may not;
//! - `'static`: the future borrows nothing from the function that spawned it, since
//!   that function may return (and its locals die) while the task still runs.
//!
//! Python asks neither: its tasks all run on the loop's one thread, and the garbage
//! collector keeps anything a task refers to alive. The two examples below are the
//! errors a learner meets; they are doctests that must fail to compile, so
//! `cargo test --doc -p ch04-tasks-and-runners` proves the errors are still real.
//!
//! An `Rc` moved into a spawned task ("future cannot be sent between threads safely"):
//!
//! ```compile_fail
#![doc = include_str!("compile_fail/rc_across_await.rs")]
//! ```
//!
//! A spawned task that borrows a local of the function spawning it (error E0373):
//!
//! ```compile_fail,E0373
#![doc = include_str!("compile_fail/borrowed_local.rs")]
//! ```
//!
//! The fixes: [`greet_all_moved`] moves owned, thread-safe data (`Arc`) into the
//! task; [`greet_all_local`] keeps the `Rc` and runs the task with `spawn_local` on a
//! `LocalSet`, which polls its tasks on the thread that runs it and never moves them.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use course_kit::Timeline;
use tokio::task::{self, LocalSet};
use tokio::time::sleep;

// ANCHOR: moved
/// Fix 1: give the task data it owns. `Arc` is the thread-safe `Rc`; the task gets
/// its own clone (`async move` moves it in), so it borrows nothing and can go to any
/// thread, and the caller keeps its own handle to the same names.
pub async fn greet_all_moved(timeline: &Timeline) -> anyhow::Result<Vec<String>> {
    let names = Arc::new(vec!["hello".to_string(), "world".to_string()]);
    let task = tokio::spawn({
        let names = Arc::clone(&names);
        let timeline = timeline.clone();
        async move {
            for name in names.iter() {
                sleep(Duration::from_secs(1)).await;
                timeline.say("spawned", name);
            }
        }
    });
    task.await?;
    Ok(names.to_vec())
}
// ANCHOR_END: moved

// ANCHOR: local
/// Fix 2: keep the `Rc` (and a `RefCell` the tasks write to) and run the tasks on a
/// `LocalSet` with `spawn_local`. They never leave this thread, so `Send` is not
/// asked; `'static` still is, hence the `Rc` clones moved in.
pub async fn greet_all_local(timeline: &Timeline) -> anyhow::Result<Vec<String>> {
    let local = LocalSet::new();
    // `run_until` drives the set's tasks while it waits for this future.
    local
        .run_until(async {
            let names = Rc::new(vec!["hello", "world"]);
            let greeted = Rc::new(RefCell::new(Vec::new()));
            let mut tasks = Vec::new();
            for (index, delay) in [(0, 2), (1, 1)] {
                let (names, greeted, timeline) =
                    (Rc::clone(&names), Rc::clone(&greeted), timeline.clone());
                tasks.push(task::spawn_local(async move {
                    sleep(Duration::from_secs(delay)).await;
                    timeline.say("local", names[index]);
                    // No lock: only one task of this thread runs at a time.
                    greeted.borrow_mut().push(names[index].to_string());
                }));
            }
            for task in tasks {
                task.await?;
            }
            Ok(greeted.take())
        })
        .await
}
// ANCHOR_END: local

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only for a future `tokio::spawn` accepts.
    fn spawnable<F: Future + Send + 'static>(_: &F) {}

    #[tokio::test(start_paused = true)]
    async fn a_task_that_owns_an_arc_is_spawnable_and_the_caller_keeps_the_data() {
        let timeline = Timeline::quiet();
        let names = Arc::new(vec!["a".to_string()]);
        let owned = async move { names.len() };
        spawnable(&owned);

        assert_eq!(
            greet_all_moved(&timeline).await.unwrap(),
            ["hello", "world"]
        );
        assert_eq!(
            timeline.when("spawned", "world"),
            Some(Duration::from_secs(2))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn local_tasks_share_an_rc_refcell_and_run_concurrently_on_one_thread() {
        let timeline = Timeline::quiet();
        let greeted = greet_all_local(&timeline).await.unwrap();
        assert_eq!(greeted, ["world", "hello"], "the 1s task finished first");
        assert_eq!(
            timeline.end(),
            Duration::from_secs(2),
            "1s and 2s overlapped: 2s, not 3s"
        );
    }
}
