//! Shopping-guide appointments: `GET /api/v1/stores/{id_or_slug}/guide-slots?date=`,
//! `POST /api/v1/appointments` (with `Idempotency-Key`), `GET /api/v1/appointments/{code}`,
//! `POST /api/v1/appointments/{code}/cancel` and `GET /api/v1/appointments/{code}/qr.svg`.
//! The logic is in [`crate::appointments`].

use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use storefront_api_types::{
    guest_name, normalize_cn_mobile, Appointment, AppointmentRequest, BodyFault, FieldError,
    GuideSlot, GuideSlotQuery, GuideSlots, Problem, ProblemCode, StoreId, StoreService, Timestamp,
    GUIDE_SLOT_MINUTES,
};

use super::reservations::{parse_code, qr_response};
use crate::appointments::{self as core, Booked, Request, Row};
use crate::directory::StoreInfo;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::{etag_json, live_json};
use crate::http::extract::{iso_date, ApiQuery, FromQuery};
use crate::http::idempotency::{IdempotencyKey, Idempotent};
use crate::http::session::{csrf_guard, session_id_cookie};
use crate::kiosks::KIOSK_COOKIE;
use crate::state::AppState;

/// `Cache-Control` of an appointment: personal, and its status changes.
const APPOINTMENT_CACHE: &str = "private, no-cache";

/// `?date=`: a `YYYY-MM-DD` local date (range-checked by the handler, which knows the
/// store's today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlotParams {
    /// The date.
    pub date: Option<NaiveDate>,
}

impl FromQuery for SlotParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        match pairs.iter().rev().find(|(k, _)| k == "date") {
            None => Ok(SlotParams { date: None }),
            Some((_, v)) => iso_date(v)
                .map(|d| SlotParams { date: Some(d) })
                .ok_or_else(|| {
                    vec![FieldError {
                        pointer: "#/query/date".to_owned(),
                        message: format!("expected a date YYYY-MM-DD, got {v:?}"),
                    }]
                }),
        }
    }
}

fn guide_unavailable(info: &StoreInfo, pointer: &str) -> ApiError {
    ApiError::Coded {
        code: ProblemCode::GuideUnavailable,
        detail: format!(
            "{} offers no shopping-guide appointments",
            info.store.name.en
        ),
        errors: vec![FieldError {
            pointer: pointer.to_owned(),
            message: "this store has no shopping guides".to_owned(),
        }],
    }
}

fn offers_guides(info: &StoreInfo) -> bool {
    info.store.services.contains(&StoreService::ShoppingGuide)
}

