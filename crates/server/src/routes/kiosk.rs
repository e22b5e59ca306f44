//! The kiosk's own endpoints, authenticated by its device cookie `sf_kiosk`
//! (`/api/v1/kiosk/*`: pairing, configuration, heartbeat, reset, exit, hand-offs), and the
//! phone's side of a hand-off (`POST /api/v1/handoffs/{token}/open`). The rules are in
//! [`crate::kiosks`]. Every POST under `/api/v1/kiosk` goes through the CSRF guard.

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use storefront_api_types::{
    check_handoff_request, check_heartbeat, normalize_handoff_token, HandoffOpened, KioskConfig,
    KioskExit, KioskHandoff, KioskHandoffRequest, KioskHandoffState, KioskHeartbeat,
    KioskPairRequest, Problem, ProblemCode,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::cors::AllowedOrigins;
use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::client::ClientIp;
use crate::http::extract::ApiJson;
use crate::http::kiosk::{kiosk_cookie, KioskDevice};
use crate::http::marketing::marketing_cookie;
use crate::http::private::{private_json, PRIVATE};
use crate::http::session::{cookie_session, csrf_guard, is_https, session_cookie};
use crate::kiosks::{self, handoffs, pairing, KioskRow};
use crate::state::AppState;

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    let device = OpenApiRouter::new()
        .routes(routes!(pair))
        .routes(routes!(heartbeat))
        .routes(routes!(reset))
        .routes(routes!(exit))
        .routes(routes!(create_handoff))
        .route_layer(axum::middleware::from_fn(csrf_guard));
    OpenApiRouter::new()
        .routes(routes!(get_config))
        .routes(routes!(handoff_state))
        .routes(routes!(open_handoff))
        .merge(device)
}

/// The kiosk's configuration now: its store as of now, its settings, the app version.
async fn config_of(state: &AppState, row: &KioskRow) -> ApiResult<KioskConfig> {
    let now = Utc::now();
    let directory = state.stores.get(&state.db).await?;
    let store = directory
        .get(&row.store_id)
        .ok_or_else(|| ApiError::Internal(format!("kiosk of unknown store {}", row.store_id)))?
        .at(now);
    let version = kiosks::app_version(state.spa.index().map(|b| &b[..]));
    Ok(kiosks::config(row, store, version, now.timestamp()))
}

fn bad_fields(errors: Vec<storefront_api_types::FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        return Ok(());
    }
    Err(ApiError::InvalidBody {
        fault: storefront_api_types::BodyFault::Malformed,
        detail: format!("{} invalid field(s)", errors.len()),
        errors,
    })
}

/// The origin hand-off links are on: the app's, when it is served from a listed origin
/// elsewhere (the request's `Origin`); else this request's scheme and host.
fn origin_of(headers: &HeaderMap, uri: &Uri, app_elsewhere: &AllowedOrigins) -> String {
    // the app served from another host (`--cors-allowed-origins`): the phone opens the app there
    if let Some(origin) = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| app_elsewhere.allows(o))
    {
        return origin.to_owned();
    }
    let scheme = if is_https(headers, uri) {
        "https"
    } else {
        "http"
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("{scheme}://{host}")
}

