// Links into a chapter from before it was split into section pages (issue 28):
// `03-futures/index.html#some-heading` now lives on a page of its own. When a page is
// opened with an anchor it does not have, and the anchor moved, go where it went.
// The map was written once, by the split; new headings need no entry.
(function () {
    'use strict';

    const MOVED = {
        "05-event-loop/solutions.html": {
            "step-1-block_on": "05-event-loop/solution-block-on.html",
            "step-2-a-ready-queue-and-spawn_detached": "05-event-loop/solution-spawn.html",
            "step-3-joinhandle": "05-event-loop/solution-join-handle.html",
            "step-4-timers": "05-event-loop/solution-timers.html",
            "step-5-a-reactor-on-mio-and-an-async-tcpstream": "05-event-loop/solution-reactor.html",
            "step-6-a-line-echo-server": "05-event-loop/solution-echo-server.html"
        },
        "01-generators/index.html": {
            "a-generator-that-yields-twice": "01-generators/a-generator-that-yields-twice.html",
            "an-endless-generator-and-laziness": "01-generators/an-endless-generator-and-laziness.html",
            "send-resuming-with-a-value": "01-generators/send-resuming-with-a-value.html",
            "a-generator-made-of-asyncawait": "01-generators/a-generator-made-of-async-await.html",
            "what-the-tests-prove": "01-generators/what-the-tests-prove.html"
        },
        "01-generators/solutions.html": {
            "exercise-1-collatz": "01-generators/solution-collatz.html",
            "exercise-2-fibonacci": "01-generators/solution-fibonacci.html",
            "exercise-3-countdown": "01-generators/solution-countdown.html",
            "exercise-4-numbered": "01-generators/solution-numbered.html",
            "exercise-5-averager": "01-generators/solution-averager.html"
        },
        "02-coroutines/index.html": {
            "say_after-awaited-in-turn-3-seconds": "02-coroutines/say-after-awaited-in-turn-3-seconds.html",
            "tokiojoin-2-seconds": "02-coroutines/tokio-join-2-seconds.html",
            "two-spawned-tasks-2-seconds": "02-coroutines/two-spawned-tasks-2-seconds.html",
            "laziness-a-future-runs-nothing-until-polled": "02-coroutines/laziness-a-future-runs-nothing-until-polled.html",
            "an-async-fn-desugared-by-hand": "02-coroutines/an-async-fn-desugared-by-hand.html",
            "making-a-plain-type-awaitable": "02-coroutines/making-a-plain-type-awaitable.html",
            "what-the-tests-prove": "02-coroutines/what-the-tests-prove.html"
        },
        "02-coroutines/solutions.html": {
            "exercise-1-breakfast": "02-coroutines/solution-breakfast.html",
            "exercise-2-yield_times": "02-coroutines/solution-yield-times.html",
            "exercise-3-poll_counter": "02-coroutines/solution-poll-counter.html",
            "exercise-4-two_steps": "02-coroutines/solution-two-steps.html",
            "exercise-5-join": "02-coroutines/solution-join.html"
        },
        "03-futures/index.html": {
            "a-future-completed-by-a-callback": "03-futures/a-future-completed-by-a-callback.html",
            "the-future-trait-by-hand": "03-futures/a-future-completed-by-a-callback.html",
            "the-other-end-of-the-waker": "03-futures/a-future-completed-by-a-callback.html",
            "oneshot-and-a-result-that-may-be-an-exception": "03-futures/oneshot-and-a-result-that-may-be-an-exception.html",
            "a-real-library-does-this-aiohttp-and-hyper": "03-futures/a-real-library-does-this-aiohttp-and-hyper.html",
            "gather": "03-futures/gather.html",
            "results-in-argument-order": "03-futures/gather.html",
            "when-one-fails-return_exceptionstrue": "03-futures/gather.html",
            "when-one-fails-return_exceptionsfalse": "03-futures/gather.html",
            "timeout-timeout_at-and-wait_for": "03-futures/timeout-timeout-at-and-wait-for.html",
            "cancellation-dropping-a-future": "03-futures/cancellation-dropping-a-future.html",
            "shield": "03-futures/shield.html",
            "expose-async-fn-not-future-types": "03-futures/expose-async-fn-not-future-types.html",
            "what-the-tests-prove": "03-futures/what-the-tests-prove.html"
        },
        "03-futures/solutions.html": {
            "exercise-1-select_timeout": "03-futures/solution-select-timeout.html",
            "exercise-2-gather_partial": "03-futures/solution-gather-partial.html",
            "exercise-3-first_ok": "03-futures/solution-first-ok.html",
            "exercise-4-latch": "03-futures/solution-latch.html",
            "exercise-5-oneshot": "03-futures/solution-oneshot.html"
        },
        "04-tasks-and-runners/index.html": {
            "spawning-a-task": "04-tasks-and-runners/spawning-a-task.html",
            "many-tasks-joinset": "04-tasks-and-runners/many-tasks-joinset.html",
            "cancelling-a-task-abort": "04-tasks-and-runners/cancelling-a-task-abort.html",
            "a-panic-inside-a-task": "04-tasks-and-runners/a-panic-inside-a-task.html",
            "joinset-is-not-taskgroup": "04-tasks-and-runners/joinset-is-not-taskgroup.html",
            "why-spawned-futures-must-be-send--static": "04-tasks-and-runners/why-spawned-futures-must-be-send-static.html",
            "runners-asynciorunner-and-asynciorun": "04-tasks-and-runners/runners-asyncio-runner-and-asyncio-run.html",
            "the-colouring-problem-measured": "04-tasks-and-runners/the-colouring-problem-measured.html",
            "async-from-sync-block_on": "04-tasks-and-runners/async-from-sync-block-on.html",
            "what-the-tests-prove": "04-tasks-and-runners/what-the-tests-prove.html"
        },
        "04-tasks-and-runners/solutions.html": {
            "exercise-1-spawn_all": "04-tasks-and-runners/solution-spawn-all.html",
            "exercise-2-off_the_runtime": "04-tasks-and-runners/solution-off-the-runtime.html",
            "exercise-3-deadline": "04-tasks-and-runners/solution-deadline.html",
            "exercise-4-shared_total": "04-tasks-and-runners/solution-shared-total.html",
            "exercise-5-fan_out": "04-tasks-and-runners/solution-fan-out.html"
        },
        "05-event-loop/index.html": {
            "step-1-block_on-one-future-on-one-thread": "05-event-loop/step-1-block-on-one-future-on-one-thread.html",
            "step-2-tasks-a-ready-queue-and-a-driver-to-wait-on": "05-event-loop/step-2-tasks-a-ready-queue-and-a-driver-to-wait.html",
            "step-3-spawn-with-a-joinhandle": "05-event-loop/step-3-spawn-with-a-joinhandle.html",
            "step-4-callbacks-call_soon": "05-event-loop/step-4-callbacks-call-soon.html",
            "step-5-timers-and-a-loop-that-sleeps": "05-event-loop/step-5-timers-and-a-loop-that-sleeps.html",
            "step-6-io-a-reactor-and-async-tcp": "05-event-loop/step-6-io-a-reactor-and-async-tcp.html",
            "step-7-an-echo-server": "05-event-loop/step-7-an-echo-server.html",
            "step-8-subprocesses": "05-event-loop/step-8-subprocesses.html",
            "step-9-how-tokio-does-it-at-scale": "05-event-loop/step-9-how-tokio-does-it-at-scale.html",
            "making-it-fast": "05-event-loop/making-it-fast.html",
            "how-fast-is-it": "05-event-loop/how-fast-is-it.html",
            "the-whole-loop-in-python": "05-event-loop/the-whole-loop-in-python.html"
        },
        "06-streams-and-channels/index.html": {
            "tcp-start_server-and-open_connection": "06-streams-and-channels/tcp-start-server-and-open-connection.html",
            "the-same-over-a-unix-socket": "06-streams-and-channels/the-same-over-a-unix-socket.html",
            "a-stream-is-like-a-channel-mpsc-and-back-pressure": "06-streams-and-channels/a-stream-is-like-a-channel-mpsc-and-back.html",
            "broadcast-every-receiver-gets-every-message": "06-streams-and-channels/broadcast-every-receiver-gets-every-message.html",
            "watch-only-the-latest-value": "06-streams-and-channels/watch-only-the-latest-value.html",
            "oneshot-one-reply-to-one-request": "06-streams-and-channels/oneshot-one-reply-to-one-request.html",
            "the-stream-trait-async-for": "06-streams-and-channels/the-stream-trait-async-for.html",
            "bounded-concurrency-with-buffer_unordered": "06-streams-and-channels/the-stream-trait-async-for.html",
            "a-line-protocol-server": "06-streams-and-channels/a-line-protocol-server.html",
            "lines-with-a-limit": "06-streams-and-channels/a-line-protocol-server.html",
            "commands-and-replies": "06-streams-and-channels/a-line-protocol-server.html",
            "many-clients-limits-and-a-graceful-shutdown": "06-streams-and-channels/a-line-protocol-server.html",
            "signals-and-a-log-that-never-blocks": "06-streams-and-channels/a-line-protocol-server.html",
            "the-demo": "06-streams-and-channels/a-line-protocol-server.html",
            "what-the-tests-prove": "06-streams-and-channels/what-the-tests-prove.html"
        },
        "06-streams-and-channels/solutions.html": {
            "exercise-1-an-echo-server-for-many-clients": "06-streams-and-channels/solution-echo.html",
            "exercise-2-a-pipeline-of-bounded-channels": "06-streams-and-channels/solution-pipeline.html",
            "exercise-3-a-chat-relay-that-no-member-can-stall": "06-streams-and-channels/solution-chat-relay.html",
            "exercise-4-lines-with-a-limit": "06-streams-and-channels/solution-line-limit.html",
            "exercise-5-a-client-that-reconnects-with-back-off": "06-streams-and-channels/solution-reconnect.html"
        },
        "07-threads-processes-async/index.html": {
            "the-server-we-download-from": "07-threads-processes-async/the-server-we-download-from.html",
            "one-download-checked": "07-threads-processes-async/one-download-checked.html",
            "the-baseline-one-after-another": "07-threads-processes-async/the-baseline-one-after-another.html",
            "threads-each-with-its-own-client": "07-threads-processes-async/threads-each-with-its-own-client.html",
            "async-one-thread-every-request-in-flight": "07-threads-processes-async/async-one-thread-every-request-in-flight.html",
            "the-io-table": "07-threads-processes-async/the-io-table.html",
            "the-cpu-job": "07-threads-processes-async/the-cpu-job.html",
            "threads-without-a-gil": "07-threads-processes-async/threads-without-a-gil.html",
            "processes-as-multiprocessing-does-it": "07-threads-processes-async/processes-as-multiprocessing-does-it.html",
            "cpu-work-on-an-async-runtime": "07-threads-processes-async/cpu-work-on-an-async-runtime.html",
            "the-cpu-table": "07-threads-processes-async/the-cpu-table.html",
            "the-verdict-revisited": "07-threads-processes-async/the-verdict-revisited.html",
            "what-the-tests-prove": "07-threads-processes-async/what-the-tests-prove.html"
        },
        "07-threads-processes-async/solutions.html": {
            "exercise-1-poolmap-with-rayon": "07-threads-processes-async/solution-rayon-sums.html",
            "exercise-2-run_in_executor-on-rayon": "07-threads-processes-async/solution-on-rayon.html",
            "exercise-3-a-pool-of-threads-each-with-its-own-client": "07-threads-processes-async/solution-thread-pool.html",
            "exercise-4-async-with-semaphore": "07-threads-processes-async/solution-semaphore.html",
            "exercise-5-a-stream-of-downloads-at-most-n-in-flight": "07-threads-processes-async/solution-bounded.html"
        },
        "08-pin-send-cancellation/index.html": {
            "pin-a-future-that-must-not-move": "08-pin-send-cancellation/pin-a-future-that-must-not-move.html",
            "the-problem": "08-pin-send-cancellation/pin-a-future-that-must-not-move.html",
            "what-pin-promises": "08-pin-send-cancellation/pin-a-future-that-must-not-move.html",
            "where-you-meet-it": "08-pin-send-cancellation/pin-a-future-that-must-not-move.html",
            "send-across-await": "08-pin-send-cancellation/send-across-await.html",
            "cancellation-safety": "08-pin-send-cancellation/cancellation-safety.html",
            "cancelling-a-stream": "08-pin-send-cancellation/cancellation-safety.html",
            "select-in-a-loop": "08-pin-send-cancellation/select-in-a-loop.html",
            "fairness-and-biased": "08-pin-send-cancellation/select-in-a-loop.html",
            "a-future-made-inside-select-is-made-on-every-turn": "08-pin-send-cancellation/select-in-a-loop.html",
            "preconditions-else-and-finished-futures": "08-pin-send-cancellation/select-in-a-loop.html",
            "the-timer-of-the-loop-interval": "08-pin-send-cancellation/select-in-a-loop.html",
            "async-fn-in-traits": "08-pin-send-cancellation/async-fn-in-traits.html",
            "async-closures": "08-pin-send-cancellation/async-closures.html",
            "the-rules-in-one-place": "08-pin-send-cancellation/the-rules-in-one-place.html"
        },
        "08-pin-send-cancellation/solutions.html": {
            "exercise-1-pinned_timeout": "08-pin-send-cancellation/solution-pinned-timeout.html",
            "exercise-2-visit_counter": "08-pin-send-cancellation/solution-visit-counter.html",
            "exercise-3-batcher": "08-pin-send-cancellation/solution-batcher.html",
            "exercise-4-frame_reader": "08-pin-send-cancellation/solution-frame-reader.html",
            "exercise-5-first_answer": "08-pin-send-cancellation/solution-first-answer.html"
        },
        "09-async-in-production/index.html": {
            "structured-concurrency-a-group-of-tasks": "09-async-in-production/structured-concurrency-a-group-of-tasks.html",
            "what-static-costs-no-scoped-spawn": "09-async-in-production/structured-concurrency-a-group-of-tasks.html",
            "cancellation-you-ask-for-tokens-and-trackers": "09-async-in-production/cancellation-you-ask-for-tokens-and-trackers.html",
            "cleanup-that-must-await-there-is-no-async-drop": "09-async-in-production/cleanup-that-must-await-there-is-no-async-drop.html",
            "signals-and-a-graceful-shutdown": "09-async-in-production/signals-and-a-graceful-shutdown.html",
            "sharing-between-tasks-the-primitives": "09-async-in-production/sharing-between-tasks-the-primitives.html",
            "notify-and-the-notification-that-gets-lost": "09-async-in-production/notify-and-the-notification-that-gets-lost.html",
            "contextvars-as-task_local": "09-async-in-production/contextvars-as-task-local.html",
            "testing-async-code": "09-async-in-production/testing-async-code.html",
            "the-paused-clock-and-a-real-socket": "09-async-in-production/testing-async-code.html",
            "observing-tracing-spans-across-tasks": "09-async-in-production/observing-tracing-spans-across-tasks.html",
            "observing-the-runtimes-own-metrics": "09-async-in-production/observing-the-runtime-s-own-metrics.html",
            "observing-asyncios-debug-mode-rebuilt": "09-async-in-production/observing-asyncio-s-debug-mode-rebuilt.html",
            "the-fix-for-a-slow-poll-spawn_blocking-or-block_in_place": "09-async-in-production/the-fix-for-a-slow-poll-spawn-blocking-or-block.html"
        },
        "09-async-in-production/solutions.html": {
            "exercise-1-retry": "09-async-in-production/solution-retry.html",
            "exercise-2-event": "09-async-in-production/solution-event.html",
            "exercise-3-gather_or_cancel": "09-async-in-production/solution-gather-or-cancel.html",
            "exercise-4-graceful_shutdown": "09-async-in-production/solution-graceful-shutdown.html",
            "exercise-5-task_stats": "09-async-in-production/solution-task-stats.html"
        }
    };
    const anchor = decodeURIComponent(location.hash.slice(1));
    if (!anchor || document.getElementById(anchor)) return;
    const root = new URL((typeof path_to_root === 'string' && path_to_root) || './', location.href);
    let page = location.href.split('#')[0].slice(root.href.length) || 'index.html';
    if (page.endsWith('/')) page += 'index.html';
    const target = (MOVED[page] || {})[anchor];
    if (target) location.replace(new URL(`${target}#${anchor}`, root).href);
})();
