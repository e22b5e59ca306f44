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
//! | `--hold-hours` | `STOREFRONT_HOLD_HOURS` | `48` | how long a reservation is held after it is ready (1..=720) |
//! | `--token-key` | `STOREFRONT_TOKEN_KEY` | kept in the database | secret signing the member and coupon QR tokens |
//! | `--token-seconds` | `STOREFRONT_TOKEN_SECONDS` | `60` | seconds per QR token, and the clock tolerance (10..=600) |
//! | `--demo` | `STOREFRONT_DEMO` | off | `GET /api/v1/demo/last-code?login=` answers (demo and tests only) |
//! | `--auth-ip-limit` | `STOREFRONT_AUTH_IP_LIMIT` | `30` | sign-in codes per client address per hour |
//!
//! Logs go to stderr (`RUST_LOG` filters, default `info`). SIGINT/SIGTERM shut down gracefully.
//!
//! ## URL layout
//!
//! - `GET /api/health` → `Health`
//! - `GET /api/v1/categories` → `CategoryTree` (ETag, `max-age=60`)
//! - `GET /api/v1/products?category=&q=&brand=&color=&size=&price=&on_sale=&ids=&sort=&limit=&cursor=`
//!   → `Page<ProductSummary>` (ETag, `Link: rel="next"`); repeatable facets, full-text search
//! - `GET /api/v1/products/facets?…` (same filters) → `ProductFacets` (disjunctive counts)
//! - `GET /api/v1/products/{id_or_slug}` → `Product` (`p_000042` or `featherlight-running-shoes-42`)
//! - `GET /api/v1/products/{id_or_slug}/related?limit=` → `Page<ProductSummary>`
//! - `GET /api/v1/search/suggest?q=` → `SearchSuggestions`
//! - `GET /api/v1/stores?near=&q=&at=`, `GET /api/v1/stores/{id_or_slug}?at=` → `StoreList`, `Store`
//!   (open status in the store's time zone; ETag, `no-cache`)
//! - `GET /api/v1/variants/{id}/availability?near=` → `VariantAvailability` (ETag, `no-cache`)
//! - `POST /api/v1/reservations` (`Idempotency-Key`) → `Reservation`; `GET /api/v1/reservations/{code}`,
//!   `POST /api/v1/reservations/{code}/cancel`, `GET /api/v1/reservations/{code}/qr.svg`
//! - `GET /api/v1/stores/{id_or_slug}/guide-slots?date=` → `GuideSlots` (ETag, `no-cache`);
//!   `POST /api/v1/appointments` (`Idempotency-Key`) → `Appointment`; `GET /api/v1/appointments/{code}`,
//!   `POST /api/v1/appointments/{code}/cancel`, `GET /api/v1/appointments/{code}/qr.svg`
//! - staff (`Authorization: Bearer <store key>`): `PUT /api/v1/staff/stores/{store_id}/stock/{variant_id}`
//!   → `StockLevel`, `POST /api/v1/staff/stores/{store_id}/reservations/{code}/collect` → `Reservation`
//! - `GET /api/v1/stores/{id_or_slug}/tour` → `Tour` (scenes, hotspots, floor plan; ETag)
//! - `GET /media/tours/{store_id}/{scene_id}/{preview|full}.jpg` (512×256, 4096×2048 panoramas),
//!   `GET /media/tours/{store_id}/plan.jpg` (floor plan)
//! - `GET /media/products/{product_id}/{n}.jpg` (800×1000), `GET /media/categories/{slug}.jpg` (600×400),
//!   both with `?w=400|800|1200` for `srcset`
//! - members (session cookie `sf_session`; POST/DELETE need `X-Requested-With: storefront`):
//!   `POST /api/v1/auth/code`, `POST /api/v1/auth/verify`, `POST /api/v1/auth/sign-out`,
//!   `GET|DELETE /api/v1/me`, `GET /api/v1/me/export`; `GET /api/v1/demo/last-code?login=`
//!   with `--demo`
//! - loyalty: `GET /api/v1/me/loyalty` (the same `Member` as `GET /api/v1/me`),
//!   `GET /api/v1/me/loyalty/transactions?limit=&cursor=`, `POST /api/v1/me/loyalty/scan-tokens`
//! - coupons: `GET /api/v1/coupons`, `GET /api/v1/coupons/{code}`,
//!   `GET|POST /api/v1/me/wallet/coupons` (`GET ?status=available|used|expired`),
//!   `GET /api/v1/me/wallet/coupons/{id}/token`, `GET /api/v1/me/wallet/coupons/applicable?product=`
//! - till (store key): `POST /api/v1/pos/loyalty/earn` (`Idempotency-Key`),
//!   `POST /api/v1/pos/loyalty/verify`, `POST /api/v1/pos/coupons/redeem`
//! - `GET /api/openapi.json`, `GET /api/docs/`
//! - anything else under `/api` or `/media`: 404 `application/problem+json`; other paths: the SPA.

