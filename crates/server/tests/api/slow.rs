//! Slow and broken clients cannot hold the server: a head that stalls is closed after the
//! head timeout, a body that stalls is a 408, an oversize body a 413, a URL or headers too
//! long a 414 or 431 (all problems with the security headers), the connection cap makes
//! clients wait, and shutdown with stalled connections ends within its deadline.

use crate::helpers::listener::{listen, read_to_close};
use crate::helpers::{spawn_with, XRW};
use axum::http::{Method, StatusCode};
use std::time::{Duration, Instant};
use storefront_api_types::Problem;
use tokio::io::AsyncWriteExt as _;

const HALF_HEAD: &[u8] = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appl";

fn problem_in(answer: &str) -> Problem {
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"))
}

#[tokio::test]
async fn a_connection_that_sends_half_its_head_is_closed_after_the_head_timeout() {
    let server = listen(|c| c.header_timeout_seconds = 1).await;
    let started = Instant::now();
    let mut half = server.send(HALF_HEAD).await;
    let mut silent = server.send(b"").await;
    let answer = read_to_close(&mut half, Duration::from_secs(5)).await;
    assert!(answer.is_some(), "the half head is still held after 5 s");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(3),
        "closed after {waited:?}"
    );
    assert!(
        read_to_close(&mut silent, Duration::from_secs(2))
            .await
            .is_some(),
        "a connection that sends nothing is held"
    );
    // The server still serves.
    let mut ok = server
        .send(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await;
    let answer = read_to_close(&mut ok, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_promised_body_never_sent_is_a_408_problem_after_the_body_timeout() {
    let server = listen(|c| c.body_timeout_seconds = 1).await;
    let started = Instant::now();
    let mut stream = server
        .send(
            b"POST /api/v1/auth/code HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/json\r\nX-Requested-With: storefront\r\n\
              Content-Length: 100\r\n\r\n{\"login\":",
        )
        .await;
    let answer = read_to_close(&mut stream, Duration::from_secs(5))
        .await
        .expect("the connection is closed after the answer");
    let waited = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(3),
        "answered after {waited:?}"
    );
    let lower = answer.to_ascii_lowercase();
    assert!(
        lower.contains("content-type: application/problem+json"),
        "{answer}"
    );
    assert!(
        lower.contains("x-content-type-options: nosniff"),
        "{answer}"
    );
    assert_eq!(problem_in(&answer).code, "request_timeout");
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_problem() {
    let app = spawn_with(1, None).await;
    let big = format!("{{\"login\":\"{}\"}}", "1".repeat(70 * 1024));
    let res = app
        .call(Method::POST, "/api/v1/auth/code")
        .headers(&[XRW])
        .json_body(&big)
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text());
    assert!(res
        .header("content-type")
        .starts_with("application/problem+json"));
    assert_eq!(res.header("x-content-type-options"), "nosniff");
    assert_eq!(res.json::<Problem>().code, "body_too_large");

    // A promised size over the limit is refused at once, before any body is sent.
    let server = listen(|_| {}).await;
    let mut stream = server
        .send(
            b"POST /api/v1/auth/code HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/json\r\nX-Requested-With: storefront\r\n\
              Content-Length: 10000000\r\n\r\n",
        )
        .await;
    let answer = read_to_close(&mut stream, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert_eq!(problem_in(&answer).code, "body_too_large");
}

#[tokio::test]
async fn a_url_or_headers_too_long_are_problems_with_the_security_headers() {
    let app = spawn_with(1, None).await;
    let long = format!("/api/v1/products?q={}", "a".repeat(17 * 1024));
    let res = app.call(Method::GET, long).await;
    assert_eq!(res.status, StatusCode::URI_TOO_LONG, "{}", res.text());
    assert_eq!(res.json::<Problem>().code, "uri_too_long");
    assert_eq!(res.header("x-content-type-options"), "nosniff");

    let big = "b".repeat(8 * 1024);
    let res = app
        .health()
        .headers(&[("x-a", &big), ("x-b", &big), ("x-c", &big), ("x-d", &big)])
        .await;
    assert_eq!(res.status.as_u16(), 431, "{}", res.text());
    assert_eq!(res.json::<Problem>().code, "headers_too_large");
    assert_eq!(res.header("x-content-type-options"), "nosniff");
    assert!(res
        .header("content-security-policy")
        .contains("default-src"));
}

#[tokio::test]
async fn at_the_connection_cap_a_new_client_waits_for_a_free_slot() {
    let server = listen(|c| c.max_connections = 2).await;
    let first = server.send(HALF_HEAD).await;
    let _second = server.send(HALF_HEAD).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = server
        .send(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await;
    assert!(
        read_to_close(&mut third, Duration::from_millis(500))
            .await
            .is_none(),
        "the third connection was served past the cap"
    );
    drop(first);
    let answer = read_to_close(&mut third, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn shutdown_with_100_stalled_connections_ends_within_the_deadline() {
    let server = listen(|c| {
        c.header_timeout_seconds = 600;
        c.body_timeout_seconds = 600;
        c.shutdown_timeout_seconds = 1;
    })
    .await;
    let mut stalled = Vec::new();
    for i in 0..100 {
        let bytes: &[u8] = if i % 2 == 0 {
            HALF_HEAD
        } else {
            b"POST /api/v1/auth/code HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        };
        stalled.push(server.send(bytes).await);
    }
    // A request in flight: its body arrives after the signal, within the deadline.
    let body = b"{\"login\":\"13800138000\"}";
    let head = format!(
        "POST /api/v1/auth/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         X-Requested-With: storefront\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut in_flight = server.send(head.as_bytes()).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let stopping = tokio::spawn(server.stop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    in_flight.write_all(body).await.unwrap();
    let answer = read_to_close(&mut in_flight, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 2"),
        "the request in flight finished: {answer}"
    );
    let stopped = stopping.await.unwrap();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "shutdown took {took:?}");
    for stream in &mut stalled {
        assert!(
            read_to_close(stream, Duration::from_millis(500))
                .await
                .is_some(),
            "a stalled connection is still open after shutdown"
        );
    }
    assert!(stopped.dropped <= 100, "{stopped:?}");
}
