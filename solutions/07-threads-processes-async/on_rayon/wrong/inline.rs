//! WRONG: the job runs right here, on the runtime's thread, like calling a blocking
//! function inside `async def`: every other task waits until it is done.

pub async fn on_rayon<F, R>(job: F) -> R
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    job()
}
