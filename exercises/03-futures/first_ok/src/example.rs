//! Not part of the exercise: the one construct it needs that the chapter has not
//! shown, on its own. The book includes it under "What you need"; your code goes in
//! `first_ok.rs`.

use std::future::Future;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

// ANCHOR: example
/// Python's `for done in asyncio.as_completed(aws)`: every output as soon as it is
/// ready, in the order they finish, each with the place of its future in the list.
pub async fn in_finishing_order<F: Future>(futures: Vec<F>) -> Vec<(usize, F::Output)> {
    // A FuturesUnordered runs every future in it at once. Each one here is wrapped
    // so that its output says where it came from.
    let mut running: FuturesUnordered<_> = futures
        .into_iter()
        .enumerate()
        .map(|(index, future)| async move { (index, future.await) })
        .collect();
    let mut outputs = Vec::new();
    // As a Stream, it gives the next output to finish; `next` comes from StreamExt,
    // and None means every future has finished.
    while let Some(output) = running.next().await {
        outputs.push(output);
    }
    outputs
}
// ANCHOR_END: example
