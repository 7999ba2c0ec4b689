//! The tests of the chapter 7 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.
//!
//! The download tests start the chapter's HTTP server on 127.0.0.1. The async ones
//! run it on a paused tokio clock, so "4 latencies" is asserted exactly and takes no
//! real time; the thread ones use a server that answers only when a whole batch of
//! requests waits at once, which proves concurrency without a stopwatch.

use std::time::Duration;

use ch07_threads_processes_async::download::{Site, Why};
use ch07_threads_processes_async::server::{Server, ServerConfig, site_url};
use course_kit::watchdog;

const LIMIT: Duration = watchdog::LIMIT;

/// `count` pages of a server, each expected to be 1024 bytes.
fn pages(urls: Vec<String>) -> Vec<Site> {
    urls.into_iter()
        .map(|url| Site::new(url, Some(1024)))
        .collect()
}

fn urls(sites: &[Site]) -> Vec<String> {
    sites.iter().map(|s| s.url.clone()).collect()
}

mod rayon_sums {
    use std::sync::{Arc, Barrier};

    use ch07_threads_processes_async::cpu_job::{numbers, sum_of_squares_below};

    use super::*;
    use crate::rayon_sums::{map_in_parallel, total_in_parallel};

    #[test]
    fn answers_come_back_in_the_order_of_the_numbers() {
        let numbers: Vec<u64> = (0..100).collect();
        let answers = map_in_parallel(&numbers, |n| u128::from(n) * 10);
        let expected: Vec<u128> = (0..100).map(|n| n * 10).collect();
        assert_eq!(answers, expected, "pool.map keeps the order of its input");
    }

    #[test]
    fn the_total_is_exact() {
        let numbers = numbers(10_000, 20);
        let expected: u128 = numbers.iter().map(|&n| sum_of_squares_below(n)).sum();
        assert_eq!(
            total_in_parallel(&numbers),
            expected,
            "Σ (n-1)n(2n-1)/6 over the numbers"
        );
    }

    #[test]
    fn every_job_runs_on_rayons_pool() {
        let on_pool = map_in_parallel(&[1, 2, 3, 4], |_| {
            u128::from(rayon::current_thread_index().is_some())
        });
        assert_eq!(
            on_pool,
            [1, 1, 1, 1],
            "each job should run on a rayon worker thread (par_iter)"
        );
    }

    #[test]
    fn two_jobs_run_at_the_same_time() {
        // Each job waits for the other at a barrier: they can only finish together,
        // so a map that runs one job at a time never finishes.
        let answers = watchdog::within(
            LIMIT,
            "The two jobs never ran at the same time. Did you use `par_iter`, or a plain `iter`?",
            || {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(2)
                    .build()
                    .unwrap();
                let barrier = Arc::new(Barrier::new(2));
                pool.install(|| {
                    map_in_parallel(&[1, 2], |n| {
                        barrier.wait();
                        u128::from(n)
                    })
                })
            },
        );
        assert_eq!(answers, [1, 2]);
    }
}

mod thread_pool {
    use super::*;
    use crate::thread_pool::download_all;

    fn server(config: ServerConfig) -> Server {
        Server::start(config).expect("the test server starts on 127.0.0.1")
    }

    fn quick() -> ServerConfig {
        ServerConfig {
            latency: Duration::from_millis(2),
            ..ServerConfig::default()
        }
    }

    fn run(
        sites: Vec<Site>,
        workers: usize,
        why: &'static str,
    ) -> Vec<ch07_threads_processes_async::download::Outcome> {
        watchdog::within(LIMIT, why, move || download_all(&sites, workers))
    }

    #[test]
    fn downloads_every_site_in_order() {
        let server = server(quick());
        let sites = pages(server.urls(12));
        let outcomes = run(
            sites.clone(),
            3,
            "Downloading 12 quick pages should be instant.",
        );
        let got: Vec<String> = outcomes
            .iter()
            .map(|o| o.as_ref().unwrap().url.clone())
            .collect();
        assert_eq!(
            got,
            urls(&sites),
            "outcome i is the download of site i, as executor.map"
        );
        assert_eq!(
            server.stats().requests(),
            12,
            "each site is downloaded exactly once"
        );
    }

    #[test]
    fn four_workers_have_four_requests_in_flight_at_once() {
        let server = server(ServerConfig {
            batch: Some(4),
            ..ServerConfig::default()
        });
        let outcomes = run(
            pages(server.urls(12)),
            4,
            "The server answers only when 4 requests wait together, and it never saw 4. \
             Do your 4 workers really run at the same time (spawn them all, then join)?",
        );
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        assert_eq!(
            server.stats().peak_in_flight(),
            4,
            "4 workers, so never more than 4 at once"
        );
    }

