//! The chapter 3 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch03-futures` runs them all; `-- --list` names them;
//! `-- gather_order` runs one.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use ch03_futures::callback_api::LegacyClient;
use ch03_futures::{
    cancellation, completion, gather, oneshot_bridge, public_api, shield, timeout, waker,
};
use course_kit::{Demo, Stopwatch, Timeline};

const DEMOS: &[Demo] = &[
    Demo::new(
        "hand_written_future",
        "a Future by hand, completed by a callback on another thread",
        demo_hand_written_future,
    ),
    Demo::new(
        "oneshot",
        "the same bridge with futures::channel::oneshot; errors as values",
        demo_oneshot,
    ),
    Demo::new(
        "gather_order",
        "join_all: results in argument order, not finishing order",
        demo_gather_order,
    ),
    Demo::new(
        "gather_return_exceptions",
        "join_all and join! keep every result, errors in place",
        demo_gather_return_exceptions,
    ),
    Demo::new(
        "gather_first_error",
        "try_join_all and try_join! stop at the first error and drop the rest",
        demo_gather_first_error,
    ),
    Demo::new(
        "gather_spawned",
        "spawned tasks keep running after the first error, as in Python",
        demo_gather_spawned,
    ),
    Demo::new(
        "timeout",
        "tokio::time::timeout, Python's wait_for",
        demo_timeout,
    ),
    Demo::new(
        "timeout_at",
        "one deadline shared by several steps",
        demo_timeout_at,
    ),
    Demo::new(
        "select_sleep",
        "select! racing a job against a sleep",
        demo_select_sleep,
    ),
    Demo::new(
        "cancel_on_drop",
        "dropping a future cancels it at its next .await",
        demo_cancel_on_drop,
    ),
    Demo::new(
        "shield",
        "a spawned task keeps running when its awaiter gives up",
        demo_shield,
    ),
    Demo::new(
        "public_api",
        "the same retrying fetch as an async fn and as a future type",
        demo_public_api,
    ),
];

fn main() -> ExitCode {
    course_kit::demo::main("Chapter 3: futures", DEMOS)
}

/// Run `future` on a current-thread tokio runtime with its timer, the way
/// `asyncio.run` runs a coroutine on a fresh event loop.
fn run<F: Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .context("could not start a tokio runtime")?;
    Ok(runtime.block_on(future))
}

fn demo_hand_written_future(_: &()) -> anyhow::Result<()> {
    let clock = Stopwatch::start();
    let client = LegacyClient::new(Duration::from_millis(500));

    // ANCHOR: demo_hand_written_future
    let (completer, mut fut) = completion::create_future();
    client.get("http://example.com", move |result| {
        let thread = std::thread::current();
        clock.say(format!(
            "callback: on the main thread? {}; completing the future",
            thread.name() == Some("main")
        ));
        completer.complete(result);
    });

    // Print every poll of `fut` and what it answered.
    let traced = poll_fn(|cx| {
        let poll = Pin::new(&mut fut).poll(cx);
        let answer = if poll.is_ready() { "Ready" } else { "Pending" };
        clock.say(format!("poll -> {answer}"));
        poll
    });
    let counted = waker::block_on(traced);
    // ANCHOR_END: demo_hand_written_future
    let page = counted.output.context("the client failed")?;
    clock.say(format!("page: {page}"));
    println!(
        "polled {} times, woken {} time(s)",
        counted.polls, counted.wakes
    );
    Ok(())
}

fn demo_oneshot(_: &()) -> anyhow::Result<()> {
    run(async {
        let clock = Stopwatch::start();
        let client = LegacyClient::new(Duration::from_millis(200));
        for url in ["http://example.com", "ftp://example.com"] {
            match oneshot_bridge::get(&client, url).await {
                Ok(page) => clock.say(format!("{url}: Ok({page})")),
                Err(error) => clock.say(format!("{url}: Err({error})")),
            }
        }
        client.close();
        let lost = oneshot_bridge::get(&client, "http://example.com").await;
        clock.say(format!("after close(): {lost:?}"));
    })
}

