//! Reserve for pickup: `POST /api/v1/reservations` (with `Idempotency-Key`),
//! `GET /api/v1/reservations/{code}`, `POST /api/v1/reservations/{code}/cancel` and
//! `GET /api/v1/reservations/{code}/qr.svg`. The logic is in [`crate::reservations`].

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use storefront_api_types::{
    guest_name, normalize_cn_mobile, BodyFault, FieldError, Problem, ProblemCode, Reservation,
    ReservationRequest, ReservationStatus, RESERVE_MAX_QUANTITY,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::http::cache::etag_json;
use crate::http::idempotency::{IdempotencyKey, Idempotent};
use crate::http::session::{csrf_guard, session_id_cookie};
use crate::kiosks::KIOSK_COOKIE;
use crate::reservations::{self as core, Held, Request, Row};
use crate::state::AppState;

/// Side of the QR code picture, in pixels.
pub const QR_SIZE: u32 = 264;
/// `Cache-Control` of a reservation: personal, and its status changes.
const RESERVATION_CACHE: &str = "private, no-cache";

/// A code from the path in canonical form; 400 naming `#/path/code` when malformed.
pub fn parse_code(raw: &str) -> ApiResult<String> {
    core::normalize_code(raw).ok_or_else(|| {
        ApiError::InvalidPath(vec![FieldError {
            pointer: "#/path/code".to_owned(),
            message: format!(
                "expected {} characters of 0-9 and A-Z without I, L, O, U",
                core::CODE_LEN
            ),
        }])
    })
}

/// The reservation as JSON with its store's status at `now`.
pub async fn reservation_response(
    state: &AppState,
    headers: &HeaderMap,
    row: &Row,
    now: DateTime<Utc>,
    status: StatusCode,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let store = directory
        .get(&row.store_id)
        .ok_or_else(|| {
            ApiError::Internal(format!("reservation of unknown store {}", row.store_id))
        })?
        .at(now);
    let body = row.to_api(store);
    if status == StatusCode::OK {
        return etag_json(headers, &body, RESERVATION_CACHE);
    }
    let mut res = (status, axum::Json(body)).into_response();
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/reservations/{}", row.code)) {
        h.insert(header::LOCATION, v);
    }
    Ok(res)
}

/// Validates the body: quantity, name, phone (every bad field listed).
pub fn validate(body: &ReservationRequest) -> ApiResult<Request> {
    let mut errors = Vec::new();
    let mut err = |pointer: &str, message: String| {
        errors.push(FieldError {
            pointer: pointer.to_owned(),
            message,
        })
    };
    if !(1..=RESERVE_MAX_QUANTITY).contains(&body.quantity) {
        err(
            "/quantity",
            format!(
                "expected 1 to {RESERVE_MAX_QUANTITY} units, got {}",
                body.quantity
            ),
        );
    }
    let name = guest_name(&body.name).unwrap_or_else(|message| {
        err("/name", message);
        ""
    });
    let phone = normalize_cn_mobile(&body.phone);
    if phone.is_none() {
        err(
            "/phone",
            "expected a mainland China mobile number such as 138 1234 5678 (+86 optional)"
                .to_owned(),
        );
    }
    for (pointer, id) in [
        ("/variant_id", body.variant_id.as_str()),
        ("/store_id", body.store_id.as_str()),
    ] {
        if id.is_empty() || id.chars().count() > 100 {
            err(pointer, "expected an id of 1 to 100 characters".to_owned());
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail: match errors.as_slice() {
                [one] => format!(
                    "invalid {}: {}",
                    one.pointer.trim_start_matches('/'),
                    one.message
                ),
                many => format!("{} invalid fields", many.len()),
            },
            errors,
        });
    }
    Ok(Request {
        variant_id: body.variant_id.0.clone(),
        store_id: body.store_id.0.clone(),
        quantity: body.quantity,
        name: name.to_owned(),
        phone: phone.unwrap_or_default(),
    })
}

