//! WRONG: `interval(period)`, whose first tick completes at once: a batch can go out at
//! 0s, the moment `batch` is called, instead of one period later.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::interval;

// ANCHOR: solution
/// Batch `input` onto `output`, one batch every `period`, until `input` closes.
pub async fn batch(
    mut input: mpsc::Receiver<String>,
    output: mpsc::Sender<Vec<String>>,
    period: Duration,
) {
    // Made once, before the loop: the ticks keep their rhythm whatever the messages
    // do. (A `sleep(period)` inside `select!` would start over on every message.)
    let mut ticker = interval(period);
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
                    if output.send(batch).await.is_err() {
                        return; // nobody reads the batches any more
                    }
                }
            }
        }
    }
}
// ANCHOR_END: solution
