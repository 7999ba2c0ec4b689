//! `cargo course watch`: check again every time an exercise is saved, once per save.
//!
//! Two things tell us a file may have changed: the operating system's file events
//! (through the notify crate: inotify, FSEvents, ReadDirectoryChanges), or, where a
//! file system sends none (WSL2's `/mnt/c`, network mounts, some VMs), a look every
//! second (`--poll`, chosen by itself when events are unavailable). Neither decides
//! alone: an editor's save is a burst of events (write, rename, chmod), and the
//! check's own reads of the files come back as events too. What decides is the
//! content: each exercise has a fingerprint of its files, and only an exercise
//! whose fingerprint changed since we last looked is checked, once. Reads, `touch`,
//! build output and a save that changes nothing check nothing.
//!
//! Single keys steer it while it waits: `h` the next hint, `l` the list, `n` the next
//! exercise, `c` check all, `r` check again, `q` quit. The screen is cleared before
//! each check, so what is on it is always the latest result.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use anyhow::Result;
use notify_debouncer_mini::notify::{self, EventKind, RecursiveMode, Watcher};

use crate::check;
use crate::hints;
use crate::lookup;
use crate::paint;
use crate::progress;
use crate::state::{self, State};
use crate::syllabus::{Course, Exercise};

/// Editors save in bursts: once the first event comes, wait until the files have
/// been quiet this long before looking.
const SETTLE: Duration = Duration::from_millis(200);

/// How often to look when the file system sends no events.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// What wakes the watcher up.
enum Input {
    /// A file under `exercises/` may have changed (or, when polling, a second passed).
    MayHaveChanged,
    /// A key pressed.
    Key(char),
}

pub fn command(course: &Course, first: Option<&str>, poll: bool) -> Result<bool> {
    let root = course.root.clone();
    let mut watched = match first {
        Some(name) => lookup::exercise(course, name)?.id(),
        None => match lookup::current(course, &State::load(&root)) {
            Some(exercise) => exercise.id(),
            None => {
                progress::next_step(course, &State::load(&root));
                return Ok(true);
            }
        },
    };
    let (inputs, input) = mpsc::channel();
    let how = watch_files(&root.join("exercises"), poll, inputs.clone());
    let _keys = keys::listen(inputs);
    let mut seen = fingerprints(course);
    let mut course = Course::read(root.clone())?;
    check_one(&course, &mut watched, how)?;
    loop {
        let Ok(next) = input.recv() else {
            return Ok(true);
        };
        match next {
            Input::MayHaveChanged => {
                let keys = settle(&input);
                reread(&mut course);
                let now = fingerprints(&course);
                // An exercise that just appeared (a `git pull`) is not a save.
                let changed: Vec<&String> = now
                    .iter()
                    .filter(|(id, print)| seen.get(*id).is_some_and(|old| old != *print))
                    .map(|(id, _)| id)
                    .collect();
                if let Some(id) = changed
                    .iter()
                    .find(|id| **id == &watched)
                    .or(changed.first())
                {
                    watched = (*id).clone();
                    seen = now;
                    check_one(&course, &mut watched, how)?;
                } else {
                    seen = now;
                }
                for key in keys {
                    if !on_key(&course, &mut watched, key, how)? {
                        return Ok(true);
                    }
                }
            }
            Input::Key(key) => {
                reread(&mut course);
                if !on_key(&course, &mut watched, key, how)? {
                    return Ok(true);
                }
            }
        }
    }
}

/// Reads the course again (the learner may have pulled new exercises); a listing
/// caught half-written keeps the course as it was, with a word about it.
fn reread(course: &mut Course) {
    match Course::read(course.root.clone()) {
        Ok(fresh) => *course = fresh,
        Err(error) => say!("{}", paint::yellow(&format!("{error:#}"))),
    }
}

/// Waits until no file event has come for [`SETTLE`]; returns the keys pressed
/// meanwhile, to handle after the check.
fn settle(input: &Receiver<Input>) -> Vec<char> {
    let mut keys = Vec::new();
    while let Ok(next) = input.recv_timeout(SETTLE) {
        if let Input::Key(key) = next {
            keys.push(key);
        }
    }
    keys
}

/// Handles one key; returns `false` to quit.
fn on_key(course: &Course, watched: &mut String, key: char, how: &str) -> Result<bool> {
    let mut state = State::load(&course.root);
    let Some(exercise) = course.exercises().find(|e| e.id() == *watched) else {
        // The exercise is gone from the course (renamed?): go back to the current one.
        if let Some(current) = lookup::current(course, &state) {
            *watched = current.id();
        }
        return Ok(true);
    };
    match key.to_ascii_lowercase() {
        'q' => return Ok(false),
        'h' => {
            say!();
            hints::show_next(course, &mut state, exercise);
            state.save(&course.root)?;
        }
        'l' => {
            say!();
            progress::list(course);
        }
        'n' => {
            let mut after = course
                .exercises()
                .skip_while(|e| e.id() != *watched)
                .skip(1);
            match after.next() {
                Some(next) => {
                    *watched = next.id();
                    check_one(course, watched, how)?;
                    return Ok(true);
                }
                None => say!(
                    "\n{}",
                    t!("`{}` is the last exercise of the course.", exercise.name)
                ),
            }
        }
        'c' => {
            paint::clear_screen();
            check::command(course, None, true)?;
        }
        'r' => {
            check_one(course, watched, how)?;
            return Ok(true);
        }
        _ => return Ok(true),
    }
    say!("{}", paint::dim(&keys_line(how)));
    Ok(true)
}

