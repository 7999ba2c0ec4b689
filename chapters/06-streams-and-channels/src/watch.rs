//! `tokio::sync::watch`: the latest value, not every value.
//!
//! Some things are a state, not a sequence of messages: the current temperature,
//! the current config, "are we shutting down?". A reader wants the newest value and
//! does not care about the ones it missed. A watch channel holds exactly one value;
//! `send` replaces it, and `changed().await` wakes each receiver when it was
//! replaced since that receiver last looked. It never fills up and never lags.
//!
//! Python would use a plain attribute plus an `asyncio.Event` to say "it changed".
//! The line server of this chapter uses a `watch<bool>` to tell every connection
//! that the server is shutting down.

use std::time::Duration;

use tokio::sync::watch;

// ANCHOR: thermometer
/// A thermometer publishes a reading every 100ms, ten in all; a display that takes
/// `redraw` to draw shows the latest reading each time it is ready for one.
/// Returns the readings the display showed.
pub async fn thermometer_and_display(redraw: Duration) -> Vec<u32> {
    let (thermometer, mut display) = watch::channel(0u32);

    tokio::spawn(async move {
        for reading in 1..=10 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            // Replaces the value; never waits, whoever is (not) looking.
            thermometer.send_replace(reading);
        }
        // Dropping the sender ends the display's loop below.
    });

    let mut shown = Vec::new();
    // `changed` waits for a value this receiver has not seen yet; it is an error
    // once the sender is gone and nothing new is left to see.
    while display.changed().await.is_ok() {
        // `borrow_and_update` reads the value and marks it seen. Keep the borrow
        // short: the sender cannot replace the value while it is held.
        let reading = *display.borrow_and_update();
        shown.push(reading);
        tokio::time::sleep(redraw).await;
    }
    shown
}
// ANCHOR_END: thermometer

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_slow_reader_sees_only_the_latest_value() {
        // Ready at 100, 330, 560, 790 and 1020ms: it shows what was sent last by then.
        let shown = thermometer_and_display(Duration::from_millis(230)).await;
        assert_eq!(shown, [1, 3, 5, 7, 10]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_reader_that_keeps_up_sees_every_value() {
        let shown = thermometer_and_display(Duration::from_millis(10)).await;
        assert_eq!(shown, (1..=10).collect::<Vec<_>>());
    }
}
