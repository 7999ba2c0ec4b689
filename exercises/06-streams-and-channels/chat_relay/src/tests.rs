//! The tests of the `chat_relay` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Each test runs your `relay` as a task on tokio's paused clock, plays the members
//! itself (each member is the receiving end of an inbox channel), and sends the
//! commands. Some members read at once, one never reads, one leaves. When the relay
//! gets stuck, every task waits, and the paused clock jumps straight to the test's
//! timeout: the test fails at once and says which member it was waiting for.

use std::future::Future;
use std::time::Duration;

use course_kit::watchdog;
use tokio::sync::mpsc::{self, error::TryRecvError};
use tokio::task::JoinHandle;
use tokio::time::timeout;

use crate::chat_relay::{Command, Report, relay};

/// Longer than anything here should take on the paused clock.
const PATIENCE: Duration = Duration::from_secs(3600);

/// Run `test` on the paused clock, inside the watchdog.
#[track_caller]
fn run_paused<F: Future<Output = ()>>(test: impl FnOnce() -> F + Send + 'static) {
    watchdog::paused(
        watchdog::LIMIT,
        "The relay did not finish. It should end when the commands channel closes \
         (`recv` returns `None`), and never wait for one member.",
        test,
    );
}

/// Await `future`, or fail with `stuck` if it is still pending after [`PATIENCE`].
async fn or_fail<T>(future: impl Future<Output = T>, stuck: &str) -> T {
    timeout(PATIENCE, future)
        .await
        .unwrap_or_else(|_| panic!("{stuck}"))
}

struct Room {
    commands: mpsc::Sender<Command>,
    relay: JoinHandle<Report>,
}

impl Room {
    fn open() -> Room {
        let (commands, inbox) = mpsc::channel(64);
        Room {
            commands,
            relay: tokio::spawn(relay(inbox)),
        }
    }

    /// A new member whose inbox holds `room_for` messages.
    async fn join(&self, room_for: usize) -> mpsc::Receiver<String> {
        let (inbox, messages) = mpsc::channel(room_for);
        self.command(Command::Join(inbox)).await;
        messages
    }

    async fn say(&self, text: &str) {
        self.command(Command::Say(text.to_string())).await;
    }

    async fn command(&self, command: Command) {
        let sent = self.commands.send(command).await;
        assert!(
            sent.is_ok(),
            "the relay stopped reading its commands while the room was open"
        );
    }

    /// Close the commands channel and wait for the relay's report.
    async fn close(self) -> Report {
        drop(self.commands);
        let ended = or_fail(
            self.relay,
            "the commands channel closed, and the relay never returned. It should end when \
             `recv` gives `None`; if it is stuck sending to a member who does not read, \
             see the test about slow members.",
        )
        .await;
        ended.expect("the relay task panicked (see its message above)")
    }
}

/// Everything in `member`'s inbox until the room closes.
async fn all_of(member: &mut mpsc::Receiver<String>, who: &str) -> Vec<String> {
    let mut got = Vec::new();
    let stuck = format!(
        "{who}'s inbox never closed after the relay ended. Once the relay returns, it \
         should hold no `Sender` any more, so each member's `recv` gives `None`."
    );
    while let Some(message) = or_fail(member.recv(), &stuck).await {
        got.push(message);
    }
    got
}

#[test]
fn every_member_gets_every_message_in_order() {
    run_paused(|| async {
        let room = Room::open();
        let mut ann = room.join(8).await;
        let mut bob = room.join(8).await;
        for text in ["hi", "how are you?", "bye"] {
            room.say(text).await;
        }
        let report = room.close().await;
        for (who, member) in [("ann", &mut ann), ("bob", &mut bob)] {
            let got = all_of(member, who).await;
            assert_eq!(
                got,
                ["hi", "how are you?", "bye"],
                "{who} should get every message, in order"
            );
        }
        assert_eq!(
            report,
            Report {
                delivered: 6,
                dropped: 0,
                members: 2
            },
            "3 messages to 2 members with room for them all: 6 delivered, none dropped"
        );
    });
}

#[test]
fn a_member_who_joins_late_hears_only_what_follows() {
    run_paused(|| async {
        let room = Room::open();
        let mut ann = room.join(8).await;
        room.say("before bob").await;
        let mut bob = room.join(8).await;
        room.say("after bob").await;
        room.close().await;
        assert_eq!(all_of(&mut ann, "ann").await, ["before bob", "after bob"]);
        let bob_got = all_of(&mut bob, "bob").await;
        assert_eq!(
            bob_got,
            ["after bob"],
            "bob joined after the first message: he gets only what was said after"
        );
    });
}