/// Clears the screen, checks the exercise, and says how to go on. Once it passes,
/// the next save that matters is the next exercise's, so that one is watched.
fn check_one(course: &Course, watched: &mut String, how: &str) -> Result<()> {
    let Some(exercise) = course.exercises().find(|e| e.id() == *watched) else {
        return Ok(());
    };
    paint::clear_screen();
    let mut state = State::load(&course.root);
    if check::one(course, &mut state, exercise)? {
        if let Some(next) = lookup::after(course, &state, exercise) {
            *watched = next.id();
        }
    }
    say!();
    say!("{}", paint::dim(&keys_line(how)));
    Ok(())
}

fn keys_line(how: &str) -> String {
    t!(
        "Watching exercises/ ({}): save to check again. \
         Keys: h hint, l list, n next exercise, c check all, r check again, q quit.",
        how
    )
}

fn fingerprints(course: &Course) -> BTreeMap<String, u64> {
    course
        .exercises()
        .map(|e: &Exercise| (e.id(), state::fingerprint(course, e)))
        .collect()
}

/// Starts whatever tells us of changes under `folder`, and says which it is: file
/// events when the system has them and `--poll` was not asked for, else a look every
/// second.
fn watch_files(folder: &Path, poll: bool, inputs: Sender<Input>) -> &'static str {
    let polling = |inputs: Sender<Input>| {
        std::thread::spawn(move || {
            while inputs.send(Input::MayHaveChanged).is_ok() {
                std::thread::sleep(POLL_EVERY);
            }
        });
        t!("looking every second")
    };
    if poll || events_are_unreliable(folder) {
        return polling(inputs);
    }
    let events = inputs.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // A read (ours, the compiler's, the editor's) changes nothing.
        if event.is_ok_and(|e| !matches!(e.kind, EventKind::Access(_))) {
            let _ = events.send(Input::MayHaveChanged);
        }
    });
    match watcher.and_then(|mut w| w.watch(folder, RecursiveMode::Recursive).map(|()| w)) {
        Ok(watcher) => {
            // It must live as long as the program: events stop when it is dropped.
            std::mem::forget(watcher);
            t!("file events")
        }
        Err(error) => {
            say!(
                "{}",
                paint::yellow(&t!(
                    "No file events here ({}): looking for changes every second instead.",
                    error
                ))
            );
            polling(inputs)
        }
    }
}

/// WSL2 gives no file events for Windows folders (`/mnt/c/...`): a watcher would
/// start fine and then never say anything.
fn events_are_unreliable(folder: &Path) -> bool {
    let wsl = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .is_ok_and(|release| release.to_ascii_lowercase().contains("microsoft"));
    wsl && folder.starts_with("/mnt/")
}

/// Single keys, without Enter: the terminal is put in "cbreak" mode (no line
/// editing, no echo; Ctrl-C still works) while watching, and put back afterwards,
/// also when Ctrl-C, SIGTERM or SIGHUP ends the program. From a pipe (a test, a
/// script) each character read is a key.
mod keys {
    use super::{Input, Read, Sender};

    pub struct Listening {
        #[cfg(unix)]
        saved: Option<rustix::termios::Termios>,
    }

    pub fn listen(inputs: Sender<Input>) -> Listening {
        let listening = Listening::start();
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut byte = [0u8; 1];
            while let Ok(1) = stdin.read(&mut byte) {
                let key = char::from(byte[0]);
                if !key.is_ascii_whitespace() && inputs.send(Input::Key(key)).is_err() {
                    break;
                }
            }
        });
        listening
    }

    #[cfg(unix)]
    impl Listening {
        fn start() -> Listening {
            use std::io::IsTerminal;

            use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
            let stdin = std::io::stdin();
            if !stdin.is_terminal() {
                return Listening { saved: None };
            }
            let Ok(saved) = tcgetattr(&stdin) else {
                return Listening { saved: None };
            };
            let mut cbreak = saved.clone();
            cbreak
                .local_modes
                .remove(LocalModes::ICANON | LocalModes::ECHO);
            if tcsetattr(&stdin, OptionalActions::Now, &cbreak).is_err() {
                return Listening { saved: None };
            }
            restore_on_signals(saved.clone());
            Listening { saved: Some(saved) }
        }
    }

    #[cfg(unix)]
    fn restore(saved: &rustix::termios::Termios) {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            saved,
        );
    }

    /// Ctrl-C (or a kill, or a closed terminal) while watching: put the terminal back
    /// first, then end as the signal would have (status 128 + its number).
    #[cfg(unix)]
    fn restore_on_signals(saved: rustix::termios::Termios) {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore(&saved);
                std::process::exit(128 + signal);
            }
        });
    }

    #[cfg(unix)]
    impl Drop for Listening {
        fn drop(&mut self) {
            if let Some(saved) = &self.saved {
                restore(saved);
            }
        }
    }

    /// Elsewhere the keys need Enter; everything else works the same.
    #[cfg(not(unix))]
    impl Listening {
        fn start() -> Listening {
            Listening {}
        }
    }
}
