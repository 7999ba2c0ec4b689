//! Signals: `loop.add_signal_handler` as `tokio::signal`.
//!
//! A service is asked to stop with a signal: SIGINT when someone presses Ctrl-C,
//! SIGTERM from `kill`, systemd, Docker or Kubernetes. By default either one ends the
//! process on the spot. Python's `loop.add_signal_handler(signal.SIGTERM, callback)`
//! replaces that with a callback on the loop; tokio's `signal(SignalKind::terminate())`
//! replaces it with a stream of arrivals that a task awaits.
//!
//! The convention the course's servers follow: the first signal starts a graceful
//! shutdown; a second one, from someone who has run out of patience, stops at once.

use std::io;

use tokio::signal::unix::{Signal, SignalKind, signal};

// ANCHOR: signals
/// SIGINT and SIGTERM, caught. Create it *before* announcing that the service is up:
/// from that moment on, these signals no longer kill the process but queue up here.
pub struct Signals {
    interrupt: Signal,
    terminate: Signal,
}

impl Signals {
    pub fn install() -> io::Result<Signals> {
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    /// Wait for the next SIGINT or SIGTERM, and say which it was.
    pub async fn next(&mut self) -> Caught {
        tokio::select! {
            _ = self.interrupt.recv() => Caught::Interrupt,
            _ = self.terminate.recv() => Caught::Terminate,
        }
    }
}

/// Which signal arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    Interrupt,
    Terminate,
}

impl Caught {
    pub fn name(self) -> &'static str {
        match self {
            Caught::Interrupt => "SIGINT",
            Caught::Terminate => "SIGTERM",
        }
    }

    /// The exit code a shell reports for a process this signal killed (128 + its
    /// number), used when a second signal cuts the graceful shutdown short.
    pub fn exit_code(self) -> u8 {
        match self {
            Caught::Interrupt => 130,
            Caught::Terminate => 143,
        }
    }
}
// ANCHOR_END: signals

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_code_of_a_forced_stop_is_128_plus_the_signal_number() {
        assert_eq!(Caught::Interrupt.exit_code(), 128 + 2);
        assert_eq!(Caught::Terminate.exit_code(), 128 + 15);
    }

    // Signals are delivered to the whole process, so the test that sends real ones
    // runs the chapter binary as a child process: see `tests/serve.rs`.
}
