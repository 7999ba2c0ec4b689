//! Exercise 1, solved: breakfast in 4 seconds, not 7.
//!
//! ```python
//! async def breakfast_in_turn():
//!     await boil_kettle()   # 3 s
//!     await brew_tea()      # 1 s, needs the boiled kettle
//!     await toast_bread()   # 2 s
//!     await butter_toast()  # 1 s, needs the toast
//! ```
//!
//! Awaited in turn, the four steps take 3 + 1 + 2 + 1 = 7 seconds, yet the toaster
//! does not need the kettle. Write [`breakfast`] so that it is ready in 4 seconds:
//! the tea and the toast at the same time, each pair still in its own order.

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::sleep;

/// One step of breakfast: `what` takes `secs` seconds, recorded on `lane`.
async fn step(timeline: &Timeline, lane: &str, what: &str, secs: u64) {
    timeline.say(lane, format!("{what}..."));
    sleep(Duration::from_secs(secs)).await;
    timeline.say(lane, format!("{what}: done"));
}

pub async fn boil_kettle(timeline: &Timeline) {
    step(timeline, "tea", "boil the kettle", 3).await;
}

pub async fn brew_tea(timeline: &Timeline) {
    step(timeline, "tea", "brew the tea", 1).await;
}

pub async fn toast_bread(timeline: &Timeline) {
    step(timeline, "toast", "toast the bread", 2).await;
}

pub async fn butter_toast(timeline: &Timeline) {
    step(timeline, "toast", "butter the toast", 1).await;
}

/// Breakfast one step at a time: 7 seconds.
pub async fn breakfast_in_turn(timeline: &Timeline) {
    boil_kettle(timeline).await;
    brew_tea(timeline).await;
    toast_bread(timeline).await;
    butter_toast(timeline).await;
}

// ANCHOR: solution
/// Breakfast in 4 seconds: the tea (kettle, then brew) and the toast (toast, then
/// butter) at the same time.
pub async fn breakfast(timeline: &Timeline) {
    // Each pair is one async block that awaits its two steps in turn; `join!` runs
    // the two blocks at once, as `asyncio.gather` would.
    let tea = async {
        boil_kettle(timeline).await;
        brew_tea(timeline).await;
    };
    let toast = async {
        toast_bread(timeline).await;
        butter_toast(timeline).await;
    };
    tokio::join!(tea, toast);
}
// ANCHOR_END: solution
