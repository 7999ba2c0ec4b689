//! The chapter 8 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch08-pin-send-cancellation` runs them all; `-- --list` names them;
//! `-- cancel_unsafe` runs one.

use std::future::Future;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ch08_pin_send_cancellation::async_traits::{self, DynFetch, Remote};
use ch08_pin_send_cancellation::pinning::{Labelled, SelfAddressed, self_borrowing};
use ch08_pin_send_cancellation::select_loops::{self, Received};
use ch08_pin_send_cancellation::send_across_await::{self, Tally};
use ch08_pin_send_cancellation::{async_closures, cancellation};
use course_kit::{Demo, Stopwatch, Timeline};
use tokio::sync::mpsc;

const DEMOS: &[Demo] = &[
    Demo::new(
        "self_reference",
        "a moved value's self-borrow dangles; a pinned future stays put",
        demo_self_reference,
    ),
    Demo::new(
        "pinned_field",
        "futures of different types in one Vec, as Pin<Box<dyn Future>> fields",
        demo_pinned_field,
    ),
    Demo::new(
        "send_fixes",
        "std Mutex scoped, split around an .await, and tokio's Mutex held across",
        demo_send_fixes,
    ),
    Demo::new(
        "cancel_unsafe",
        "read_exact in select!: a heartbeat drops half a frame",
        demo_cancel_unsafe,
    ),
    Demo::new(
        "cancel_safe",
        "the reads in their own task, recv in select!: every frame whole",
        demo_cancel_safe,
    ),
    Demo::new(
        "stream_cancel",
        "next() in select!: a kept stream keeps its half-read item, a remade one loses it",
        demo_stream_cancel,
    ),
    Demo::new(
        "select_fairness",
        "two ready branches: random without biased;, always the first with it",
        demo_select_fairness,
    ),
    Demo::new(
        "select_deadline",
        "a sleep made on every turn against one pinned deadline",
        demo_select_deadline,
    ),
    Demo::new(
        "select_precondition",
        "a finished future switched off with `, if`, and else",
        demo_select_precondition,
    ),
    Demo::new(
        "interval_ticks",
        "interval ticks at once; Burst, Delay and Skip after a slow turn",
        demo_interval_ticks,
    ),
    Demo::new(
        "async_trait",
        "async fn in a trait: generic, spawned, and through dyn",
        demo_async_trait,
    ),
    Demo::new(
        "async_closure",
        "retry with an async closure that borrows its log",
        demo_async_closure,
    ),
];

fn main() -> ExitCode {
    course_kit::demo::main("Chapter 8: the rules Python never made you learn", DEMOS)
}

/// Run `body` to the end on a fresh one-thread runtime: each demo is its own
/// `asyncio.run(main())`.
fn run<T>(body: impl Future<Output = T>) -> anyhow::Result<T> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(body))
}

fn demo_self_reference(_: &()) -> anyhow::Result<()> {
    let mut value = SelfAddressed::new();
    value.remember();
    println!(
        "on the stack:      borrow still valid: {}",
        value.borrow_still_valid()
    );
    let before = value.address();
    let moved = Box::new(value);
    println!(
        "moved into a Box:  borrow still valid: {} (the data moved: {})\n",
        moved.borrow_still_valid(),
        moved.address() != before
    );

    let addresses = Arc::new(Mutex::new(Vec::new()));
    let future = self_borrowing(Arc::clone(&addresses));
    println!(
        "the future holds its 64-byte buffer: {}",
        size_of_val(&future) >= 64
    );
    run(async {
        let mut pinned = Box::pin(future);
        let first = futures::poll!(pinned.as_mut());
        println!(
            "polled once: {}",
            if first.is_pending() {
                "Pending"
            } else {
                "Ready"
            }
        );
        let moved_box = vec![pinned].pop().expect("one future in the Vec");
        println!("awaited after moving the Box: {}", moved_box.await);
    })?;
    let seen = addresses
        .lock()
        .expect("nothing panicked holding it")
        .clone();
    let distinct = seen.iter().collect::<std::collections::BTreeSet<_>>().len();
    println!(
        "the borrow pointed at {distinct} address over {} steps",
        seen.len()
    );
    Ok(())
}

fn demo_pinned_field(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let (slow, quick) = (timeline.clone(), timeline.clone());
        let futures = vec![
            Labelled::new("slow", async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                slow.say("slow", "done");
                1
            }),
            Labelled::new("quick", async move {
                quick.say("quick", "done");
                2
            }),
        ];
        let results = futures::future::join_all(futures).await;
        println!("join_all gave, in the Vec's order: {results:?}");
    })
}

fn print_tally(what: &str, clock: &Stopwatch, tally: Tally) {
    clock.say(format!(
        "{what}: {} of {} expected",
        tally.total, tally.expected
    ));
}

fn demo_send_fixes(_: &()) -> anyhow::Result<()> {
    run(async {
        let clock = Stopwatch::start();
        let tally = send_across_await::visits(10).await?;
        print_tally("10 visits, std lock scoped", &clock, tally);

        let clock = Stopwatch::start();
        let tally = send_across_await::deposits_split(10).await?;
        print_tally("10 deposits of 10, std lock split", &clock, tally);

        let clock = Stopwatch::start();
        let tally = send_across_await::deposits_async_lock(10).await?;
        print_tally("10 deposits of 10, tokio Mutex", &clock, tally);
        anyhow::Ok(())
    })?
}