/// Holds units of a variant at a store for the guest to collect. Atomic: concurrent
/// requests for the last units get exactly the units there are, the rest `409 out_of_stock`.
/// Retrying with the same `Idempotency-Key` and body returns the same reservation (200)
/// without holding again; the same key with another body is `422 idempotency_conflict`.
#[utoipa::path(
    post,
    path = "/api/v1/reservations",
    operation_id = "createReservation",
    tag = "reservations",
    params(("Idempotency-Key" = String, Header, description = "1 to 100 visible ASCII characters, unique per reservation attempt; reuse it when retrying")),
    request_body = ReservationRequest,
    responses(
        (status = 201, description = "Reserved", body = Reservation,
            headers(("Location" = String, description = "`/api/v1/reservations/{code}`"))),
        (status = 200, description = "A retry: the reservation made earlier with this key", body = Reservation),
        (status = 400, description = "Missing or malformed `Idempotency-Key` (`invalid_header`), or a bad field (`invalid_body`: `/quantity` 1..=5, `/name`, `/phone`)",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store (`/store_id`) or variant (`/variant_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`out_of_stock`: not enough units (the detail says how many are left); `pickup_unavailable`: the store offers no pickup",
            body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`idempotency_conflict`: the key was used with another body", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database stayed busy; retry with the same key", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Idempotent {
        key: IdempotencyKey(key),
        body,
    }: Idempotent<ReservationRequest>,
) -> ApiResult<Response> {
    let request = validate(&body)?;
    let now = Utc::now();
    if let Some(row) = core::by_key(&state.db, &key).await? {
        let Held::Replayed(row) = core::replay(row, &request)? else {
            return Err(ApiError::Internal("replay made a reservation".to_owned()));
        };
        return reservation_response(&state, &headers, &row, now, StatusCode::OK).await;
    }
    let directory = state.stores.get(&state.db).await?;
    let store = directory
        .get(&request.store_id)
        .filter(|s| s.id == request.store_id)
        .ok_or_else(|| ApiError::NotFoundField {
            detail: format!("no store {:?}", request.store_id),
            pointer: "/store_id".to_owned(),
        })?;
    if !store.pickup {
        return Err(ApiError::Coded {
            code: ProblemCode::PickupUnavailable,
            detail: format!("{} does not offer reserve-for-pickup", store.store.name.en),
            errors: vec![FieldError {
                pointer: "/store_id".to_owned(),
                message: "this store offers no pickup".to_owned(),
            }],
        });
    }
    let snap = core::snapshot(&state.db, &request.variant_id)
        .await?
        .ok_or_else(|| ApiError::NotFoundField {
            detail: format!("no variant {:?}", request.variant_id),
            pointer: "/variant_id".to_owned(),
        })?;
    let (ready_at, hold_until) = core::times(store, now, state.hold_hours);
    let kiosk = session_id_cookie(&headers, KIOSK_COOKIE);
    let held = core::hold(
        &state,
        &key,
        &request,
        &snap,
        &body.attribution,
        kiosk.as_deref(),
        (now.timestamp(), ready_at, hold_until),
    )
    .await?;
    match held {
        Held::Created(row) => {
            reservation_response(&state, &headers, &row, now, StatusCode::CREATED).await
        }
        Held::Replayed(row) => {
            reservation_response(&state, &headers, &row, now, StatusCode::OK).await
        }
    }
}

/// The reservation (the pickup pass): item, store with its status, times, masked phone.
/// A reservation past its hold is expired (and its units released) before it is shown.
#[utoipa::path(
    get,
    path = "/api/v1/reservations/{code}",
    operation_id = "getReservation",
    tag = "reservations",
    params(
        ("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Reservation code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The reservation", body = Reservation,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`private, no-cache`"))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    let now = Utc::now();
    let row = core::current(&state, &code, now.timestamp()).await?;
    reservation_response(&state, &headers, &row, now, StatusCode::OK).await
}

/// Cancels an active reservation and releases its units; `409 not_active` when it is no
/// longer active (collected, cancelled, expired).
#[utoipa::path(
    post,
    path = "/api/v1/reservations/{code}/cancel",
    operation_id = "cancelReservation",
    tag = "reservations",
    params(
        ("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Reservation code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)"),
        ("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)"),
    ),
    responses(
        (status = 200, description = "The reservation, now cancelled", body = Reservation),
        (status = 403, description = "`csrf`: neither `X-Requested-With: storefront` nor a same-origin `Origin`", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not active (`not_active`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    let now = Utc::now();
    let row = core::finish(
        &state,
        &code,
        ReservationStatus::Cancelled,
        None,
        now.timestamp(),
    )
    .await?;
    let mut res =
        reservation_response(&state, &HeaderMap::new(), &row, now, StatusCode::OK).await?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The pickup pass's QR code: an SVG (264 × 264, error correction M, quiet zone, black on
/// white) whose payload is exactly the reservation code.
#[utoipa::path(
    get,
    path = "/api/v1/reservations/{code}/qr.svg",
    operation_id = "getReservationQr",
    tag = "reservations",
    params(("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Reservation code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)")),
    responses(
        (status = 200, description = "The QR code", content_type = "image/svg+xml"),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn qr(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    if core::load(&state.db, &code).await?.is_none() {
        return Err(ApiError::NotFound(format!("no reservation {code}")));
    }
    qr_response(&code)
}

/// The answer of a `…/{code}/qr.svg` route: the QR code of `code` as SVG, cached by the
/// client (a code never changes). Shared by reservations and appointments.
pub fn qr_response(code: &str) -> ApiResult<Response> {
    let mut res = qr_svg(code)?.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400, immutable"),
    );
    Ok(res)
}

/// The SVG of a QR code carrying `text`.
pub fn qr_svg(text: &str) -> ApiResult<String> {
    let qr = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| ApiError::Internal(format!("QR code: {e}")))?;
    // One unit per module, scaled to QR_SIZE by the root's width and height (the viewBox
    // keeps the module grid; crispEdges keeps the edges sharp).
    let svg = qr
        .render::<svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let side = qr.width() + 8;
    Ok(svg.replacen(
        &format!(r#"width="{side}" height="{side}""#),
        &format!(r#"width="{QR_SIZE}" height="{QR_SIZE}""#),
        1,
    ))
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    // A cancel has no body, so a cross-site form could send it: the CSRF guard refuses it.
    let cancel_routes = OpenApiRouter::new()
        .routes(routes!(cancel))
        .route_layer(axum::middleware::from_fn(csrf_guard));
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(get))
        .routes(routes!(qr))
        .merge(cancel_routes)
}
