//! Harness: draw the benchmark's scaling as an SVG chart, one panel per workload.
//!
//! How does each runtime's best time change as it gets more worker threads? Each
//! panel is one row of the benchmark (spawn, yields, sleeps, echo...): the workers
//! along the bottom (1, 2, 3... whole threads), the best time in milliseconds up
//! the side, from 0 so that the heights compare honestly, and one line with a marker
//! per measurement for each runtime. A line that falls is a runtime that uses the
//! extra threads; a flat one gains nothing from them.
//!
//! Like the swimlanes, the chart is drawn by plotters in mid tones on a transparent
//! background: the book shows it as an `<img>`, where the page's CSS cannot reach
//! inside, and a dark theme inverts the picture's lightness instead
//! (`book/theme/course.css`), so the same file reads on every theme.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One measurement: `runtime`'s best time on `row` with `workers` threads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScalingPoint<'a> {
    pub runtime: &'a str,
    pub row: &'a str,
    pub workers: usize,
    pub ms: f64,
}

const WIDTH: u32 = 900;
/// The legend's strip above the panels.
const LEGEND: u32 = 36;
const PANEL_HEIGHT: u32 = 250;

const INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// One colour per runtime, in the order they first appear (mid tones that keep
/// their contrast when a dark theme inverts the picture).
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0x76, 0xb7, 0xb2),
];

