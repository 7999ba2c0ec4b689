//! The tests of the `oneshot` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use course_kit::watchdog;

/// Threads that sleep a few milliseconds at most: two seconds leave a slow machine
/// room and keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

use crate::given::{after_next_unlock, hook_waiting};
use crate::oneshot::{Canceled, channel};
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Counter(AtomicU32);

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting_waker() -> (Waker, Arc<Counter>) {
    let counter = Arc::new(Counter::default());
    (Waker::from(Arc::clone(&counter)), counter)
}

fn poll<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(waker))
}

#[test]
fn a_value_sent_from_another_thread_arrives() {
    let value = watchdog::within(
        LIMIT,
        "The receiver was never woken. Does `send` wake the waker that `poll` \
         stored before it returned Pending?",
        || {
            let (sender, receiver) = channel();
            let worker = thread::spawn(move || {
                thread::sleep(Duration::from_millis(20));
                sender.send(42);
            });
            let value = futures::executor::block_on(receiver);
            worker.join().unwrap();
            value
        },
    );
    assert_eq!(value, Ok(42), "the value sent from the other thread");
}

#[test]
fn pending_until_sent_then_woken_and_ready() {
    let (sender, mut receiver) = channel();
    let (waker, wakes) = counting_waker();
    assert_eq!(
        poll(&mut receiver, &waker),
        Poll::Pending,
        "nothing was sent yet, and the sender is alive: Pending"
    );
    assert_eq!(
        wakes.0.load(Ordering::SeqCst),
        0,
        "nothing happened yet, so nothing should wake the task"
    );
    thread::spawn(move || sender.send("hello")).join().unwrap();
    assert!(
        wakes.0.load(Ordering::SeqCst) >= 1,
        "sending must wake the waker of the poll that returned Pending"
    );
    let got = poll(&mut receiver, &waker);
    let why = if got == Poll::Ready(Err(Canceled)) {
        ": Canceled, though a value was sent. After a send the sender is gone too, so \
         `sender_gone` is true as well: check for the value before `sender_gone`"
    } else {
        ": the value that was sent"
    };
    assert_eq!(
        got,
        Poll::Ready(Ok("hello")),
        "woken, polled again, it should give the value{why}"
    );
}

#[test]
fn a_value_sent_before_the_first_poll_is_ready_at_once() {
    let (sender, mut receiver) = channel();
    sender.send(String::from("early"));
    let (waker, _) = counting_waker();
    assert_eq!(
        poll(&mut receiver, &waker),
        Poll::Ready(Ok(String::from("early"))),
        "the value is there, even though the sender is gone now too"
    );
}

#[test]
fn only_the_waker_of_the_latest_poll_needs_waking() {
    let (sender, mut receiver) = channel();
    let (first, _) = counting_waker();
    let (latest, latest_wakes) = counting_waker();
    assert_eq!(poll(&mut receiver, &first), Poll::Pending);
    assert_eq!(poll(&mut receiver, &latest), Poll::Pending);
    sender.send(1);
    assert!(
        latest_wakes.0.load(Ordering::SeqCst) >= 1,
        "the task moved and was polled with a new waker; waking only the old one \
         would leave it asleep. Keep the waker of each poll."
    );
    assert_eq!(
        poll(&mut receiver, &latest),
        Poll::Ready(Ok(1)),
        "then the value"
    );
}

#[test]
fn dropping_the_sender_on_another_thread_wakes_the_receiver_with_canceled() {
    let value = watchdog::within(
        LIMIT,
        "The receiver waited forever for a sender that was gone. `Drop for Sender` \
         must note that it is gone and wake the receiver.",
        || {
            let (sender, receiver) = channel::<u8>();
            let worker = thread::spawn(move || {
                thread::sleep(Duration::from_millis(20));
                drop(sender);
            });
            let value = futures::executor::block_on(receiver);
            worker.join().unwrap();
            value
        },
    );
    assert_eq!(
        value,
        Err(Canceled),
        "a sender dropped without sending: Canceled, not a wait forever"
    );
}

