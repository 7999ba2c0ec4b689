//! The CPU job in child processes: the notes' `multiprocessing.Pool`.
//!
//! ```python
//! def find_sums(numbers):
//!     with multiprocessing.Pool() as pool:
//!         pool.map(cpu_bound, numbers)
//! ```
//!
//! `multiprocessing` starts more Python interpreters, each with its own GIL, sends
//! each a share of the numbers (pickled, through a pipe) and collects the answers.
//! Here the chapter binary starts copies of itself with the hidden option
//! [`WORKER_FLAG`]. A worker reads numbers from its stdin, one a line, and writes
//! `cpu_bound(n)` for each to its stdout, one a line, and nothing else: no demo
//! headings, since the parent parses every line it prints.
//!
//! A worker must not outlive its parent: a worker left running after `cpu_table`
//! is killed goes on burning a core for nothing. So the parent keeps each worker's
//! stdin open until it has every answer, and a worker stops when its stdin closes.
//! When the parent dies, for any reason, the OS closes its end of the pipe: the
//! worker sees the end of its input after the job in hand, and exits.
//!
//! Processes cost more than threads: starting one (a few milliseconds), and copying
//! every input and answer through a pipe. For 20 big jobs that is nothing; for a
//! million tiny ones it would be everything. Rust's threads do the same work without
//! either cost, but a process is still the tool when the work must be isolated (a
//! crash in a worker does not take the parent down) or run as another program.

use std::io::{BufRead, Read as _, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};

use crate::cpu_job::cpu_bound;

/// The hidden option that turns the chapter binary into a worker.
pub const WORKER_FLAG: &str = "--cpu-worker";

// ANCHOR: worker
/// A worker's whole life: numbers in, one a line; `cpu_bound` of each out, sent at
/// once. It ends when its input does: when the parent closes the pipe, or dies.
pub fn worker(input: impl BufRead, mut output: impl Write) -> anyhow::Result<()> {
    for line in input.lines() {
        let line = line.context("reading a number from the parent")?;
        let number: u64 = line
            .trim()
            .parse()
            .with_context(|| format!("the parent sent {line:?}, not a number"))?;
        writeln!(output, "{}", cpu_bound(number))?;
        // Each answer goes out now: the parent reads them while stdin stays open.
        output.flush().context("the parent is gone")?;
    }
    Ok(())
}
// ANCHOR_END: worker

// ANCHOR: pool
/// Run `cpu_bound` over `numbers` in `processes` copies of the program `worker_exe`
/// (started with [`WORKER_FLAG`]); answers in input order.
pub fn in_processes(
    worker_exe: &Path,
    numbers: &[u64],
    processes: usize,
) -> anyhow::Result<Vec<u128>> {
    let chunk = numbers.len().div_ceil(processes.max(1)).max(1);
    // Start every worker first, and send each its share, so that they all compute
    // at the same time...
    let mut workers = Vec::new();
    for part in numbers.chunks(chunk) {
        let mut child = Command::new(worker_exe)
            .arg(WORKER_FLAG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start the worker {}", worker_exe.display()))?;
        let mut stdin = child
            .stdin
            .take()
            .context("the worker's stdin was not piped")?;
        let input: String = part.iter().map(|n| format!("{n}\n")).collect();
        stdin
            .write_all(input.as_bytes())
            .context("sending numbers to a worker")?;
        // `stdin` stays open: its closing is the worker's signal to stop.
        workers.push((child, stdin, part.len()));
    }
    // ...then collect their answers in order, one line per number.
    let mut answers = Vec::with_capacity(numbers.len());
    for (mut child, stdin, expected) in workers {
        let stdout = child
            .stdout
            .take()
            .context("the worker's stdout was not piped")?;
        let mut lines = std::io::BufReader::new(stdout).lines();
        for _ in 0..expected {
            let Some(line) = lines.next() else {
                let status = child.wait().context("waiting for a worker")?;
                let mut why = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = stderr.read_to_string(&mut why);
                }
                bail!("a worker stopped early ({status}): {}", why.trim());
            };
            let line = line.context("reading a worker's answer")?;
            answers.push(
                line.parse::<u128>()
                    .with_context(|| format!("a worker printed {line:?}, not an answer"))?,
            );
        }
        // Every answer is in: closing stdin tells the worker to exit.
        drop(stdin);
        let status = child.wait().context("waiting for a worker")?;
        if !status.success() {
            bail!("a worker failed after answering ({status})");
        }
    }
    Ok(answers)
}
// ANCHOR_END: pool

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_answers_each_number_on_its_own_line() {
        let mut out = Vec::new();
        worker("3\n4\n".as_bytes(), &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "5\n14\n");
    }

    #[test]
    fn a_worker_refuses_what_is_not_a_number() {
        let error = worker("3\nfour\n".as_bytes(), Vec::new()).unwrap_err();
        assert!(
            format!("{error:#}").contains("\"four\", not a number"),
            "{error:#}"
        );
    }
}
