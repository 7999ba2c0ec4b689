//! Harness: draw a [`trace`](crate::trace) as an SVG swimlane chart.
//!
//! One lane per task (the main future on top), time from left to right. A bar is
//! a poll (the task running); a dot is a wake-up, coloured by who woke the task:
//! a timer, the reactor (a socket or pipe ready), or a task. plotters draws it: the
//! lanes are the segments of a category axis, the bars its `Rectangle`s.
//!
//! The colours are mid tones and the background is transparent, so the chart reads
//! on the book's light and dark themes alike (the book shows it as an `<img>`, which
//! the page's CSS cannot restyle inside; a dark theme inverts the picture's
//! lightness instead, in `book/theme/course.css`). The text is dark grey at 15 px in
//! a 900 px drawing, which the book shows about 750 px wide: about 12.5 px on the
//! page, at over 7:1 contrast on white.

use std::collections::BTreeMap;
use std::time::Instant;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::trace::{Cause, Event, TaskNo, What};

const WIDTH: u32 = 900;
/// Above the lanes: the title and the legend.
const TOP: u32 = 50;
const LANE: u32 = 26;
/// The lane names, left of the lanes.
const LABELS: u32 = 80;

const INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
const POLL: RGBColor = RGBColor(0x4e, 0x79, 0xa7);
const TIMER: RGBColor = RGBColor(0xf2, 0x8e, 0x2b);
const IO: RGBColor = RGBColor(0x59, 0xa1, 0x4f);
const TASK: RGBColor = RGBColor(0xb0, 0x7a, 0xa1);

/// The chart as an SVG document. `title` goes above the lanes.
pub fn render(title: &str, events: &[Event]) -> String {
    // Lanes in order of first appearance, main (task 0) first.
    let mut lanes: BTreeMap<TaskNo, usize> = BTreeMap::new();
    for task in std::iter::once(0).chain(events.iter().map(|event| event.task)) {
        let next = lanes.len();
        lanes.entry(task).or_insert(next);
    }
    let height = TOP + LANE * u32::try_from(lanes.len().max(2)).unwrap_or(1000) + 40;
    let mut svg = String::new();
    let backend = SVGBackend::with_string(&mut svg, (WIDTH, height));
    draw(backend, title, events, &lanes)
        .expect("drawing into a String cannot fail: plotters' SVG backend only appends");
    svg
}

fn draw(
    backend: SVGBackend,
    title: &str,
    events: &[Event],
    lanes: &BTreeMap<TaskNo, usize>,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = backend.into_drawing_area();
    let left = i32::try_from(LABELS + 10).unwrap_or(0);
    root.draw(&Text::new(title, (left, 17), font().pos(LEFT_MIDDLE)))?;
    legend(&root, left)?;
    let Some(start) = events.iter().map(start_of).min() else {
        root.draw(&Text::new(
            "nothing recorded",
            (left, i32::try_from(TOP).unwrap_or(0) + 13),
            font().pos(LEFT_MIDDLE),
        ))?;
        return Ok(root.present()?);
    };
    let end = events.iter().map(|event| event.at).max().unwrap_or(start);
    let ms = |at: Instant| (at - start).as_secs_f64() * 1e3;
    let span = ms(end).max(1e-3);

    // One segment per lane, counted from the bottom: main, lane 0, is the top one. At
    // least two: plotters cannot scale a range of one value (it would draw a lone
    // lane as a line), so a lone main sits above an empty lane.
    let last = lanes.len().saturating_sub(1).max(1);
    let segment = |task: TaskNo| last - lanes[&task];
    let names: BTreeMap<usize, String> = lanes
        .iter()
        .map(|(task, lane)| match task {
            0 => (last - lane, "main".to_string()),
            _ => (last - lane, format!("task {task}")),
        })
        .collect();
    let mut chart = ChartBuilder::on(&root)
        .margin_top(TOP - 10)
        .margin_right(30)
        .margin_left(10)
        .margin_bottom(10)
        .y_label_area_size(LABELS)
        .x_label_area_size(30)
        // An integer range includes its end: lanes 0..=last, one segment each.
        .build_cartesian_2d(0.0..span, (0..last).into_segmented())?;
    let name = |value: &SegmentValue<usize>| match value {
        SegmentValue::CenterOf(k) => names.get(k).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .y_labels(last + 1)
        .y_label_formatter(&name)
        .x_labels(5)
        .x_label_formatter(&|ms| format!("{ms:.1} ms"))
        .label_style(font())
        .axis_style(INK.mix(0.5))
        .bold_line_style(INK.mix(0.15))
        .light_line_style(TRANSPARENT)
        .draw()?;

    // A poll is often far shorter than a pixel: draw it at least 1.5 px wide.
    let plot_width = f64::from(WIDTH - LABELS - 10 - 30);
    let thinnest = span * 1.5 / plot_width;
    let lane = |task: TaskNo| {
        let k = segment(task);
        (SegmentValue::Exact(k), SegmentValue::Exact(k + 1))
    };
    chart.draw_series(events.iter().filter_map(|event| {
        let What::Polled { started } = event.what else {
            return None;
        };
        let (from, to) = lane(event.task);
        let x0 = ms(started);
        let x1 = ms(event.at).max(x0 + thinnest);
        let mut bar = Rectangle::new([(x0, from), (x1, to)], POLL.filled());
        bar.set_margin(4, 6, 0, 0);
        Some(bar)
    }))?;
    chart.draw_series(events.iter().filter_map(|event| {
        let (from, _) = lane(event.task);
        let x = ms(event.at);
        matches!(event.what, What::Spawned | What::Finished).then(|| {
            // A tick across the lane: the task's first and last moments.
            EmptyElement::at((x, from))
                + PathElement::new([(0, -4), (0, 4 - i32::try_from(LANE).unwrap_or(0))], INK)
        })
    }))?;
    chart.draw_series(events.iter().filter_map(|event| {
        let What::Woken { by } = event.what else {
            return None;
        };
        let centre = SegmentValue::CenterOf(segment(event.task));
        Some(Circle::new((ms(event.at), centre), 4, colour(by).filled()))
    }))?;
    Ok(root.present()?)
}

const LEFT_MIDDLE: Pos = Pos {
    h_pos: HPos::Left,
    v_pos: VPos::Center,
};

/// 15 px text in the ink colour. (plotters writes `font-size` as the size it is
/// given divided by 1.24, so we give it `15 × 1.24`.)
fn font() -> TextStyle<'static> {
    ("sans-serif", 15.0 * 1.24).into_font().color(&INK)
}