/// Pairs this screen with the kiosk whose pairing code staff gave (typed with or without
/// its dash, any case): sets the device cookie `sf_kiosk` (HttpOnly, 400 days; never in the
/// body) and answers the kiosk's configuration. The code is single use and lasts 10
/// minutes; 10 failed codes from a client address in 10 minutes (a sliding window) make
/// every pairing from it `429` until the window slides.
#[utoipa::path(
    post, path = "/api/v1/kiosk/pair", operation_id = "pairKiosk", tag = "kiosk",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = KioskPairRequest,
    responses(
        (status = 200, description = "Paired (`Set-Cookie: sf_kiosk=…`)", body = KioskConfig),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`pairing_code_invalid` (wrong), `pairing_code_expired` or `pairing_code_used`, naming `/code`; or a body of the wrong shape (`invalid_body`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn pair(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    ApiJson(body): ApiJson<KioskPairRequest>,
) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let (row, secret) = retry_busy(|| pairing::pair(&state.db, &body.code, &client, now)).await?;
    let config = config_of(&state, &row).await?;
    let mut res = private_json(StatusCode::OK, &config);
    res.headers_mut().insert(
        header::SET_COOKIE,
        kiosk_cookie(Some(&secret), is_https(&headers, &uri))?,
    );
    Ok(res)
}

/// The kiosk's configuration (read at start and at every reset): the kiosk, its store with
/// time zone, hours and whether it is open, its settings, the version of the app served now
/// and the server's clock.
#[utoipa::path(
    get, path = "/api/v1/kiosk", operation_id = "getKioskConfig", tag = "kiosk",
    responses(
        (status = 200, description = "The configuration (`Cache-Control: private, no-store`)", body = KioskConfig),
        (status = 401, description = "`kiosk_unpaired`: no, an unknown or a revoked device cookie (the answer clears it)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_config(
    State(state): State<AppState>,
    KioskDevice(row): KioskDevice,
) -> ApiResult<Response> {
    let config = config_of(&state, &row).await?;
    Ok(private_json(StatusCode::OK, &config))
}

/// The kiosk's heartbeat (every 60 s): kept as its last report; staff see it online for
/// 180 s after.
#[utoipa::path(
    post, path = "/api/v1/kiosk/heartbeat", operation_id = "kioskHeartbeat", tag = "kiosk",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = KioskHeartbeat,
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "`invalid_body`: `/route` with a query or fragment, or too long; `/app_version` too long", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`kiosk_unpaired`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A body of the wrong shape (`invalid_body`, e.g. an unknown field)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn heartbeat(
    State(state): State<AppState>,
    KioskDevice(row): KioskDevice,
    request: Request,
) -> ApiResult<Response> {
    let ApiJson(report) = ApiJson::<KioskHeartbeat>::from_request(request, &state).await?;
    bad_fields(check_heartbeat(&report))?;
    let now = Utc::now().timestamp();
    retry_busy(|| kiosks::heartbeat(&state.db, &row.id, &report, now)).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    Ok(res)
}

/// Ends a shopper's session on the kiosk: ends the member session the request carries and
/// clears its cookie and the marketing cookie, asks the browser to clear the site's HTTP
/// cache (`Clear-Site-Data: "cache"`: not cookies, which would unpair the kiosk, nor
/// `"storage"`, which would also remove the service worker that keeps the kiosk working
/// offline; the app clears the storage itself, `features/kiosk/reset.rs`) and answers the
/// configuration as it is now (settings staff changed apply here).
#[utoipa::path(
    post, path = "/api/v1/kiosk/reset", operation_id = "resetKiosk", tag = "kiosk",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 200, description = "Reset (`Clear-Site-Data`, `Set-Cookie` clearing `sf_session` and `sf_marketing`)", body = KioskConfig,
            headers(("Clear-Site-Data" = String, description = "`\"cache\"`"))),
        (status = 401, description = "`kiosk_unpaired`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reset(
    State(state): State<AppState>,
    KioskDevice(row): KioskDevice,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    if let Some(id) = cookie_session(&headers) {
        let digest = crate::digest::sha256_hex(&id);
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            crate::identity::end_session(&mut tx, &digest).await?;
            tx.commit().await?;
            Ok(())
        })
        .await?;
    }
    let config = config_of(&state, &row).await?;
    let secure = is_https(&headers, &uri);
    let mut res = private_json(StatusCode::OK, &config);
    let h = res.headers_mut();
    h.append(header::SET_COOKIE, session_cookie(None, secure)?);
    h.append(header::SET_COOKIE, marketing_cookie(None, secure)?);
    h.insert("clear-site-data", HeaderValue::from_static("\"cache\""));
    Ok(res)
}

