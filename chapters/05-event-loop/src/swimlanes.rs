//! Harness: draw a [`trace`](crate::trace) as an SVG swimlane chart.
//!
//! One lane per task (the main future on top), time from left to right. A bar is
//! a poll (the task running); a dot is a wake-up, coloured by who woke the task:
//! a timer, the reactor (a socket or pipe ready), or a task. The colours are mid
//! tones and the background is transparent, so the chart reads on the book's
//! light and dark themes alike (the book inverts a chart's lightness in a dark theme).
//! The text is dark grey at 15 px in a 900 px drawing, which the book shows about
//! 750 px wide: about 12.5 px on the page, at over 7:1 contrast on white.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use crate::trace::{Cause, Event, TaskNo, What};

const WIDTH: f64 = 900.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 50.0;
const LANE: f64 = 26.0;

const INK: &str = "#555555";
const POLL: &str = "#4e79a7";
const TIMER: &str = "#f28e2b";
const IO: &str = "#59a14f";
const TASK: &str = "#b07aa1";

/// The chart as an SVG document. `title` goes above the lanes.
pub fn render(title: &str, events: &[Event]) -> String {
    let Some(start) = events.iter().map(start_of).min() else {
        return empty(title);
    };
    let end = events.iter().map(|event| event.at).max().unwrap_or(start);
    let span = (end - start).as_secs_f64().max(1e-6);
    let x = |at: Instant| LEFT + (at - start).as_secs_f64() / span * (WIDTH - LEFT - RIGHT);

    // Lanes in order of first appearance, main (task 0) first.
    let mut lanes: BTreeMap<TaskNo, usize> = BTreeMap::new();
    for task in std::iter::once(0).chain(events.iter().map(|event| event.task)) {
        let next = lanes.len();
        lanes.entry(task).or_insert(next);
    }
    let height = TOP + LANE * lanes.len() as f64 + 34.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="15">"#
    );
    let _ = writeln!(
        svg,
        r#"<text x="{LEFT}" y="17" fill="{INK}">{}</text>"#,
        escape(title)
    );
    legend(&mut svg);
    for (task, lane) in &lanes {
        let y = TOP + LANE * *lane as f64;
        let name = if *task == 0 {
            "main".to_string()
        } else {
            format!("task {task}")
        };
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{INK}" text-anchor="end">{name}</text>"#,
            LEFT - 8.0,
            y + LANE * 0.65
        );
        let _ = writeln!(
            svg,
            r#"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{INK}" stroke-opacity="0.35"/>"#,
            y + LANE - 2.0,
            WIDTH - RIGHT,
            y + LANE - 2.0
        );
    }
    for event in events {
        let y = TOP + LANE * lanes[&event.task] as f64;
        match event.what {
            What::Polled { started } => {
                let (x0, x1) = (x(started), x(event.at));
                let _ = writeln!(
                    svg,
                    r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{POLL}"/>"#,
                    y + 4.0,
                    (x1 - x0).max(1.5),
                    LANE - 10.0
                );
            }
            What::Woken { by } => {
                let colour = match by {
                    Cause::Timer => TIMER,
                    Cause::Io => IO,
                    Cause::Task => TASK,
                };
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"/>"#,
                    x(event.at),
                    y + LANE / 2.0 - 1.0
                );
            }
            What::Spawned | What::Finished => {
                let _ = writeln!(
                    svg,
                    r#"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="{INK}"/>"#,
                    x(event.at),
                    y + 2.0,
                    y + LANE - 4.0
                );
            }
        }
    }
    // The time axis: the start, the middle and the end.
    let axis = TOP + LANE * lanes.len() as f64 + 18.0;
    for (fraction, anchor) in [(0.0, "start"), (0.5, "middle"), (1.0, "end")] {
        let ms = span * fraction * 1e3;
        let at = LEFT + fraction * (WIDTH - LEFT - RIGHT);
        let _ = writeln!(
            svg,
            r#"<text x="{at:.1}" y="{axis:.1}" fill="{INK}" text-anchor="{anchor}">{ms:.1} ms</text>"#
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn start_of(event: &Event) -> Instant {
    match event.what {
        What::Polled { started } => started,
        _ => event.at,
    }
}

fn legend(svg: &mut String) {
    let items = [
        (POLL, "poll (task running)"),
        (TIMER, "woken by a timer"),
        (IO, "woken by the reactor"),
        (TASK, "woken by a task"),
    ];
    let mut x = LEFT;
    for (colour, text) in items {
        let _ = writeln!(
            svg,
            r#"<rect x="{x:.1}" y="27" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="38" fill="{INK}">{text}</text>"#,
            x + 16.0
        );
        x += 30.0 + text.len() as f64 * 7.6;
    }
}

fn empty(title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"40\">\
         <text x=\"10\" y=\"20\" fill=\"{INK}\">{}: nothing recorded</text></svg>\n",
        escape(title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(">main<") && svg.contains(">task 1<") && svg.contains(">task 2<"));
        assert!(svg.contains(TIMER), "timer wake-ups are drawn");
    }

    #[test]
    fn an_empty_trace_still_renders() {
        assert!(render("nothing", &[]).contains("nothing recorded"));
    }
}