#[test]
fn a_member_who_does_not_read_does_not_stall_the_others() {
    run_paused(|| async {
        let room = Room::open();
        // Joins first, has room for one message, and does not read until the end.
        let mut sleepy = room.join(1).await;
        let mut keen = room.join(16).await;
        let said = ["one", "two", "three", "four", "five"];
        for text in said {
            room.say(text).await;
        }
        for (n, expected) in said.iter().enumerate() {
            let stuck = format!(
                "keen got {n} message(s), then nothing: the relay is waiting for sleepy, \
                 whose inbox (room for 1) is full because sleepy does not read. That is \
                 `send(...).await` (Python's `await queue.put(msg)` for each member's \
                 queue): the whole room waits for its slowest member. Use `try_send`, \
                 which never waits: a full inbox misses the message."
            );
            let got = or_fail(keen.recv(), &stuck).await;
            assert_eq!(got.as_deref(), Some(*expected), "keen's messages, in order");
        }
        let report = room.close().await;
        assert_eq!(
            report,
            Report {
                delivered: 6,
                dropped: 4,
                members: 2
            },
            "sleepy's inbox held \"one\" and missed the next 4 (dropped: 4); keen got all \
             5; that makes 6 delivered. More delivered and nothing dropped means the \
             messages for sleepy were kept somewhere after all (a task per send, or a \
             queue of your own): a member who never reads then costs memory without \
             limit."
        );
        let sleepy_got = all_of(&mut sleepy, "sleepy").await;
        assert_eq!(
            sleepy_got,
            ["one"],
            "sleepy had room for one message: the first; the rest were dropped for it"
        );
    });
}

#[test]
fn a_member_who_falls_behind_stays_in_the_room() {
    run_paused(|| async {
        let room = Room::open();
        let mut slow = room.join(1).await;
        let mut keen = room.join(16).await;
        room.say("one").await;
        room.say("two").await; // slow's inbox is full: slow misses this one
        for expected in ["one", "two"] {
            let got = or_fail(keen.recv(), "keen got nothing: is the relay stuck on slow?").await;
            assert_eq!(got.as_deref(), Some(expected));
        }
        assert_eq!(
            slow.recv().await.as_deref(),
            Some("one"),
            "slow's inbox held the first message"
        );
        // Slow has caught up: there is room in its inbox again.
        room.say("three").await;
        let got = or_fail(keen.recv(), "keen got nothing after \"three\"").await;
        assert_eq!(got.as_deref(), Some("three"));
        match slow.try_recv() {
            Ok(message) => assert_eq!(message, "three", "slow's next message"),
            Err(TryRecvError::Disconnected) => panic!(
                "slow was thrown out of the room (its inbox closed) for missing one \
                 message while it was behind. A full inbox (`TrySendError::Full`) means \
                 the member is slow, not gone: skip the message, keep the member. Only \
                 `TrySendError::Closed` means it left."
            ),
            Err(TryRecvError::Empty) => panic!(
                "slow read its message and had room again, yet got nothing when \"three\" \
                 was said"
            ),
        }
        let report = room.close().await;
        assert_eq!(
            report,
            Report {
                delivered: 5,
                dropped: 1,
                members: 2
            }
        );
    });
}

#[test]
fn a_member_who_left_is_forgotten() {
    run_paused(|| async {
        let room = Room::open();
        let mut stays = room.join(128).await;
        for _ in 0..100 {
            let leaves = room.join(8).await;
            drop(leaves); // a client that disconnected: its inbox is closed
            room.say("hello?").await;
        }
        let report = room.close().await;
        assert_eq!(stays.recv().await.as_deref(), Some("hello?"));
        assert_eq!(
            report.members, 1,
            "100 members joined and left; only one stayed, but the relay still had {} \
             members at the end. A member whose inbox is closed (`TrySendError::Closed`) \
             has left for good: remove it (`Vec::retain`), or the list grows with every \
             client that ever connected, like a Python list of queues nobody cleans up.",
            report.members
        );
        assert_eq!(
            report,
            Report {
                delivered: 100,
                dropped: 0,
                members: 1
            },
            "a message for a member who left is neither delivered nor dropped: that \
             member is simply not there any more"
        );
    });
}

#[test]
fn a_member_who_left_after_the_last_message_is_not_counted() {
    run_paused(|| async {
        let room = Room::open();
        let mut stays = room.join(8).await;
        let leaves_early = room.join(8).await;
        let leaves_late = room.join(8).await;
        drop(leaves_early);
        room.say("hello").await;
        let heard = or_fail(stays.recv(), "stays never got \"hello\"").await;
        assert_eq!(heard.as_deref(), Some("hello"));
        // Leaves after the last message: no `try_send` will ever find its inbox closed.
        drop(leaves_late);
        let quiet = room.join(8).await;
        drop(quiet); // joined and left without a word said
        let report = room.close().await;
        assert_eq!(all_of(&mut stays, "stays").await, Vec::<String>::new());
        assert_eq!(
            report.members, 1,
            "three of four members left, one of them after the last message and one \
             before any message to it, yet the report counts {} members still in the room. \
             A member is gone as soon as its inbox is closed, whether or not a message \
             found out: before counting, forget every inbox that `is_closed()`.",
            report.members
        );
        assert_eq!(
            report,
            Report {
                delivered: 2,
                dropped: 0,
                members: 1
            },
            "\"hello\" went to the two members still there when it was said"
        );
    });
}
