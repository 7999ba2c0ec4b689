//! Given: what a request is, its possible replies, the work it asks for, and the
//! report `serve` returns.

use std::time::Duration;

use tokio::sync::oneshot;

/// One request: its id, how long its work takes, and where its reply goes.
#[derive(Debug)]
pub struct Request {
    pub id: u32,
    pub work: Duration,
    pub reply: oneshot::Sender<Reply>,
}

/// The three answers a request can get. Every request gets exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Its work was done.
    Done,
    /// It was still waiting in the channel when shutdown began.
    Refused,
    /// Its work was still running when the grace period ran out.
    Abandoned,
}

/// The work a request asks for.
pub async fn work(how_long: Duration) {
    tokio::time::sleep(how_long).await;
}

/// Which requests got which reply, by id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub done: Vec<u32>,
    pub refused: Vec<u32>,
    pub abandoned: Vec<u32>,
}

impl Report {
    /// Note that request `id` got `reply`.
    pub fn record(&mut self, id: u32, reply: Reply) {
        match reply {
            Reply::Done => self.done.push(id),
            Reply::Refused => self.refused.push(id),
            Reply::Abandoned => self.abandoned.push(id),
        }
    }
}
