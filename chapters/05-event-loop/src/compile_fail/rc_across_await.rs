// Not a module of the crate: `multi_thread.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
use std::rc::Rc;

use ch05_event_loop::multi_thread::{Runtime, spawn};
use ch05_event_loop::yield_now;

fn main() {
    let runtime = Runtime::new(2).expect("a runtime starts");
    runtime.block_on(async {
        // ANCHOR: rc_across_await
        spawn(async {
            let visits = Rc::new(1); // Rc: a count that is not atomic
            yield_now().await; // the task may go on on another worker here
            println!("{visits}");
        });
        // ANCHOR_END: rc_across_await
    });
}
