//! WRONG: a `sleep(period)` inside select! is a new timer each turn; messages push the tick away.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::sleep;

/// Batch `input` onto `output`, one batch every `period`, until `input` closes.
pub async fn batch(
    mut input: mpsc::Receiver<String>,
    output: mpsc::Sender<Vec<String>>,
    period: Duration,
) {
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
            () = sleep(period) => {
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
