//! Step 8: subprocesses, awaited on the loop.
//!
//! `await asyncio.create_subprocess_exec(...)` gives a `Process` whose
//! `stdout` is a stream on the loop and whose `wait()` is awaitable. Two different
//! mechanisms hide behind that:
//!
//! - the child's output arrives on a **pipe**, a file descriptor like a socket, so
//!   the reactor watches it: [`ChildPipe`] is the same "try, else wait" as a
//!   [`TcpStream`](crate::net::TcpStream);
//! - the child's **exit** is not a file descriptor event. asyncio's
//!   `ThreadedChildWatcher` (the default until Python 3.12) gives each child a thread
//!   that blocks in `waitpid` and then wakes the loop with `call_soon_threadsafe`.
//!   We do exactly that, reusing step 1's [`FromThread`]: the thread's wake-up goes
//!   through the task's waker into the ready queue and interrupts the loop's wait.
//!   (Python 3.12+ and tokio watch a Linux `pidfd` instead, which needs system
//!   calls that safe `std` does not offer.)

use std::future::poll_fn;
use std::io::{self, Read};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::task::{Context, Poll};

use mio::unix::pipe::Receiver;

use crate::block_on::FromThread;
use crate::reactor::{Direction, Registration};

// ANCHOR: child
/// A running child process.
pub struct Child {
    pub stdout: Option<ChildPipe>,
    pub stderr: Option<ChildPipe>,
    /// The process id, for messages.
    pub id: u32,
    exit: FromThread<io::Result<ExitStatus>>,
}

/// Start `command` with its stdout and stderr piped to the loop:
/// `asyncio.create_subprocess_exec(..., stdout=PIPE, stderr=PIPE)`.
pub fn spawn(command: &mut Command) -> io::Result<Child> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().map(|out| ChildPipe::new(out.into()));
    let stderr = child.stderr.take().map(|err| ChildPipe::new(err.into()));
    let id = child.id();
    // The child watcher: one thread per child, blocked in waitpid.
    let exit = FromThread::spawn(move || child.wait());
    Ok(Child {
        stdout: stdout.transpose()?,
        stderr: stderr.transpose()?,
        id,
        exit,
    })
}

impl Child {
    /// Wait for the child to exit: `await process.wait()`.
    pub async fn wait(self) -> io::Result<ExitStatus> {
        self.exit.await
    }
}
// ANCHOR_END: child

// ANCHOR: pipe
/// The read end of a pipe from the child, watched by the reactor.
pub struct ChildPipe {
    pipe: Receiver,
    io: Registration,
}

impl ChildPipe {
    fn new(mut pipe: Receiver) -> io::Result<Self> {
        // std gives a blocking pipe; a blocking read would freeze the whole loop.
        pipe.set_nonblocking(true)?;
        let io = Registration::new(&mut pipe)?;
        Ok(ChildPipe { pipe, io })
    }

    fn poll_read(&self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        self.io
            .poll_io(cx, Direction::Read, || (&self.pipe).read(buf))
    }

    /// Read what the child has written so far; `Ok(0)` once it closed the pipe.
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        poll_fn(|cx| self.poll_read(cx, buf)).await
    }
}
// ANCHOR_END: pipe

// ANCHOR: output
/// Run `command` to the end, collecting its output: `await process.communicate()`.
///
/// Both pipes are read *at the same time*: reading stdout to the end first would
/// deadlock with a child that fills the stderr pipe and waits for us to drain it.
pub async fn output(command: &mut Command) -> io::Result<Output> {
    let mut child = spawn(command)?;
    let mut pipes = [
        (child.stdout.take(), Vec::new()),
        (child.stderr.take(), Vec::new()),
    ];
    let mut chunk = [0; 4096];
    poll_fn(|cx| {
        for (pipe, collected) in &mut pipes {
            while let Some(open) = pipe {
                match open.poll_read(cx, &mut chunk) {
                    Poll::Ready(Ok(0)) => *pipe = None, // closed: this one is done
                    Poll::Ready(Ok(n)) => collected.extend_from_slice(&chunk[..n]),
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                    Poll::Pending => break, // its waker is set; look at the other
                }
            }
        }
        if pipes.iter().all(|(pipe, _)| pipe.is_none()) {
            Poll::Ready(Ok(()))
        } else {
            Poll::Pending
        }
    })
    .await?;
    let status = child.wait().await?;
    let [(_, stdout), (_, stderr)] = pipes;
    Ok(Output {
        status,
        stdout,
        stderr,
    })
}
// ANCHOR_END: output

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_loop::yield_now;
    use crate::join_handle::spawn as spawn_task;
    use crate::reactor::new_event_loop;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn output_collects_stdout_stderr_and_the_exit_code() {
        let event_loop = new_event_loop().unwrap();
        let output = event_loop
            .run(output(
                Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            ))
            .unwrap();
        assert_eq!(output.stdout, b"out\n");
        assert_eq!(output.stderr, b"err\n");
        assert_eq!(output.status.code(), Some(3));
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        let event_loop = new_event_loop().unwrap();
        let error = event_loop
            .run(output(&mut Command::new("no-such-program-here")))
            .err()
            .unwrap();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_child_that_fills_both_pipes_does_not_deadlock() {
        // 200 KB on each pipe: far more than a pipe buffer (64 KB), so the child
        // blocks unless we drain both at once.
        let event_loop = new_event_loop().unwrap();
        let script = "head -c 200000 /dev/zero; head -c 200000 /dev/zero >&2";
        let output = event_loop
            .run(output(Command::new("sh").args(["-c", script])))
            .unwrap();
        assert_eq!(
            (output.stdout.len(), output.stderr.len()),
            (200_000, 200_000)
        );
    }

    #[test]
    fn other_tasks_run_while_a_child_is_awaited() {
        let event_loop = new_event_loop().unwrap();
        let turns = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&turns);
        event_loop.run(async move {
            let ticker = spawn_task(async move {
                loop {
                    counter.fetch_add(1, Ordering::Relaxed);
                    crate::timer::sleep(std::time::Duration::from_millis(5)).await;
                    yield_now().await;
                }
            });
            let status = output(Command::new("sh").args(["-c", "sleep 0.1"]))
                .await
                .unwrap()
                .status;
            assert!(status.success());
            drop(ticker);
        });
        assert!(
            turns.load(Ordering::Relaxed) >= 2,
            "the loop should keep running tasks while the child runs"
        );
    }
}
