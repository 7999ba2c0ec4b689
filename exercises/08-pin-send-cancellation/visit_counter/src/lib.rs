//! Chapter 8, exercise: visit_counter.
//!
//! Your code goes in `visit_counter.rs`: replace the `todo!()` (the `// TODO:` above
//! it says what to do), then run `cargo course check visit_counter`. Hints:
//! `cargo course hint visit_counter`. `site.rs` is given: read it, do not change it.

pub mod site;
pub mod visit_counter;

#[cfg(test)]
mod tests;
