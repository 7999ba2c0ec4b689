//! Exercise 3 (medium): a chat relay that no member can stall.
//!
//! ```python
//! members: list[asyncio.Queue] = []
//!
//! async def relay(commands: asyncio.Queue):
//!     while (command := await commands.get()) is not None:
//!         match command:
//!             case ("join", inbox):
//!                 members.append(inbox)
//!             case ("say", text):
//!                 for inbox in members:
//!                     await inbox.put(text)      # the trap: waits for a full inbox
//! ```
//!
//! A chat room: every message goes to every member. Each member has an inbox, a
//! bounded channel that its own task (the connection to its client) reads. Members
//! are not equally fast: a client on a bad network reads late, and one that has
//! crashed never reads again. The Python above works until one inbox fills up; then
//! `await inbox.put(text)` waits for that member, and the whole room waits with it.
//!
//! Exercise 2's pipeline *wanted* that wait: it is back-pressure, and it kept a fast
//! producer at the pace of its consumer. A chat room must not: one slow member must
//! not decide the pace for everyone. So the relay never waits for a member. A full
//! inbox misses the message (and it is counted); a closed inbox (the member left)
//! is removed. That is the choice `tokio::sync::broadcast` makes for you, with its
//! `Lagged` error; here you make it yourself, with `mpsc`'s `try_send`.

use tokio::sync::mpsc;

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

// ANCHOR: exercise
/// Relay every `Say` to every member that has joined so far, until `commands`
/// closes; then return the report. Never wait for a member: a full inbox misses the
/// message (`dropped`), a closed one is forgotten; `members` counts only those still
/// there at the end, not one who left after the last message. When the relay
/// returns, it holds no member's `Sender` any more, so every inbox sees the room
/// close.
pub async fn relay(commands: mpsc::Receiver<Command>) -> Report {
    // TODO: keep the members in a `Vec<mpsc::Sender<String>>`; for each `Say`, offer
    // the text to each member with `try_send`, and count what happened in a
    // `Report`. `TrySendError::Full` and `TrySendError::Closed` (in
    // `tokio::sync::mpsc::error`) are the two ways it can fail.
    let _ = commands;
    todo!("relay every message to every member, waiting for none")
}
// ANCHOR_END: exercise
