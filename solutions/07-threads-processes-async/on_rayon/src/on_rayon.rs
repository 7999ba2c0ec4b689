//! Exercise solved: await a CPU-bound job without blocking the async runtime.

// ANCHOR: solution
pub async fn on_rayon<F, R>(job: F) -> R
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let (send, receive) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        // If the awaiting task was dropped meanwhile, nobody wants the answer: the
        // failed send is not an error worth a panic (a panic here aborts).
        let _ = send.send(job());
    });
    // `.await` on the receiver: the task sleeps until `send` wakes it, and the
    // runtime's thread runs other tasks meanwhile.
    receive
        .await
        .expect("the job ran to the end and sent its result")
}
// ANCHOR_END: solution
