//! Exercise 3, solved: a chat relay that no member can stall.

use tokio::sync::mpsc::{self, error::TrySendError};

// ANCHOR: given
/// What the relay is told to do.
#[derive(Debug)]
pub enum Command {
    /// A new member: every message from now on is offered to this inbox.
    Join(mpsc::Sender<String>),
    /// A message for every member.
    Say(String),
}

/// What happened, counted over the relay's whole life.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Messages put in a member's inbox.
    pub delivered: usize,
    /// Messages a member missed because its inbox was full.
    pub dropped: usize,
    /// Members still in the room when the relay ended.
    pub members: usize,
}
// ANCHOR_END: given

// ANCHOR: solution
/// Relay every `Say` to every member, until `commands` closes.
pub async fn relay(mut commands: mpsc::Receiver<Command>) -> Report {
    let mut members: Vec<mpsc::Sender<String>> = Vec::new();
    let mut report = Report::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join(inbox) => members.push(inbox),
            Command::Say(text) => {
                // `try_send` never waits: a member whose inbox is full misses this
                // message, and the others get it now. `send(...).await` would make
                // the whole room wait for its slowest member.
                members.retain(|inbox| match inbox.try_send(text.clone()) {
                    Ok(()) => {
                        report.delivered += 1;
                        true
                    }
                    Err(TrySendError::Full(_)) => {
                        report.dropped += 1;
                        true // behind, but still here: it may catch up
                    }
                    Err(TrySendError::Closed(_)) => false, // gone: forget it
                });
            }
        }
    }
    // A member may have left after the last message: nothing told us yet. Count only
    // the inboxes still open.
    members.retain(|inbox| !inbox.is_closed());
    report.members = members.len();
    // Returning drops every member's `Sender`: each inbox sees `None`, the room closed.
    report
}
// ANCHOR_END: solution
