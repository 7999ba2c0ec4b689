//! `cargo course`: the learner's entry point (being written).

fn main() {
    println!("cargo course: coming soon");
}