#![forbid(unsafe_code)]

pub mod appointments;
pub mod catalog;
pub mod config;
pub mod db;
pub mod directory;
pub mod error;
pub mod extract;
pub mod hours;
pub mod members;
pub mod openapi;
pub mod reservations;
pub mod routes;
pub mod search;
pub mod seed;
pub mod spa;
pub mod till;
pub mod tokens;
pub mod tour;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use sqlx::SqlitePool;
use std::any::Any;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi as _;
use utoipa_swagger_ui::SwaggerUi;

pub use config::Config;
use error::{problem_response, ApiError};
pub use spa::Spa;

/// Startup errors.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub spa: Arc<Spa>,
    /// Search vocabulary and the popular-searches writer.
    pub search: Arc<search::SearchState>,
    /// The stores with their schedules.
    pub stores: Arc<directory::StoreCache>,
    /// Serialises this process's stock writes (reservations, staff updates, expiry), so
    /// they queue here rather than contend for SQLite's write lock.
    pub writes: Arc<tokio::sync::Mutex<()>>,
    /// How long a reservation is held after it is ready.
    pub hold_hours: u32,
    /// Virtual tours: demo designs and rendered panoramas.
    pub tours: Arc<tour::TourState>,
    /// Membership: the token key, sign-in rate limits, the code sender.
    pub members: Arc<members::MemberState>,
}

impl AppState {
    /// State over an open (migrated) database; call inside a Tokio runtime so searches
    /// are recorded.
    pub fn new(db: SqlitePool, spa: Arc<Spa>) -> Self {
        let search = Arc::new(search::SearchState::new(&db));
        AppState {
            db,
            spa,
            search,
            stores: Arc::default(),
            writes: Arc::default(),
            hold_hours: 48,
            tours: Arc::default(),
            members: Arc::default(),
        }
    }
}

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
    let spa = Arc::new(Spa::load(&config.dist, &config.public_api_base));
    let mut state = AppState::new(db, spa);
    state.hold_hours = config.hold_hours;
    let token_key = match &config.token_key {
        Some(secret) => tokens::TokenKey::from_secret(secret, config.token_seconds),
        None => tokens::TokenKey::new(
            tokens::load_or_create_key(&state.db).await?,
            config.token_seconds,
        ),
    };
    state.members = Arc::new(members::MemberState::new(
        token_key,
        config.demo,
        config.auth_ip_limit,
    ));
    if config.demo {
        tracing::warn!("demo mode: sign-in codes are readable at /api/v1/demo/last-code");
    }
    members::start_pruning(state.db.clone());
    state.search.warm(&state.db).await?;
    reservations::start_expiry(state.clone());
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
    let swagger: Router<AppState> = SwaggerUi::new("/api/docs")
        .url("/api/openapi.json", openapi::ApiDoc::openapi())
        .into();
    let routes = Router::new()
        .route("/api/health", get(routes::health::health))
        .route("/api/v1/categories", get(routes::categories::list))
        .route("/api/v1/products", get(routes::products::list))
        .route("/api/v1/products/facets", get(routes::facets::get))
        .route("/api/v1/products/{id_or_slug}", get(routes::products::get))
        .route(
            "/api/v1/products/{id_or_slug}/related",
            get(routes::products::related),
        )
        .route("/api/v1/search/suggest", get(routes::suggest::suggest))
        .route("/api/v1/stores", get(routes::stores::list))
        .route("/api/v1/stores/{id_or_slug}", get(routes::stores::get))
        .route("/api/v1/stores/{id_or_slug}/tour", get(routes::tour::get))
        .route(
            "/api/v1/stores/{id_or_slug}/guide-slots",
            get(routes::appointments::slots),
        )
        .route("/api/v1/appointments", post(routes::appointments::create))
        .route(
            "/api/v1/appointments/{code}",
            get(routes::appointments::get),
        )
        .route(
            "/api/v1/appointments/{code}/cancel",
            post(routes::appointments::cancel),
        )
        .route(
            "/api/v1/appointments/{code}/qr.svg",
            get(routes::appointments::qr),
        )
        .route(
            "/api/v1/variants/{id}/availability",
            get(routes::availability::get),
        )
        .route("/api/v1/reservations", post(routes::reservations::create))
        .route(
            "/api/v1/reservations/{code}",
            get(routes::reservations::get),
        )
        .route(
            "/api/v1/reservations/{code}/cancel",
            post(routes::reservations::cancel),
        )
        .route(
            "/api/v1/reservations/{code}/qr.svg",
            get(routes::reservations::qr),
        )
        .route(
            "/api/v1/staff/stores/{store_id}/stock/{variant_id}",
            put(routes::staff::set_stock),
        )
        .route(
            "/api/v1/staff/stores/{store_id}/reservations/{code}/collect",
            post(routes::staff::collect),
        )
        .route("/api/v1/coupons", get(routes::coupons::list))
        .route("/api/v1/coupons/{code}", get(routes::coupons::get))
        .route(
            "/api/v1/demo/last-code",
            get(routes::members::demo_last_code),
        )
        .route("/api/v1/pos/loyalty/earn", post(routes::members::earn))
        .route(
            "/api/v1/pos/loyalty/verify",
            post(routes::members::verify_token),
        )
        .route("/api/v1/pos/coupons/redeem", post(routes::coupons::redeem))
        .merge(member_routes())
        .route(
            "/media/products/{product_id}/{file}",
            get(routes::media::product_image),
        )
        .route(
            "/media/categories/{file}",
            get(routes::media::category_image),
        )
        .route(
            "/media/tours/{store_id}/{scene_id}/{file}",
            get(routes::tour::panorama),
        )
        .route("/media/tours/{store_id}/{file}", get(routes::tour::plan))
        .merge(swagger)
        .fallback(spa::fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    with_layers(routes, spa)
}

