//! Fake peers the server talks to, on 127.0.0.1:0: an SMS gateway's webhook (HTTP) and an
//! SMTP server, each recording what it was sent.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One request a webhook received: its head (lowercased header lines) and body.
#[derive(Debug, Clone)]
pub struct Received {
    pub head: String,
    pub body: serde_json::Value,
}

/// A small HTTP server on 127.0.0.1:0 that records each request and answers `status`.
pub async fn webhook(status: u16) -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    let n = conn.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf).to_string();
                    let Some(end) = text.find("\r\n\r\n") else {
                        continue;
                    };
                    let head = text[..end].to_ascii_lowercase();
                    let len: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .map(|v| v.trim().parse().unwrap())
                        .unwrap_or(0);
                    if buf.len() < end + 4 + len {
                        continue;
                    }
                    let body = serde_json::from_slice(&buf[end + 4..end + 4 + len]).unwrap();
                    log.lock().unwrap().push(Received { head, body });
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{{}}"
                    );
                    let _ = conn.write_all(reply.as_bytes()).await;
                    return;
                }
            });
        }
    });
    (format!("http://{addr}/sms"), seen)
}

/// A tiny SMTP server on 127.0.0.1:0 that accepts one message per connection and keeps
/// each conversation's transcript (what the client said).
pub async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let (read, mut write) = conn.into_split();
                let mut lines = tokio::io::BufReader::new(read);
                let mut said = String::new();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                loop {
                    let mut line = String::new();
                    use tokio::io::AsyncBufReadExt as _;
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        break;
                    }
                    said.push_str(&line);
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if in_data {
                        if line == ".\r\n" {
                            in_data = false;
                            b"250 queued\r\n"
                        } else {
                            continue;
                        }
                    } else if upper.starts_with("EHLO") {
                        b"250-fake\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go on\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
                log.lock().unwrap().push(said);
            });
        }
    });
    (port, seen)
}
