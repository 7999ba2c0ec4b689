//! Shutting down on a signal: SIGINT (Ctrl-C), SIGTERM and SIGHUP.
//!
//! Ctrl-C sends SIGINT; `kill`, `docker stop` and service managers send SIGTERM; a
//! closed terminal (or an `ssh` session that drops) sends SIGHUP. A server that
//! handles only some of them dies mid-request on the others. Python's
//! `loop.add_signal_handler(signal.SIGTERM, ...)` is the asyncio way; tokio's is
//! `tokio::signal::unix::signal`, a stream of arrivals.
//!
//! The first signal starts the graceful shutdown. A second one means "now": the
//! person pressing Ctrl-C again does not want to wait out the grace period, so the
//! process exits at once.

use std::future::Future;

// ANCHOR: shutdown_signal
/// A future ready at the first SIGINT, SIGTERM or SIGHUP. The handlers are
/// installed now, so a failure is this function's error and a signal that comes
/// before the future is awaited is not lost. After the first signal, a second one
/// exits the process at once, with status 130 (the shell's "killed by SIGINT").
#[cfg(unix)]
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    Ok(async move {
        let name = tokio::select! {
            _ = interrupt.recv() => "SIGINT",
            _ = terminate.recv() => "SIGTERM",
            _ = hangup.recv() => "SIGHUP",
        };
        tracing::info!("server: {name}, shutting down (again to exit at once)");
        tokio::spawn(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
                _ = hangup.recv() => {}
            }
            std::process::exit(130);
        });
    })
}
// ANCHOR_END: shutdown_signal

/// Elsewhere, Ctrl-C is the one signal there is.
#[cfg(not(unix))]
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tokio::spawn(async {
            let _ = tokio::signal::ctrl_c().await;
            std::process::exit(130);
        });
    })
}
