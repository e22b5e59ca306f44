//! # storefront-server
//!
//! The storefront's reference backend: the REST API (`/api/v1`), generated product and
//! category pictures (`/media`), the OpenAPI 3.1 document (`/api/openapi.json`) with
//! interactive docs (`/api/docs/`), and the built SPA with client-route fallback, all from
//! one process on one SQLite file.
//!
//! ## Flags (each with an environment variable)
//!
//! | flag | environment | default | meaning |
//! |---|---|---|---|
//! | `--listen` | `STOREFRONT_LISTEN` | `127.0.0.1:8080` | address and port to serve on |
//! | `--database-url` | `STOREFRONT_DATABASE_URL` | `sqlite://data/storefront.db` | SQLite file; its directory and the file are created, migrated, and seeded when empty |
//! | `--dist` | `STOREFRONT_DIST` | `dist` | the built SPA (Trunk's output) |
//! | `--no-seed` | `STOREFRONT_NO_SEED` | off | leave a new database empty |
//! | `--products` | `STOREFRONT_PRODUCTS` | `360` | catalogue size when seeding (1..=100000) |
//! | `--public-api-base` | `STOREFRONT_PUBLIC_API_BASE` | `/api` | written into index.html's `<meta name="storefront-api-base">` |
//! | `--cors-allowed-origins` | `STOREFRONT_CORS_ALLOWED_ORIGINS` | none | origins of the app served elsewhere that may call the API with cookies: comma-separated, exact (`https://shop.brand.cn`) or with one leading wildcard label (`https://*.brand.cn`); a malformed entry stops the start, naming it ([`cors`]) |
//! | `--hold-hours` | `STOREFRONT_HOLD_HOURS` | `48` | how long a reservation is held after it is ready (1..=720) |
//! | `--token-key` | `STOREFRONT_TOKEN_KEY` | kept in the database | secret signing the member and coupon QR tokens |
//! | `--token-seconds` | `STOREFRONT_TOKEN_SECONDS` | `60` | seconds per QR token, and the clock tolerance (10..=600) |
//! | `--demo-partner-listen` | `STOREFRONT_DEMO_PARTNER_LISTEN` | `127.0.0.1:8090` with `--demo` | demo mode only: the demo partner page embedding the `autumn-edit` campaign ([`partner`]); `off` disables it |
//! | `--demo` | `STOREFRONT_DEMO` | off | demo mode: staff keys `demo-<store id>`, demo members, codes in the log and at `GET /api/v1/demo/last-code?login=`, a "Demo mode" note in the app (demo and tests only; never expose it) |
//! | `--smtp-url` | `STOREFRONT_SMTP_URL` | none | SMTP server for codes to email logins (`smtps://user:pass@host:465`) |
//! | `--smtp-from` | `STOREFRONT_SMTP_FROM` | none | sender address of the code emails (needed with `--smtp-url`) |
//! | `--code-webhook-url` | `STOREFRONT_CODE_WEBHOOK_URL` | none | SMS gateway webhook: `POST {"login","code","expires_at"}` (mobile logins; email logins too without SMTP) |
//! | `--code-webhook-secret` | `STOREFRONT_CODE_WEBHOOK_SECRET` | none | `Authorization: Bearer` secret sent to the webhook |
//! | `--auth-ip-limit` | `STOREFRONT_AUTH_IP_LIMIT` | `30` | sign-in codes per client address per hour |
//! | `--header-timeout-seconds` | `STOREFRONT_HEADER_TIMEOUT_SECONDS` | `10` | time to send a request's head (request line and headers), also the longest idle keep-alive; then the connection is closed (1..=3600) |
//! | `--body-timeout-seconds` | `STOREFRONT_BODY_TIMEOUT_SECONDS` | `30` | time to send a request's whole body; then `408 request_timeout` and the connection is closed (1..=3600) |
//! | `--max-body-bytes` | `STOREFRONT_MAX_BODY_BYTES` | `65536` | largest request body; larger (or a larger `Content-Length`) is `413 body_too_large` (1024..=67108864) |
//! | `--max-connections` | `STOREFRONT_MAX_CONNECTIONS` | `1024` | open connections served at once; further clients wait in the listen queue (1..=1000000) |
//! | `--shutdown-timeout-seconds` | `STOREFRONT_SHUTDOWN_TIMEOUT_SECONDS` | `10` | after SIGTERM/SIGINT, time for requests in flight to finish; connections still open then are dropped (0..=3600) |
//! | `--event-retention-days` | `STOREFRONT_EVENT_RETENTION_DAYS` | `180` | days an event is kept from its receipt; a job deletes older ones at start and hourly (1..=3650, [`events::retention`]) |
//! | `--recommend-every-seconds` | `STOREFRONT_RECOMMEND_EVERY_SECONDS` | `300` | seconds between runs of the recommendations job, the first at start (10..=86400, [`recommend`]) |
//!
//! Logs go to stderr (`RUST_LOG` filters, default `info`). SIGINT/SIGTERM shut down
//! gracefully within `--shutdown-timeout-seconds` ([`serve`]). URLs over 16 KiB are
//! `414 uri_too_long` and headers over 32 KiB `431 headers_too_large` ([`http::limits`]).
//!
//! ## Endpoints
//!
//! The OpenAPI document (`GET /api/openapi.json`, browsable at `/api/docs/`) lists every
//! endpoint; `docs/api.md` describes them. Each module of [`routes`] registers its routes
//! with their OpenAPI operations together. Anything else under `/api` or `/media` is a 404
//! `application/problem+json`; other paths are the SPA.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// the first screen renders the app's views natively: their types nest deeply
#![recursion_limit = "256"]