    #[test]
    fn each_worker_reuses_one_client() {
        let server = server(ServerConfig {
            batch: Some(3),
            ..ServerConfig::default()
        });
        run(
            pages(server.urls(15)),
            3,
            "The server answers only when 3 requests wait together.",
        );
        assert_eq!(
            server.stats().connections(),
            3,
            "3 workers should open 3 connections for 15 pages: one client per thread, \
             kept in a thread_local! and reused, keeps its connection open"
        );
    }

    #[test]
    fn a_failure_is_reported_for_its_url_and_the_others_still_download() {
        let server = server(quick());
        let mut sites = pages(server.urls(4));
        sites[2] = Site::new(format!("http://{}/nothing-here", server.addr()), None);
        let outcomes = run(sites, 2, "Downloading 4 quick pages should be instant.");
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 3);
        assert_eq!(outcomes[2].as_ref().unwrap_err().why, Why::Status(404));
    }

    #[test]
    fn more_workers_than_sites_is_fine() {
        let server = server(quick());
        let outcomes = run(
            pages(server.urls(2)),
            8,
            "2 pages with 8 workers should be instant.",
        );
        assert_eq!(outcomes.len(), 2);
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    }
}

mod bounded {
    use std::net::SocketAddr;
    use std::sync::Arc;

    use ch07_threads_processes_async::download::{Outcome, async_client};
    use ch07_threads_processes_async::server::{Stats, spawn};
    use tokio::time::Instant;

    use super::*;
    use crate::bounded::download_bounded;

    const LATENCY: Duration = Duration::from_millis(50);

    /// Download `paths` from a fresh server, `limit` at once: the outcomes, the
    /// time on the paused clock, and what the server saw.
    fn download(
        paths: Vec<String>,
        limit: usize,
    ) -> (Vec<Outcome>, Duration, Arc<Stats>, SocketAddr) {
        watchdog::paused(
            LIMIT,
            "The downloads never finished. Does your stream start any downloads (a stream \
             does nothing until it is polled: `.collect().await` it)?",
            move || async move {
                let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
                let sites: Vec<Site> = paths
                    .iter()
                    .map(|path| Site::new(format!("http://{addr}{path}"), Some(1024)))
                    .collect();
                let started = Instant::now();
                let outcomes = download_bounded(&async_client(), &sites, limit).await;
                (outcomes, started.elapsed(), stats, addr)
            },
        )
    }

    fn site_paths(count: usize) -> Vec<String> {
        (0..count).map(|n| format!("/site/{n}")).collect()
    }

    #[test]
    fn twenty_sites_five_at_a_time_take_four_latencies() {
        let (outcomes, took, _, _) = download(site_paths(20), 5);
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        assert_eq!(
            took,
            LATENCY * 4,
            "20 sites, 5 at a time, 50 ms each: 4 rounds of 50 ms"
        );
    }

    #[test]
    fn never_more_than_the_limit_in_flight() {
        let (_, _, stats, _) = download(site_paths(20), 5);
        assert_eq!(
            stats.peak_in_flight(),
            5,
            "buffer_unordered(5) keeps exactly 5 going"
        );
        assert_eq!(stats.requests(), 20);
    }

    #[test]
    fn a_limit_of_one_is_sequential() {
        let (_, took, stats, _) = download(site_paths(3), 1);
        assert_eq!((took, stats.peak_in_flight()), (LATENCY * 3, 1));
    }

    #[test]
    fn outcomes_come_back_in_the_order_of_the_sites() {
        // The first site is slow (3 latencies), so it finishes last; it must still
        // come first.
        let mut paths = site_paths(4);
        paths[0] = "/slow/0".into();
        let (outcomes, took, _, addr) = download(paths.clone(), 4);
        let got: Vec<String> = outcomes
            .iter()
            .map(|o| o.as_ref().unwrap().url.clone())
            .collect();
        let asked: Vec<String> = paths.iter().map(|p| format!("http://{addr}{p}")).collect();
        assert_eq!(
            got, asked,
            "sort the finished downloads back into the order of the sites"
        );
        assert_eq!(took, LATENCY * 3, "the slow one sets the pace");
    }

    #[test]
    fn a_failure_is_reported_for_its_url() {
        let (outcomes, _, _, addr) = download(vec!["/site/0".into(), "/nothing".into()], 2);
        assert!(outcomes[0].is_ok());
        let failure = outcomes[1].as_ref().unwrap_err();
        assert_eq!(
            failure.url,
            site_url(addr, 0).replace("/site/0", "/nothing")
        );
        assert_eq!(failure.why, Why::Status(404));
    }
}
