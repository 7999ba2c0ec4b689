//! One download, checked: what every IO client of the chapter does per URL.
//!
//! The notes' `download_site` prints `Read 1024 from <url>` and trusts the answer. A
//! benchmark that trusts its answers can be fast by being wrong (a 404 page is quick
//! to send), so here every download is checked: the status must be a success and,
//! against the course's own server, the body must have the size the server was told
//! to send. A failure is kept per URL, with a message a person can act on: "nothing
//! listens there", "no answer within 10s", "404 Not Found".
//!
//! There are two fetch functions, one per client kind: [`fetch_blocking`] for
//! `reqwest::blocking::Client` (Python's `requests`) and [`fetch`] for the async
//! `reqwest::Client` (Python's `aiohttp`). They share [`check`].

use std::fmt;
use std::time::Duration;

/// How long a client waits for an answer before it gives up on a URL.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The most bytes read from one body unless a [`Site`] says otherwise: a page that
/// never ends (or a 4 GB file) is a failure, not a download that eats the memory.
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// A URL to download, the body length to expect when we know it, and the most
/// bytes to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub url: String,
    /// `Some(n)` for the course's own server, which sends bodies of a known size;
    /// `None` for an address given with `--url`.
    pub expected_len: Option<usize>,
    /// A longer body is a failure ([`Why::TooBig`]); [`MAX_BODY`] by default.
    pub max_len: usize,
}

impl Site {
    pub fn new(url: impl Into<String>, expected_len: Option<usize>) -> Self {
        Site {
            url: url.into(),
            expected_len,
            max_len: MAX_BODY,
        }
    }

    /// The same site with another cap on its body.
    pub fn with_max_len(self, max_len: usize) -> Self {
        Site { max_len, ..self }
    }
}

/// A page downloaded and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub url: String,
    pub status: u16,
    pub len: usize,
}

/// Why one URL failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Nothing accepted the connection: no server, wrong port.
    Unreachable,
    /// The server took longer than the client's timeout.
    TimedOut,
    /// The server answered, with an error status.
    Status(u16),
    /// The body was not the size the server was asked to send.
    WrongLength { expected: usize, got: usize },
    /// An `https://` address: this build of reqwest has no TLS.
    NeedsTls,
    /// The body went past the site's `max_len` and was not read further.
    TooBig { limit: usize },
    /// The process ran out of file descriptors: more sockets open than the
    /// open-file limit (`ulimit -n`) allows.
    OutOfFiles,
    /// Anything else the client reported.
    Other(String),
}

/// A URL that could not be downloaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub url: String,
    pub why: Why,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.url;
        match &self.why {
            Why::Unreachable => {
                write!(f, "{url}: could not connect (is a server listening there?)")
            }
            Why::TimedOut => write!(f, "{url}: no answer before the client's timeout"),
            Why::Status(code) => write!(f, "{url}: the server answered {code}"),
            Why::WrongLength { expected, got } => {
                write!(f, "{url}: expected {expected} bytes, got {got}")
            }
            Why::NeedsTls => write!(
                f,
                "{url}: https needs TLS, which this course's reqwest leaves out; use an http:// address"
            ),
            Why::TooBig { limit } => write!(
                f,
                "{url}: the body is longer than {limit} bytes (raise it with --max-body)"
            ),
            Why::OutOfFiles => write!(
                f,
                "{url}: too many open files: more connections at once than the open-file \
                 limit (`ulimit -n`) allows; use fewer at once (async_bounded) or raise it"
            ),
            Why::Other(message) => write!(f, "{url}: {message}"),
        }
    }
}

impl std::error::Error for Failure {}

/// The result of one download.
pub type Outcome = Result<Page, Failure>;

/// Check a finished download against what `site` expects.
pub fn check(site: &Site, status: u16, len: usize) -> Outcome {
    let failure = |why| {
        Err(Failure {
            url: site.url.clone(),
            why,
        })
    };
    if !(200..300).contains(&status) {
        return failure(Why::Status(status));
    }
    if len > site.max_len {
        return failure(Why::TooBig {
            limit: site.max_len,
        });
    }
    match site.expected_len {
        Some(expected) if expected != len => failure(Why::WrongLength { expected, got: len }),
        _ => Ok(Page {
            url: site.url.clone(),
            status,
            len,
        }),
    }
}

