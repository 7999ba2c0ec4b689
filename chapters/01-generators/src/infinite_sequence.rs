//! `infinite_sequence`: a generator that never ends, three ways, and why that is safe.
//!
//! Python's `while True: yield num` never returns, yet `infinite_sequence()` is
//! harmless: a generator only computes a value when asked. Rust iterators are lazy in
//! the same way: adapters such as `map` and `take` build a bigger iterator and compute
//! nothing; only a consumer (`next`, `for`, `collect`, `sum`) pulls values through.
//!
//! One real difference: Python's `num += 1` grows into a big integer forever; a Rust
//! `u64` would overflow after 2^64 steps. [`successors`](std::iter::successors) with
//! `checked_add` turns that overflow into the end of the sequence instead of a panic.
//!
//! And one of timing. Python runs `num += 1` when the generator is *resumed*, at the
//! start of the next `next()`. The struct's `next` hands out `num` and adds one in the
//! same call, straight away. Nobody can see the difference, except at the edge: with
//! `num` at `u64::MAX` the struct's `next` panics (in a debug build) in the very call
//! that should hand out `u64::MAX`, where Python would yield it first.

use std::cell::Cell;
use std::iter;

// ANCHOR: struct
/// The generator's frame holds one local, `num`; so does the struct.
#[derive(Debug, Clone)]
pub struct InfiniteSequence {
    num: u64,
}

pub fn infinite_sequence() -> InfiniteSequence {
    InfiniteSequence { num: 0 }
}

impl Iterator for InfiniteSequence {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let yielded = self.num; // yield num
        self.num += 1; // num += 1, in this same call (Python runs it at the next resume)
        Some(yielded) // never None: `while True` never ends
    }
}
// ANCHOR_END: struct

// ANCHOR: from_fn
/// The same generator as a closure: its captured `num` is the frame.
pub fn infinite_sequence_from_fn() -> impl Iterator<Item = u64> {
    let mut num = 0;
    iter::from_fn(move || {
        let yielded = num;
        num += 1;
        Some(yielded)
    })
}
// ANCHOR_END: from_fn

// ANCHOR: successors
/// Each value computed from the one before; `checked_add` ends the sequence at
/// `u64::MAX` where `num += 1` would overflow.
pub fn infinite_sequence_successors() -> impl Iterator<Item = u64> {
    iter::successors(Some(0u64), |num| num.checked_add(1))
}
// ANCHOR_END: successors

// ANCHOR: laziness
/// Counts how many values a sequence computed, to show that `take` asks for exactly
/// the values it passes on and no more.
pub fn counted_sequence(computed: &Cell<u64>) -> impl Iterator<Item = u64> + '_ {
    infinite_sequence().inspect(move |_| computed.set(computed.get() + 1))
}
// ANCHOR_END: laziness

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_yield_the_same_numbers() {
        let expected: Vec<u64> = (0..10).collect();
        assert_eq!(infinite_sequence().take(10).collect::<Vec<_>>(), expected);
        assert_eq!(
            infinite_sequence_from_fn().take(10).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(
            infinite_sequence_successors().take(10).collect::<Vec<_>>(),
            expected
        );
    }

    #[test]
    fn building_adapters_computes_nothing() {
        let computed = Cell::new(0);
        let squares = counted_sequence(&computed).map(|n| n * n).take(5);
        assert_eq!(computed.get(), 0, "map and take only describe the work");
        drop(squares);
        assert_eq!(computed.get(), 0);
    }

    #[test]
    fn take_computes_exactly_the_values_it_passes_on() {
        let computed = Cell::new(0);
        let first: Vec<u64> = counted_sequence(&computed).take(5).collect();
        assert_eq!(first, [0, 1, 2, 3, 4]);
        assert_eq!(computed.get(), 5);
    }

    #[test]
    #[should_panic(expected = "overflow")]
    #[cfg(debug_assertions)]
    fn the_struct_adds_one_in_the_same_next_so_u64_max_panics_before_it_is_handed_out() {
        // Python would yield the last value first, and fail (if ever) only when
        // resumed; this `next` does the addition before returning.
        let mut at_the_edge = InfiniteSequence { num: u64::MAX };
        at_the_edge.next();
    }

    #[test]
    fn successors_ends_at_u64_max_instead_of_overflowing() {
        let near_the_end = iter::successors(Some(u64::MAX - 2), |num| num.checked_add(1));
        assert_eq!(
            near_the_end.collect::<Vec<_>>(),
            [u64::MAX - 2, u64::MAX - 1, u64::MAX]
        );
    }
}
