//! A panic inside a task, caught by the runtime, unless the build aborts on panic.
//!
//! `cargo run -p ch04-tasks-and-runners --example panic_in_task` prints
//! `is_panic: true`: the panic unwinds the task, and tokio catches it at the task's
//! edge with `catch_unwind`. Built with `panic = "abort"` (in a `[profile]`, or
//! `--config 'profile.dev.panic="abort"'`), a panic does not unwind: the first one,
//! in any task, ends the whole process with SIGABRT, and `is_panic` is never
//! printed. `tests/panic_abort.rs` compiles this file both ways and checks both.

// ANCHOR: panic_in_task
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime needs no OS resources that can run out");
    let outcome = runtime.block_on(async {
        let buggy = tokio::spawn(async {
            let empty: Vec<u32> = Vec::new();
            empty[0]
        });
        buggy.await
    });
    match outcome {
        Ok(value) => println!("the task returned {value}"),
        Err(error) => println!("is_panic: {}", error.is_panic()),
    }
}
// ANCHOR_END: panic_in_task
