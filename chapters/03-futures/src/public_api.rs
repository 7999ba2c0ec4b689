//! Why a library hands out `async fn`s, not future types of its own.
//!
//! Python's rule of thumb: "never expose Future objects in user-facing APIs". A
//! user-facing function should be a coroutine (`async def`); the Future it may build
//! inside is an implementation detail, which is what lets an event loop swap in a
//! faster Future of its own.
//!
//! Rust has the same rule for the same reason. An `async fn` returns a future whose
//! type has no name: callers can only `.await` it (or pass it on), so its inside can
//! change freely. Below, one retrying fetch is written twice:
//!
//! - [`fetch`], an `async fn`: a loop with an `.await` in it, ten lines;
//! - [`RetryingGet`], a public future type: a struct whose fields are part of the API,
//!   and a hand-written `poll` with a trap in it (see the comment there). Adding a
//!   step, a log line or a backoff sleep means rewriting it as a state machine
//!   (chapter 2), and changing its fields or its `Unpin`-ness breaks callers.
//!
//! Both work. Only one is pleasant to write, read and change.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::callback_api::{LegacyClient, LegacyError};
use crate::completion::{self, Completion};
use crate::oneshot_bridge::{self, FetchError};

// ANCHOR: async_fn
/// Fetch `url`, trying up to `attempts` times while the server is unavailable.
pub async fn fetch(client: &LegacyClient, url: &str, attempts: u32) -> Result<String, FetchError> {
    let mut attempt = 1;
    loop {
        match oneshot_bridge::get(client, url).await {
            Err(FetchError::Legacy(LegacyError::Unavailable(_))) if attempt < attempts => {
                attempt += 1;
            }
            outcome => return outcome,
        }
    }
}
// ANCHOR_END: async_fn

// ANCHOR: hand_made
/// The same fetch as a public future type.
pub struct RetryingGet {
    client: LegacyClient,
    url: String,
    attempts_left: u32,
    current: Completion<Result<String, LegacyError>>,
}

impl RetryingGet {
    pub fn new(client: &LegacyClient, url: &str, attempts: u32) -> Self {
        RetryingGet {
            client: client.clone(),
            url: url.to_string(),
            attempts_left: attempts.max(1),
            current: completion::get(client, url),
        }
    }
}

impl Future for RetryingGet {
    type Output = Result<String, LegacyError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Every field is `Unpin`, so the struct is too and we may take `&mut` to it.
        let this = self.get_mut();
        loop {
            match Pin::new(&mut this.current).poll(cx) {
                Poll::Ready(Err(LegacyError::Unavailable(_))) if this.attempts_left > 1 => {
                    this.attempts_left -= 1;
                    this.current = completion::get(&this.client, &this.url);
                    // The trap: we must poll the new request before returning
                    // `Pending`, so that it holds our waker. Return `Pending` here
                    // instead and nothing will ever wake this future again.
                }
                outcome => return outcome,
            }
        }
    }
}
// ANCHOR_END: hand_made

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn flaky(failures: u32) -> LegacyClient {
        LegacyClient::new(Duration::from_millis(2)).failing_first(failures)
    }

    #[tokio::test]
    async fn the_async_fn_retries_until_the_server_answers() {
        let page = fetch(&flaky(2), "http://flaky", 3).await;
        assert_eq!(page, Ok("<h1>http://flaky</h1>".to_string()));
    }

    #[tokio::test]
    async fn the_async_fn_gives_up_after_its_attempts() {
        let page = fetch(&flaky(3), "http://flaky", 3).await;
        assert_eq!(
            page,
            Err(FetchError::Legacy(LegacyError::Unavailable(
                "http://flaky".into()
            )))
        );
    }

    #[tokio::test]
    async fn the_async_fn_does_not_retry_a_bad_url() {
        let client = LegacyClient::new(Duration::ZERO);
        let page = fetch(&client, "nope", 3).await;
        assert_eq!(
            page,
            Err(FetchError::Legacy(LegacyError::BadUrl("nope".into())))
        );
    }

    #[tokio::test]
    async fn the_hand_made_future_does_the_same_as_the_async_fn() {
        let by_hand = RetryingGet::new(&flaky(2), "http://flaky", 3).await;
        let by_async_fn = fetch(&flaky(2), "http://flaky", 3).await;
        assert_eq!(by_hand.map_err(FetchError::from), by_async_fn);
        let by_hand = RetryingGet::new(&flaky(3), "http://flaky", 3).await;
        let by_async_fn = fetch(&flaky(3), "http://flaky", 3).await;
        assert_eq!(by_hand.map_err(FetchError::from), by_async_fn);
    }

    #[test]
    fn the_async_fns_future_is_send_so_it_can_be_spawned() {
        fn assert_send<T: Send>(_: &T) {}
        let client = flaky(0);
        assert_send(&fetch(&client, "http://a", 1));
    }
}
