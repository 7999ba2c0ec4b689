//! The callback-based code that futures bridge to `async`/`await`.
//!
//! Before `async`, a library that did slow work (a download, a query) took a
//! callback, returned at once, and called the callback when the work was done, often
//! from a thread of its own. [`LegacyClient`] is such a library: `get` returns at
//! once, and a worker thread calls `on_done` later with the page or an error. It
//! knows nothing of futures. The next modules wrap it in one, which is what Python's
//! notes mean by "Future objects are used to bridge low-level callback-based code
//! with high-level async/await code".

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

/// What can go wrong with a request: the callback gets one of these instead of a
/// page, as a Python callback would get an exception object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyError {
    /// The URL is not one this client can fetch: it must start with `http://`.
    BadUrl(String),
    /// The server did not answer this time; trying again may work.
    Unavailable(String),
}

impl fmt::Display for LegacyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LegacyError::BadUrl(url) => write!(f, "`{url}` is not an http:// URL"),
            LegacyError::Unavailable(url) => write!(f, "{url} is unavailable, try again"),
        }
    }
}

impl std::error::Error for LegacyError {}

// ANCHOR: client
/// A callback-style client. Cloning it is cheap and the clones share its state.
#[derive(Debug, Clone)]
pub struct LegacyClient {
    latency: Duration,
    failures_left: Arc<AtomicU32>,
    closed: Arc<AtomicBool>,
}

impl LegacyClient {
    /// A client whose every request takes `latency` on a worker thread.
    pub fn new(latency: Duration) -> Self {
        LegacyClient {
            latency,
            failures_left: Arc::default(),
            closed: Arc::default(),
        }
    }

    /// The same client, but its next `failures` requests fail with
    /// [`LegacyError::Unavailable`], as a flaky server's would.
    pub fn failing_first(self, failures: u32) -> Self {
        self.failures_left.store(failures, Ordering::SeqCst);
        self
    }

    /// Start fetching `url` and return at once; `on_done` is called later, on a
    /// worker thread, with the page or the error.
    ///
    /// Like many callback libraries, a closed client drops the callbacks it is given
    /// without ever calling them.
    pub fn get<F>(&self, url: &str, on_done: F)
    where
        F: FnOnce(Result<String, LegacyError>) + Send + 'static,
    {
        if self.closed.load(Ordering::SeqCst) {
            return; // `on_done` is dropped here, never called.
        }
        let url = url.to_string();
        let latency = self.latency;
        let failures_left = Arc::clone(&self.failures_left);
        thread::spawn(move || {
            thread::sleep(latency);
            let result = if !url.starts_with("http://") {
                Err(LegacyError::BadUrl(url))
            } else if failures_left
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                Err(LegacyError::Unavailable(url))
            } else {
                Ok(format!("<h1>{url}</h1>"))
            };
            on_done(result);
        });
    }

    /// Close the client: from now on it forgets the callbacks it is given.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }
}
// ANCHOR_END: client

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn get(client: &LegacyClient, url: &str) -> Result<String, LegacyError> {
        let (done, answer) = mpsc::channel();
        client.get(url, move |result| done.send(result).unwrap());
        answer.recv().unwrap()
    }

    #[test]
    fn the_callback_gets_the_page() {
        let client = LegacyClient::new(Duration::ZERO);
        assert_eq!(
            get(&client, "http://example.com"),
            Ok("<h1>http://example.com</h1>".to_string())
        );
    }

    #[test]
    fn the_callback_gets_an_error_for_a_bad_url() {
        let client = LegacyClient::new(Duration::ZERO);
        assert_eq!(
            get(&client, "ftp://x"),
            Err(LegacyError::BadUrl("ftp://x".into()))
        );
    }

    #[test]
    fn a_flaky_client_fails_the_first_requests_then_answers() {
        let client = LegacyClient::new(Duration::ZERO).failing_first(2);
        let url = "http://flaky";
        assert!(matches!(
            get(&client, url),
            Err(LegacyError::Unavailable(_))
        ));
        assert!(matches!(
            get(&client, url),
            Err(LegacyError::Unavailable(_))
        ));
        assert!(get(&client, url).is_ok());
    }

    #[test]
    fn a_closed_client_drops_the_callback_without_calling_it() {
        let client = LegacyClient::new(Duration::ZERO);
        client.close();
        let (done, answer) = mpsc::channel::<Result<String, LegacyError>>();
        client.get("http://example.com", move |result| {
            let _ = done.send(result);
        });
        assert_eq!(
            answer.recv(),
            Err(mpsc::RecvError),
            "the callback, and the sender it owned, were dropped unused"
        );
    }
}
