//! The chapter 1 binary: every demo of the chapter, in order.
//!
//! `cargo run -p ch01-generators` runs them all; `-- --list` names them;
//! `-- multi_yield` runs one.

use std::cell::Cell;
use std::process::ExitCode;

use ch01_generators::send::GeneratorState;
use ch01_generators::{async_generator, infinite_sequence, multi_yield, send};
use course_kit::Demo;

const DEMOS: &[Demo] = &[
    Demo::new(
        "multi_yield",
        "a generator that yields twice, then StopIteration",
        demo_multi_yield,
    ),
    Demo::new(
        "infinite_sequence",
        "an endless generator, three ways",
        demo_infinite_sequence,
    ),
    Demo::new(
        "laziness",
        "nothing is computed until a value is asked for",
        demo_laziness,
    ),
    Demo::new("send", "resuming a generator with a value", demo_send),
    Demo::new(
        "async_generator",
        "the same generators written with async/await",
        demo_async_generator,
    ),
];

fn main() -> ExitCode {
    course_kit::demo::main("Chapter 1: generators", DEMOS)
}

fn demo_multi_yield(_: &()) -> anyhow::Result<()> {
    let mut multi_obj = multi_yield::multi_yield();
    println!("multi_obj = multi_yield()   -> {multi_obj:?}");
    for _ in 0..3 {
        // Python raises StopIteration on the third call; Rust returns None.
        let value = multi_obj.next();
        println!("next(multi_obj)             -> {value:?}");
    }
    Ok(())
}

fn demo_infinite_sequence(_: &()) -> anyhow::Result<()> {
    let by_struct: Vec<u64> = infinite_sequence::infinite_sequence().take(5).collect();
    let by_from_fn: Vec<u64> = infinite_sequence::infinite_sequence_from_fn()
        .take(5)
        .collect();
    let by_successors: Vec<u64> = infinite_sequence::infinite_sequence_successors()
        .take(5)
        .collect();
    println!("struct:     {by_struct:?}");
    println!("from_fn:    {by_from_fn:?}");
    println!("successors: {by_successors:?}");
    let last = std::iter::successors(Some(u64::MAX - 1), |n| n.checked_add(1)).last();
    println!("successors near the top ends at {last:?}, not in an overflow panic");
    Ok(())
}

fn demo_laziness(_: &()) -> anyhow::Result<()> {
    // ANCHOR: demo_laziness
    let computed = Cell::new(0);
    let squares = infinite_sequence::counted_sequence(&computed)
        .map(|n| n * n)
        .take(5);
    println!(
        "built map + take over an endless sequence; values computed: {}",
        computed.get()
    );
    let squares: Vec<u64> = squares.collect();
    println!("collected {squares:?}; values computed: {}", computed.get());
    // ANCHOR_END: demo_laziness
    Ok(())
}

fn demo_send(_: &()) -> anyhow::Result<()> {
    let mut generator = send::running_total();
    println!("next(gen)     -> {:?}", generator.resume(None));
    for value in [5, 3, -10] {
        println!(
            "gen.send({value:>3}) -> {:?}",
            generator.resume(Some(value))
        );
    }
    match generator.resume(None) {
        GeneratorState::Complete(total) => println!("gen.send(None) -> StopIteration({total})"),
        GeneratorState::Yielded(total) => {
            anyhow::bail!("expected the body to return, it yielded {total}")
        }
    }
    Ok(())
}

fn demo_async_generator(_: &()) -> anyhow::Result<()> {
    for line in async_generator::multi_yield() {
        println!("{line}");
    }
    let first: Vec<u64> = async_generator::infinite_sequence().take(5).collect();
    println!("infinite_sequence().take(5) -> {first:?}");
    Ok(())
}
