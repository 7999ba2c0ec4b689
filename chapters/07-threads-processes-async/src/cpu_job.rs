//! The CPU-bound job: the notes' sum of squares, done for real.
//!
//! ```python
//! def cpu_bound(number):
//!     return sum(i * i for i in range(number))
//!
//! numbers = [5_000_000 + x for x in range(20)]
//! ```
//!
//! There is no waiting here, only arithmetic, so waiting for many things at once
//! (threads in Python, async anywhere) cannot help. Only more cores can.
//!
//! Two things differ from Python. The sum of `i * i` below 5 000 020 is about 4·10¹⁹,
//! more than a `u64` holds (Python's integers just grow), so the total is a `u128`.
//! And an optimising compiler knows that `Σ i²` has a closed form,
//! `(n-1)·n·(2n-1)/6`, and may replace the whole loop by it, which would make every
//! timing below meaningless. `std::hint::black_box(i)` hides each `i` from the
//! optimiser, so the loop really runs `number` times, as Python's does. The demos
//! check it: twice the input must take about twice the time.

use std::hint::black_box;
use std::time::{Duration, Instant};

// ANCHOR: cpu_bound
/// `sum(i * i for i in range(number))`, one multiplication at a time.
///
/// Never inlined, so that every method in the chapter runs the same machine code,
/// and a timing difference is the method's, not the optimiser's.
#[inline(never)]
pub fn cpu_bound(number: u64) -> u128 {
    let mut total: u128 = 0;
    for i in 0..number {
        // Without `black_box`, LLVM may turn this loop into the closed form.
        let i = u128::from(black_box(i));
        total += i * i;
    }
    total
}
// ANCHOR_END: cpu_bound

// ANCHOR: guard
/// What [`check_the_loop_runs`] measured: `cpu_bound(n)` and `cpu_bound(4n)`.
#[derive(Debug, Clone, Copy)]
pub struct LoopCheck {
    pub n: u64,
    pub once: Duration,
    pub four_times: Duration,
}

impl LoopCheck {
    /// How many times longer `4n` took than `n`: about 4 for a real loop.
    pub fn ratio(&self) -> f64 {
        self.four_times.as_secs_f64() / self.once.as_secs_f64().max(1e-9)
    }
}

/// The loop must really run: its answers match the closed form, and four times the
/// input takes about four times as long (a loop replaced by the formula takes the
/// same few nanoseconds for any input). An error otherwise, since every timing of
/// the chapter would then measure nothing. `n` must be large enough to time
/// (100,000 or more), or the clock's own noise decides.
pub fn check_the_loop_runs(n: u64) -> Result<LoopCheck, String> {
    if n < 100_000 {
        return Err(format!(
            "cpu_bound({n}) is too quick to time; check with 100000 or more"
        ));
    }
    // The best of three runs each, so that one hiccup of a busy machine does not
    // pass for a folded loop.
    let time = |n: u64| {
        let mut best = Duration::MAX;
        let mut total = 0;
        for _ in 0..3 {
            let started = Instant::now();
            total = cpu_bound(n);
            best = best.min(started.elapsed());
        }
        (best, total)
    };
    let (once, total_once) = time(n);
    let (four_times, total_four) = time(4 * n);
    if total_once != sum_of_squares_below(n) || total_four != sum_of_squares_below(4 * n) {
        return Err("cpu_bound disagrees with the closed form: the loop is wrong".into());
    }
    let check = LoopCheck {
        n,
        once,
        four_times,
    };
    if check.ratio() < 2.0 {
        return Err(format!(
            "cpu_bound({}) took only {:.2}x as long as cpu_bound({n}): the optimiser has \
             replaced the loop by a formula, and the timings would measure nothing",
            4 * n,
            check.ratio()
        ));
    }
    Ok(check)
}
// ANCHOR_END: guard

/// The closed form the loop must not be replaced by; the tests check the loop
/// against it.
pub fn sum_of_squares_below(number: u64) -> u128 {
    let n = u128::from(number);
    if n == 0 {
        0
    } else {
        (n - 1) * n * (2 * n - 1) / 6
    }
}

/// The notes' inputs: `[base + x for x in range(count)]`.
pub fn numbers(base: u64, count: u64) -> Vec<u64> {
    (0..count).map(|x| base + x).collect()
}

// ANCHOR: sequential
/// One job after another, on this thread: `[cpu_bound(n) for n in numbers]`.
pub fn sequential(numbers: &[u64]) -> Vec<u128> {
    numbers.iter().map(|&n| cpu_bound(n)).collect()
}
// ANCHOR_END: sequential

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_agrees_with_the_closed_form() {
        for n in [0, 1, 2, 3, 10, 12_345] {
            assert_eq!(cpu_bound(n), sum_of_squares_below(n), "n = {n}");
        }
        assert_eq!(cpu_bound(4), 1 + 4 + 9);
    }

    #[test]
    fn the_notes_job_overflows_a_u64_but_not_a_u128() {
        let total = sum_of_squares_below(5_000_019);
        assert!(
            total > u128::from(u64::MAX),
            "Python's ints grow; a u64 would not hold this"
        );
        let all: u128 = numbers(5_000_000, 20)
            .iter()
            .map(|&n| sum_of_squares_below(n))
            .sum();
        assert_eq!(all, 833_337_833_344_750_010_830, "what Python prints");
    }

    #[test]
    fn the_notes_numbers_are_base_plus_0_to_19() {
        let numbers = numbers(5_000_000, 20);
        assert_eq!(
            (numbers.len(), numbers[0], numbers[19]),
            (20, 5_000_000, 5_000_019)
        );
    }
}
