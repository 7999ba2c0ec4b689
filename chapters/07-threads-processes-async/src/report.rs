//! The chapter's verdict: a table per part, and a chart of it for the book.
//!
//! Each row says how long a method took, its speed-up over the sequential baseline,
//! and how far it is from the best it could do:
//!
//! - IO-bound, the ideal is the latency floor: `latency × ⌈sites / concurrency⌉`.
//!   Nothing can answer faster than the server waits; 5 workers cannot do better
//!   than 16 rounds of 80 sites.
//! - CPU-bound, the ideal is the job floor: `job × ⌈jobs / cores⌉`, where `job` is
//!   the sequential time shared among the equal jobs. A job runs on one core, so 20
//!   equal jobs on 16 cores take two rounds: 16 jobs, then 4 with 12 cores idle. The
//!   best is `sequential / 10` there, not `sequential / 16` ([`cpu_ideal`]).
//!
//! "vs ideal" is `time / ideal`: 1.00x is perfect, 1.30x is 30 % slower than the
//! floor.

use std::fmt::Write as _;
use std::time::Duration;

// ANCHOR: cpu_ideal
/// The best a parallel method can do with `jobs` equal jobs on `cores` cores, given
/// the time they took one after another: every core busy, in `⌈jobs / cores⌉`
/// rounds of one job each.
pub fn cpu_ideal(sequential: Duration, jobs: usize, cores: usize) -> Duration {
    let jobs = jobs.max(1);
    let rounds = jobs.div_ceil(cores.clamp(1, jobs));
    let per_job = sequential / u32::try_from(jobs).unwrap_or(u32::MAX);
    per_job * u32::try_from(rounds).unwrap_or(u32::MAX)
}
// ANCHOR_END: cpu_ideal

/// One method's measurement.
#[derive(Debug, Clone)]
pub struct Row {
    pub method: String,
    pub time: Duration,
    pub ideal: Duration,
    /// Anything else worth a word (a heartbeat's gap, failures).
    pub note: String,
}

