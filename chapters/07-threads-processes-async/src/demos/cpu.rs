//! The CPU-bound demos: the guard, CPU work on tokio, and the table of methods.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use ch07_threads_processes_async::cpu_on_tokio::{self, OnTokio};
use ch07_threads_processes_async::report::{Table, cpu_ideal, seconds};
use ch07_threads_processes_async::{cpu_job, cpu_threads, processes};

use super::{Options, Run, best_of, cores, write_svg};

/// The guard's line for the demos, or the error that stops them.
fn guard(numbers: &[u64]) -> anyhow::Result<String> {
    let n = numbers.first().copied().unwrap_or(1);
    let check = cpu_job::check_the_loop_runs(n).map_err(anyhow::Error::msg)?;
    Ok(format!(
        "guard: cpu_bound({n}) took {}, cpu_bound({}) took {}, {:.1}x: the loop really runs",
        seconds(check.once),
        4 * n,
        seconds(check.four_times),
        check.ratio()
    ))
}

pub(super) fn demo_cpu_guard(options: &Options) -> anyhow::Result<()> {
    let numbers = options.numbers();
    println!("{}", guard(&numbers)?);
    let total: u128 = cpu_job::sequential(&numbers).iter().sum();
    let formula: u128 = numbers
        .iter()
        .map(|&n| cpu_job::sum_of_squares_below(n))
        .sum();
    println!(
        "sum of cpu_bound(n) for the {} numbers = {total}",
        numbers.len()
    );
    println!("the closed form (n-1)n(2n-1)/6 gives     {formula}");
    if total != formula {
        bail!("the totals differ");
    }
    Ok(())
}

pub(super) fn demo_tokio_blocking(options: &Options) -> anyhow::Result<()> {
    let numbers = options.numbers();
    let expected: u128 = numbers
        .iter()
        .map(|&n| cpu_job::sum_of_squares_below(n))
        .sum();
    let show = |what: &str, run: OnTokio, took: Duration| -> anyhow::Result<()> {
        let total: u128 = run.totals.iter().sum();
        if total != expected {
            bail!("{what} computed {total}, not {expected}");
        }
        println!(
            "{what:<28} {} jobs in {}; the 10ms heartbeat's longest gap: {}",
            run.totals.len(),
            seconds(took),
            seconds(run.longest_gap)
        );
        Ok(())
    };
    let started = Instant::now();
    let blocked = cpu_on_tokio::blocking_the_runtime(&numbers)?;
    show("cpu_bound inside the task", blocked, started.elapsed())?;
    let started = Instant::now();
    let freed = cpu_on_tokio::with_spawn_blocking(&numbers)?;
    show("spawn_blocking(cpu_bound)", freed, started.elapsed())?;
    Ok(())
}

pub(super) fn demo_cpu_table(options: &Options) -> anyhow::Result<()> {
    let numbers = options.numbers();
    let cores = cores();
    let expected: u128 = numbers
        .iter()
        .map(|&n| cpu_job::sum_of_squares_below(n))
        .sum();
    let worker = std::env::current_exe().context("could not find this program to start workers")?;
    println!(
        "cpu_bound(n) for n in {}..{}, {cores} cores",
        options.cpu_base,
        options.cpu_base + options.cpu_count
    );
    println!("{}", guard(&numbers)?);
    if options.repeat > 1 {
        println!(
            "each method run {} times, in turns; the table keeps its best time",
            options.repeat
        );
    }
    println!();

    let (numbers, worker) = (&numbers, &worker);
    let plain = |totals: Vec<u128>| (totals, String::new());
    let gap = |run: OnTokio| {
        (
            run.totals,
            format!("heartbeat gap {}", seconds(run.longest_gap)),
        )
    };
    let mut methods: Vec<(String, Run<'_, Vec<u128>>)> = vec![
        (
            "sequential".into(),
            Box::new(move || Ok(plain(cpu_job::sequential(numbers)))),
        ),
        (
            format!("{cores} scoped threads"),
            Box::new(move || Ok(plain(cpu_threads::scoped_threads(numbers, cores)))),
        ),
        (
            format!("{cores} processes"),
            Box::new(move || Ok(plain(processes::in_processes(worker, numbers, cores)?))),
        ),
        (
            "rayon".into(),
            Box::new(move || Ok(plain(cpu_threads::with_rayon(numbers)))),
        ),
        (
            "tokio, blocking its thread".into(),
            Box::new(move || Ok(gap(cpu_on_tokio::blocking_the_runtime(numbers)?))),
        ),
        (
            "tokio, spawn_blocking".into(),
            Box::new(move || Ok(gap(cpu_on_tokio::with_spawn_blocking(numbers)?))),
        ),
    ];
    let results = best_of(options.repeat, &mut methods)?;

    let mut table = Table::default();
    let sequential = results
        .first()
        .map(|(took, _, _)| *took)
        .unwrap_or_default();
    for ((method, _), (took, totals, note)) in methods.iter().zip(&results) {
        let total: u128 = totals.iter().sum();
        if total != expected {
            bail!("{method} computed {total}, not {expected}");
        }
        // The ideal: the equal jobs shared among the cores, in whole rounds.
        let ideal = if table.rows.is_empty() {
            *took
        } else {
            cpu_ideal(sequential, numbers.len(), cores)
        };
        table.push(method, *took, ideal, note.clone());
    }
    print!("{}", table.render());
    println!("\nevery method computed the same total: {expected}");
    let title = format!("cpu_bound over {} numbers, {cores} cores", numbers.len());
    write_svg(options, "chart-cpu.svg", &table.svg(&title))?;
    Ok(())
}