pub mod appointments;
pub mod campaigns;
pub mod catalog;
pub mod config;
pub mod consent;
pub mod cors;
pub mod coupons;
pub mod db;
pub mod digest;
pub mod directory;
pub mod documents;
pub mod embed;
pub mod error;
pub mod events;
pub mod facts;
pub mod first_screen;
pub mod hours;
pub mod http;
pub mod idempotent;
pub mod identity;
pub mod insight;
pub mod keys;
pub mod kiosks;
pub mod marketing;
pub mod mask;
pub mod members;
pub mod openapi;
pub mod partner;
pub mod pictures;
pub mod products;
pub mod recommend;
pub mod reservations;
pub mod routes;
pub mod search;
pub mod seed;
pub mod senders;
pub mod serve;
pub mod sign_in_limits;
pub mod spa;
pub mod state;
pub mod till;
pub mod tokens;
pub mod tour;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::any::Any;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;
use utoipa_swagger_ui::SwaggerUi;

pub use config::Config;
use error::{problem_response, ApiError};
pub use http::extract;
pub use spa::Spa;
pub use state::AppState;

/// Startup errors.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Opens (creating, migrating and, unless disabled, seeding) the database, loads the SPA
/// and builds the whole application.
pub async fn app(config: &Config) -> Result<Router, BoxError> {
    let db = db::connect(&config.database_url).await?;
    if !config.no_seed && db::is_empty(&db).await? {
        let started = std::time::Instant::now();
        seed::seed(&db, config.products).await?;
        // Fresh statistics for the planner, and fold the large seeding WAL into the file.
        sqlx::query("ANALYZE").execute(&db).await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&db)
            .await?;
        tracing::info!(
            products = config.products,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "seeded the demo catalogue"
        );
    }
    // A catalogue from before the search migration gets its index and specs now.
    seed::backfill(&db).await?;
    if config.demo {
        let (keys, members) = seed::demo_people(&db).await?;
        if keys > 0 || members {
            tracing::info!(keys, members, "wrote the demo staff keys and members");
        }
    } else {
        seed::production_check(&db).await?;
    }
    let senders = senders::Senders::from_config(config)?;
    let spa = Arc::new(Spa::load_with(
        &config.dist,
        &config.public_api_base,
        config.demo,
    ));
    let mut state = AppState::new(db, spa);
    state.hold_hours = config.hold_hours;
    state.cors = Arc::new(config.cors_allowed_origins.clone());
    state.limits = http::limits::Limits {
        max_body_bytes: config.max_body_bytes as usize,
        body_timeout: std::time::Duration::from_secs(config.body_timeout_seconds.into()),
    };
    let token_key = match &config.token_key {
        Some(secret) => tokens::TokenKey::from_secret(secret, config.token_seconds),
        None => tokens::TokenKey::new(
            tokens::load_or_create_key(&state.db).await?,
            config.token_seconds,
        ),
    };
    let mut member_state = members::MemberState::new(token_key, config.demo, config.auth_ip_limit);
    member_state.limits.guesses_per_login_day = config.auth_login_guesses;
    member_state.senders = senders;
    state.members = Arc::new(member_state);
    if config.demo {
        tracing::warn!(
            "demo mode: demo staff keys demo-<store>, demo members, sign-in codes readable at \
             /api/v1/demo/last-code and in this log; never expose this server"
        );
    } else if state.members.senders.is_empty() {
        tracing::warn!(
            "production mode: no sender of sign-in codes (--smtp-url, --code-webhook-url): \
             members cannot sign in (503 sender_unavailable)"
        );
    } else {
        tracing::info!(senders = ?state.members.senders, "production mode");
    }
    members::start_pruning(state.db.clone());
    events::retention::start(
        state.db.clone(),
        state.writes.clone(),
        config.event_retention_days,
    );
    state.search.warm(&state.db).await?;
    reservations::start_expiry(state.clone());
    recommend::start(
        state.db.clone(),
        std::time::Duration::from_secs(config.recommend_every_seconds.into()),
    );
    // Build the in-stock index (every store) now rather than in the first `store=` request
    // (about 0.8 s at 10,000 products); requests that need it meanwhile wait for it.
    {
        let state = state.clone();
        tokio::spawn(async move {
            let built = match state.search.catalog(&state.db).await {
                Ok(catalog) => catalog.in_stock_at(&state.db, "").await.map(|_| ()),
                Err(e) => Err(e),
            };
            if let Err(e) = built {
                tracing::warn!(error = %e, "building the in-stock index failed");
            }
        });
    }
    Ok(router(state))
}

