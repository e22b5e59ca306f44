//! Command-line flags, each with an environment variable.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The storefront's reference backend: REST API, generated media and the built SPA.
#[derive(Debug, Clone, Parser)]
#[command(name = "storefront-server", version, about)]
pub struct Config {
    /// Address and port to serve on.
    #[arg(long, env = "STOREFRONT_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// SQLite database URL; the file (and its directory) is created, migrated and seeded when absent.
    #[arg(
        long,
        env = "STOREFRONT_DATABASE_URL",
        default_value = "sqlite://data/storefront.db"
    )]
    pub database_url: String,

    /// Directory of the built SPA (Trunk's `dist/`).
    #[arg(long, env = "STOREFRONT_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Leave a new, empty database empty instead of seeding the demo brand.
    #[arg(long, env = "STOREFRONT_NO_SEED")]
    pub no_seed: bool,

    /// Number of products to generate when seeding.
    #[arg(long, env = "STOREFRONT_PRODUCTS", default_value_t = 360, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub products: u32,

    /// API base URL the SPA calls, written into index.html's `<meta name="storefront-api-base">`.
    #[arg(long, env = "STOREFRONT_PUBLIC_API_BASE", default_value = "/api")]
    pub public_api_base: String,

    /// Origins of the app served elsewhere that may call the API from the browser, with the
    /// shopper's cookies: comma-separated, exact (`https://shop.brand.cn`,
    /// `http://127.0.0.1:8081`) or with one leading wildcard label (`https://*.brand.cn`).
    /// None by default (the app is served by this server). An entry that is not an origin
    /// stops the server at start, naming it.
    #[arg(long, env = "STOREFRONT_CORS_ALLOWED_ORIGINS", default_value = "", value_parser = crate::cors::parse_allowed_origins)]
    pub cors_allowed_origins: crate::cors::AllowedOrigins,

    /// How long a reservation is held after it is ready, in hours (then it expires and the
    /// stock is released).
    #[arg(long, env = "STOREFRONT_HOLD_HOURS", default_value_t = 48, value_parser = clap::value_parser!(u32).range(1..=720))]
    pub hold_hours: u32,

    /// Secret for signing the member and coupon QR tokens. Without it a random key is
    /// created on first start and kept in the database, so tokens on phones survive restarts.
    #[arg(long, env = "STOREFRONT_TOKEN_KEY", hide_env_values = true)]
    pub token_key: Option<String>,

    /// Seconds each QR token is shown; also the clock tolerance (one step).
    #[arg(long, env = "STOREFRONT_TOKEN_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u32).range(10..=600))]
    pub token_seconds: u32,

    /// Demo mode (never expose it): the well-known staff keys `demo-<store id>` and the demo
    /// members are written, sign-in codes are logged and `GET /api/v1/demo/last-code?login=`
    /// returns them, the app shows a "Demo mode" note. Without it (production mode) there is
    /// no credential and no person until you make them (`storefront-server keys create`).
    #[arg(long, env = "STOREFRONT_DEMO")]
    pub demo: bool,

    /// Demo mode only: where to serve the demo partner page, a fictional magazine that
    /// embeds the `autumn-edit` campaign from another origin (default `127.0.0.1:8090`
    /// with `--demo`; `off` disables it). Never served in production mode.
    #[arg(long, env = "STOREFRONT_DEMO_PARTNER_LISTEN", value_parser = parse_partner_listen)]
    pub demo_partner_listen: Option<PartnerListen>,

    /// SMTP server for sign-in codes to email logins, e.g. `smtps://user:pass@host:465`
    /// (implicit TLS) or `smtp://user:pass@host:587?tls=required` (STARTTLS).
    #[arg(long, env = "STOREFRONT_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender address of the code emails, e.g. `Youpin Living <no-reply@example.com>`.
    #[arg(long, env = "STOREFRONT_SMTP_FROM")]
    pub smtp_from: Option<String>,

    /// SMS gateway webhook for sign-in codes: `POST {"login","code","expires_at"}` as JSON
    /// (mobile logins, and email logins when there is no SMTP server).
    #[arg(long, env = "STOREFRONT_CODE_WEBHOOK_URL")]
    pub code_webhook_url: Option<String>,

    /// Bearer secret sent to the webhook (`Authorization: Bearer <secret>`).
    #[arg(long, env = "STOREFRONT_CODE_WEBHOOK_SECRET", hide_env_values = true)]
    pub code_webhook_secret: Option<String>,

    /// Sign-in codes sent per client address per hour, a sliding window kept in the database
    /// (verifications: twice this).
    #[arg(long, env = "STOREFRONT_AUTH_IP_LIMIT", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub auth_ip_limit: u32,

    /// Wrong sign-in code guesses per login per day (a sliding 24 h), across all clients;
    /// then codes and verifications for that login are refused (429) until the window
    /// slides. One client address alone gets half of them.
    #[arg(long, env = "STOREFRONT_AUTH_LOGIN_GUESSES", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1_000))]
    pub auth_login_guesses: u32,

    /// Seconds a client has to send a request's head (the request line and headers), also
    /// the longest a kept-alive connection may sit idle; then the connection is closed.
    #[arg(long, env = "STOREFRONT_HEADER_TIMEOUT_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub header_timeout_seconds: u32,

    /// Seconds a client has to send a request's whole body, from the end of its head; then
    /// the answer is 408 `request_timeout` and the connection is closed.
    #[arg(long, env = "STOREFRONT_BODY_TIMEOUT_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub body_timeout_seconds: u32,

    /// Largest request body accepted, in bytes; larger is 413 `body_too_large`.
    #[arg(long, env = "STOREFRONT_MAX_BODY_BYTES", default_value_t = 64 * 1024, value_parser = clap::value_parser!(u32).range(1024..=64 * 1024 * 1024))]
    pub max_body_bytes: u32,

    /// Open connections served at once; further clients wait in the listen queue until a
    /// connection closes.
    #[arg(long, env = "STOREFRONT_MAX_CONNECTIONS", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,

    /// Seconds that in-flight requests get to finish after SIGTERM/SIGINT; then the
    /// connections still open are dropped and the process exits.
    #[arg(long, env = "STOREFRONT_SHUTDOWN_TIMEOUT_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u32).range(0..=3600))]
    pub shutdown_timeout_seconds: u32,

    /// Reverse proxies in front of the server, comma-separated addresses or CIDR ranges
    /// (`10.0.0.0/8,127.0.0.1`). From one of them, the client is the rightmost address of
    /// `X-Forwarded-For` that is not a proxy; from anyone else the header is ignored. Without
    /// it (the default) the client is the TCP peer: behind a proxy, set it, or every shopper
    /// shares the proxy's sign-in limits.
    #[arg(long, env = "STOREFRONT_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_net)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Days an event is kept from when the server received it; a job deletes older ones at
    /// start and every hour.
    #[arg(long, env = "STOREFRONT_EVENT_RETENTION_DAYS", default_value_t = storefront_api_types::EVENT_RETENTION_DAYS_DEFAULT, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub event_retention_days: u32,

    /// Seconds between runs of the recommendations job (the first at start), which counts
    /// the events stored since its last run.
    #[arg(long, env = "STOREFRONT_RECOMMEND_EVERY_SECONDS", default_value_t = crate::recommend::job::EVERY_SECONDS_DEFAULT, value_parser = clap::value_parser!(u32).range(10..=86_400))]
    pub recommend_every_seconds: u32,
}