/// A table of rows, the first of which is the sequential baseline.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    pub fn push(&mut self, method: &str, time: Duration, ideal: Duration, note: impl Into<String>) {
        self.rows.push(Row {
            method: method.to_string(),
            time,
            ideal,
            note: note.into(),
        });
    }

    fn baseline(&self) -> Duration {
        self.rows.first().map(|row| row.time).unwrap_or_default()
    }

    /// `baseline / time` for `row`.
    pub fn speed_up(&self, row: &Row) -> f64 {
        self.baseline().as_secs_f64() / row.time.as_secs_f64().max(1e-9)
    }

    /// `time / ideal` for `row`.
    pub fn vs_ideal(row: &Row) -> f64 {
        row.time.as_secs_f64() / row.ideal.as_secs_f64().max(1e-9)
    }

    /// The table as text, one row per method.
    pub fn render(&self) -> String {
        let width = self
            .rows
            .iter()
            .map(|r| r.method.chars().count())
            .max()
            .unwrap_or(6)
            .max(6);
        let mut out = format!(
            "{:width$}  {:>8}  {:>8}  {:>8}  {:>8}  note\n",
            "method", "time", "speed-up", "ideal", "vs ideal"
        );
        for row in &self.rows {
            let line = format!(
                "{:width$}  {:>8}  {:>8}  {:>8}  {:>8}  {}",
                row.method,
                seconds(row.time),
                format!("{:.1}x", self.speed_up(row)),
                seconds(row.ideal),
                format!("{:.2}x", Self::vs_ideal(row)),
                row.note
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out
    }

    /// The table as an SVG bar chart: a bar per method for its time, and a mark at
    /// its ideal.
    pub fn svg(&self, title: &str) -> String {
        let label_width = 300.0;
        let plot_width = 420.0;
        let row_height = 28.0;
        let top = 46.0;
        let height = top + row_height * self.rows.len() as f64 + 40.0;
        let longest = self
            .rows
            .iter()
            .map(|r| r.time.max(r.ideal).as_secs_f64())
            .fold(1e-9, f64::max);
        let x = |d: Duration| label_width + d.as_secs_f64() / longest * plot_width;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" \
             viewBox=\"0 0 {w} {height}\" font-family=\"sans-serif\" font-size=\"13\">\n\
             <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
            escape(title),
            w = label_width + plot_width + 90.0,
        );
        for (i, row) in self.rows.iter().enumerate() {
            let y = top + row_height * i as f64;
            let _ = write!(
                svg,
                "<text x=\"10\" y=\"{ty}\">{method}</text>\n\
                 <rect x=\"{label_width}\" y=\"{y}\" width=\"{bar:.1}\" height=\"18\" fill=\"#4a7fb5\"/>\n\
                 <line x1=\"{ix:.1}\" y1=\"{y0}\" x2=\"{ix:.1}\" y2=\"{y1}\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n\
                 <text x=\"{tx:.1}\" y=\"{ty}\">{time} ({speed:.1}x)</text>\n",
                ty = y + 14.0,
                method = escape(&row.method),
                bar = (x(row.time) - label_width).max(1.0),
                ix = x(row.ideal),
                y0 = y - 3.0,
                y1 = y + 21.0,
                tx = x(row.time).max(x(row.ideal)) + 6.0,
                time = seconds(row.time),
                speed = self.speed_up(row),
            );
        }
        let legend_y = top + row_height * self.rows.len() as f64 + 18.0;
        let _ = write!(
            svg,
            "<rect x=\"{label_width}\" y=\"{ly}\" width=\"14\" height=\"12\" fill=\"#4a7fb5\"/>\n\
             <text x=\"{lx}\" y=\"{lt}\">measured time</text>\n\
             <line x1=\"{rx}\" y1=\"{ly}\" x2=\"{rx}\" y2=\"{lb}\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n\
             <text x=\"{rt}\" y=\"{lt}\">ideal</text>\n</svg>\n",
            ly = legend_y,
            lx = label_width + 20.0,
            lt = legend_y + 11.0,
            rx = label_width + 140.0,
            lb = legend_y + 12.0,
            rt = label_width + 148.0,
        );
        svg
    }
}

/// A duration in seconds with three decimals: `0.052s`.
pub fn seconds(d: Duration) -> String {
    format!("{:.3}s", d.as_secs_f64())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_equal_jobs_on_sixteen_cores_take_two_rounds() {
        let sequential = Duration::from_secs(20);
        assert_eq!(cpu_ideal(sequential, 20, 16), Duration::from_secs(2));
        assert_eq!(cpu_ideal(sequential, 20, 2), Duration::from_secs(10));
        assert_eq!(cpu_ideal(sequential, 20, 20), Duration::from_secs(1));
        assert_eq!(
            cpu_ideal(sequential, 20, 64),
            Duration::from_secs(1),
            "idle cores do not help"
        );
    }

    fn table() -> Table {
        let mut table = Table::default();
        table.push(
            "sequential",
            Duration::from_secs(4),
            Duration::from_secs(4),
            "",
        );
        table.push(
            "5 threads",
            Duration::from_millis(880),
            Duration::from_millis(800),
            "",
        );
        table
    }

    #[test]
    fn speed_up_is_over_the_first_row_and_distance_is_over_the_ideal() {
        let table = table();
        let threads = &table.rows[1];
        assert!((table.speed_up(threads) - 4.0 / 0.88).abs() < 1e-9);
        assert!((Table::vs_ideal(threads) - 1.1).abs() < 1e-9);
        let text = table.render();
        assert!(
            text.contains("\n5 threads     0.880s      4.5x    0.800s     1.10x\n"),
            "{text}"
        );
    }

    #[test]
    fn the_chart_is_an_svg_with_a_bar_per_row() {
        let svg = table().svg("a <test>");
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(
            svg.matches("fill=\"#4a7fb5\"").count(),
            3,
            "two bars and the legend"
        );
        assert!(svg.contains("a &lt;test&gt;"));
    }
}
