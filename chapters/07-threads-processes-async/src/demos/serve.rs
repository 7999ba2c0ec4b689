//! `serve http`: the chapter's HTTP server on its own, until SIGINT, SIGTERM or
//! SIGHUP.
//!
//! The first line on stdout is `listening on 127.0.0.1:PORT`; the server's rare log
//! lines (accept failures) go to stderr. The first signal stops accepting and lets
//! the requests under way finish; a second one exits at once. SIGHUP (the terminal
//! closed) is a request to stop like the others, not a reason to die mid-answer.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use ch07_threads_processes_async::server::{self, ServerConfig, Stats};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run one of the chapter's servers until SIGINT, SIGTERM or SIGHUP (a second one
    /// exits at once). The first line printed is `listening on ADDR`.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Which server to run.
    #[arg(value_enum)]
    server: Server,

    /// The address to listen on; port 0 lets the OS pick a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,

    /// How long the server waits before each answer, in milliseconds.
    #[arg(long = "latency-ms", default_value_t = 50, value_parser = clap::value_parser!(u64).range(0..=5_000))]
    latency_ms: u64,

    /// The size of each page, in bytes (at most 1 MiB).
    #[arg(long = "body-size", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(0..=server::MAX_PAGE as u64))]
    body_size: u64,

    /// The most connections served at once; past it, a client gets `503` and is
    /// closed. (A request must also arrive whole within 10 s of its first byte, and a
    /// connection may stay silent between requests for 60 s.)
    #[arg(long = "max-connections", default_value_t = server::MAX_CONNECTIONS as u64, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    max_connections: u64,
}

/// The servers `serve` can run.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Server {
    /// The local HTTP server every download of the chapter talks to.
    #[value(name = "http")]
    Http,
}

pub fn run(command: &Command) -> ExitCode {
    let Command::Serve(args) = command;
    match serve(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let Server::Http = args.server;
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .try_init();
    // Several threads, as a real server would have: the attack suite's thousand
    // clients are served by every core.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the tokio runtime")?;
    runtime.block_on(async {
        let listener =
            listen(args.addr).with_context(|| format!("could not listen on {}", args.addr))?;
        let shutdown = shutdown_signal().context("could not handle SIGINT, SIGTERM and SIGHUP")?;
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "listening on {}", listener.local_addr()?)
            .and_then(|()| stdout.flush());
        let config = ServerConfig {
            latency: Duration::from_millis(args.latency_ms),
            body_size: usize::try_from(args.body_size)?,
            batch: None,
            max_connections: usize::try_from(args.max_connections)?,
        };
        let stats = Arc::new(Stats::default());
        server::serve_until(listener, config, stats.clone(), shutdown).await;
        tracing::info!(
            "stopped after {} requests on {} connections",
            stats.requests(),
            stats.connections()
        );
        Ok(())
    })
}

/// Bind with a backlog of 4096 connections waiting to be accepted, where
/// `TcpListener::bind` asks for 128: a burst of clients while the server is busy
/// would otherwise have SYNs dropped, and each wait a second for the retry.
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(4096)
}

/// Ready at the first SIGINT, SIGTERM or SIGHUP; a second one exits at once.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
            _ = hangup.recv() => {}
        }
        tokio::spawn(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
                _ = hangup.recv() => {}
            }
            std::process::exit(130);
        });
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tokio::spawn(async {
            let _ = tokio::signal::ctrl_c().await;
            std::process::exit(130);
        });
    })
}
