//! The figures the book's prose quotes from a recorded output are the recording's.
//!
//! `.ci/record-output` re-records `book/src/07-threads-processes-async/output/*.txt`
//! when a demo changes, and its check ignores figures (they vary from run to run). A
//! paragraph that quotes a figure would then silently disagree with the output shown
//! above it, as the `spawn_blocking` paragraph once did ("half the time", against a
//! recorded 1.22x). This test reads the recording and the page, and fails until the
//! prose quotes what the recording shows.

use std::path::PathBuf;

fn book() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../book/src/07-threads-processes-async")
}

/// The seconds that follow `label` on the recording's line that starts with `row`.
fn seconds(recording: &str, row: &str, label: &str) -> f64 {
    let line = recording
        .lines()
        .find(|line| line.starts_with(row))
        .unwrap_or_else(|| panic!("no line starting {row:?} in the recording"));
    let after = &line[line
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {line:?}"))
        + label.len()..];
    let number: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number
        .parse()
        .unwrap_or_else(|_| panic!("no number after {label:?} in {line:?}"))
}

/// The chapter's pages (its overview and its section pages), as one text: the
/// paragraph that quotes a recording is on whichever page shows it.
fn chapter() -> String {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(book())
        .expect("the chapter's folder exists")
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a readable page"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page's text from the line that includes `output` to the next "**What differs.**".
fn paragraph_after(page: &str, output: &str) -> String {
    let include = format!("{{{{#include output/{output}}}}}");
    let start = page
        .find(&include)
        .unwrap_or_else(|| panic!("the page does not include output/{output}"));
    let rest = &page[start..];
    let end = rest.find("**What differs.**").unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn the_spawn_blocking_paragraph_quotes_the_recorded_figures() {
    let recording = std::fs::read_to_string(book().join("output/tokio_blocking.txt"))
        .expect("the recording exists");
    let page = chapter();
    let blocking = seconds(&recording, "cpu_bound inside the task", "20 jobs in");
    let blocking_gap = seconds(&recording, "cpu_bound inside the task", "longest gap:");
    let spawned = seconds(&recording, "spawn_blocking(cpu_bound)", "20 jobs in");
    let spawned_gap = seconds(&recording, "spawn_blocking(cpu_bound)", "longest gap:");
    let text = paragraph_after(&page, "tokio_blocking.txt");
    let quoted = [
        format!("{blocking:.2} s"),
        format!("{blocking_gap:.2} s"),
        format!("{spawned:.2} s"),
        format!("{spawned_gap:.2} s"),
        format!("{:.2}x", blocking / spawned),
    ];
    let missing: Vec<&String> = quoted
        .iter()
        .filter(|q| !text.contains(q.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the paragraph after output/tokio_blocking.txt should quote {missing:?}, the \
         recording's figures; re-read the recording and say what it shows:\n{recording}"
    );
}

#[test]
fn the_download_paragraphs_quote_the_recorded_times() {
    let page = chapter();
    let mut missing = Vec::new();
    for output in ["threads.txt", "async_all.txt", "async_bounded.txt"] {
        let recording = std::fs::read_to_string(book().join("output").join(output))
            .expect("the recording exists");
        let took = seconds(&recording, "Downloaded", ") in");
        let quoted = format!("{took:.3} s");
        if !paragraph_after(&page, output).contains(&quoted) {
            missing.push(format!("{output}: {quoted}"));
        }
    }
    assert!(
        missing.is_empty(),
        "the paragraphs after these recordings should quote their times: {missing:?}"
    );
}
