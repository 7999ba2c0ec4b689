//! The tests of the `fibonacci` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Every test takes at most 200 numbers (`take`), so an iterator that never ends
//! fails with what it yielded instead of hanging or filling the memory.

use course_kit::watchdog;

use crate::fibonacci::{Fibonacci, fibonacci};

/// More than the 94 Fibonacci numbers that fit in a u64.
const MOST: usize = 200;

/// Run `body` on a fresh `fibonacci()` under the watchdog: a panic in your code (an
/// overflow) then comes with what the test was doing.
#[track_caller]
fn with_fibonacci<T: Send + 'static>(body: impl FnOnce(Fibonacci) -> T + Send + 'static) -> T {
    watchdog::within(
        watchdog::LIMIT,
        "the test was taking Fibonacci numbers. \"attempt to add with overflow\" means \
         `a + b` was computed where it does not fit: Python's integers grow, a u64 \
         stops at 18446744073709551615. `checked_add` gives None instead of panicking, \
         and None is your cue to stop.",
        move || body(fibonacci()),
    )
}

#[test]
fn starts_zero_one_one_two_three() {
    let first: Vec<u64> = with_fibonacci(|numbers| numbers.take(10).collect());
    assert_eq!(
        first,
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34],
        "each number is the sum of the two before it, starting from 0 and 1"
    );
}

#[test]
fn yields_the_94_numbers_that_fit_in_a_u64_then_stops() {
    let all: Vec<u64> = with_fibonacci(|numbers| numbers.take(MOST).collect());
    // What each count points to: the sequence is right (the first test checks it),
    // so only where it stopped can differ.
    let why = match all.len() {
        92 => {
            "92 numbers: it stopped two early, after F(91). Computing `a + b` *before* \
             yielding `a` (as `let next = a.checked_add(b)?;` at the top of `next` \
             does) asks for F(94) while yielding F(92), so F(92) and F(93) are lost. \
             Yield first; the sum that overflows belongs to a number you never yield"
        }
        93 => {
            "93 numbers: it stopped one early, after F(92). When `a + b` overflowed, \
             `b` (F(93), which fits) was still waiting to be yielded: the end comes \
             one number after the sum fails, not at it"
        }
        MOST => "it never returned None: once the next number does not fit, stop",
        _ => "the count is off: yield F(0) = 0 up to F(93), each once",
    };
    assert_eq!(
        (all.len(), all.last()),
        (94, Some(&12_200_160_415_121_876_738)),
        "expected (how many, the last) = F(0) to F(93): F(93) fits in a u64, F(94) does \
         not. {why}"
    );
}

#[test]
fn stays_finished_after_returning_none() {
    let (yielded, after) = with_fibonacci(|mut numbers| {
        let yielded = numbers.by_ref().take(MOST).count();
        let after: Vec<Option<u64>> = (0..3).map(|_| numbers.next()).collect();
        (yielded, after)
    });
    assert!(
        yielded < MOST,
        "it never returned None (yielded {yielded} numbers)"
    );
    assert_eq!(
        after,
        [None, None, None],
        "like a finished Python generator: once it has stopped, every later next() \
         stops too; it must not start again from 0"
    );
}

#[test]
fn two_generators_do_not_share_their_state() {
    let got = with_fibonacci(|mut a| {
        let mut b = fibonacci();
        a.nth(10);
        (a.next(), b.next())
    });
    let why = if got.0 == Some(89) {
        "a second fibonacci() did not start from 0 while the first was running: each \
         call is a new generator with its own frame, so the numbers belong in the \
         struct, not in a static"
    } else {
        "the 12th number (after nth(10), which takes 11) is 89"
    };
    assert_eq!(
        got,
        (Some(89), Some(0)),
        "expected (Some(89), Some(0)): {why}"
    );
}

#[test]
fn it_keeps_the_two_numbers_the_python_frame_keeps() {
    // The generator's frame holds `a` and `b`, two numbers that fit in a u64 each;
    // the struct is that frame. Anything smaller cannot hold both: it is an index
    // into numbers worked out beforehand (a table), not the generator.
    let size = std::mem::size_of::<Fibonacci>();
    assert!(
        size >= 2 * std::mem::size_of::<u64>(),
        "Fibonacci is {size} bytes, too small for the two u64s `a` and `b` the Python \
         generator keeps between yields. A precomputed table with an index gives the \
         right numbers without writing the generator, which is the exercise: keep `a` \
         and `b` in the struct and compute each next number in `next`"
    );
}