fn demo_gather_order(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let results = gather::gather_in_order(&timeline).await;
        println!("results: {results:?}");
        print!("{}", timeline.chart(30));
    })
}

fn demo_gather_return_exceptions(_: &()) -> anyhow::Result<()> {
    run(async {
        println!("join_all:");
        let timeline = Timeline::new();
        let results = gather::gather_return_exceptions(&timeline).await;
        println!("results: {results:?}\n");

        println!("join!:");
        let timeline = Timeline::new();
        let results = gather::join_macro(&timeline).await;
        println!("results: {results:?}");
    })
}

fn demo_gather_first_error(_: &()) -> anyhow::Result<()> {
    run(async {
        println!("try_join_all:");
        let timeline = Timeline::new();
        let result = gather::gather_first_error(&timeline).await;
        println!("result: {result:?}\n");

        println!("try_join!:");
        let timeline = Timeline::new();
        let result = gather::try_join_macro(&timeline).await;
        println!("result: {result:?}");
        tokio::time::sleep(Duration::from_secs(3)).await;
        timeline.say("caller", "3 s later: nothing more happened");
    })
}

fn demo_gather_spawned(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let result = gather::gather_spawned(&timeline).await;
        timeline.say("caller", format!("got {result:?}"));
        tokio::time::sleep(Duration::from_secs(3)).await;
        timeline.say("caller", "3 s later");
    })
}

fn demo_timeout(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let limit = Duration::from_secs(2);
        let quick = timeout::with_timeout(&timeline, "quick", 1, limit).await;
        timeline.say("caller", format!("quick: {quick:?}"));
        let slow = timeout::with_timeout(&timeline, "slow", 3, limit).await;
        timeline.say("caller", format!("slow: {slow:?}"));
    })
}

fn demo_timeout_at(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let finished = timeout::steps_before_deadline(&timeline, 4).await;
        timeline.say("caller", format!("finished in time: {finished:?}"));
    })
}

fn demo_select_sleep(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let result = timeout::race_against_sleep(&timeline, Duration::from_secs(2)).await;
        timeline.say("caller", format!("{result:?}"));
    })
}

fn demo_cancel_on_drop(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        cancellation::drop_before_polling(&timeline);
        timeline.say("caller", "built three_steps() and dropped it: nothing ran");
        let result = cancellation::cancel_half_way(&timeline).await;
        timeline.say(
            "caller",
            format!("timeout(1.5 s, three_steps()): {result:?}"),
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
        timeline.say("caller", "2 s later: steps 2 and 3 never finished");
    })
}

fn demo_shield(_: &()) -> anyhow::Result<()> {
    run(async {
        println!("without a shield:");
        let timeline = Timeline::new();
        let result = shield::unshielded(&timeline).await;
        timeline.say("caller", format!("{result:?}"));

        println!("\nwith tokio::spawn as the shield:");
        let timeline = Timeline::new();
        let result = shield::shielded(&timeline).await;
        timeline.say("caller", format!("later, the save's result: {result:?}"));
    })
}

fn demo_public_api(_: &()) -> anyhow::Result<()> {
    run(async {
        let clock = Stopwatch::start();
        let client = LegacyClient::new(Duration::from_millis(100)).failing_first(2);
        let page = public_api::fetch(&client, "http://flaky.example", 3).await;
        clock.say(format!("async fn, 3 attempts:      {page:?}"));

        let client = LegacyClient::new(Duration::from_millis(100)).failing_first(2);
        let page = public_api::RetryingGet::new(&client, "http://flaky.example", 3).await;
        clock.say(format!("RetryingGet, 3 attempts:   {page:?}"));

        let client = LegacyClient::new(Duration::from_millis(100)).failing_first(2);
        let page = public_api::fetch(&client, "http://flaky.example", 2).await;
        clock.say(format!("async fn, 2 attempts:      {page:?}"));
    })
}
