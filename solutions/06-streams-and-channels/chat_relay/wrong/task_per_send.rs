//! WRONG: a spawned task per member per message (`create_task(q.put(msg))`):
//! nothing waits, but nothing is ever dropped either; the tasks pile up without
//! limit behind a member who does not read.

use tokio::sync::mpsc;

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

/// Relay every `Say` to every member, until `commands` closes.
pub async fn relay(mut commands: mpsc::Receiver<Command>) -> Report {
    let mut members: Vec<mpsc::Sender<String>> = Vec::new();
    let mut report = Report::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join(inbox) => members.push(inbox),
            Command::Say(text) => {
                members.retain(|inbox| !inbox.is_closed());
                for inbox in &members {
                    let (inbox, text) = (inbox.clone(), text.clone());
                    report.delivered += 1;
                    tokio::spawn(async move { inbox.send(text).await });
                }
            }
        }
    }
    report.members = members.len();
    // Returning drops every member's `Sender`: each inbox sees `None`, the room closed.
    report
}
