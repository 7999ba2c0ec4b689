//! `cargo course` in Chinese: the catalogue covers every line the tool writes, every
//! exercise title and hint title, and the book's catalogue every hint paragraph (CI
//! fails naming what lacks a translation); and a learner with a Chinese locale, or
//! `--lang zh-CN`, reads the overview, the hints and the lines around a check in
//! Chinese, while a test's own message stays as it was written. `--lang en` is
//! English whatever the locale.

mod sandbox;

#[path = "../src/po.rs"]
#[allow(dead_code)]
mod po;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use sandbox::{Sandbox, text};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("course/ is in the repository")
        .to_path_buf()
}

fn catalogue(path: &str) -> HashMap<String, String> {
    let file = root().join(path);
    po::parse(&fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())))
}

/// The msgids of `t!("...")` in a Rust source: the literal as the compiler reads it
/// (escapes, and `\` at a line's end skipping the next line's indentation).
fn msgids(source: &str) -> Vec<String> {
    // Comments are not code: a `t!(...)` in a doc comment is an example.
    let code: String = source
        .lines()
        .map(|line| match line.trim_start().starts_with("//") {
            true => "\n".to_string(),
            false => format!("{line}\n"),
        })
        .collect();
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("t!(") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + 3..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(literal) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let mut text = String::new();
        let mut chars = literal.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => text.push('\n'),
                    Some('t') => text.push('\t'),
                    Some('\n') => {
                        let skipped: String = chars.clone().collect();
                        let kept = skipped.trim_start();
                        chars = literal[literal.len() - kept.len()..].chars();
                    }
                    Some(other) => text.push(other),
                    None => {}
                },
                c => text.push(c),
            }
        }
        found.push(text);
    }
    found
}

/// Every exercise's title, from the chapters' `exercises.toml`.
fn exercise_titles() -> Vec<String> {
    let mut titles = Vec::new();
    for toml in glob("exercises", "exercises.toml") {
        let text = fs::read_to_string(&toml).expect("readable");
        let listing: toml::Table = text.parse().expect("exercises.toml is TOML");
        for exercise in listing["exercise"].as_array().expect("[[exercise]]") {
            titles.push(exercise["title"].as_str().expect("a title").to_string());
        }
    }
    titles
}

/// `exercises/*/<name>` for each chapter, or `exercises/*/*/<name>` when the file is
/// an exercise's.
fn glob(top: &str, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut chapters: Vec<PathBuf> = fs::read_dir(root().join(top))
        .expect("exercises/")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    chapters.sort();
    for chapter in chapters {
        if chapter.join(name).is_file() {
            found.push(chapter.join(name));
        }
        let mut exercises: Vec<PathBuf> = fs::read_dir(&chapter)
            .expect("a chapter folder")
            .flatten()
            .map(|entry| entry.path().join(name))
            .filter(|path| path.is_file())
            .collect();
        exercises.sort();
        found.extend(exercises);
    }
    found
}

/// `(title without "Hint N: ", body)` of each hint of each `hints.md`, with its file.
fn hints() -> Vec<(PathBuf, String, String)> {
    let mut found = Vec::new();
    for file in glob("exercises", "hints.md") {
        let text = fs::read_to_string(&file).expect("readable");
        let mut rest = text.as_str();
        while let Some(start) = rest.find("<summary>") {
            let Some(end) = rest.find("</summary>") else {
                break;
            };
            let Some(close) = rest.find("</details>") else {
                break;
            };
            let title = without_tags(&rest[start + "<summary>".len()..end]);
            let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
            let title = match title.strip_prefix("Hint ") {
                Some(numbered) => numbered
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .strip_prefix(": ")
                    .map_or(title.clone(), str::to_string),
                None => title,
            };
            let body = rest[end + "</summary>".len()..close].to_string();
            found.push((file.clone(), title, body));
            rest = &rest[close + "</details>".len()..];
        }
    }
    found
}

