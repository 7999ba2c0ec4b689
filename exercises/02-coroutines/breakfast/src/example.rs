//! Not part of the exercise: the one construct it needs, shown on its own. The book
//! includes it under "What you need"; your code goes in `breakfast.rs`.

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::sleep;

async fn wash(timeline: &Timeline) {
    timeline.say("laundry", "wash");
    sleep(Duration::from_secs(2)).await;
}

async fn dry(timeline: &Timeline) {
    timeline.say("laundry", "dry");
    sleep(Duration::from_secs(1)).await;
}

async fn bake(timeline: &Timeline) {
    timeline.say("oven", "bake");
    sleep(Duration::from_secs(2)).await;
}

// ANCHOR: example
/// Wash then dry (2 + 1 s) while the bread bakes (2 s): 3 s in all, not 5.
pub async fn laundry_while_baking(timeline: &Timeline) {
    // An `async` block is one future that awaits its steps in turn: drying starts
    // only once the washing is done.
    let laundry = async {
        wash(timeline).await;
        dry(timeline).await;
    };
    // `join!` runs its futures side by side until all are done: the laundry (one
    // chain of two steps) and the baking overlap.
    tokio::join!(laundry, bake(timeline));
}
// ANCHOR_END: example