/// Run the frame sender against `reader`, printing the timeline as it goes.
fn frames_demo<F>(reader: fn(tokio::io::DuplexStream, Timeline) -> F) -> anyhow::Result<()>
where
    F: Future<Output = Vec<String>>,
{
    run(async {
        let timeline = Timeline::new();
        let (sender_end, reader_end) = tokio::io::duplex(64);
        let sender = tokio::spawn(cancellation::send_in_halves(sender_end));
        let frames = reader(reader_end, timeline).await;
        sender.await??;
        println!("sent     {:?}", cancellation::FRAMES);
        println!("received {frames:?}");
        anyhow::Ok(())
    })?
}

fn demo_cancel_unsafe(_: &()) -> anyhow::Result<()> {
    frames_demo(|pipe, timeline| async move { cancellation::lossy_reader(pipe, &timeline).await })
}

fn demo_cancel_safe(_: &()) -> anyhow::Result<()> {
    frames_demo(|pipe, timeline| async move { cancellation::safe_reader(pipe, &timeline).await })
}

fn demo_stream_cancel(_: &()) -> anyhow::Result<()> {
    println!("the stream made once, before the loop:");
    frames_demo(
        |pipe, timeline| async move { cancellation::stream_reader(pipe, &timeline).await },
    )?;
    println!("\nthe stream made again on every turn:");
    frames_demo(|pipe, timeline| async move {
        cancellation::stream_remade_reader(pipe, &timeline).await
    })
}

fn demo_select_fairness(_: &()) -> anyhow::Result<()> {
    run(async {
        // The unbiased split is random, so the recorded output states its range, and
        // the test `unbiased_select_picks_both_ready_branches_about_equally` its odds.
        let (first, second) = select_loops::ready_wins(1000, false).await;
        let even = |count: usize| (400..=600).contains(&count);
        println!(
            "without biased; each branch ran in 40 to 60 of every 100 turns: {}",
            even(first) && even(second)
        );
        let (first, second) = select_loops::ready_wins(1000, true).await;
        println!("with biased;    the first branch ran {first} times, the second {second}");
    })
}

fn print_received(what: &str, got: &Received) {
    println!(
        "{what}: {} messages {:?}, stopped after {:.2}s",
        got.messages.len(),
        got.messages,
        got.stopped_after.as_secs_f64()
    );
}

fn demo_select_deadline(_: &()) -> anyhow::Result<()> {
    run(async {
        let limit = Duration::from_secs(1);
        let every = Duration::from_millis(300);
        println!("6 messages, 0.30s apart; a limit of 1.00s");

        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(select_loops::send_every(tx, 6, every));
        print_received(
            "sleep made every turn",
            &select_loops::until_quiet(rx, limit).await,
        );

        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(select_loops::send_every(tx, 6, every));
        let got = select_loops::until_deadline(rx, limit).await;
        print_received("one pinned deadline  ", &got);
    })
}

fn demo_select_precondition(_: &()) -> anyhow::Result<()> {
    run(async {
        let clock = Stopwatch::start();
        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(select_loops::send_every(tx, 3, Duration::from_millis(200)));
        let work = async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "report"
        };
        let (result, messages) = select_loops::messages_while_working(rx, work).await;
        clock.say(format!("work gave {result:?}; messages {messages:?}"));
    })
}

fn demo_interval_ticks(_: &()) -> anyhow::Result<()> {
    use tokio::time::MissedTickBehavior;
    // On the paused clock (chapter 9), so that the figures are exact, not "461ms".
    let paused = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()?;
    paused.block_on(async {
        let (period, slow) = (Duration::from_millis(100), Duration::from_millis(350));
        println!("interval(100ms), the work on tick 2 taking 350ms; when each tick came:");
        for behavior in [
            MissedTickBehavior::Burst,
            MissedTickBehavior::Delay,
            MissedTickBehavior::Skip,
        ] {
            let times = select_loops::tick_times(behavior, period, slow, 6).await;
            let times: Vec<String> = times
                .iter()
                .map(|t| format!("{:>3}", t.as_millis()))
                .collect();
            let name = format!("{behavior:?}:");
            println!("{name:<6} {} (ms)", times.join(" "));
        }
    });
    Ok(())
}

fn demo_async_trait(_: &()) -> anyhow::Result<()> {
    run(async {
        let clock = Stopwatch::start();
        let remote = Remote {
            table: async_traits::table(&[("home", "/index.html")]),
            delay: Duration::from_millis(200),
        };
        let found = async_traits::fetch_all(&remote, &["home", "away"]).await;
        clock.say(format!("generic fetch_all:   {found:?}"));

        let remote = Arc::new(remote);
        let found = async_traits::fetch_in_background(remote, "home".to_string()).await;
        clock.say(format!("spawned fetch:       {found:?}"));

        let sources: Vec<Box<dyn DynFetch>> = vec![
            Box::new(async_traits::table(&[("home", "cached")])),
            Box::new(Remote {
                table: async_traits::table(&[("about", "/about.html")]),
                delay: Duration::from_millis(200),
            }),
        ];
        for key in ["home", "about", "nowhere"] {
            let found = async_traits::first_found(&sources, key).await;
            clock.say(format!("dyn first_found({key:?}): {found:?}"));
        }
    })
}

fn demo_async_closure(_: &()) -> anyhow::Result<()> {
    run(async {
        let clock = Stopwatch::start();
        let (outcome, tried) = async_closures::flaky_with_log(2, 5).await;
        clock.say(format!(
            "fails twice, 5 attempts allowed: {outcome:?}, tried {tried:?}"
        ));
        let clock = Stopwatch::start();
        let (outcome, tried) = async_closures::flaky_with_log(9, 3).await;
        clock.say(format!(
            "fails always, 3 attempts allowed: {outcome:?}, tried {tried:?}"
        ));
    })
}
