//! WRONG: the channel is closed, then drained with `try_recv`, which stops at `Empty`
//! while a sender is still half-way through `send`: its request is dropped unanswered.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::given::{Reply, Report, Request, work};

// ANCHOR: solution
pub async fn serve(
    mut requests: mpsc::Receiver<Request>,
    shutdown: CancellationToken,
    grace: Duration,
) -> Report {
    let report = Arc::new(Mutex::new(Report::default()));
    let tracker = TaskTracker::new();
    let give_up = CancellationToken::new();

    let shutting_down = loop {
        tokio::select! {
            // Shutdown first: a request queued at the same moment is refused, not run.
            biased;
            () = shutdown.cancelled() => break true,
            next = requests.recv() => match next {
                Some(request) => {
                    tracker.spawn(handle(request, give_up.clone(), Arc::clone(&report)));
                }
                None => break false, // every sender is gone
            },
        }
    };

    if shutting_down {
        // Nothing more gets in; what is already queued is refused, not dropped.
        requests.close();
        while let Ok(request) = requests.try_recv() {
            answer(request, Reply::Refused, &report);
        }
    }
    tracker.close();
    if shutting_down && tokio::time::timeout(grace, tracker.wait()).await.is_err() {
        give_up.cancel();
    }
    // After `give_up`, the tasks answer at once; either way, wait for every reply.
    tracker.wait().await;
    let report = report.lock().expect("no task panics holding the lock");
    report.clone()
}

async fn handle(request: Request, give_up: CancellationToken, report: Arc<Mutex<Report>>) {
    let reply = tokio::select! {
        () = work(request.work) => Reply::Done,
        () = give_up.cancelled() => Reply::Abandoned,
    };
    answer(request, reply, &report);
}

fn answer(request: Request, reply: Reply, report: &Mutex<Report>) {
    // The client may have given up waiting; that is its business.
    let _ = request.reply.send(reply);
    if let Ok(mut report) = report.lock() {
        report.record(request.id, reply);
    }
}
// ANCHOR_END: solution
