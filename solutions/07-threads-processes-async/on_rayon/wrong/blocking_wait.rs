//! WRONG: the job runs on rayon, but the runtime's thread waits for it with a
//! blocking `recv()` (like `future.result()` inside a coroutine): the loop stalls.

pub async fn on_rayon<F, R>(job: F) -> R
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let (send, receive) = std::sync::mpsc::channel();
    rayon::spawn(move || {
        let _ = send.send(job());
    });
    receive.recv().expect("the job sent its result")
}