fn colour(by: Cause) -> RGBColor {
    match by {
        Cause::Timer => TIMER,
        Cause::Io => IO,
        Cause::Task => TASK,
    }
}

fn start_of(event: &Event) -> Instant {
    match event.what {
        What::Polled { started } => started,
        _ => event.at,
    }
}

/// A row of swatches under the title. (plotters' own legend is a box over the
/// plot, which would hide the lanes.)
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    mut x: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let items = [
        (POLL, "poll (task running)"),
        (TIMER, "woken by a timer"),
        (IO, "woken by the reactor"),
        (TASK, "woken by a task"),
    ];
    for (colour, text) in items {
        root.draw(&Rectangle::new([(x, 27), (x + 12, 39)], colour.filled()))?;
        root.draw(&Text::new(text, (x + 16, 33), font().pos(LEFT_MIDDLE)))?;
        x += 30 + i32::try_from(text.len()).unwrap_or(0) * 15 / 2;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::join_handle::spawn;
    use crate::reactor::new_event_loop;
    use crate::timer::sleep;
    use crate::trace::recording;
    use std::time::Duration;

    #[test]
    fn a_traced_sleep_shows_a_lane_per_task_and_timer_wake_ups() {
        let event_loop = new_event_loop().unwrap();
        let ((), events) = recording(|| {
            event_loop.run(async {
                let a = spawn(sleep(Duration::from_millis(5)));
                let b = spawn(sleep(Duration::from_millis(10)));
                a.await.unwrap();
                b.await.unwrap();
            })
        });
        let timer_wakes = events
            .iter()
            .filter(|event| event.what == What::Woken { by: Cause::Timer })
            .count();
        assert_eq!(timer_wakes, 2, "one timer wake-up per sleeping task");
        let svg = render("sleep", &events);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        let texts = texts(&svg);
        for lane in ["main", "task 1", "task 2"] {
            assert!(texts.contains(&lane), "a lane named {lane}: {texts:?}");
        }
        let RGBColor(r, g, b) = TIMER;
        let timer_dot = "<circle cx=\"";
        let timer_fill = format!("fill=\"#{r:02X}{g:02X}{b:02X}\"");
        let dots = svg
            .lines()
            .filter(|line| line.starts_with(timer_dot) && line.contains(&timer_fill))
            .count();
        assert_eq!(dots, 2, "the two timer wake-ups are drawn");
    }

    #[test]
    fn a_trace_of_main_alone_draws_its_polls_as_bars() {
        let event_loop = new_event_loop().unwrap();
        let ((), events) =
            recording(|| event_loop.run(async { sleep(Duration::from_millis(1)).await }));
        let svg = render("main alone", &events);
        assert!(texts(&svg).contains(&"main"));
        let RGBColor(r, g, b) = POLL;
        let poll_fill = format!("fill=\"#{r:02X}{g:02X}{b:02X}\"");
        let bars: Vec<&str> = svg
            .lines()
            .filter(|line| line.starts_with("<rect") && line.contains(&poll_fill))
            .skip(1) // the legend's swatch
            .collect();
        assert!(!bars.is_empty(), "{svg}");
        for bar in bars {
            assert!(!bar.contains("height=\"0\""), "a poll has a height: {bar}");
        }
    }

    #[test]
    fn an_empty_trace_still_renders() {
        let svg = render("nothing", &[]);
        assert!(texts(&svg).contains(&"nothing recorded"), "{svg}");
    }

    /// The text of every `<text>` element, trimmed (plotters writes it on a line of
    /// its own).
    fn texts(svg: &str) -> Vec<&str> {
        svg.split("<text")
            .skip(1)
            .filter_map(|rest| {
                let body = &rest[rest.find('>')? + 1..];
                Some(body[..body.find("</text>")?].trim())
            })
            .collect()
    }
}
