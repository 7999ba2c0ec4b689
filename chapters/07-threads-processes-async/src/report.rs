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

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
        let mut svg = String::new();
        self.draw(
            title,
            SVGBackend::with_string(&mut svg, (810, self.chart_height())),
        )
        .expect("drawing into a String cannot fail: plotters' SVG backend only appends");
        svg
    }

    fn chart_height(&self) -> u32 {
        // A title, 28 px per row, the time axis and the legend.
        let rows = self.rows.len().max(2);
        50 + 28 * u32::try_from(rows).unwrap_or(u32::MAX / 56) + 64
    }

    fn draw(&self, title: &str, backend: SVGBackend) -> Result<(), Box<dyn std::error::Error>> {
        let n = self.rows.len();
        // One segment per row, counted from the bottom: the first row (the baseline)
        // is the top one. At least two: plotters cannot scale a range of one value
        // (it would draw a lone row as a line), so a lone row sits above an empty one.
        let top = n.saturating_sub(1).max(1);
        let segment = |i: usize| top - i;
        let longest = self
            .rows
            .iter()
            .map(|r| r.time.max(r.ideal).as_secs_f64())
            .fold(1e-9, f64::max);
        let root = backend.into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .caption(
                title,
                ("sans-serif", 15.0 * 1.24, FontStyle::Bold)
                    .into_font()
                    .color(&INK),
            )
            .margin(10)
            // Room right of the longest bar for its "4.110s (1.0x)".
            .margin_right(100)
            .margin_bottom(34)
            .y_label_area_size(280)
            .x_label_area_size(24)
            // An integer range includes its end: segments 0..=top.
            .build_cartesian_2d(0.0..longest, (0..top).into_segmented())?;
        let label = |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(k) if *k <= top => self
                .rows
                .get(segment(*k))
                .map(|row| row.method.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(top + 1)
            .y_label_formatter(&label)
            .x_labels(6)
            .x_label_formatter(&|s| format!("{s:.1}s"))
            .label_style(font(13.0))
            .axis_style(INK.mix(0.6))
            .bold_line_style(INK.mix(0.15))
            .light_line_style(TRANSPARENT)
            .draw()?;
        let rows = self.rows.iter().enumerate();
        chart.draw_series(rows.clone().map(|(i, row)| {
            let k = segment(i);
            let (from, to) = (SegmentValue::Exact(k), SegmentValue::Exact(k + 1));
            let mut bar = Rectangle::new([(0.0, from), (row.time.as_secs_f64(), to)], BAR.filled());
            bar.set_margin(5, 5, 0, 0);
            bar
        }))?;
        chart.draw_series(rows.clone().map(|(i, row)| {
            let k = segment(i);
            let ideal = row.ideal.as_secs_f64();
            PathElement::new(
                [
                    (ideal, SegmentValue::Exact(k)),
                    (ideal, SegmentValue::Exact(k + 1)),
                ],
                IDEAL.stroke_width(2),
            )
        }))?;
        chart.draw_series(rows.map(|(i, row)| {
            let end = row.time.max(row.ideal).as_secs_f64();
            let text = format!("{} ({:.1}x)", seconds(row.time), self.speed_up(row));
            EmptyElement::at((end, SegmentValue::CenterOf(segment(i))))
                + Text::new(text, (6, 0), font(13.0).pos(LEFT_MIDDLE))
        }))?;
        // The legend, in a row under the axis (plotters' own legend is a box over the
        // plot, which would hide the bars).
        let y = i32::try_from(self.chart_height()).unwrap_or(i32::MAX) - 16;
        let x = 290;
        root.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], BAR.filled()))?;
        root.draw(&Text::new(
            "measured time",
            (x + 20, y),
            font(13.0).pos(LEFT_MIDDLE),
        ))?;
        root.draw(&PathElement::new(
            [(x + 140, y - 7), (x + 140, y + 7)],
            IDEAL.stroke_width(2),
        ))?;
        root.draw(&Text::new(
            "ideal",
            (x + 148, y),
            font(13.0).pos(LEFT_MIDDLE),
        ))?;
        root.present()?;
        Ok(())
    }
}

/// The chart's colours: dark grey ink, a mid blue and a mid red on a transparent
/// background. The book shows the chart as an `<img>`, where the page's CSS cannot
/// reach inside; in a dark theme it inverts the picture's lightness instead
/// (`book/theme/course.css`), which keeps these readable on every theme.
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
const BAR: RGBColor = RGBColor(0x4a, 0x7f, 0xb5);
const IDEAL: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const LEFT_MIDDLE: Pos = Pos {
    h_pos: HPos::Left,
    v_pos: VPos::Center,
};

/// Text of `px` pixels in the ink colour. (plotters writes `font-size` as the size it
/// is given divided by 1.24, so we give it `px × 1.24`.)
fn font(px: f64) -> TextStyle<'static> {
    ("sans-serif", px * 1.24).into_font().color(&INK)
}

/// A duration in seconds with three decimals: `0.052s`.
pub fn seconds(d: Duration) -> String {
    format!("{:.3}s", d.as_secs_f64())
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
            svg.matches("fill=\"#4A7FB5\"").count(),
            3,
            "two bars and the legend"
        );
        assert_eq!(
            svg.matches("stroke=\"#C0392B\"").count(),
            3,
            "two ideal marks and the legend"
        );
        assert!(svg.contains("a &lt;test&gt;"));
    }

    #[test]
    fn a_lone_row_is_drawn_as_a_bar() {
        let mut table = Table::default();
        table.push("only", Duration::from_secs(1), Duration::from_secs(1), "");
        let svg = table.svg("one row");
        let bar = svg
            .lines()
            .find(|line| line.starts_with("<rect") && line.contains("fill=\"#4A7FB5\""))
            .expect("a bar");
        assert!(!bar.contains("height=\"0\""), "the bar has a height: {bar}");
    }

    #[test]
    fn an_empty_table_still_draws_a_chart() {
        let svg = Table::default().svg("nothing measured");
        assert!(svg.starts_with("<svg") && svg.contains("nothing measured"));
    }
}
