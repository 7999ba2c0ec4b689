//! The chapter 2 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch02-coroutines` runs them all; `-- --list` names them;
//! `-- join` runs one. The demos sleep for real (the tests use a paused clock), so
//! the whole run takes about fifteen seconds.

use std::future::Future;
use std::process::ExitCode;

use anyhow::Context as _;
use ch02_coroutines::awaitable::{self, Pause};
use ch02_coroutines::{laziness, say_after, state_machine};
use course_kit::{Demo, Timeline};

const DEMOS: &[Demo] = &[
    Demo::new(
        "sequential",
        "say_after(1) then say_after(2) in turn: 3 s",
        demo_sequential,
    ),
    Demo::new(
        "join",
        "both with tokio::join!, like gather: 2 s",
        demo_join,
    ),
    Demo::new(
        "spawn",
        "both as spawned tasks, like create_task: 2 s",
        demo_spawn,
    ),
    Demo::new(
        "laziness",
        "a future runs nothing until awaited or spawned",
        demo_laziness,
    ),
    Demo::new(
        "state_machine",
        "the same main as a hand-written enum Future",
        demo_state_machine,
    ),
    Demo::new(
        "awaitable",
        "a struct made awaitable; the bare yield",
        demo_awaitable,
    ),
];

fn main() -> ExitCode {
    course_kit::demo::main("Chapter 2: coroutines", DEMOS)
}

/// `asyncio.run` for one demo: a single-threaded runtime, like asyncio's loop.
fn run<F: Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the tokio runtime")?;
    Ok(runtime.block_on(future))
}

fn demo_sequential(_: &()) -> anyhow::Result<()> {
    let timeline = Timeline::new();
    run(say_after::sequential(timeline.clone()))?;
    println!("\n{}", say_after::chart(&timeline));
    Ok(())
}

fn demo_join(_: &()) -> anyhow::Result<()> {
    let timeline = Timeline::new();
    run(say_after::joined(timeline.clone()))?;
    println!("\n{}", say_after::chart(&timeline));
    Ok(())
}

fn demo_spawn(_: &()) -> anyhow::Result<()> {
    let timeline = Timeline::new();
    run(say_after::spawned(timeline.clone()))?.context("a say_after task failed")?;
    println!("\n{}", say_after::chart(&timeline));
    Ok(())
}

fn demo_laziness(_: &()) -> anyhow::Result<()> {
    println!("An async fn, called and awaited a second later:");
    run(laziness::called_then_awaited(Timeline::new()))?;
    println!("\nThe same async fn, spawned:");
    run(laziness::spawned_runs_unawaited(Timeline::new()))?.context("the task failed")?;
    println!("\nThe same async fn, called and dropped:");
    run(laziness::dropped_never_runs(Timeline::new()))?;
    Ok(())
}

fn demo_state_machine(_: &()) -> anyhow::Result<()> {
    let by_hand = Timeline::new();
    let by_compiler = Timeline::quiet();
    run(async {
        // ANCHOR: demo_state_machine
        let mut machine = state_machine::sequential(by_hand.clone());
        println!("sequential() called: stopped at {}", machine.stage());
        let first = state_machine::poll_once(&mut machine);
        println!("polled once: {first:?}, stopped at {}", machine.stage());
        // Now let the runtime drive it to the end, and the compiler's own state
        // machine for the same `async fn` beside it, quietly, for comparison.
        tokio::join!(&mut machine, say_after::sequential(by_compiler.clone()));
        println!("awaited: stopped at {}", machine.stage());
        // ANCHOR_END: demo_state_machine
    })?;
    let said = |timeline: &Timeline| -> Vec<(String, String)> {
        let events = timeline.events().into_iter();
        events.map(|event| (event.lane, event.what)).collect()
    };
    let same = said(&by_hand) == said(&by_compiler);
    println!(
        "the async fn said the same {} things in the same order: {same}; both took {}",
        by_compiler.events().len(),
        course_kit::demo::human(by_compiler.end()),
    );
    Ok(())
}

fn demo_awaitable(_: &()) -> anyhow::Result<()> {
    for (how, pause) in [
        ("no await between steps", Pause::Never),
        ("await nice(), a struct", Pause::Nice),
        ("await nice_poll_fn()", Pause::PollFn),
        ("await yield_now()", Pause::YieldNow),
    ] {
        let timeline = Timeline::quiet();
        run(awaitable::two_workers(timeline.clone(), pause))?.context("a worker failed")?;
        println!("{how:24} {}", awaitable::order(&timeline));
    }
    Ok(())
}
