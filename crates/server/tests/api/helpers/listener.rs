//! The real listener (`storefront_server::serve`) on a free port of 127.0.0.1, for tests
//! that need real connections: slow clients, the connection cap, shutdown.

use std::net::SocketAddr;
use std::time::Duration;
use storefront_server::serve::{serve, Stopped};
use storefront_server::{app, Config};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A server listening on `addr`, stopped by [`Listening::stop`].
pub struct Listening {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    served: JoinHandle<Stopped>,
    _dir: TempDir,
}

/// Starts the app (one product, demo mode) with `configure`'s flags on 127.0.0.1:0.
pub async fn listen(configure: impl FnOnce(&mut Config)) -> Listening {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let mut config = Config::new(
        format!("sqlite://{}", db.display()),
        dir.path().join("no-dist"),
    );
    config.products = 1;
    // Demo mode, like `make run` (the sign-in requests here need its log sender).
    config.demo = true;
    configure(&mut config);
    let router = app(&config).await.expect("app starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let options = config.serve_options();
    let served = tokio::spawn(serve(listener, router, options, async move {
        let _ = stopped.await;
    }));
    Listening {
        addr,
        stop: Some(stop),
        served,
        _dir: dir,
    }
}

impl Listening {
    /// A new connection that has sent `bytes`.
    pub async fn send(&self, bytes: &[u8]) -> TcpStream {
        let mut stream = TcpStream::connect(self.addr).await.unwrap();
        stream.write_all(bytes).await.unwrap();
        stream
    }

    /// Signals shutdown (as SIGTERM does) and waits for `serve` to return.
    pub async fn stop(mut self) -> Stopped {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.served).await.unwrap()
    }
}

/// What the server sent until it closed the connection (or `limit` passed: then `None`).
pub async fn read_to_close(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(limit, read).await.ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}
