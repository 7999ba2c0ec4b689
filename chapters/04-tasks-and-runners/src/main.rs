//! The chapter 4 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch04-tasks-and-runners` runs them all; `-- --list` names them;
//! `-- blocking_stall` runs one.

use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use ch04_tasks_and_runners::blocking::{self, Lookup, Scene};
use ch04_tasks_and_runners::sync_bridge::{self, BlockingPrices};
use ch04_tasks_and_runners::task_group::{self, Stop};
use ch04_tasks_and_runners::{abort, join_set, runner, send_static, spawn, task_panic};
use course_kit::{Demo, Stopwatch, Timeline};

const DEMOS: &[Demo] = &[
    Demo::new(
        "spawn",
        "create_task: two tasks overlap, and a JoinHandle is a future",
        demo_spawn,
    ),
    Demo::new(
        "join_set",
        "many tasks in a JoinSet, collected as they finish",
        demo_join_set,
    ),
    Demo::new("abort", "cancel a task: it sees only its Drop", demo_abort),
    Demo::new(
        "task_panic",
        "a panic in a task comes back as a JoinError",
        demo_task_panic,
    ),
    Demo::new(
        "task_group",
        "JoinSet is not TaskGroup: wait, shut down, fail fast",
        demo_task_group,
    ),
    Demo::new(
        "send_fixes",
        "Send + 'static satisfied: an Arc moved in, or spawn_local",
        demo_send_fixes,
    ),
    Demo::new(
        "runner",
        "asyncio.Runner: two block_on calls on one runtime",
        demo_runner,
    ),
    Demo::new(
        "tokio_main",
        "asyncio.run: what #[tokio::main] expands to",
        demo_tokio_main,
    ),
    Demo::new(
        "blocking_stall",
        "a blocking call in a task stalls the ticker",
        demo_blocking_stall,
    ),
    Demo::new(
        "spawn_blocking",
        "the same call on a blocking thread: the ticker keeps time",
        demo_spawn_blocking,
    ),
    Demo::new(
        "async_api",
        "the same wait through an async API",
        demo_async_api,
    ),
    Demo::new(
        "sync_to_async",
        "async code called from sync code with block_on",
        demo_sync_to_async,
    ),
];

fn main() -> ExitCode {
    course_kit::demo::main("Chapter 4: tasks and runners", DEMOS)
}

/// Run `body` to the end on a fresh one-thread runtime: each demo is its own
/// `asyncio.run(main())`.
fn run<T>(body: impl Future<Output = T>) -> anyhow::Result<T> {
    Ok(runner::current_thread_runtime()?.block_on(body))
}

fn demo_spawn(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let said = spawn::hello_world_as_tasks(&timeline).await?;
        println!("the tasks' results: {said:?}\n");

        let timeline = Timeline::new();
        let at = spawn::dropped_handle_keeps_running(&timeline).await;
        println!(
            "the detached task still finished, at {:.2}s",
            at.as_secs_f64()
        );
        anyhow::Ok(())
    })?
}

fn demo_join_set(_: &()) -> anyhow::Result<()> {
    let jobs = [("slow", 3), ("quick", 1), ("middle", 2), ("also quick", 1)];
    run(async {
        let timeline = Timeline::new();
        let order = join_set::in_completion_order(&timeline, &jobs).await?;
        println!("started in the order slow, quick, middle, also quick");
        println!("finished in the order {order:?}\n");

        let timeline = Timeline::new();
        let done =
            join_set::drop_the_set_after(&timeline, &jobs, Duration::from_millis(1500)).await;
        println!(
            "{done} of {} jobs finished; the set's drop aborted the rest",
            jobs.len()
        );
        anyhow::Ok(())
    })?
}

fn demo_abort(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        // An Err here is the point of the demo, not a failure of it.
        let _cancelled = abort::abort_after(&timeline, Duration::from_millis(2500)).await;
    })
}

fn demo_task_panic(_: &()) -> anyhow::Result<()> {
    // ANCHOR: demo_task_panic
    // The default panic hook prints "thread 'main' (id) panicked at ..." and, with
    // RUST_BACKTRACE set, a backtrace, the moment the panic happens. This one prints
    // a line on the timeline instead, so the output reads the same on every run.
    let timeline = Timeline::new();
    let hook_timeline = timeline.clone();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|at| format!(" at {}:{}", at.file(), at.line()))
            .unwrap_or_default();
        let payload = info.payload();
        let message = (payload.downcast_ref::<&str>().copied())
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(not text)");
        hook_timeline.say("panic hook", format!("panicked{place}: {message}"));
    }));
    let outcome = run(task_panic::one_panics_one_finishes(&timeline));
    // Back to the default hook, so a panic anywhere else reads as usual.
    drop(std::panic::take_hook());
    // ANCHOR_END: demo_task_panic
    // Both outcomes are on the timeline; the demo itself succeeds.
    let (_buggy, _steady) = outcome?;
    Ok(())
}

