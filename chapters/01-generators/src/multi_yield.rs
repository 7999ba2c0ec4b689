//! `multi_yield`: a generator written by hand.
//!
//! When Python runs `multi_yield()`, it does not run the body: it builds a generator
//! object that holds a *frame* (the local variables, here `yield_str`) and a note of
//! where the body stopped. Each `next()` runs the body up to the next `yield` and
//! stops again. Once the body returns, `next()` raises `StopIteration`.
//!
//! A Rust `Iterator` is that object made explicit. The enum below is the note of
//! where the body stopped; its variants carry whatever locals are alive at that
//! point. `next` runs one step, and `None` stands for `StopIteration`.

// ANCHOR: multi_yield
/// Where the body of `multi_yield` is suspended, and the locals alive there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MultiYield {
    /// Created, not yet started: Python's generator before the first `next()`.
    NotStarted,
    /// Stopped at the first `yield`.
    AfterFirstYield,
    /// Stopped at the second `yield`.
    AfterSecondYield,
    /// The body has returned; every further `next` is `StopIteration` (`None`).
    Finished,
}

/// Like calling `multi_yield()` in Python: nothing of the body runs yet.
pub fn multi_yield() -> MultiYield {
    MultiYield::NotStarted
}

impl Iterator for MultiYield {
    type Item = String;

    /// Run the body from where it stopped to the next `yield` (or to its end).
    fn next(&mut self) -> Option<String> {
        match self {
            MultiYield::NotStarted => {
                let yield_str = "This will print the first string".to_string();
                *self = MultiYield::AfterFirstYield;
                Some(yield_str)
            }
            MultiYield::AfterFirstYield => {
                let yield_str = "This will print the second string".to_string();
                *self = MultiYield::AfterSecondYield;
                Some(yield_str)
            }
            MultiYield::AfterSecondYield | MultiYield::Finished => {
                *self = MultiYield::Finished;
                None
            }
        }
    }
}
// ANCHOR_END: multi_yield

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calling_multi_yield_runs_none_of_the_body() {
        assert_eq!(multi_yield(), MultiYield::NotStarted);
    }

    #[test]
    fn each_next_runs_to_the_next_yield() {
        let mut multi_obj = multi_yield();
        assert_eq!(
            multi_obj.next().as_deref(),
            Some("This will print the first string")
        );
        assert_eq!(multi_obj, MultiYield::AfterFirstYield);
        assert_eq!(
            multi_obj.next().as_deref(),
            Some("This will print the second string")
        );
        assert_eq!(multi_obj, MultiYield::AfterSecondYield);
    }

    #[test]
    fn a_finished_generator_gives_none_for_stop_iteration_every_time() {
        let mut multi_obj = multi_yield();
        multi_obj.by_ref().take(2).for_each(drop);
        assert_eq!(multi_obj.next(), None);
        assert_eq!(
            multi_obj.next(),
            None,
            "unlike some iterators, this one stays finished"
        );
    }

    #[test]
    fn a_for_loop_stops_at_the_end_as_python_catches_stop_iteration() {
        let all: Vec<String> = multi_yield().collect();
        assert_eq!(
            all,
            [
                "This will print the first string",
                "This will print the second string"
            ]
        );
    }
}