#[test]
fn a_sender_dropped_before_the_first_poll_gives_canceled_at_once() {
    let (sender, mut receiver) = channel::<u8>();
    drop(sender);
    let (waker, _) = counting_waker();
    assert_eq!(
        poll(&mut receiver, &waker),
        Poll::Ready(Err(Canceled)),
        "the sender is already gone at the first poll: Canceled at once"
    );
}

#[test]
fn sending_to_a_dropped_receiver_is_harmless() {
    let sent = watchdog::within(
        LIMIT,
        "send() to a receiver that is gone never returned: does it wait for someone \
         to take the value?",
        || {
            let (sender, receiver) = channel::<String>();
            drop(receiver);
            thread::spawn(move || sender.send("nobody listens".to_string())).join()
        },
    );
    assert!(
        sent.is_ok(),
        "send() panicked because the receiver was gone: like a Python future whose \
         awaiter was cancelled, the value is simply dropped"
    );
}

#[test]
fn many_values_cross_threads_on_a_multi_thread_runtime() {
    // Each round: a task waits on a receiver while another thread sends, so the send
    // lands before, during or after the task's poll. Every one must arrive.
    let received = watchdog::on_runtime(
        LIMIT,
        "a receiver was never woken: somewhere a send came between the check in poll \
         and the store of the waker (check and store under one lock), or send/drop \
         did not wake the stored waker",
        || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(4)
                .build()
        },
        || async {
            let mut received = 0u32;
            for round in 0..200u32 {
                let (sender, receiver) = channel();
                let task = tokio::spawn(receiver);
                thread::spawn(move || sender.send(round));
                if task.await.expect("the receiving task does not panic") == Ok(round) {
                    received += 1;
                }
            }
            received
        },
    );
    assert_eq!(received, 200, "every value sent must arrive, as Ok(value)");
}

// The two tests below make the worst moment happen instead of hoping for it: the
// given `Mutex` runs the test's `send` (or drop) right after the next unlock, on this
// thread, just as another thread's could land there. A step made under one lock has
// no unlock inside it, so only code that looks and acts under two locks is hit.

/// Whether the hook set with `after_next_unlock` ran; if not, the given `Mutex` was
/// never unlocked, and the test proved nothing.
#[track_caller]
fn assert_hook_ran(ran: bool) {
    assert!(
        ran,
        "the test's send never ran: the state was never unlocked through the given \
         Mutex (crate::given::Mutex). Keep it: the test uses it to choose the moment \
         another thread's send lands"
    );
}

#[test]
fn a_send_between_the_check_and_the_store_of_the_waker_still_wakes_the_receiver() {
    let (got, wakes, hook_ran) = watchdog::within(LIMIT, "polling by hand", || {
        let (sender, mut receiver) = channel();
        let (waker, wakes) = counting_waker();
        // The send, as if from another thread, right after poll's first unlock:
        // after it has looked for the value and found none.
        after_next_unlock(move || sender.send(7));
        let got = poll(&mut receiver, &waker);
        (got, wakes.0.load(Ordering::SeqCst), !hook_waiting())
    });
    assert_hook_ran(hook_ran);
    assert!(
        got == Poll::Ready(Ok(7)) || wakes >= 1,
        "the send came right after poll had unlocked the state once (poll had found \
         no value); then poll returned Pending, and nobody will ever wake the task: \
         the sender found no waker to wake. Look for the value and store the waker \
         under one lock, one guard, so that nothing can come between the two"
    );
}

#[test]
fn a_sender_dropped_between_the_check_and_the_store_of_the_waker_still_wakes_the_receiver() {
    let (got, wakes, hook_ran) = watchdog::within(LIMIT, "polling by hand", || {
        let (sender, mut receiver) = channel::<u8>();
        let (waker, wakes) = counting_waker();
        after_next_unlock(move || drop(sender));
        let got = poll(&mut receiver, &waker);
        (got, wakes.0.load(Ordering::SeqCst), !hook_waiting())
    });
    assert_hook_ran(hook_ran);
    assert!(
        got == Poll::Ready(Err(Canceled)) || wakes >= 1,
        "the sender was dropped right after poll had unlocked the state once (poll had \
         found it alive); then poll returned Pending, and nobody will ever wake the \
         task: the dropped sender found no waker to wake. Check `sender_gone` and \
         store the waker under one lock, one guard"
    );
}