fn demo_task_group(_: &()) -> anyhow::Result<()> {
    // Each part returns the error it is about: printed, not a failure of the demo.
    println!("1. Leaving a TaskGroup waits for its tasks; a JoinSet, only if you loop:");
    let done = run(task_group::wait_for_every_task(&Timeline::new()))??;
    println!("   finished: {done:?}\n");
    for stop in [Stop::Drop, Stop::Shutdown] {
        println!("2. The body fails while a task runs; the set is stopped with {stop:?}:");
        let _failed = run(async {
            let timeline = Timeline::new();
            let outcome = task_group::when_the_body_fails(&timeline, stop).await;
            // Give a task aborted by `drop` the turn in which it is dropped.
            tokio::task::yield_now().await;
            outcome
        })?;
        println!();
    }
    println!("3. A job fails: try_join! returns its error and drops the other job:");
    let _failed = run(task_group::first_failure_drops_the_rest(&Timeline::new()))?;
    Ok(())
}

fn demo_send_fixes(_: &()) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        let names = send_static::greet_all_moved(&timeline).await?;
        println!("after the task: the caller still has {names:?}\n");

        let timeline = Timeline::new();
        let greeted = send_static::greet_all_local(&timeline).await?;
        println!("the local tasks wrote {greeted:?} into one Rc<RefCell<Vec>>");
        anyhow::Ok(())
    })?
}

fn demo_runner(_: &()) -> anyhow::Result<()> {
    println!("A current-thread runtime:");
    let runtime = runner::current_thread_runtime()?;
    runner::two_runs(&runtime, &Timeline::new(), Duration::from_secs(1));

    println!("\nA multi-thread runtime with one worker:");
    let runtime = runner::multi_thread_runtime(1)?;
    runner::two_runs(&runtime, &Timeline::new(), Duration::from_secs(1));
    Ok(())
}

fn demo_tokio_main(_: &()) -> anyhow::Result<()> {
    let clock = Stopwatch::start();
    clock.say(format!("answer()          = {}", runner::answer()));
    clock.say(format!("answer_expanded() = {}", runner::answer_expanded()));

    let token = Arc::new(());
    runner::spawn_and_return(Arc::clone(&token));
    clock.say(format!(
        "spawn_and_return() returned; holders of the token: {} (its task was dropped)",
        Arc::strong_count(&token)
    ));
    Ok(())
}

fn blocking_demo(lookup: Lookup) -> anyhow::Result<()> {
    run(async {
        let timeline = Timeline::new();
        blocking::scene(&timeline, lookup, Scene::DEMO).await?;
        println!(
            "largest gap between ticks: {:.2}s (the ticker's rhythm is {:.2}s)",
            blocking::largest_gap(&timeline).as_secs_f64(),
            Scene::DEMO.period.as_secs_f64()
        );
        anyhow::Ok(())
    })?
}

fn demo_blocking_stall(_: &()) -> anyhow::Result<()> {
    blocking_demo(Lookup::Inline)
}

fn demo_spawn_blocking(_: &()) -> anyhow::Result<()> {
    blocking_demo(Lookup::BlockingThread)
}

fn demo_async_api(_: &()) -> anyhow::Result<()> {
    blocking_demo(Lookup::Async)
}

fn demo_sync_to_async(_: &()) -> anyhow::Result<()> {
    // Plain sync code: no runtime in sight, no `.await` possible.
    let clock = Stopwatch::start();
    let prices = BlockingPrices::new()?;
    clock.say(format!("apple: {}", prices.price("apple")?));
    clock.say(format!("pear:  {}", prices.price("pear")?));
    match prices.price("kiwi") {
        Ok(price) => clock.say(format!("kiwi:  {price}")),
        Err(error) => clock.say(format!("kiwi:  error: {error}")),
    }

    // Async code that must call a sync function which itself needs async code.
    let total = run(sync_bridge::total_via_legacy(vec![
        "apple", "pear", "apple",
    ]))??;
    clock.say(format!(
        "legacy_total via spawn_blocking + Handle::block_on: {total}"
    ));
    Ok(())
}