/// The routes, with every layer.
pub fn router(state: AppState) -> Router {
    let spa = state.spa.clone();
    let cors = state.cors.clone();
    let (routes, api) = openapi::routes_and_document();
    let swagger: Router<AppState> = SwaggerUi::new("/api/docs")
        .external_url_unchecked("/api/openapi.json", api)
        .into();
    let limits = state.limits;
    let routes = routes
        .merge(swagger)
        .route(
            "/config.json",
            axum::routing::get(spa::config_json).with_state(spa.clone()),
        )
        .route("/embed/campaign/{slug}", axum::routing::get(embed::page))
        .route("/campaign/{slug}", axum::routing::get(embed::campaign_page))
        .route(
            "/h/{token}",
            axum::routing::get(routes::kiosk::handoff_page),
        )
        .fallback(documents::fallback)
        .method_not_allowed_fallback(http::allow::method_not_allowed)
        .with_state(state);
    let routes = Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn_with_state(
            limits,
            http::limits::guard,
        ))
        .layer(DefaultBodyLimit::max(limits.max_body_bytes));
    // outside everything else: its headers go on every answer, the problems that the
    // security headers' layer writes too
    with_layers(routes, spa).layer(axum::middleware::from_fn_with_state(cors, cors::layer))
}

/// Wraps a router in the layers every response goes through: panic catching, compression,
/// security headers (and problem+json for API errors), request tracing; and, around it
/// all, the spacing of a 405's `Allow` list (axum writes that list after the route's
/// layers have run).
pub fn with_layers(routes: Router, spa: Arc<Spa>) -> Router {
    let routes = routes
        .layer(CatchPanicLayer::custom(panic_response))
        // Brotli's default quality (11) takes seconds on a multi-megabyte wasm; 5 compresses
        // nearly as well at a fraction of the cost. gzip uses the same level (6 is its default).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(axum::middleware::from_fn_with_state(
            spa,
            spa::security_headers,
        ))
        .layer(TraceLayer::new_for_http());
    Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::map_response(http::allow::spaced_allow))
}

fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = what, "a handler panicked");
    let mut res = problem_response(&ApiError::Internal(what.to_owned()).to_problem());
    *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.into_response()
}
