//! `panic = "abort"` takes `JoinError::is_panic` away: the claim of the chapter's
//! panic section, checked by building `examples/panic_in_task.rs` twice with `rustc`,
//! once as every build of this course is (`-C panic=unwind`) and once with
//! `-C panic=abort`, against the tokio this package is built with.
//!
//! tokio catches a task's panic with `std::panic::catch_unwind` (in
//! `runtime/task/harness.rs`). With `panic=abort` there is no unwinding to catch: the
//! panic hook prints its message and the process aborts on the spot.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PROGRAM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panic_in_task.rs");

/// The `deps/` folder beside this test binary, where cargo keeps the dependencies'
/// compiled libraries.
fn deps_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    exe.parent()
        .expect("the test binary is in deps/")
        .to_path_buf()
}

/// The compiled tokio libraries in `deps/`, newest first (several builds, with other
/// features, may sit side by side).
fn tokio_libraries(deps: &Path) -> Vec<PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(deps)
        .expect("deps/ can be listed")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("libtokio-") && name.ends_with(".rlib")
        })
        .filter_map(|path| Some((path.metadata().ok()?.modified().ok()?, path)))
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, path)| path).collect()
}

/// Builds the program with `-C panic=<strategy>` and runs it.
fn build_and_run(strategy: &str) -> Output {
    let deps = deps_dir();
    let out_dir =
        std::env::temp_dir().join(format!("ch04-panic-{strategy}-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("the temporary folder is writable");
    let binary = out_dir.join("panic_in_task");
    let mut last = String::from("no libtokio-*.rlib in deps/");
    for tokio in tokio_libraries(&deps).iter().take(8) {
        let built = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .args(["--edition", "2024", "-C", &format!("panic={strategy}")])
            .arg("-L")
            .arg(format!("dependency={}", deps.display()))
            .arg("--extern")
            .arg(format!("tokio={}", tokio.display()))
            .arg("-o")
            .arg(&binary)
            .arg(PROGRAM)
            .output()
            .expect("rustc runs");
        if built.status.success() {
            let ran = Command::new(&binary)
                .env_remove("RUST_BACKTRACE")
                .output()
                .expect("the program starts");
            let _ = std::fs::remove_dir_all(&out_dir);
            return ran;
        }
        last = String::from_utf8_lossy(&built.stderr).into_owned();
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    panic!(
        "no tokio build in {} compiles the program:\n{last}",
        deps.display()
    );
}

#[test]
fn with_panic_abort_a_panic_in_a_task_ends_the_process_before_is_panic_can_be_seen() {
    let unwind = build_and_run("unwind");
    assert!(unwind.status.success(), "{unwind:?}");
    assert_eq!(
        String::from_utf8_lossy(&unwind.stdout),
        "is_panic: true\n",
        "unwinding: tokio caught the panic and handed it back as a JoinError"
    );

    let abort = build_and_run("abort");
    let stderr = String::from_utf8_lossy(&abort.stderr);
    assert!(
        stderr.contains("panicked at"),
        "the hook still speaks: {stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&abort.stdout),
        "",
        "the process never got back to `main` to print is_panic"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            abort.status.signal(),
            Some(6),
            "killed by SIGABRT, the whole process and every task in it: {:?}",
            abort.status
        );
    }
}