/// Leaves kiosk mode: with a staff API key of the kiosk's store (`key`) or the kiosk's exit
/// PIN (`pin`). Unpairs the device (its secret is revoked) and clears the cookie. Failed
/// attempts count per client address like pairing's (10 in 10 minutes, then `429`).
#[utoipa::path(
    post, path = "/api/v1/kiosk/exit", operation_id = "exitKiosk", tag = "kiosk",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = KioskExit,
    responses(
        (status = 204, description = "Left kiosk mode (`Set-Cookie` clears `sf_kiosk`)"),
        (status = 401, description = "`kiosk_unpaired`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`exit_refused`: neither a staff key of the store nor the PIN (naming `/key` or `/pin`); or `csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A body of the wrong shape (`invalid_body`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn exit(
    State(state): State<AppState>,
    KioskDevice(row): KioskDevice,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    request: Request,
) -> ApiResult<Response> {
    let ApiJson(body) = ApiJson::<KioskExit>::from_request(request, &state).await?;
    let pointer = if body.pin.is_some() { "/pin" } else { "/key" };
    let now = Utc::now().timestamp();
    pairing::may_try_exit(&state.db, &client, now, pointer).await?;
    let by_key = match &body.key {
        Some(key) => kiosks::is_store_key(&state.db, &row.store_id, key).await?,
        None => false,
    };
    let by_pin = body.pin.as_deref().is_some_and(|p| row.pin_matches(p));
    if !(by_key || by_pin) {
        retry_busy(|| pairing::exit_failed(&state.db, &client, now)).await?;
        return Err(ApiError::refusal_at(
            ProblemCode::ExitRefused,
            pointer,
            "leaving kiosk mode needs a staff key of this store or the kiosk's exit PIN",
        ));
    }
    retry_busy(|| kiosks::unpair(&state.db, &row.id)).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        kiosk_cookie(None, is_https(&headers, &uri))?,
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    Ok(res)
}

/// "Continue on your phone": a single-use hand-off, valid 5 minutes, carrying only
/// non-personal state (route, variant, wishlist items, tour scene and view, a reservation
/// code); any other field is refused (`422 invalid_body` naming it). The QR code shows
/// `url` (`<origin>/h/<token>`).
#[utoipa::path(
    post, path = "/api/v1/kiosk/handoffs", operation_id = "createKioskHandoff", tag = "kiosk",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = KioskHandoffRequest,
    responses(
        (status = 201, description = "The hand-off", body = KioskHandoff),
        (status = 400, description = "`invalid_body` naming the field: `/route` (not an app path), `/wishlist`, `/tour_view/yaw` …", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`kiosk_unpaired`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A body of the wrong shape, e.g. a personal field such as `/phone` (`invalid_body`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_handoff(
    State(state): State<AppState>,
    KioskDevice(row): KioskDevice,
    headers: HeaderMap,
    uri: Uri,
    request: Request,
) -> ApiResult<Response> {
    let ApiJson(body) = ApiJson::<KioskHandoffRequest>::from_request(request, &state).await?;
    bad_fields(check_handoff_request(&body))?;
    let now = Utc::now().timestamp();
    let origin = origin_of(&headers, &uri, &state.cors);
    let handoff = retry_busy(|| handoffs::create(&state.db, &row, &body, &origin, now)).await?;
    Ok(private_json(StatusCode::CREATED, &handoff))
}

/// Where one of this kiosk's hand-offs stands (`pending`, `opened`, `expired`): the kiosk
/// polls it to say "Opened on your phone". Another kiosk's token is `404`.
#[utoipa::path(
    get, path = "/api/v1/kiosk/handoffs/{token}", operation_id = "getKioskHandoff", tag = "kiosk",
    params(("token" = String, Path, min_length = 1, max_length = 100, description = "The hand-off token")),
    responses(
        (status = 200, description = "Where it stands", body = KioskHandoffState),
        (status = 401, description = "`kiosk_unpaired`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hand-off of this kiosk", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handoff_state(
    State(state): State<AppState>,
    KioskDevice(row): KioskDevice,
    Path(token): Path<String>,
) -> ApiResult<Response> {
    let token = normalize_handoff_token(&token)
        .ok_or_else(|| ApiError::NotFound("no such hand-off of this kiosk".to_owned()))?;
    let now = Utc::now().timestamp();
    let answer: KioskHandoffState = handoffs::status(&state.db, &row, &token, now).await?;
    Ok(private_json(StatusCode::OK, &answer))
}

/// The phone opens a kiosk's hand-off (`/h/{token}` in the app), once: what to restore.
/// Unknown (or altered) tokens are `404`, a used one `410 handoff_used`, an expired one
/// `410 handoff_expired`. 30 unknown tokens from a client address in 10 minutes make it
/// `429` until the window slides.
#[utoipa::path(
    post, path = "/api/v1/handoffs/{token}/open", operation_id = "openKioskHandoff", tag = "kiosk",
    params(("token" = String, Path, min_length = 1, max_length = 100, description = "The hand-off token (any case)")),
    responses(
        (status = 200, description = "What to restore", body = HandoffOpened),
        (status = 404, description = "No such hand-off", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`handoff_used` or `handoff_expired`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn open_handoff(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(token): Path<String>,
) -> ApiResult<Response> {
    let token = normalize_handoff_token(&token);
    let now = Utc::now().timestamp();
    let opened: HandoffOpened =
        retry_busy(|| handoffs::open(&state.db, token.as_deref(), &client, now)).await?;
    Ok(private_json(StatusCode::OK, &opened))
}

/// `GET /h/{token}`, the phone's document for a kiosk's hand-off. While the hand-off is
/// unused it names the page it opens (`<meta name="sf-handoff-route" content data-token>`):
/// the app starts on that page, as fast as from its own link, and takes the hand-off
/// (`open_handoff`: the wishlist, a pickup pass) alongside. Otherwise the app's hand-off page
/// says why the link failed, and its module's files are preloaded. Looking uses nothing up:
/// link previews and scanners that fetch the URL change nothing.
pub async fn handoff_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token = normalize_handoff_token(&token);
    let route = match &token {
        Some(t) => handoffs::peek(&state.db, t, Utc::now().timestamp())
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "hand-off peek failed");
                None
            }),
        None => None,
    };
    let head = match (route, token) {
        (Some(route), Some(token)) => format!(
            "<meta name=\"sf-handoff-route\" content=\"{}\" data-token=\"{}\">",
            storefront_demo::images::xml_escape(&route),
            storefront_demo::images::xml_escape(&token)
        ),
        _ => state.spa.preload_links("handoff"),
    };
    let mut res = crate::spa::head::index_with_head(&state.spa, &head);
    // it names what a hand-off holds while it lasts: not for caches
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