/// The session routes (`/api/v1/auth/...`, `/api/v1/me/...`): state-changing requests need
/// `X-Requested-With: storefront` or a same-origin `Origin` (CSRF).
fn member_routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/code", post(routes::members::send_code))
        .route("/api/v1/auth/verify", post(routes::members::verify))
        .route("/api/v1/auth/sign-out", post(routes::members::sign_out))
        .route(
            "/api/v1/me",
            get(routes::members::me).delete(routes::members::delete_me),
        )
        .route("/api/v1/me/loyalty", get(routes::members::me))
        .route(
            "/api/v1/me/loyalty/transactions",
            get(routes::members::ledger),
        )
        .route(
            "/api/v1/me/loyalty/scan-tokens",
            post(routes::members::tokens),
        )
        .route("/api/v1/me/export", get(routes::members::export))
        .route(
            "/api/v1/me/wallet/coupons",
            get(routes::coupons::wallet).post(routes::coupons::claim),
        )
        .route(
            "/api/v1/me/wallet/coupons/applicable",
            get(routes::coupons::applicable),
        )
        .route(
            "/api/v1/me/wallet/coupons/{id}/token",
            get(routes::coupons::token),
        )
        .route_layer(axum::middleware::from_fn(members::csrf_guard))
}

/// Wraps a router in the layers every response goes through: panic catching, compression,
/// security headers (and problem+json for API errors), request tracing.
pub fn with_layers(routes: Router, spa: Arc<Spa>) -> Router {
    routes
        .layer(CatchPanicLayer::custom(panic_response))
        // Brotli's default quality (11) takes seconds on a multi-megabyte wasm; 5 compresses
        // nearly as well at a fraction of the cost. gzip uses the same level (6 is its default).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(axum::middleware::from_fn_with_state(
            spa,
            spa::security_headers,
        ))
        .layer(TraceLayer::new_for_http())
}

/// 405 with the methods the path does allow.
async fn method_not_allowed(uri: axum::http::Uri) -> Response {
    let mut res = ApiError::MethodNotAllowed.into_response();
    res.headers_mut().insert(
        header::ALLOW,
        HeaderValue::from_static(allowed_methods(uri.path())),
    );
    res
}

/// The `Allow` header of a routed path.
fn allowed_methods(path: &str) -> &'static str {
    let path = path.trim_end_matches('/');
    if path == "/api/v1/me" {
        "GET, HEAD, DELETE"
    } else if path == "/api/v1/me/wallet/coupons" {
        "GET, HEAD, POST"
    } else if path == "/api/v1/reservations"
        || path == "/api/v1/appointments"
        || path == "/api/v1/me/loyalty/scan-tokens"
        || path.starts_with("/api/v1/auth/")
        || path.starts_with("/api/v1/pos/")
        || path.ends_with("/cancel")
        || path.ends_with("/collect")
    {
        "POST"
    } else if path.starts_with("/api/v1/staff/") && path.contains("/stock/") {
        "PUT"
    } else {
        "GET, HEAD"
    }
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
