//! What one request may cost: the body's size and the time it may take to arrive, the
//! length of the URL and of the headers. Each refusal is a problem (413, 408, 414, 431)
//! that goes through the security-header layer like every other answer.
//!
//! The HTTP stack (hyper) refuses some requests before they reach this layer, with a bare
//! status and no body: a head that does not parse (400), more than 100 headers or a head
//! larger than its read buffer ([`MAX_HEAD_BUFFER`]) (431), and a URL over 64 KiB (414).
//! Headers that stall are hyper's too: the connection is closed after the header timeout
//! (see [`crate::serve`]).

use crate::error::{problem_response, ApiError};
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};
use std::future::Future as _;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use storefront_api_types::ProblemCode;

/// The longest URL (path and query, in bytes) answered; longer ones are 414 `uri_too_long`.
/// Room for a query parameter well past its own limit, so that such a query is still a 400
/// naming the parameter.
pub const MAX_URI_BYTES: usize = 16 * 1024;

/// The largest request head (names, values and separators of every header, in bytes)
/// answered; larger ones are 431 `headers_too_large`.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// hyper's read buffer for a request head: heads larger than this are refused by hyper
/// itself (a bare 431), between [`MAX_HEADER_BYTES`] and this by [`guard`] (a problem).
pub const MAX_HEAD_BUFFER: usize = 64 * 1024;

/// The limits of one request, from the flags.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest body accepted, in bytes (larger: 413 `body_too_large`).
    pub max_body_bytes: usize,
    /// The time the whole body may take to arrive, from the moment the request's head was
    /// read (later: 408 `request_timeout` and the connection is closed).
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 64 * 1024,
            body_timeout: Duration::from_secs(30),
        }
    }
}

/// Middleware: refuses a URL or a head that is too long and a promised body over the
/// limit, and gives the body its deadline.
pub async fn guard(State(limits): State<Limits>, req: Request, next: Next) -> Response {
    let uri_len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if uri_len > MAX_URI_BYTES {
        return refuse(
            ProblemCode::UriTooLong,
            format!("the URL is longer than {MAX_URI_BYTES} bytes"),
        );
    }
    let head_len: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if head_len > MAX_HEADER_BYTES {
        return refuse(
            ProblemCode::HeadersTooLarge,
            format!("the headers are larger than {MAX_HEADER_BYTES} bytes"),
        );
    }
    let promised = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if promised.is_some_and(|n| n > limits.max_body_bytes as u64) {
        // Refused before a byte of it is read (the extractor would wait for the bytes).
        return refuse(
            ProblemCode::BodyTooLarge,
            "the body is larger than the server accepts".to_owned(),
        );
    }
    let req = if req.body().is_end_stream() {
        req
    } else {
        req.map(|body| Body::new(DeadlineBody::new(body, limits.body_timeout)))
    };
    next.run(req).await
}

/// A refusal that also closes the connection (the rest of the request is not read).
pub fn refuse(code: ProblemCode, detail: String) -> Response {
    let err = ApiError::Coded {
        code,
        detail,
        errors: Vec::new(),
    };
    let mut res = problem_response(&err.to_problem());
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}

/// The error a [`DeadlineBody`] fails with when its time is up.
#[derive(Debug)]
pub struct BodyTimedOut;

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the body did not arrive in time")
    }
}

impl std::error::Error for BodyTimedOut {}

/// Whether an error (or one of its sources) is a [`BodyTimedOut`].
pub fn is_body_timeout(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(err);
    while let Some(e) = next {
        if e.is::<BodyTimedOut>() {
            return true;
        }
        next = e.source();
    }
    false
}

/// A request body that fails with [`BodyTimedOut`] once its deadline has passed (the
/// whole body, not each chunk: a client sending a byte a second is cut off too).
pub struct DeadlineBody {
    inner: Body,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl DeadlineBody {
    /// `inner`, which must have arrived within `timeout` from now.
    pub fn new(inner: Body, timeout: Duration) -> Self {
        DeadlineBody {
            inner,
            deadline: Box::pin(tokio::time::sleep(timeout)),
        }
    }
}

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(axum::Error::new(BodyTimedOut)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt as _;

    /// A body whose bytes never come.
    struct Stalled;

    impl HttpBody for Stalled {
        type Data = Bytes;
        type Error = axum::Error;

        fn poll_frame(
            self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
            Poll::Pending
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_stalls_fails_with_a_timeout_error() {
        let body = DeadlineBody::new(Body::new(Stalled), Duration::from_secs(5));
        let err = body.collect().await.err().map(axum::Error::into_inner);
        assert_eq!(err.as_deref().map(|e| is_body_timeout(e)), Some(true));
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_in_time_is_passed_through() {
        let body = DeadlineBody::new(Body::from("hello"), Duration::from_secs(5));
        let bytes = body.collect().await.map(|c| c.to_bytes()).ok();
        assert_eq!(bytes.as_deref(), Some(&b"hello"[..]));
    }
}
