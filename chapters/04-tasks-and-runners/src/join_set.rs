//! `JoinSet`: many tasks, collected as they finish.
//!
//! One `JoinHandle` per task is fine for two tasks; for a hundred, keep them in a
//! [`JoinSet`]. `spawn` adds a task, and `join_next` waits for whichever finishes
//! next, as `asyncio.as_completed` does. Dropping the set aborts every task still in
//! it, but does not wait for them to stop; and nothing waits for the tasks unless you
//! loop on `join_next`. That is where a set differs from asyncio's `TaskGroup`, which
//! waits for its tasks on the way out: [`task_group`](crate::task_group) shows the
//! tokio for each of a `TaskGroup`'s behaviours.

use std::time::Duration;

use course_kit::Timeline;
use tokio::task::JoinSet;
use tokio::time::sleep;

/// A stand-in for a download: it takes `secs` seconds and returns its name.
pub async fn fetch(timeline: Timeline, name: &'static str, secs: u64) -> &'static str {
    sleep(Duration::from_secs(secs)).await;
    timeline.say("fetch", format!("{name} done after {secs}s"));
    name
}

// ANCHOR: completion_order
/// Start every job at once, in a `JoinSet`, and return their names in the order
/// they *finished*: the shortest first, whatever order they were started in.
pub async fn in_completion_order(
    timeline: &Timeline,
    jobs: &[(&'static str, u64)],
) -> anyhow::Result<Vec<&'static str>> {
    let mut set = JoinSet::new();
    for &(name, secs) in jobs {
        set.spawn(fetch(timeline.clone(), name, secs));
    }
    let mut finished = Vec::new();
    // `join_next` is `None` once the set is empty: the loop ends by itself.
    while let Some(result) = set.join_next().await {
        finished.push(result?);
    }
    timeline.say("main", format!("all {} finished", finished.len()));
    Ok(finished)
}
// ANCHOR_END: completion_order

// ANCHOR: dropped_set
/// Spawn the jobs into a set, then drop the set after `after`. Every task still in
/// it is aborted (and nothing waits for it); returns how many jobs got to say they
/// were done.
pub async fn drop_the_set_after(
    timeline: &Timeline,
    jobs: &[(&'static str, u64)],
    after: Duration,
) -> usize {
    let mut set = JoinSet::new();
    for &(name, secs) in jobs {
        set.spawn(fetch(timeline.clone(), name, secs));
    }
    sleep(after).await;
    drop(set);
    timeline.say("main", "dropped the set");
    // Wait until the slowest job would have finished: an aborted one never does.
    let slowest = jobs.iter().map(|&(_, secs)| secs).max().unwrap_or(0);
    sleep(Duration::from_secs(slowest)).await;
    timeline
        .events()
        .iter()
        .filter(|e| e.lane == "fetch")
        .count()
}
// ANCHOR_END: dropped_set

#[cfg(test)]
mod tests {
    use super::*;

    const JOBS: [(&str, u64); 4] = [("slow", 3), ("quick", 1), ("middle", 2), ("also quick", 1)];

    #[tokio::test(start_paused = true)]
    async fn join_next_hands_results_back_in_the_order_they_finish() {
        let timeline = Timeline::quiet();
        let order = in_completion_order(&timeline, &JOBS).await.unwrap();
        assert_eq!(order, ["quick", "also quick", "middle", "slow"]);
    }

    #[tokio::test(start_paused = true)]
    async fn four_jobs_of_one_to_three_seconds_take_three_seconds_together() {
        let timeline = Timeline::quiet();
        in_completion_order(&timeline, &JOBS).await.unwrap();
        assert_eq!(
            timeline.when("main", "all 4 finished"),
            Some(Duration::from_secs(3)),
            "the longest job, not the sum (7s)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_set_aborts_the_tasks_still_in_it() {
        let timeline = Timeline::quiet();
        let done = drop_the_set_after(&timeline, &JOBS, Duration::from_millis(1500)).await;
        assert_eq!(
            done, 2,
            "the two 1s jobs finished before the drop at 1.5s; the others never do"
        );
    }
}
