//! Exercise solved: await a CPU-bound job without blocking the async runtime.

// ANCHOR: solution
pub async fn on_rayon<F, R>(job: F) -> R
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let (send, receive) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        // A job that panics in `rayon::spawn` has nobody to panic to: rayon aborts
        // the whole process. Catch the panic here and send it, like a result, to the
        // task that awaits it. If that task was dropped meanwhile, nobody wants the
        // answer: the failed send is not an error worth a panic.
        let _ = send.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)));
    });
    // `.await` on the receiver: the task sleeps until `send` wakes it, and the
    // runtime's thread runs other tasks meanwhile.
    let outcome = receive
        .await
        .expect("the job's closure sends before it ends, panic or not");
    // `await run_in_executor(...)` re-raises the job's own exception: the same here,
    // with the job's own panic, unchanged.
    match outcome {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
// ANCHOR_END: solution
