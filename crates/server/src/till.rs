//! The till simulator: `storefront-server till [--url http://127.0.0.1:8080] --store <id>
//! --key <staff key> --receipt <no> --amount <yuan> <token>` sends a scanned member token to
//! `POST /api/v1/pos/loyalty/earn` (or, with `--redeem`, a coupon token to
//! `POST /api/v1/pos/coupons/redeem`, or with `--check` to `POST /api/v1/pos/loyalty/verify`)
//! and prints the answer, so a person can try the whole loop by hand. Plain HTTP/1.1 over TCP
//! (loopback or a LAN till).

use clap::Parser;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// Arguments of `storefront-server till`.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "storefront-server till",
    about = "Till simulator: send a scanned QR token to the POS API"
)]
pub struct TillArgs {
    /// Base URL of the server (http only).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// Store id of the till.
    #[arg(long, default_value = "s_sh_jingan")]
    pub store: String,
    /// The store's staff API key (demo: `demo-<store id>`).
    #[arg(long)]
    pub key: Option<String>,
    /// Receipt number.
    #[arg(long, default_value = "R1")]
    pub receipt: String,
    /// Amount paid in yuan, e.g. `199.00`.
    #[arg(long, default_value = "100.00")]
    pub amount: String,
    /// Redeem a coupon token instead of earning points.
    #[arg(long)]
    pub redeem: bool,
    /// Only check the member token (nothing is used up).
    #[arg(long, conflicts_with = "redeem")]
    pub check: bool,
    /// The scanned token.
    pub token: String,
}

/// Yuan text (`199`, `199.5`, `199.00`) to fen.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let s = s.trim().trim_start_matches('¥');
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let w: i64 = whole.parse().ok()?;
    let f: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    w.checked_mul(100)?.checked_add(f)
}

/// Runs the simulator; the exit code is 0 on a 2xx answer.
pub async fn run(args: TillArgs) -> Result<bool, String> {
    let key = args
        .key
        .clone()
        .unwrap_or_else(|| format!("demo-{}", args.store));
    let (path, body) = if args.redeem {
        (
            "/api/v1/pos/coupons/redeem",
            serde_json::json!({"coupon_token": args.token, "store_id": args.store, "receipt_no": args.receipt}),
        )
    } else if args.check {
        (
            "/api/v1/pos/loyalty/verify",
            serde_json::json!({"token": args.token, "store_id": args.store}),
        )
    } else {
        let amount = parse_yuan(&args.amount).ok_or_else(|| {
            format!(
                "--amount: expected yuan such as 199.00, got {:?}",
                args.amount
            )
        })?;
        (
            "/api/v1/pos/loyalty/earn",
            serde_json::json!({"scan_token": args.token, "store_id": args.store, "receipt_no": args.receipt,
                "amount": {"amount_minor": amount, "currency": "CNY"}}),
        )
    };
    let rest = args
        .url
        .trim_end_matches('/')
        .strip_prefix("http://")
        .ok_or("--url: only http:// URLs")?;
    let (host, prefix) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let target = if prefix.is_empty() {
        path.to_owned()
    } else {
        format!("/{prefix}{path}")
    };
    let body = body.to_string();
    let idem = format!(
        "till-{}-{}-{}",
        args.store,
        args.receipt,
        &args.token.chars().take(16).collect::<String>()
    );
    let request = format!(
        "POST {target} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\nIdempotency-Key: {idem}\r\n\
         Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let addr = if host.contains(':') {
        host.to_owned()
    } else {
        format!("{host}:80")
    };
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .map_err(|e| format!("connect {addr}: {e}"))?;
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .await
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status_line = head.lines().next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase().starts_with("transfer-encoding:")
            && l.to_ascii_lowercase().contains("chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    let pretty = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or(body);
    println!("{status_line}\n{pretty}");
    Ok((200..300).contains(&status))
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_amounts() {
        assert_eq!(parse_yuan("199.00"), Some(19_900));
        assert_eq!(parse_yuan("199"), Some(19_900));
        assert_eq!(parse_yuan("0.5"), Some(50));
        assert_eq!(parse_yuan("¥12.34"), Some(1_234));
        for bad in ["", "1.234", "-1", "1,00", "abc", "."] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
        assert_eq!(dechunk("5\r\nhello\r\n0\r\n\r\n"), "hello");
    }
}
