//! Not part of the exercise: the one construct it needs that the chapter has not
//! shown, on its own. The book includes it under "What you need"; your code goes in
//! `select_timeout.rs`.

// ANCHOR: example
/// Two branches that are both ready at the first poll. `select!` polls its branches
/// in a random order, to be fair, so either could win; `biased;` makes it poll them
/// in the order written, and the first one wins every time.
pub async fn first_written_wins() -> &'static str {
    tokio::select! {
        biased;
        () = std::future::ready(()) => "first",
        () = std::future::ready(()) => "second",
    }
}
// ANCHOR_END: example
