//! WRONG: when the input closes, what is gathered is sent even if it is nothing: an
//! empty last batch.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at};

// ANCHOR: solution
/// Batch `input` onto `output`, one batch every `period`, until `input` closes.
pub async fn batch(
    mut input: mpsc::Receiver<String>,
    output: mpsc::Sender<Vec<String>>,
    period: Duration,
) {
    // Made once, before the loop: the ticks keep their rhythm whatever the messages
    // do. (A `sleep(period)` inside `select!` would start over on every message.)
    let mut ticker = interval_at(Instant::now() + period, period);
    let mut gathered = Vec::new();
    loop {
        // Both branches are cancel safe: a message not received stays in the
        // channel, and a tick not taken is still due on the next turn.
        tokio::select! {
            message = input.recv() => match message {
                Some(message) => gathered.push(message),
                None => {
                    let _ = output.send(gathered).await;
                    return;
                }
            },
            _ = ticker.tick() => {
                if !gathered.is_empty() {
                    let batch = std::mem::take(&mut gathered);
                    if output.send(batch).await.is_err() {
                        return; // nobody reads the batches any more
                    }
                }
            }
        }
    }
}
// ANCHOR_END: solution
