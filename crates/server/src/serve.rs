//! Serving the app on a TCP listener so that slow or broken clients cannot hold it: a
//! timeout for each request's head, a cap on open connections, and a graceful shutdown
//! with a deadline. (The body's own deadline and size are [`crate::http::limits`].)
//!
//! - **Head timeout.** A connection must send a request's head (request line and headers)
//!   within `header_timeout`, counted from the connection's start or from the end of its
//!   previous answer; otherwise hyper closes it. A connection that sends nothing, or only
//!   part of HTTP/2's preface, is closed after the same time. (HTTP/2 over cleartext is
//!   served as before: its connections get keep-alive pings, and idle ones close at
//!   shutdown; the head timeout is an HTTP/1 rule.)
//! - **Connection cap.** At most `max_connections` are served at once. Further clients
//!   **wait**: the server stops accepting until a connection closes, so they queue in the
//!   kernel's listen backlog (and past that, the kernel refuses them). Waiting rather than
//!   refusing, because every slot frees itself within the head and body timeouts, so a
//!   burst of real shoppers is served a moment later instead of failing, and an attacker
//!   gains nothing by holding slots: each is closed within those timeouts.
//! - **Shutdown.** When `shutdown` completes the listener closes, idle connections close,
//!   requests in flight finish their answer and then close; whatever is still open after
//!   `shutdown_timeout` (stalled clients) is dropped, and [`serve`] returns.

use axum::extract::ConnectInfo;

use crate::http::client::{client_of, ClientAddr};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower::ServiceExt as _;

use crate::http::limits::MAX_HEAD_BUFFER;

/// How connections are served.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Time to send a request's head (and the longest a kept-alive connection may idle).
    pub header_timeout: Duration,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// Time that requests in flight get to finish after the shutdown signal.
    pub shutdown_timeout: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client ([`client_of`]).
    pub trusted_proxies: Arc<[ipnet::IpNet]>,
}

/// How a [`serve`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Connections still open at the shutdown deadline, dropped.
    pub dropped: usize,
}

/// Serves `router` on `listener` until `shutdown` completes, then shuts down within
/// `options.shutdown_timeout`. Handlers see the peer as `ConnectInfo<SocketAddr>` and the
/// client (behind the trusted proxies) as [`ClientAddr`].
pub async fn serve(
    listener: TcpListener,
    router: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout)
        .max_buf_size(MAX_HEAD_BUFFER);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(options.header_timeout)
        .keep_alive_timeout(options.header_timeout);
    let slots = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        // A free slot first: at the cap, clients wait in the listen backlog.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        let Ok(slot) = slot else { break };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let trusted = options.trusted_proxies.clone();
        let service = router
            .clone()
            .map_request(move |mut req: axum::http::Request<Incoming>| {
                let client = client_of(remote.ip(), req.headers(), &trusted);
                req.extensions_mut().insert(ConnectInfo(remote));
                req.extensions_mut().insert(ClientAddr(client));
                req
            });
        let builder = builder.clone();
        let watcher = graceful.watcher();
        let header_timeout = options.header_timeout;
        connections.spawn(async move {
            let _slot = slot;
            // hyper's head timeout starts once it knows the protocol, which it learns from
            // the first bytes: a client that sends none is closed here.
            if tokio::time::timeout(header_timeout, first_bytes(&stream))
                .await
                .is_err()
            {
                return;
            }
            let conn = builder
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .into_owned();
            if let Err(e) = watcher.watch(conn).await {
                tracing::debug!(error = %e, %remote, "connection ended with an error");
            }
        });
    }
    drop(listener);
    let open = connections.len();
    tracing::info!(
        open,
        "shutting down: no new connections, requests in flight finish"
    );
    let finished = tokio::time::timeout(options.shutdown_timeout, graceful.shutdown())
        .await
        .is_ok();
    while connections.try_join_next().is_some() {}
    let dropped = if finished { 0 } else { connections.len() };
    if dropped > 0 {
        tracing::warn!(
            dropped,
            "shutdown deadline reached: dropping the connections still open"
        );
    }
    connections.shutdown().await;
    Stopped { dropped }
}

/// Waits until the client has sent enough to tell HTTP/1 from HTTP/2's preface (the first
/// byte of HTTP/1, or all 24 bytes of the preface), or has closed.
async fn first_bytes(stream: &TcpStream) {
    const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    let mut buf = [0u8; 24];
    loop {
        let Ok(n) = stream.peek(&mut buf).await else {
            return;
        };
        if n == 0 || n >= H2_PREFACE.len() || buf[..n] != H2_PREFACE[..n] {
            return;
        }
        // Part of the preface: peeking again would answer at once, so wait a little.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