/// True when `error`, or one of its causes, is the OS saying "too many open files"
/// (`EMFILE`, number 24 on Linux and macOS). reqwest reports it as a failure to
/// connect, which would send a person looking for a missing server.
fn out_of_files(error: &(dyn std::error::Error + 'static)) -> bool {
    const EMFILE: i32 = 24;
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && io.raw_os_error() == Some(EMFILE)
        {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Turn a reqwest error into the reason a person can act on.
fn why(url: &str, error: &reqwest::Error) -> Why {
    if url.starts_with("https:") {
        Why::NeedsTls
    } else if out_of_files(error) {
        Why::OutOfFiles
    } else if error.is_timeout() {
        Why::TimedOut
    } else if error.is_connect() {
        Why::Unreachable
    } else if error.is_builder() {
        Why::Other("not a valid http:// address".to_string())
    } else {
        // `{:#}`-style: the error and its causes, on one line.
        let mut message = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            message = format!("{message}: {cause}");
            source = cause.source();
        }
        Why::Other(message)
    }
}

fn failed(site: &Site, error: &reqwest::Error) -> Failure {
    Failure {
        url: site.url.clone(),
        why: why(&site.url, error),
    }
}

// ANCHOR: fetch_blocking
/// Download `site` with a blocking client: the calling thread waits for the answer.
pub fn fetch_blocking(client: &reqwest::blocking::Client, site: &Site) -> Outcome {
    let response = client.get(&site.url).send().map_err(|e| failed(site, &e))?;
    let status = response.status().as_u16();
    // Count the body's bytes as they come, keeping none, and stop past the cap.
    let mut body = std::io::Read::take(response, site.max_len as u64 + 1);
    let len = std::io::copy(&mut body, &mut std::io::sink()).map_err(|e| Failure {
        url: site.url.clone(),
        why: Why::Other(format!("reading the body: {e}")),
    })?;
    check(site, status, usize::try_from(len).unwrap_or(usize::MAX))
}
// ANCHOR_END: fetch_blocking

// ANCHOR: fetch
/// Download `site` with an async client: the task waits, the thread does not.
pub async fn fetch(client: &reqwest::Client, site: &Site) -> Outcome {
    let mut response = client
        .get(&site.url)
        .send()
        .await
        .map_err(|e| failed(site, &e))?;
    let status = response.status().as_u16();
    // Count the body's bytes chunk by chunk, keeping none, and stop past the cap.
    let mut len = 0;
    while let Some(chunk) = response.chunk().await.map_err(|e| failed(site, &e))? {
        len += chunk.len();
        if len > site.max_len {
            break;
        }
    }
    check(site, status, len)
}
// ANCHOR_END: fetch

/// A blocking client with the course's timeout: Python's `requests.Session()`.
///
/// Build it outside any tokio runtime: `reqwest::blocking` runs a runtime of its own
/// and refuses to start inside another.
pub fn blocking_client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .expect("a plain HTTP client without TLS has nothing to fail on")
}

/// An async client with the course's timeout: Python's `aiohttp.ClientSession()`.
pub fn async_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .expect("a plain HTTP client without TLS has nothing to fail on")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_success_with_the_expected_length_is_a_page() {
        let site = Site::new("http://127.0.0.1:1/site/0", Some(10));
        assert_eq!(check(&site, 200, 10).unwrap().len, 10);
    }

    #[test]
    fn an_error_status_or_a_short_body_is_a_failure() {
        let site = Site::new("http://127.0.0.1:1/site/0", Some(10));
        assert_eq!(check(&site, 404, 10).unwrap_err().why, Why::Status(404));
        assert_eq!(
            check(&site, 200, 9).unwrap_err().why,
            Why::WrongLength {
                expected: 10,
                got: 9
            }
        );
    }

    #[test]
    fn a_body_past_the_cap_is_a_failure_that_names_the_cap() {
        let site = Site::new("http://127.0.0.1:1/", None).with_max_len(10);
        assert_eq!(
            check(&site, 200, 11).unwrap_err().why,
            Why::TooBig { limit: 10 }
        );
        assert!(check(&site, 200, 10).is_ok());
    }

    #[test]
    fn running_out_of_files_is_named_as_such() {
        let emfile = std::io::Error::from_raw_os_error(24);
        assert!(out_of_files(&emfile));
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert!(!out_of_files(&refused));
    }

    #[test]
    fn a_closed_port_is_reported_as_unreachable() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let site = Site::new(format!("http://{closed}/site/0"), None);
        let failure = fetch_blocking(&blocking_client(), &site).unwrap_err();
        assert_eq!(failure.why, Why::Unreachable);
        assert!(
            failure.to_string().contains("could not connect"),
            "{failure}"
        );
    }
}
