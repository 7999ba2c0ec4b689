//! WRONG: select! instead of join!: it returns when the toast is done and drops the tea.

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

pub async fn breakfast(timeline: &Timeline) {
    let tea = async {
        boil_kettle(timeline).await;
        brew_tea(timeline).await;
    };
    let toast = async {
        toast_bread(timeline).await;
        butter_toast(timeline).await;
    };
    tokio::select! {
        () = tea => {}
        () = toast => {}
    }
}
