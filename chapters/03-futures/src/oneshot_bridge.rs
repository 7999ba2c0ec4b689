//! The same bridge with `futures::channel::oneshot`, and errors as values.
//!
//! [`completion`](crate::completion) is a one-value channel in all but name: one
//! side sends a value once, the other side awaits it. The `futures` crate has one
//! ready-made, `oneshot::channel()`, and it does one thing ours does not: when the
//! [`Sender`](oneshot::Sender) is dropped without sending, the receiver wakes up with
//! `Err(Canceled)` instead of waiting forever. A Python future whose callback is
//! lost is simply never set, and `await fut` hangs.
//!
//! Python's future holds "a result that may be an exception": `fut.set_exception(e)`
//! makes `await fut` raise. Rust has no exceptions to carry, so the value itself says
//! it: the future's output is a `Result`, and `?` passes the error on as `raise`
//! would.

use std::fmt;

use futures::channel::oneshot;

use crate::callback_api::{LegacyClient, LegacyError};

// ANCHOR: error
/// Why a fetch gave no page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The client called back with an error: `fut.set_exception(e)`.
    Legacy(LegacyError),
    /// The client dropped the callback without calling it.
    NoAnswer,
}

impl From<LegacyError> for FetchError {
    fn from(error: LegacyError) -> Self {
        FetchError::Legacy(error)
    }
}
// ANCHOR_END: error

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Legacy(error) => write!(f, "the client failed: {error}"),
            FetchError::NoAnswer => write!(f, "the client dropped the callback unanswered"),
        }
    }
}

impl std::error::Error for FetchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FetchError::Legacy(error) => Some(error),
            FetchError::NoAnswer => None,
        }
    }
}

// ANCHOR: get
/// `client.get` as an `async fn`, bridged with a oneshot channel.
pub async fn get(client: &LegacyClient, url: &str) -> Result<String, FetchError> {
    let (sender, receiver) = oneshot::channel();
    client.get(url, move |result| {
        // If the awaiting side has given up (its future was dropped), nobody wants
        // the page any more, and the failed send is not an error.
        let _ = sender.send(result);
    });
    // Two layers: did the callback answer at all, and was its answer a page?
    let answer = receiver
        .await
        .map_err(|oneshot::Canceled| FetchError::NoAnswer)?;
    Ok(answer?)
}
// ANCHOR_END: get

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn client() -> LegacyClient {
        LegacyClient::new(Duration::from_millis(5))
    }

    #[tokio::test]
    async fn the_page_arrives_through_the_oneshot() {
        assert_eq!(
            get(&client(), "http://example.com").await,
            Ok("<h1>http://example.com</h1>".to_string())
        );
    }

    #[tokio::test]
    async fn an_error_from_the_callback_is_the_futures_result() {
        assert_eq!(
            get(&client(), "mailto:someone").await,
            Err(FetchError::Legacy(LegacyError::BadUrl(
                "mailto:someone".into()
            )))
        );
    }

    #[tokio::test]
    async fn a_dropped_callback_ends_the_wait_with_no_answer_instead_of_hanging() {
        let client = client();
        client.close();
        assert_eq!(
            get(&client, "http://example.com").await,
            Err(FetchError::NoAnswer)
        );
    }

    #[test]
    fn the_bridge_runs_on_the_hand_made_block_on_too() {
        let counted = crate::waker::block_on(get(&client(), "http://x"));
        assert_eq!(counted.output, Ok("<h1>http://x</h1>".to_string()));
    }
}
