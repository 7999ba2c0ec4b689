//! WRONG: `output.try_send(batch)`: when the reader is slow and the output full, the
//! batch is thrown away instead of waited for.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;
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
                    if !gathered.is_empty() {
                        // Nothing to do if nobody listens: we return either way.
                        let _ = output.send(gathered).await;
                    }
                    return;
                }
            },
            _ = ticker.tick() => {
                if !gathered.is_empty() {
                    let batch = std::mem::take(&mut gathered);
                    if let Err(TrySendError::Closed(_)) = output.try_send(batch) {
                        return; // nobody reads the batches any more
                    }
                }
            }
        }
    }
}
// ANCHOR_END: solution
