//! The tests of the `collatz` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Every test takes at most a few hundred numbers (`take`), so a sequence that
//! never ends fails with what it yielded instead of filling the memory.

use course_kit::watchdog;

use crate::collatz::collatz;

/// At most 300 numbers of `collatz(n)`, more than any sequence here has, under the
/// watchdog: a panic in your code (an overflow) then comes with what the test did.
#[track_caller]
fn first_numbers(n: u64) -> Vec<u64> {
    watchdog::within(
        watchdog::LIMIT,
        "the test was taking the numbers of a Collatz sequence. \"attempt to multiply \
         (or add) with overflow\" means 3n + 1 did not fit in a u64: Python's integers \
         grow, a u64 does not. checked_mul and checked_add give None instead, and None \
         ends the sequence.",
        move || collatz(n).take(300).collect(),
    )
}

#[test]
fn six_goes_down_to_one_and_stops() {
    let got = first_numbers(6);
    let why = if got.len() > 9 && got.starts_with(&[6, 3, 10, 5, 16, 8, 4, 2, 1]) {
        "it went on after 1 (4, 2, 1, 4, ...): the step from 1 must be None"
    } else if got.last() != Some(&1) {
        "the 1 is missing: Python's last `yield 1` means the sequence ends *after* \
         yielding 1"
    } else {
        "a step is wrong: n // 2 when n is even, 3n + 1 when it is odd"
    };
    assert_eq!(
        got,
        [6, 3, 10, 5, 16, 8, 4, 2, 1],
        "expected Python's list(collatz(6)): {why}"
    );
}

#[test]
fn one_is_a_sequence_of_its_own() {
    assert_eq!(
        first_numbers(1),
        [1],
        "the loop never runs for 1, and the final `yield 1` still does"
    );
}

#[test]
fn twenty_seven_climbs_to_9232_in_112_numbers() {
    let got = first_numbers(27);
    assert_eq!(
        (got.len(), got.iter().max(), got.last()),
        (112, Some(&9232), Some(&1)),
        "27 takes 111 steps to reach 1 (112 numbers with both ends), peaking at 9232: \
         (how many, the highest, the last) differ, so a step is wrong (n // 2 when \
         even, 3n + 1 when odd)"
    );
}

#[test]
fn a_step_that_would_overflow_ends_the_sequence_instead() {
    // 6148914691236517205 is odd, and 3 times it is u64::MAX: plus one overflows.
    let odd = u64::MAX / 3;
    assert_eq!(
        first_numbers(odd),
        [odd],
        "3n + 1 does not fit in a u64 here: Python's integers grow, a u64 cannot. End \
         the sequence (return None from the step) instead of overflowing; \
         checked_mul and checked_add say when"
    );
    assert_eq!(first_numbers(u64::MAX), [u64::MAX], "the same for u64::MAX");
}

#[test]
fn zero_has_no_sequence() {
    assert_eq!(
        first_numbers(0),
        [],
        "0 halves to 0 forever; collatz(0) yields nothing (the first item is None)"
    );
}

#[test]
fn it_computes_only_what_is_taken() {
    let (first, then) = watchdog::within(watchdog::LIMIT, "taking 3 numbers", || {
        let mut numbers = collatz(27);
        let first: Vec<u64> = numbers.by_ref().take(3).collect();
        (first, numbers.next())
    });
    assert_eq!(first, [27, 82, 41], "the first three numbers");
    assert_eq!(
        then,
        Some(124),
        "the iterator remembers where it stopped, like a suspended generator"
    );
}
