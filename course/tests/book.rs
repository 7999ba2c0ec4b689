//! `cargo course book` with a fake mdbook (a shell script on `PATH`): the command
//! line it is given, the tools it needs, a port already taken, and stopping it.

#![cfg(unix)]

mod sandbox;

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use sandbox::{Sandbox, text};

/// A port nobody listens on (the OS's pick, released at once).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("a bound address").port()
}

#[test]
fn book_serves_on_127_0_0_1_and_opens_a_browser_only_where_there_is_a_display() {
    let sandbox = Sandbox::new("book");
    let log = sandbox.root.join("mdbook-args");
    let bin = sandbox.fake_tool(
        "mdbook",
        &format!("echo \"$PWD $*\" > '{}'\n", log.display()),
    );
    let serve = |args: &[&str], display: Option<&str>| {
        let mut command = sandbox.command(args);
        command
            .env("PATH", &bin)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("DISPLAY");
        if let Some(display) = display {
            command.env("DISPLAY", display);
        }
        let output = command.output().expect("run the course binary");
        assert!(output.status.success(), "{}", text(&output.stderr));
        std::fs::read_to_string(&log)
            .expect("the fake mdbook ran")
            .trim()
            .to_string()
    };
    let root = sandbox.root.display();
    let port = free_port().to_string();
    assert_eq!(
        serve(&["book", "--port", &port], None),
        format!("{root} serve book -n 127.0.0.1 -p {port}")
    );
    assert_eq!(
        serve(&["book", "--port", &port], Some(":0")),
        format!("{root} serve book -n 127.0.0.1 -p {port} --open")
    );
    assert_eq!(
        serve(&["book", "--no-open", "--port", &port], Some(":0")),
        format!("{root} serve book -n 127.0.0.1 -p {port}")
    );
    let help = text(&sandbox.course(&["book", "--help"]).stdout);
    assert!(help.contains("[default: 3000]"), "{help}");
}

#[test]
fn book_without_its_tools_says_how_to_install_them_and_installs_nothing() {
    let sandbox = Sandbox::new("no-mdbook");
    sandbox.write(
        "book/book.toml",
        "[book]\ntitle = \"t\"\n\n[preprocessor.quiz]\n",
    );
    let empty = sandbox.root.join("empty-path");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let output = sandbox
        .command(&["book"])
        .env("PATH", &empty)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    for expected in [
        "cargo install mdbook --version 0.5.4 --locked",
        "cargo install mdbook-quiz --version 0.5.0 --locked",
    ] {
        assert!(stderr.contains(expected), "no `{expected}` in:\n{stderr}");
    }

    // With mdbook there, only the quiz preprocessor is asked for.
    let bin = sandbox.fake_tool("mdbook", "exit 0\n");
    let output = sandbox
        .command(&["book"])
        .env("PATH", &bin)
        .output()
        .expect("run");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("needs mdbook-quiz, not installed"),
        "{stderr}"
    );
    assert!(!stderr.contains("install mdbook --version"), "{stderr}");
}

#[test]
fn a_port_in_use_is_said_plainly_with_the_option_to_pick_another() {
    let sandbox = Sandbox::new("book-port");
    let ran = sandbox.root.join("mdbook-ran");
    let bin = sandbox.fake_tool("mdbook", &format!("touch '{}'\n", ran.display()));
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let output = sandbox
        .command(&["book", "--port", &port.to_string()])
        .env("PATH", &bin)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot serve the book on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("cargo course book --port "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!ran.exists(), "mdbook is not started on a taken port");
}

/// Whether the process is gone (or a zombie waiting to be reaped, which serves nothing).
fn gone(pid: &str) -> bool {
    std::fs::read_to_string(Path::new("/proc").join(pid).join("stat")).map_or(true, |stat| {
        stat.rsplit(") ").next().is_some_and(|s| s.starts_with('Z'))
    })
}

#[test]
fn ctrl_c_sigterm_and_sighup_stop_mdbook_and_everything_it_started() {
    for signal in ["TERM", "HUP", "INT"] {
        let sandbox = Sandbox::new(&format!("book-{signal}"));
        let pids = sandbox.root.join("pids");
        // mdbook, and a child of its own (as a preprocessor would be).
        let bin = sandbox.fake_tool(
            "mdbook",
            &format!(
                "sleep 600 &\necho \"$$ $!\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\nwait\n",
                pids.display()
            ),
        );
        let path = std::env::join_paths(
            std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        let mut course = sandbox
            .command(&["book", "--port", &free_port().to_string()])
            .env("PATH", path)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("run");
        let started = Instant::now();
        while !pids.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "mdbook never started"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let pids = std::fs::read_to_string(&pids).expect("read the pids");
        let status = Command::new("kill")
            .args([format!("-{signal}"), course.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let exit = course.wait().expect("cargo course book ends");
        assert!(
            exit.success(),
            "SIG{signal}: a requested stop is a clean exit: {exit:?}"
        );
        for pid in pids.split_whitespace() {
            let started = Instant::now();
            while !gone(pid) {
                assert!(
                    started.elapsed() < Duration::from_secs(10),
                    "SIG{signal}: process {pid} of mdbook's group outlived `cargo course book`"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

#[test]
fn book_lang_zh_cn_serves_the_chinese_edition_into_its_own_folder() {
    let sandbox = Sandbox::new("book-zh");
    sandbox.write("book/po/zh-CN.po", "msgid \"\"\nmsgstr \"\"\n");
    let log = sandbox.root.join("mdbook-args");
    let bin = sandbox.fake_tool(
        "mdbook",
        &format!("echo \"$MDBOOK_BOOK__LANGUAGE $*\" > '{}'\n", log.display()),
    );
    sandbox.fake_tool("mdbook-gettext", "exit 0\n");
    sandbox.fake_tool("python3", "exit 0\n");
    let port = free_port().to_string();
    let output = sandbox
        .command(&["book", "--lang", "zh-CN", "--no-open", "--port", &port])
        .env("PATH", &bin)
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("中文版"),
        "{}",
        text(&output.stdout)
    );
    let root = sandbox.root.display();
    assert_eq!(
        std::fs::read_to_string(&log)
            .expect("the fake mdbook ran")
            .trim(),
        format!("zh-CN serve book -n 127.0.0.1 -p {port} -d {root}/book/build-zh-CN")
    );
}

#[test]
fn book_lang_names_the_editions_there_are_and_the_tool_a_translation_needs() {
    let sandbox = Sandbox::new("book-lang");
    sandbox.write("book/po/zh-CN.po", "msgid \"\"\nmsgstr \"\"\n");
    let bin = sandbox.fake_tool("mdbook", "exit 0\n");
    let output = sandbox
        .command(&["book", "--lang", "fr"])
        .env("PATH", &bin)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no `fr` edition. The editions are: en, zh-CN."),
        "{stderr}"
    );

    sandbox.fake_tool("python3", "exit 0\n");
    let output = sandbox
        .command(&["book", "--lang", "zh-cn"])
        .env("PATH", &bin)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("cargo install mdbook-i18n-helpers --version 0.4.0 --locked"),
        "{stderr}"
    );
}