/// The half-hour slots of a store's local date with the guides still free; slots that
/// have started are left out.
#[utoipa::path(
    get,
    path = "/api/v1/stores/{id_or_slug}/guide-slots",
    operation_id = "listGuideSlots",
    tag = "appointments",
    params(
        ("id_or_slug" = String, Path, min_length = 1, max_length = 100, description = "Store id or slug"),
        GuideSlotQuery,
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The slots of that date within the store's hours (exceptions included), on its clock", body = GuideSlots,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`no-cache`"))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`date` is malformed (`#/query/date`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`slot_unavailable`: `date` is not from the store's today to 14 days later (`#/query/date`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`guide_unavailable`: the store has no shopping guides", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn slots(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
    ApiQuery(params): ApiQuery<SlotParams>,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let info = directory
        .get(&id_or_slug)
        .ok_or_else(|| ApiError::NotFound(format!("no store {id_or_slug:?}")))?;
    if !offers_guides(info) {
        return Err(guide_unavailable(info, "#/path/id_or_slug"));
    }
    let now = Utc::now();
    let (first, last) = core::bookable_dates(info, now);
    let date = params.date.unwrap_or(first);
    if date < first || date > last {
        return Err(ApiError::refusal_at(
            ProblemCode::SlotUnavailable,
            "#/query/date",
            &format!("expected a date from {first} to {last} (the store's today to 14 days later), got {date}"),
        ));
    }
    let starts = core::open_slots(info, date, now);
    let capacity = core::capacity(&state.db, &info.id).await?;
    let taken: HashMap<i64, i64> = match (starts.first(), starts.last()) {
        (Some(a), Some(b)) => core::booked(&state.db, &info.id, a.timestamp(), b.timestamp())
            .await?
            .into_iter()
            .collect(),
        _ => HashMap::new(),
    };
    let tz = info.schedule.tz;
    let slots = starts
        .iter()
        .map(|s| {
            let used = u32::try_from(taken.get(&s.timestamp()).copied().unwrap_or(0)).unwrap_or(0);
            GuideSlot {
                start: Timestamp::from(*s),
                end: Timestamp::from(*s + chrono::Duration::minutes(i64::from(GUIDE_SLOT_MINUTES))),
                local_time: s.with_timezone(&tz).format("%H:%M").to_string(),
                capacity,
                remaining: capacity.saturating_sub(used),
            }
        })
        .collect();
    live_json(
        &headers,
        &GuideSlots {
            store_id: StoreId(info.id.clone()),
            date: date.format("%Y-%m-%d").to_string(),
            time_zone: info.store.time_zone.clone(),
            slots,
        },
    )
}

/// Validates the body's fields (every bad one listed) and resolves `start` on the
/// store's clock.
pub fn validate(body: &AppointmentRequest, info: Option<&StoreInfo>) -> ApiResult<Request> {
    let mut errors = Vec::new();
    let mut err = |pointer: &str, message: String| {
        errors.push(FieldError {
            pointer: pointer.to_owned(),
            message,
        })
    };
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
    let start = info.and_then(|i| core::parse_start(i, &body.start));
    if !core::start_shape(&body.start) {
        err(
            "/start",
            format!(
                "expected an RFC 3339 instant or the store's local YYYY-MM-DDTHH:MM, got {:?}",
                body.start
            ),
        );
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
    if info.is_some() && start.is_none() {
        return Err(core::no_such_time(&body.start));
    }
    Ok(Request {
        store_id: body.store_id.0.clone(),
        start: start.unwrap_or_default(),
        name: name.to_owned(),
        phone: phone.unwrap_or_default(),
    })
}

/// The appointment as JSON with its store's status at `now` (`201` with `Location`, or
/// `200` with an ETag).
pub async fn appointment_response(
    state: &AppState,
    headers: &HeaderMap,
    row: &Row,
    now: DateTime<Utc>,
    status: StatusCode,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let info = directory.get(&row.store_id).ok_or_else(|| {
        ApiError::Internal(format!("appointment of unknown store {}", row.store_id))
    })?;
    let body: Appointment = row.to_api(info, info.at(now));
    if status == StatusCode::OK {
        return etag_json(headers, &body, APPOINTMENT_CACHE);
    }
    let mut res = (status, axum::Json(body)).into_response();
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/appointments/{}", row.code)) {
        h.insert(header::LOCATION, v);
    }
    Ok(res)
}

/// Books a shopping guide for a half hour. Atomic: a slot never gets more bookings than
/// the store has guides (`409 slot_full`). Retrying with the same `Idempotency-Key` and
/// body returns the same appointment (200); the same key with another body is
/// `422 idempotency_conflict`.
#[utoipa::path(
    post,
    path = "/api/v1/appointments",
    operation_id = "createAppointment",
    tag = "appointments",
    params(("Idempotency-Key" = String, Header, description = "1 to 100 visible ASCII characters, unique per booking attempt; reuse it when retrying")),
    request_body = AppointmentRequest,
    responses(
        (status = 201, description = "Booked", body = Appointment,
            headers(("Location" = String, description = "`/api/v1/appointments/{code}`"))),
        (status = 200, description = "A retry: the appointment booked earlier with this key", body = Appointment),
        (status = 400, description = "Missing or malformed `Idempotency-Key` (`invalid_header`), or a bad field (`invalid_body`: `/start`, `/name`, `/phone`)",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store (`/store_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slot_full`: every guide of the slot is booked; `guide_unavailable`: the store has no guides", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`slot_unavailable`: `/start` is not an offered slot (outside the hours that day, off the half-hour grid, past, beyond 14 days); `idempotency_conflict`",
            body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database stayed busy; retry with the same key", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Idempotent {
        key: IdempotencyKey(key),
        body,
    }: Idempotent<AppointmentRequest>,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let info = directory
        .get(body.store_id.as_str())
        .filter(|s| s.id == body.store_id.as_str());
    let request = validate(&body, info)?;
    let info = info.ok_or_else(|| ApiError::NotFoundField {
        detail: format!("no store {:?}", body.store_id.as_str()),
        pointer: "/store_id".to_owned(),
    })?;
    let now = Utc::now();
    if let Some(row) = core::by_key(&state.db, &key).await? {
        let Booked::Replayed(row) = core::replay(row, &request)? else {
            return Err(ApiError::Internal("replay booked".to_owned()));
        };
        return appointment_response(&state, &headers, &row, now, StatusCode::OK).await;
    }
    if !offers_guides(info) {
        return Err(guide_unavailable(info, "/store_id"));
    }
    core::check_slot(info, request.start, now)?;
    let kiosk = session_id_cookie(&headers, KIOSK_COOKIE);
    let source = (&body.attribution, kiosk.as_deref());
    match core::book(&state, &key, &request, source, now.timestamp()).await? {
        Booked::Created(row) => {
            appointment_response(&state, &headers, &row, now, StatusCode::CREATED).await
        }
        Booked::Replayed(row) => {
            appointment_response(&state, &headers, &row, now, StatusCode::OK).await
        }
    }
}

/// An appointment: store with its status, start and end (also on the store's clock),
/// masked phone.
#[utoipa::path(
    get,
    path = "/api/v1/appointments/{code}",
    operation_id = "getAppointment",
    tag = "appointments",
    params(
        ("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Appointment code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The appointment", body = Appointment,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`private, no-cache`"))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    let row = core::load(&state.db, &code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no appointment {code}")))?;
    appointment_response(&state, &headers, &row, Utc::now(), StatusCode::OK).await
}

