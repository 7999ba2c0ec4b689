//! Chapter 5, exercise 7 solved: Make your runtime multi-threaded.
//!
//! The tests are not copied: the module below is the exercise's own test file, the
//! given modules are the exercise's own files, and the steps before this one are
//! their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../spawn/src/spawn.rs"]
pub mod spawn;
// The given code is the exercise's own files too.
#[path = "../../../../exercises/05-event-loop/multi_thread/src/driver.rs"]
pub mod driver;
#[path = "../../../../exercises/05-event-loop/multi_thread/src/join_handle.rs"]
pub mod join_handle;
#[path = "../../../../exercises/05-event-loop/multi_thread/src/net.rs"]
pub mod net;
#[path = "../../../../exercises/05-event-loop/multi_thread/src/parker.rs"]
pub mod parker;

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod multi_thread;
#[cfg(feature = "wrong-drop-leaks-tasks")]
known_wrong::patched!(pub mod multi_thread, "wrong/drop_leaks_tasks.patch");
#[cfg(feature = "wrong-foreign-runtime-queue")]
known_wrong::patched!(pub mod multi_thread, "wrong/foreign_runtime_queue.patch");
#[cfg(feature = "wrong-lost-wake")]
known_wrong::patched!(pub mod multi_thread, "wrong/lost_wake.patch");
#[cfg(feature = "wrong-never-steals")]
known_wrong::patched!(pub mod multi_thread, "wrong/never_steals.patch");
#[cfg(feature = "wrong-no-maintenance")]
known_wrong::patched!(pub mod multi_thread, "wrong/no_maintenance.patch");
#[cfg(feature = "wrong-no-second-look")]
known_wrong::patched!(pub mod multi_thread, "wrong/no_second_look.patch");
#[cfg(feature = "wrong-no-state-machine")]
known_wrong::patched!(pub mod multi_thread, "wrong/no_state_machine.patch");
#[cfg(feature = "wrong-spins")]
known_wrong::patched!(pub mod multi_thread, "wrong/spins.patch");
#[cfg(feature = "wrong-steals-from-one")]
known_wrong::patched!(pub mod multi_thread, "wrong/steals_from_one.patch");
#[cfg(feature = "wrong-wakes-everyone")]
known_wrong::patched!(pub mod multi_thread, "wrong/wakes_everyone.patch");

// What the benchmark uses to run your runtime beside the chapter's.
pub use driver::sleep;
pub use join_handle::JoinHandle;
pub use multi_thread::{Runtime, spawn};
pub use net::{TcpListener, TcpStream};
pub use spawn::yield_now;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/multi_thread/src/tests.rs"]
mod tests;