/// One panel per row (spawn, yields, sleeps, echo...), x = workers (1..=max, integer ticks), y = best time in ms (from 0), one line+markers per runtime, a legend.
pub fn scaling_svg(points: &[ScalingPoint<'_>]) -> String {
    // A time that is not a number (a failed cell) has no place on an axis.
    let points: Vec<ScalingPoint<'_>> = points
        .iter()
        .copied()
        .filter(|point| point.ms.is_finite() && point.ms >= 0.0)
        .collect();
    let rows = first_seen(points.iter().map(|point| point.row));
    let columns = if rows.len() > 1 { 2 } else { 1 };
    let grid_rows = rows.len().div_ceil(columns).max(1);
    let height = LEGEND + PANEL_HEIGHT * u32::try_from(grid_rows).unwrap_or(1);
    let mut svg = String::new();
    let backend = SVGBackend::with_string(&mut svg, (WIDTH, height));
    draw(backend, &points, &rows, (grid_rows, columns))
        .expect("drawing into a String cannot fail: plotters' SVG backend only appends");
    svg
}

fn draw(
    backend: SVGBackend,
    points: &[ScalingPoint<'_>],
    rows: &[&str],
    grid: (usize, usize),
) -> Result<(), Box<dyn std::error::Error>> {
    let root = backend.into_drawing_area();
    let runtimes = first_seen(points.iter().map(|point| point.runtime));
    let (top, body) = root.split_vertically(LEGEND);
    legend(&top, &runtimes)?;
    if rows.is_empty() {
        top.draw(&Text::new(
            "nothing measured",
            (10, 18),
            font(13.0).pos(LEFT_MIDDLE),
        ))?;
    }
    for (row, panel) in rows.iter().zip(body.split_evenly(grid)) {
        let here: Vec<&ScalingPoint<'_>> = points.iter().filter(|p| p.row == *row).collect();
        draw_panel(&panel, row, &here, &runtimes)?;
    }
    Ok(root.present()?)
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    row: &str,
    points: &[&ScalingPoint<'_>],
    runtimes: &[&str],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let most_workers = points.iter().map(|p| p.workers).max().unwrap_or(1).max(1);
    // Up to the slowest time, with room above it; at least a millisecond, so a row
    // of zeros still has an axis.
    let slowest = points.iter().map(|p| p.ms).fold(0.0, f64::max);
    let top = (slowest * 1.1).max(1.0);
    let mut chart = ChartBuilder::on(area)
        .caption(row, font(15.0))
        .margin(8)
        .margin_right(20)
        .x_label_area_size(38)
        .y_label_area_size(56)
        // Whole workers, with half a step of room each side of 1 and of the most:
        // the range 0..=most+1, whose ends go unlabelled. (It is never one point
        // wide, which plotters could not scale.)
        .build_cartesian_2d(0..most_workers + 1, 0.0..top)?;
    let worker_label = |w: &usize| {
        if (1..=most_workers).contains(w) {
            w.to_string()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .x_labels(most_workers + 2)
        .x_label_formatter(&worker_label)
        .y_labels(5)
        .y_label_formatter(&|ms| match top {
            10.0.. => format!("{ms:.0}"),
            _ => format!("{ms:.1}"),
        })
        .x_desc("workers")
        .y_desc("best time (ms)")
        .label_style(font(13.0))
        .axis_desc_style(font(13.0))
        .axis_style(INK.mix(0.5))
        .bold_line_style(INK.mix(0.15))
        .light_line_style(TRANSPARENT)
        .draw()?;
    for (runtime, colour) in runtimes.iter().zip(PALETTE.iter().cycle()) {
        let mut line: Vec<(usize, f64)> = points
            .iter()
            .filter(|p| p.runtime == *runtime)
            .map(|p| (p.workers, p.ms))
            .collect();
        line.sort_by_key(|&(workers, _)| workers);
        if line.is_empty() {
            continue;
        }
        let markers: Vec<Circle<(usize, f64), i32>> = line
            .iter()
            .map(|&point| Circle::new(point, 4, colour.filled()))
            .collect();
        chart.draw_series(LineSeries::new(line, colour.stroke_width(2)))?;
        // A filled dot on each measurement (a series' own markers are hollow).
        chart.draw_series(markers)?;
    }
    Ok(())
}

/// The runtimes' swatches in a row across the top. (plotters' own legend is a box
/// inside one panel, over its lines.)
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runtimes: &[&str],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (mut x, y) = (64, 18);
    for (runtime, colour) in runtimes.iter().zip(PALETTE.iter().cycle()) {
        area.draw(&PathElement::new(
            [(x, y), (x + 24, y)],
            colour.stroke_width(2),
        ))?;
        area.draw(&Circle::new((x + 12, y), 4, colour.filled()))?;
        area.draw(&Text::new(
            runtime.to_string(),
            (x + 30, y),
            font(13.0).pos(LEFT_MIDDLE),
        ))?;
        x += 50 + i32::try_from(runtime.len()).unwrap_or(0) * 7;
    }
    Ok(())
}

/// Each distinct name once, in the order it first appears.
fn first_seen<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

const LEFT_MIDDLE: Pos = Pos {
    h_pos: HPos::Left,
    v_pos: VPos::Center,
};

/// Text of `px` pixels in the ink colour. (plotters writes `font-size` as the size
/// it is given divided by 1.24, so we give it `px × 1.24`.)
fn font(px: f64) -> TextStyle<'static> {
    ("sans-serif", px * 1.24).into_font().color(&INK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point<'a>(runtime: &'a str, row: &'a str, workers: usize, ms: f64) -> ScalingPoint<'a> {
        ScalingPoint {
            runtime,
            row,
            workers,
            ms,
        }
    }

    /// Two runtimes, three rows, 1 to 4 workers.
    fn grid() -> Vec<ScalingPoint<'static>> {
        let mut points = Vec::new();
        for row in ["spawn", "yields", "echo"] {
            for workers in 1..=4 {
                points.push(point("ours", row, workers, 100.0 / workers as f64));
                points.push(point("tokio", row, workers, 80.0 / workers as f64));
            }
        }
        points
    }

    /// The text of every `<text>` element, trimmed.
    fn texts(svg: &str) -> Vec<&str> {
        svg.split("<text")
            .skip(1)
            .filter_map(|rest| {
                let body = &rest[rest.find('>')? + 1..];
                Some(body[..body.find("</text>")?].trim())
            })
            .collect()
    }

    /// The tags opened and closed balance, and the document is one `<svg>`: the
    /// XML is well formed as far as a browser's `<img>` cares.
    fn assert_well_formed(svg: &str) {
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{svg}"
        );
        let opened = svg.matches('<').count();
        let closed = svg.matches('>').count();
        assert_eq!(opened, closed, "every < has its >");
        for tag in ["svg", "text"] {
            assert_eq!(
                svg.matches(&format!("<{tag}")).count(),
                svg.matches(&format!("</{tag}>")).count(),
                "every <{tag}> is closed"
            );
        }
        assert!(
            !svg.contains("NaN") && !svg.contains("inf"),
            "no NaN or infinity in the coordinates"
        );
    }

    fn colour_of(index: usize) -> String {
        let RGBColor(r, g, b) = PALETTE[index];
        format!("stroke=\"#{r:02X}{g:02X}{b:02X}\"")
    }

    #[test]
    fn a_grid_of_rows_draws_one_panel_per_row_and_one_line_per_runtime_in_each() {
        let svg = scaling_svg(&grid());
        assert_well_formed(&svg);
        let texts = texts(&svg);
        for row in ["spawn", "yields", "echo"] {
            assert_eq!(
                texts.iter().filter(|t| **t == row).count(),
                1,
                "one panel titled {row}"
            );
        }
        for runtime in ["ours", "tokio"] {
            assert!(texts.contains(&runtime), "{runtime} is in the legend");
        }
        // A line per runtime per panel, and the legend's swatch.
        for runtime in 0..2 {
            let polylines = svg
                .lines()
                .filter(|line| line.starts_with("<polyline") && line.contains(&colour_of(runtime)))
                .count();
            assert_eq!(
                polylines,
                3 + 1,
                "runtime {runtime}: three panels and the legend"
            );
        }
        assert!(
            texts.contains(&"4") && !texts.contains(&"5"),
            "ticks 1 to 4 workers"
        );
    }

    #[test]
    fn a_single_worker_count_draws_its_one_point() {
        let svg = scaling_svg(&[point("ours", "spawn", 1, 12.5)]);
        assert_well_formed(&svg);
        let texts = texts(&svg);
        assert!(
            texts.contains(&"spawn") && texts.contains(&"1"),
            "{texts:?}"
        );
        assert!(svg.contains("<circle"), "the point's marker");
    }

    #[test]
    fn times_that_are_not_numbers_are_left_out() {
        let svg = scaling_svg(&[
            point("ours", "spawn", 1, f64::NAN),
            point("ours", "spawn", 2, f64::INFINITY),
            point("ours", "spawn", 3, 3.0),
            point("tokio", "echo", 1, 0.0),
        ]);
        assert_well_formed(&svg);
    }

    #[test]
    fn no_points_still_draw_a_chart() {
        let svg = scaling_svg(&[]);
        assert_well_formed(&svg);
        assert!(texts(&svg).contains(&"nothing measured"));
    }
}