/// `<code>poll</code>` -> `poll`, as `cargo course hint` shows a title.
fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// What is missing, as PO entries to paste into `course/po/zh-CN.po` and fill in.
fn as_po(missing: &[String]) -> String {
    missing
        .iter()
        .map(|id| format!("msgid {id:?}\nmsgstr \"\"\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_terminal_string_exercise_title_and_hint_title_has_a_chinese_translation() {
    let own = catalogue("course/po/zh-CN.po");
    let mut wanted = Vec::new();
    let mut sources: Vec<PathBuf> = fs::read_dir(root().join("course/src"))
        .expect("course/src")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    sources.sort();
    for source in &sources {
        wanted.extend(msgids(&fs::read_to_string(source).expect("readable")));
    }
    assert!(
        wanted.iter().any(|id| id == "Next: "),
        "the scan finds the t!(...) of course/src: {wanted:?}"
    );
    wanted.extend(exercise_titles());
    wanted.extend(hints().into_iter().map(|(_, title, _)| title));
    let mut missing: Vec<String> = wanted
        .into_iter()
        .filter(|id| !own.contains_key(id))
        .collect();
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "{} terminal texts have no Chinese in course/po/zh-CN.po; add them:\n\n{}",
        missing.len(),
        as_po(&missing)
    );
}

#[test]
fn every_hint_paragraph_is_found_in_the_books_catalogue() {
    let book = catalogue("book/po/zh-CN.po");
    let mut missing = Vec::new();
    for (file, _, body) in hints() {
        for message in po::messages(body.trim()) {
            if !message.id.is_empty() && !book.contains_key(&message.id) {
                let shown = file.strip_prefix(root()).unwrap_or(&file).display();
                missing.push(format!("{shown}: {:?}", message.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "these hint paragraphs have no translation in book/po/zh-CN.po. If \
         `python3 book/i18n/catalogue.py pending` lists them, the book's catalogue lags \
         behind the English (translate them as CONTRIBUTING.md says; the book's own \
         check fails too); if it does not, course/src/po.rs cuts hints differently from \
         mdbook-xgettext:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_msgid_scan_reads_literals_as_the_compiler_does() {
    let found = msgids(
        "say!(\"{}\", t!(\"Next:\"));\n/// t!(\"doc\")\nlet x = t!(\n    \"a \\\"b\\\" \\\n     c {}\",\n    y\n);\nformat!(\"no\");",
    );
    assert_eq!(found, ["Next:", "a \"b\" c {}"]);
}

/// The sandbox with a Chinese catalogue for its book: its chapter title and the
/// paragraphs of `double`'s hints.
fn chinese_sandbox(name: &str) -> Sandbox {
    let sandbox = Sandbox::new(name);
    sandbox.write(
        "book/po/zh-CN.po",
        "msgid \"\"\nmsgstr \"\"\n\"Language: zh-CN\\n\"\n\n\
         msgid \"1. Basics\"\nmsgstr \"1. 基础\"\n\n\
         msgid \"Two times `x`.\"\nmsgstr \"`x` 的两倍。\"\n",
    );
    sandbox
}

/// `cargo course ARGS` in the sandbox, under a Chinese locale.
fn in_chinese(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    sandbox
        .command(args)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("runs")
}

/// Fails naming the first of `lines` that `stdout` does not show.
fn assert_shows(stdout: &str, lines: &[&str]) {
    for expected in lines {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn a_chinese_locale_shows_the_overview_in_chinese() {
    let sandbox = chinese_sandbox("zh-overview");
    let output = in_chinese(&sandbox, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_shows(
        &stdout,
        &[
            "面向 Python asyncio 程序员的异步 Rust",
            "1  基础   · double  · greet",
            "0/2 个练习已完成",
            "下一步：`double`（简单），第 1 章：基础",
            "  编辑   exercises/01-basics/double/src/double.rs",
            "  提示   `cargo course hint double`",
            "`cargo course check double`",
        ],
    );
}

#[test]
fn lang_en_is_english_whatever_the_locale_and_lang_zh_cn_is_chinese_whatever_it_is() {
    let sandbox = chinese_sandbox("zh-forced");
    let english = sandbox
        .command(&["--lang", "en", "list"])
        .env("LC_ALL", "zh_CN.UTF-8")
        .output()
        .expect("runs");
    let stdout = text(&english.stdout);
    assert!(
        stdout.contains("· double  easy    todo!() left        Double a number"),
        "{stdout}"
    );
    let chinese = sandbox
        .command(&["list", "--lang", "zh-CN"])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .expect("runs");
    let stdout = text(&chinese.stdout);
    assert!(stdout.contains(" 1  基础"), "{stdout}");
    assert!(stdout.contains("· double  简单"), "{stdout}");
    assert!(stdout.contains("0/2 个练习已完成"), "{stdout}");
}

#[test]
fn a_hint_in_chinese_comes_from_the_books_catalogue() {
    let sandbox = chinese_sandbox("zh-hint");
    let output = in_chinese(&sandbox, &["hint", "double"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_shows(
        &stdout,
        &[
            "`double`，第 1 条提示（共 2 条）：multiplication",
            "  `x` 的两倍。",
            "还有 1 条：想看下一条时，再次运行 `cargo course hint double`。",
        ],
    );
    assert!(!stdout.contains("Two times"), "{stdout}");
}

#[test]
fn a_check_in_chinese_keeps_the_tests_own_message_as_it_is() {
    let sandbox = chinese_sandbox("zh-check");
    let output = in_chinese(&sandbox, &["check", "double"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert_shows(
        &stdout,
        &[
            "正在检查 01-basics/double（cargo test -p ex01-double）",
            "✗ doubles_two_to_four  todo!() 还有待替换：double x",
            "0/2 个测试通过",
            // The test's own message, in the words its author wrote.
            "doubles_two_to_four:\n  not yet implemented: double x",
            "卡住了？`cargo course hint double` 会显示第 1 条提示（共 2 条）。",
        ],
    );

    sandbox.solve("double");
    let output = sandbox
        .command(&["check", "double", "--lang", "zh-CN"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_shows(
        &stdout,
        &[
            "✓ doubles_two_to_four",
            "2/2 个测试通过",
            "`double` 已解决。",
            "下一步：",
        ],
    );
}

#[test]
fn help_is_in_chinese_with_a_chinese_locale() {
    let sandbox = Sandbox::new("zh-help");
    let output = in_chinese(&sandbox, &["--help"]);
    let stdout = text(&output.stdout);
    assert_shows(&stdout, &["用法:", "命令:", "选项:", "--lang en"]);
    assert!(!stdout.contains("Usage:"), "{stdout}");
}

/// `cargo course book` with a fake mdbook that writes down the edition it was asked
/// for: a Chinese locale serves the Chinese edition, `--lang en` the English one.
#[cfg(unix)]
#[test]
fn book_opens_the_chinese_edition_under_a_chinese_locale() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new("zh-book");
    sandbox.write("book/po/zh-CN.po", "msgid \"\"\nmsgstr \"\"\n");
    let log = sandbox.root.join("edition");
    let scripts = [
        (
            "mdbook",
            format!(
                "echo \"${{MDBOOK_BOOK__LANGUAGE:-en}}\" > '{}'\n",
                log.display()
            ),
        ),
        ("mdbook-gettext", "exit 0\n".to_string()),
        ("python3", "exit 0\n".to_string()),
    ];
    for (name, script) in scripts {
        sandbox.write(&format!("bin/{name}"), &format!("#!/bin/sh\n{script}"));
        let file = sandbox.root.join("bin").join(name);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let serve = |args: &[&str]| {
        let output = sandbox
            .command(args)
            .env("PATH", sandbox.root.join("bin"))
            .env("LANG", "zh_CN.UTF-8")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", text(&output.stderr));
        let edition = fs::read_to_string(&log).expect("the fake mdbook ran");
        (edition.trim().to_string(), text(&output.stdout))
    };
    let (edition, stdout) = serve(&["book", "--no-open", "--port", "0"]);
    assert_eq!(edition, "zh-CN");
    assert!(stdout.contains("正在 http://127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("本书的中文版"), "{stdout}");
    let (edition, stdout) = serve(&["book", "--no-open", "--port", "0", "--lang", "en"]);
    assert_eq!(edition, "en");
    assert!(stdout.contains("Serving the book on"), "{stdout}");
}
