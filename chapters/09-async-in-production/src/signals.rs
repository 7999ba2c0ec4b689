//! Signals: `loop.add_signal_handler` as `tokio::signal`.
//!
//! A service is asked to stop with a signal: SIGINT when someone presses Ctrl-C,
//! SIGTERM from `kill`, systemd, Docker or Kubernetes, SIGHUP when the terminal it
//! runs in closes. By default each one ends the process on the spot. Python's `loop.add_signal_handler(signal.SIGTERM, callback)`
//! replaces that with a callback on the loop; tokio's `signal(SignalKind::terminate())`
//! replaces it with a stream of arrivals that a task awaits.
//!
//! The convention the course's servers follow: the first signal starts a graceful
//! shutdown; a second one, from someone who has run out of patience, stops at once.

use std::io;

use tokio::signal::unix::{Signal, SignalKind, signal};

// ANCHOR: signals
/// SIGINT, SIGTERM and SIGHUP, caught. Create it *before* announcing that the service
/// is up: from that moment on, these signals no longer kill the process but queue up
/// here.
pub struct Signals {
    interrupt: Signal,
    terminate: Signal,
    hangup: Signal,
}

impl Signals {
    pub fn install() -> io::Result<Signals> {
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
        })
    }

    /// Wait for the next SIGINT, SIGTERM or SIGHUP, and say which it was.
    pub async fn next(&mut self) -> Caught {
        tokio::select! {
            _ = self.interrupt.recv() => Caught::Interrupt,
            _ = self.terminate.recv() => Caught::Terminate,
            _ = self.hangup.recv() => Caught::Hangup,
        }
    }
}

/// Which signal arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    Interrupt,
    Terminate,
    Hangup,
}

impl Caught {
    pub fn name(self) -> &'static str {
        match self {
            Caught::Interrupt => "SIGINT",
            Caught::Terminate => "SIGTERM",
            Caught::Hangup => "SIGHUP",
        }
    }

    /// The exit code a shell reports for a process this signal killed (128 + its
    /// number), used when a second signal cuts the graceful shutdown short.
    pub fn exit_code(self) -> u8 {
        match self {
            Caught::Interrupt => 130,
            Caught::Terminate => 143,
            Caught::Hangup => 129,
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
        assert_eq!(Caught::Hangup.exit_code(), 128 + 1);
    }

    // Signals are delivered to the whole process, so the test that sends real ones
    // runs the chapter binary as a child process: see `tests/serve.rs`.
}