/// `--demo-partner-listen`: an address, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerListen {
    /// Serve the partner page here.
    At(SocketAddr),
    /// Do not serve it.
    Off,
}

fn parse_partner_listen(s: &str) -> Result<PartnerListen, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("off") {
        return Ok(PartnerListen::Off);
    }
    s.parse()
        .map(PartnerListen::At)
        .map_err(|_| format!("expected an address such as 127.0.0.1:8090, or off; got {s:?}"))
}

/// An address (a network of one) or a CIDR range.
fn parse_net(s: &str) -> Result<ipnet::IpNet, String> {
    let s = s.trim();
    s.parse::<ipnet::IpNet>()
        .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| {
            format!("expected an IP address or a CIDR range such as 10.0.0.0/8, got {s:?}")
        })
}

impl Config {
    /// How the listener serves connections: timeouts, the connection cap, the shutdown
    /// deadline.
    pub fn serve_options(&self) -> crate::serve::ServeOptions {
        let secs = |s: u32| std::time::Duration::from_secs(s.into());
        crate::serve::ServeOptions {
            header_timeout: secs(self.header_timeout_seconds),
            max_connections: self.max_connections as usize,
            shutdown_timeout: secs(self.shutdown_timeout_seconds),
            trusted_proxies: self.trusted_proxies.clone().into(),
        }
    }

    /// Where the demo partner page is served: only in demo mode, `127.0.0.1:8090` unless
    /// `--demo-partner-listen` says otherwise (or `off`).
    pub fn partner_listen(&self) -> Option<SocketAddr> {
        if !self.demo {
            return None;
        }
        match self.demo_partner_listen {
            None => Some(SocketAddr::from(([127, 0, 0, 1], 8090))),
            Some(PartnerListen::At(addr)) => Some(addr),
            Some(PartnerListen::Off) => None,
        }
    }

    /// Defaults with the given database URL and SPA directory (handy for tests).
    pub fn new(database_url: impl Into<String>, dist: impl Into<PathBuf>) -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: database_url.into(),
            dist: dist.into(),
            no_seed: false,
            products: 360,
            public_api_base: "/api".to_owned(),
            cors_allowed_origins: crate::cors::AllowedOrigins::default(),
            hold_hours: 48,
            token_key: None,
            token_seconds: 60,
            demo: false,
            demo_partner_listen: None,
            smtp_url: None,
            smtp_from: None,
            code_webhook_url: None,
            code_webhook_secret: None,
            auth_ip_limit: 30,
            auth_login_guesses: crate::sign_in_limits::DEFAULT_LOGIN_GUESSES,
            header_timeout_seconds: 10,
            body_timeout_seconds: 30,
            max_body_bytes: 64 * 1024,
            max_connections: 1024,
            shutdown_timeout_seconds: 10,
            trusted_proxies: Vec::new(),
            event_retention_days: storefront_api_types::EVENT_RETENTION_DAYS_DEFAULT,
            recommend_every_seconds: crate::recommend::job::EVERY_SECONDS_DEFAULT,
        }
    }
}