/// Cancels a booked appointment that has not started; its guide is free again.
#[utoipa::path(
    post,
    path = "/api/v1/appointments/{code}/cancel",
    operation_id = "cancelAppointment",
    tag = "appointments",
    params(
        ("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Appointment code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)"),
        ("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)"),
    ),
    responses(
        (status = 200, description = "The appointment, now cancelled", body = Appointment),
        (status = 403, description = "`csrf`: neither `X-Requested-With: storefront` nor a same-origin `Origin`", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_active`: already cancelled, or already started", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    let now = Utc::now();
    let row = core::cancel(&state, &code, now.timestamp()).await?;
    let mut res =
        appointment_response(&state, &HeaderMap::new(), &row, now, StatusCode::OK).await?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The appointment's QR code (SVG, 264 × 264, error correction M) carrying its code.
#[utoipa::path(
    get,
    path = "/api/v1/appointments/{code}/qr.svg",
    operation_id = "getAppointmentQr",
    tag = "appointments",
    params(("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Appointment code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)")),
    responses(
        (status = 200, description = "The QR code", content_type = "image/svg+xml"),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn qr(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    if core::load(&state.db, &code).await?.is_none() {
        return Err(ApiError::NotFound(format!("no appointment {code}")));
    }
    qr_response(&code)
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    // A cancel has no body, so a cross-site form could send it: the CSRF guard refuses it.
    let cancel_routes = OpenApiRouter::new()
        .routes(routes!(cancel))
        .route_layer(axum::middleware::from_fn(csrf_guard));
    OpenApiRouter::new()
        .routes(routes!(slots))
        .routes(routes!(create))
        .routes(routes!(get))
        .routes(routes!(qr))
        .merge(cancel_routes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::extract::parse_pairs;

    #[test]
    fn the_date_must_be_a_calendar_date() {
        assert_eq!(
            SlotParams::from_pairs(&parse_pairs("date=2026-11-24")),
            Ok(SlotParams {
                date: NaiveDate::from_ymd_opt(2026, 11, 24)
            })
        );
        for bad in [
            "date=",
            "date=2026-02-30",
            "date=tomorrow",
            "date=2026-1-5",
            "date=2026-11-24T10:00",
        ] {
            let e = SlotParams::from_pairs(&parse_pairs(bad))
                .err()
                .unwrap_or_default();
            assert_eq!(e.len(), 1, "{bad}");
            assert_eq!(e[0].pointer, "#/query/date", "{bad}");
        }
    }
}
