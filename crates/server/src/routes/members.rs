//! Sign-in and the member: `POST /api/v1/auth/code`, `POST /api/v1/auth/verify`,
//! `POST /api/v1/auth/sign-out`, `GET /api/v1/demo/last-code` (demo mode only),
//! `GET|DELETE /api/v1/me`, `GET /api/v1/me/loyalty` (the same member as `GET /api/v1/me`),
//! `GET /api/v1/me/loyalty/transactions`, `POST /api/v1/me/loyalty/scan-tokens`,
//! `GET /api/v1/me/export`; and the till's `POST /api/v1/pos/loyalty/earn` and
//! `POST /api/v1/pos/loyalty/verify`. The logic is in [`crate::members`] and [`crate::tokens`].

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use storefront_api_types::{
    member_codes, DemoCode, EarnRequest, EarnResult, FieldError, LedgerEntry, Member, MemberExport,
    Page, Problem, SignInCodeRequest, SignInCodeSent, SignInVerify, SignedIn, SignedToken, Tier,
    Timestamp, TokenBatch, TokenCheck, TokenChecked,
};

use super::reservations::idempotency_key;
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_pairs, BodyJson};
use crate::members::{
    self as core, code_digest, normalize_login, session_cookie, sha256_hex, LedgerRow, Session,
    CODES_PER_LOGIN_HOUR, CODE_ATTEMPTS, CODE_SECONDS, LEDGER_COLUMNS, RESEND_SECONDS,
    SESSION_SECONDS,
};
use crate::reservations::retry_busy;
use crate::tokens::{Claims, Kind, Rejection};
use crate::AppState;

/// `Cache-Control` of anything personal.
pub const PRIVATE: &str = "private, no-store";

/// The client's address (the TCP peer; proxies' headers are not trusted), `unknown` when
/// the server runs without connection info (tests).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string()),
        ))
    }
}

/// JSON with `Cache-Control: private, no-store`.
pub fn private_json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    let mut res = (status, Json(value)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    res
}

fn field(status: StatusCode, code: &'static str, pointer: &str, detail: &str) -> ApiError {
    ApiError::Coded {
        status,
        code,
        detail: detail.to_owned(),
        errors: vec![FieldError {
            pointer: pointer.to_owned(),
            message: detail.to_owned(),
        }],
    }
}

fn bad_login() -> ApiError {
    ApiError::body_field(
        "/login",
        "expected a mainland China mobile number (138 1234 5678, +86 optional) or an email address",
    )
}

/// Sends a six-digit code (valid 5 minutes, single use) to a mobile number or an email
/// address. Limits: one per login per 30 s and 5 per hour, and `--auth-ip-limit` per
/// client address per hour (429 `rate_limited`).
#[utoipa::path(
    post, path = "/api/v1/auth/code", operation_id = "sendSignInCode", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = SignInCodeRequest,
    responses(
        (status = 200, description = "Sent", body = SignInCodeSent),
        (status = 400, description = "Bad `/login`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn send_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    BodyJson(body): BodyJson<SignInCodeRequest>,
) -> ApiResult<Response> {
    let login = normalize_login(&body.login).ok_or_else(bad_login)?;
    let now = Utc::now().timestamp();
    let m = &state.members;
    m.limit(&format!("send-ip:{ip}"), m.ip_limit, 3_600, now, "/login")?;
    m.limit(
        &format!("send-30s:{login}"),
        1,
        RESEND_SECONDS,
        now,
        "/login",
    )?;
    m.limit(
        &format!("send-hour:{login}"),
        CODES_PER_LOGIN_HOUR,
        3_600,
        now,
        "/login",
    )?;
    let code = core::new_code()?;
    let expires_at = now + CODE_SECONDS;
    {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            sqlx::query(
                "INSERT INTO login_codes (login, code_sha256, sent_at, expires_at, attempts, used) VALUES (?, ?, ?, ?, 0, 0) \
                 ON CONFLICT (login) DO UPDATE SET code_sha256 = excluded.code_sha256, sent_at = excluded.sent_at, \
                 expires_at = excluded.expires_at, attempts = 0, used = 0",
            )
            .bind(&login)
            .bind(code_digest(&login, &code))
            .bind(now)
            .bind(expires_at)
            .execute(&state.db)
            .await?;
            Ok(())
        })
        .await?;
    }
    m.sender.send(&login, &code).map_err(|e| {
        tracing::warn!(error = %e, "sending a sign-in code failed");
        ApiError::Unavailable("the code could not be sent; try again".to_owned())
    })?;
    if m.demo {
        if let Ok(mut last) = m.last_codes.lock() {
            last.insert(login.clone(), code);
        }
    }
    let exists = core::by_login(&state.db, &login).await?.is_some();
    Ok(private_json(
        StatusCode::OK,
        &SignInCodeSent {
            login,
            member_exists: exists,
            expires_at: Timestamp::from_unix(expires_at),
            resend_after_seconds: RESEND_SECONDS as u32,
        },
    ))
}

/// Checks the code and starts a session (cookie `sf_session`: HttpOnly, SameSite=Lax,
/// Secure over HTTPS). A login without a member joins, which needs `agree_terms: true`.
#[utoipa::path(
    post, path = "/api/v1/auth/verify", operation_id = "verifySignInCode", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = SignInVerify,
    responses(
        (status = 200, description = "Signed in (`Set-Cookie`)", body = SignedIn),
        (status = 201, description = "Joined and signed in (`Set-Cookie`)", body = SignedIn),
        (status = 400, description = "Bad `/login` or `/code`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code_invalid` (wrong, expired, used; 5 tries per code) or `terms_required`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    BodyJson(body): BodyJson<SignInVerify>,
) -> ApiResult<Response> {
    let login = normalize_login(&body.login).ok_or_else(bad_login)?;
    let code = body.code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::body_field("/code", "expected six digits"));
    }
    let now = Utc::now().timestamp();
    let m = &state.members;
    m.limit(
        &format!("verify-ip:{ip}"),
        m.ip_limit.saturating_mul(2),
        3_600,
        now,
        "/code",
    )?;
    let invalid = |detail: &str| {
        field(
            StatusCode::UNPROCESSABLE_ENTITY,
            member_codes::CODE_INVALID,
            "/code",
            detail,
        )
    };
    let session_id = core::new_session_id()?;
    let digest = code_digest(&login, code);
    let _writer = state.writes.lock().await;
    let (member, joined) = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        let row: Option<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT code_sha256, expires_at, attempts, used FROM login_codes WHERE login = ?",
        )
        .bind(&login)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((stored, expires_at, attempts, used)) = row else {
            return Err(invalid("no code was sent to this login; ask for one"));
        };
        if used != 0 {
            return Err(invalid("this code was used; ask for a new one"));
        }
        if expires_at <= now {
            return Err(invalid("this code has expired; ask for a new one"));
        }
        if attempts >= CODE_ATTEMPTS {
            return Err(invalid("too many wrong tries; ask for a new code"));
        }
        if stored != digest {
            sqlx::query("UPDATE login_codes SET attempts = attempts + 1 WHERE login = ?")
                .bind(&login)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Err(invalid("wrong code"));
        }
        let existing = core::by_login(&mut *tx, &login).await?;
        if existing.is_none() && !body.agree_terms {
            // The code stays valid: the shopper ticks the box and sends it again.
            return Err(field(
                StatusCode::UNPROCESSABLE_ENTITY,
                member_codes::TERMS_REQUIRED,
                "/agree_terms",
                "joining needs agreement to the terms and privacy notice",
            ));
        }
        sqlx::query("UPDATE login_codes SET used = 1 WHERE login = ?")
            .bind(&login)
            .execute(&mut *tx)
            .await?;
        let (member, joined) = match existing {
            Some(m) => (m, false),
            None => (core::create(&mut tx, &login, now).await?, true),
        };
        sqlx::query(
            "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        )
        .bind(sha256_hex(&session_id))
        .bind(member.id)
        .bind(now)
        .bind(now + SESSION_SECONDS)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((member, joined))
    })
    .await?;
    if let Ok(mut last) = m.last_codes.lock() {
        last.remove(&login);
    }
    let status = if joined {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut res = private_json(
        status,
        &SignedIn {
            joined,
            member: member.to_api(),
        },
    );
    res.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(Some(&session_id), core::is_https(&headers, &uri))?,
    );
    Ok(res)
}

/// Ends the session on the server and clears the cookie (204, also without a session).
#[utoipa::path(
    post, path = "/api/v1/auth/sign-out", operation_id = "signOut", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 204, description = "Signed out (`Set-Cookie` clears `sf_session`)"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    if let Some(id) = core::cookie_session(&headers) {
        sqlx::query("DELETE FROM member_sessions WHERE id_sha256 = ?")
            .bind(sha256_hex(&id))
            .execute(&state.db)
            .await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(None, core::is_https(&headers, &uri))?,
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    Ok(res)
}

/// Demo mode only (`--demo`): the code last sent to a login; 404 otherwise.
#[utoipa::path(
    get, path = "/api/v1/demo/last-code", operation_id = "demoLastCode", tag = "members",
    params(("login" = String, Query, description = "Mobile or email")),
    responses(
        (status = 200, description = "The code", body = DemoCode),
        (status = 404, description = "Not in demo mode, or no code", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn demo_last_code(State(state): State<AppState>, uri: Uri) -> ApiResult<Response> {
    if !state.members.demo {
        return Err(ApiError::NotFound("not found".to_owned()));
    }
    let pairs = parse_pairs(uri.query().unwrap_or(""));
    let raw = pairs
        .iter()
        .find(|(k, _)| k == "login")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let login = normalize_login(raw)
        .ok_or_else(|| ApiError::query("login", "expected a mobile number or an email"))?;
    let code = state
        .members
        .last_codes
        .lock()
        .ok()
        .and_then(|m| m.get(&login).cloned())
        .ok_or_else(|| ApiError::NotFound(format!("no code sent to {login}")))?;
    Ok(private_json(StatusCode::OK, &DemoCode { login, code }))
}

async fn member_of(state: &AppState, session: &Session) -> ApiResult<core::MemberRow> {
    core::load(&state.db, session.member_id)
        .await?
        .ok_or_else(core::unauthenticated)
}

/// The signed-in member: number, tier with benefits, balance, progress to the next tier.
/// Also served at `GET /api/v1/me/loyalty` (see [`loyalty_doc`]).
#[utoipa::path(
    get, path = "/api/v1/me", operation_id = "getMe", tag = "members",
    responses(
        (status = 200, description = "The member", body = Member),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let m = member_of(&state, &session).await?;
    Ok(private_json(StatusCode::OK, &m.to_api()))
}

/// `GET /api/v1/me/loyalty`: the loyalty account (member number, tier with benefits,
/// balance, progress to the next tier); the same handler and answer as `GET /api/v1/me`
/// ([`me`]). This function only documents the second path.
#[utoipa::path(
    get, path = "/api/v1/me/loyalty", operation_id = "getLoyalty", tag = "members",
    responses(
        (status = 200, description = "The member's loyalty account (the same `Member` as `GET /api/v1/me`)", body = Member),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub fn loyalty_doc() {}

/// Largest ledger page.
pub const LEDGER_LIMIT_MAX: i64 = 100;

/// The points ledger, newest first: `?limit=1..=100` (20), `?cursor=` from `next_cursor`.
#[utoipa::path(
    get, path = "/api/v1/me/loyalty/transactions", operation_id = "getLoyaltyTransactions", tag = "members",
    params(
        ("limit" = Option<u32>, Query, description = "1..=100, default 20"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, description = "A page of the ledger", body = Page<LedgerEntry>),
        (status = 400, description = "Bad `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ledger(
    State(state): State<AppState>,
    session: Session,
    uri: Uri,
) -> ApiResult<Response> {
    let mut limit = 20i64;
    let mut before = i64::MAX;
    for (k, v) in parse_pairs(uri.query().unwrap_or("")) {
        match k.as_str() {
            "limit" => {
                limit = v
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=LEDGER_LIMIT_MAX).contains(n))
                    .ok_or_else(|| ApiError::query("limit", "expected an integer from 1 to 100"))?;
            }
            "cursor" => {
                before = v
                    .strip_prefix("l_")
                    .and_then(|n| n.parse::<i64>().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| ApiError::query("cursor", "expected a next_cursor value"))?;
            }
            _ => {}
        }
    }
    let rows: Vec<LedgerRow> = sqlx::query_as(&format!(
        "{LEDGER_COLUMNS} WHERE member_id = ? AND id < ? ORDER BY id DESC LIMIT ?"
    ))
    .bind(session.member_id)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(&state.db)
    .await?;
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM member_ledger WHERE member_id = ?")
        .bind(session.member_id)
        .fetch_one(&state.db)
        .await?;
    let stores = state.stores.get(&state.db).await?;
    let more = rows.len() as i64 > limit;
    let data: Vec<LedgerEntry> = rows
        .iter()
        .take(limit as usize)
        .map(|r| r.to_api(&stores))
        .collect();
    let next_cursor = if more {
        data.last().map(|e| e.id.clone())
    } else {
        None
    };
    Ok(private_json(
        StatusCode::OK,
        &Page {
            data,
            next_cursor,
            total: total as u64,
        },
    ))
}

/// Signs a batch of claims.
pub fn signed(state: &AppState, claims: &[Claims]) -> Vec<SignedToken> {
    claims
        .iter()
        .map(|c| SignedToken {
            token: state.members.tokens.sign(c),
            valid_from: Timestamp::from_unix(i64::from(c.valid_from)),
            valid_until: Timestamp::from_unix(i64::from(c.valid_until)),
        })
        .collect()
}

/// Issues a new batch of member tokens for the points QR covering at least 10 minutes (one
/// per `--token-seconds` step), to keep on the device and rotate offline. A POST because
/// every call issues a new batch (no body).
#[utoipa::path(
    post, path = "/api/v1/me/loyalty/scan-tokens", operation_id = "issueScanTokens", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 200, description = "The batch", body = TokenBatch),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn tokens(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let m = member_of(&state, &session).await?;
    let now = Utc::now().timestamp();
    let claims = state
        .members
        .tokens
        .batch(Kind::Member, m.id as u64, now)
        .map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(private_json(
        StatusCode::OK,
        &TokenBatch {
            member_no: m.member_no,
            step_seconds: state.members.tokens.step,
            tokens: signed(&state, &claims),
            issued_at: Timestamp::from_unix(now),
        },
    ))
}

/// Everything stored about the member, as a JSON download.
#[utoipa::path(
    get, path = "/api/v1/me/export", operation_id = "exportMe", tag = "members",
    responses(
        (status = 200, description = "The member's data (`Content-Disposition: attachment`)", body = MemberExport),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn export(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let m = member_of(&state, &session).await?;
    let rows: Vec<LedgerRow> = sqlx::query_as(&format!(
        "{LEDGER_COLUMNS} WHERE member_id = ? ORDER BY id DESC"
    ))
    .bind(m.id)
    .fetch_all(&state.db)
    .await?;
    let stores = state.stores.get(&state.db).await?;
    let coupons = super::coupons::wallet_of(&state, m.id, Utc::now().timestamp()).await?;
    let body = MemberExport {
        login: m.login.clone(),
        member: m.to_api(),
        terms_accepted_at: Timestamp::from_unix(m.terms_accepted_at),
        ledger: rows.iter().map(|r| r.to_api(&stores)).collect(),
        coupons,
    };
    let mut res = private_json(StatusCode::OK, &body);
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"storefront-member.json\""),
    );
    Ok(res)
}

/// Deletes the member with their ledger, wallet and sessions; clears the cookie (204).
#[utoipa::path(
    delete, path = "/api/v1/me", operation_id = "deleteMe", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_me(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            for sql in [
                "DELETE FROM member_sessions WHERE member_id = ?",
                "DELETE FROM wallet_coupons WHERE member_id = ?",
                "DELETE FROM member_ledger WHERE member_id = ?",
                "DELETE FROM members WHERE id = ?",
            ] {
                sqlx::query(sql)
                    .bind(session.member_id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
        .await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(None, core::is_https(&headers, &uri))?,
    );
    Ok(res)
}

// ---------------------------------------------------------------------------------------
// Till (POS)
// ---------------------------------------------------------------------------------------

/// A token rejection as a problem naming the token field (`pointer`: `/scan_token`,
/// `/coupon_token` or `/token`).
pub fn token_problem(r: Rejection, pointer: &str) -> ApiError {
    let (code, detail) = match r {
        Rejection::Expired => (
            member_codes::TOKEN_EXPIRED,
            "the code has expired; ask the shopper to show the current one",
        ),
        Rejection::NotYetValid => (
            member_codes::TOKEN_INVALID,
            "the code is not valid yet (check the till's clock)",
        ),
        Rejection::WrongKind => (
            member_codes::TOKEN_INVALID,
            "this is not a code of the expected kind (member or coupon)",
        ),
        Rejection::Invalid => (
            member_codes::TOKEN_INVALID,
            "invalid code: malformed or wrong signature",
        ),
    };
    field(StatusCode::UNPROCESSABLE_ENTITY, code, pointer, detail)
}

/// 409 `token_used`, naming the token field (`pointer`).
pub fn token_used(pointer: &str) -> ApiError {
    field(
        StatusCode::CONFLICT,
        member_codes::TOKEN_USED,
        pointer,
        "this code was used already; ask the shopper to show the current one",
    )
}

/// A receipt number (`/receipt_no`): 1 to 64 visible ASCII characters.
pub fn check_receipt(receipt: &str) -> ApiResult<String> {
    let r = receipt.trim();
    if r.is_empty() || r.len() > 64 || !r.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(ApiError::body_field(
            "/receipt_no",
            "expected 1 to 64 visible ASCII characters",
        ));
    }
    Ok(r.to_owned())
}

/// 404 `unknown_store` naming `/store_id` unless the store exists, then the staff key check.
pub async fn till_store(state: &AppState, headers: &HeaderMap, store_id: &str) -> ApiResult<()> {
    let directory = state.stores.get(&state.db).await?;
    if directory.get(store_id).is_none_or(|s| s.id != store_id) {
        return Err(field(
            StatusCode::NOT_FOUND,
            member_codes::UNKNOWN_STORE,
            "/store_id",
            "unknown store",
        ));
    }
    super::staff::authorize(state, headers, store_id).await
}

/// The member token field of [`EarnRequest`].
const SCAN_TOKEN: &str = "/scan_token";

/// Largest amount a till may report: ¥1,000,000.
pub const EARN_AMOUNT_MAX: i64 = 100_000_000;

/// Points for a purchase from the scanned member QR: verifies the token (signature, time
/// window with one step of tolerance, never used), computes points from the amount and
/// the member's tier (1 per ¥1 × 1 / 1.2 / 1.5 / 2) and writes one ledger row. A receipt of
/// a store earns once; retries with the same `Idempotency-Key` and body get the same answer.
#[utoipa::path(
    post, path = "/api/v1/pos/loyalty/earn", operation_id = "posEarn", tag = "pos",
    security(("store_key" = [])),
    params(("Idempotency-Key" = String, Header, description = "Unique per earn attempt; reuse it when retrying")),
    request_body = EarnRequest,
    responses(
        (status = 201, description = "Earned", body = EarnResult),
        (status = 200, description = "A retry with the same key: the earlier result", body = EarnResult),
        (status = 400, description = "Bad field (`/receipt_no`, `/amount/amount_minor`) or header, or a missing field (`scan_token`, `receipt_no`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown store key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key is another store's", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`token_used` or `receipt_used`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`token_expired`, `token_invalid`, `idempotency_conflict`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn earn(
    State(state): State<AppState>,
    headers: HeaderMap,
    BodyJson(body): BodyJson<EarnRequest>,
) -> ApiResult<Response> {
    let key = idempotency_key(&headers)?;
    let receipt = check_receipt(&body.receipt_no)?;
    let amount = body.amount.amount_minor;
    if !(1..=EARN_AMOUNT_MAX).contains(&amount) {
        return Err(ApiError::body_field(
            "/amount/amount_minor",
            "expected 1 to 100000000 fen",
        ));
    }
    let store_id = body.store_id.0.clone();
    till_store(&state, &headers, &store_id).await?;
    let fingerprint = sha256_hex(&format!(
        "{}\n{store_id}\n{receipt}\n{amount}",
        body.scan_token.trim()
    ));
    if let Some(res) = earn_replay(&state, &key, &fingerprint).await? {
        return Ok(res);
    }
    let now = Utc::now().timestamp();
    let tokens = &state.members.tokens;
    let claims = tokens
        .verify(&body.scan_token, Kind::Member, now)
        .map_err(|r| token_problem(r, SCAN_TOKEN))?;
    let accepted_until = tokens.accepted_until(&claims);
    let _writer = state.writes.lock().await;
    let outcome = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        let replayed: Option<(String,)> =
            sqlx::query_as("SELECT request_sha256 FROM member_ledger WHERE idempotency_key = ?")
                .bind(&key)
                .fetch_optional(&mut *tx)
                .await?;
        if replayed.is_some() {
            return Ok(None);
        }
        let dup: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM member_ledger WHERE store_id = ? AND receipt = ?")
                .bind(&store_id)
                .bind(&receipt)
                .fetch_optional(&mut *tx)
                .await?;
        if dup.is_some() {
            return Err(field(
                StatusCode::CONFLICT,
                member_codes::RECEIPT_USED,
                "/receipt_no",
                "this receipt already earned points at this store",
            ));
        }
        let member = core::load(&mut *tx, claims.subject as i64)
            .await?
            .ok_or_else(|| token_problem(Rejection::Invalid, SCAN_TOKEN))?;
        if !crate::tokens::use_nonce(&mut tx, &claims, now, accepted_until).await? {
            return Err(token_used(SCAN_TOKEN));
        }
        let tier = member.tier();
        let points = tier.points_for(amount);
        sqlx::query(
            "INSERT INTO member_ledger (member_id, points, reason, store_id, receipt, amount, idempotency_key, request_sha256, at) \
             VALUES (?, ?, 'purchase', ?, ?, ?, ?, ?, ?)",
        )
        .bind(member.id)
        .bind(points)
        .bind(&store_id)
        .bind(&receipt)
        .bind(amount)
        .bind(&key)
        .bind(&fingerprint)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE members SET points = points + ?, lifetime_points = lifetime_points + ? WHERE id = ?",
        )
        .bind(points)
        .bind(points)
        .bind(member.id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(tier))
    })
    .await?;
    drop(_writer);
    match outcome {
        Some(tier) => earn_result(&state, &key, Some(tier), StatusCode::CREATED).await,
        None => earn_replay(&state, &key, &fingerprint)
            .await?
            .ok_or_else(|| ApiError::Internal("earn replay vanished".to_owned())),
    }
}

async fn earn_replay(
    state: &AppState,
    key: &str,
    fingerprint: &str,
) -> ApiResult<Option<Response>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT request_sha256 FROM member_ledger WHERE idempotency_key = ?")
            .bind(key)
            .fetch_optional(&state.db)
            .await?;
    match row {
        None => Ok(None),
        Some((sha,)) if sha == fingerprint => {
            Ok(Some(earn_result(state, key, None, StatusCode::OK).await?))
        }
        Some(_) => Err(ApiError::Coded {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: storefront_api_types::codes::IDEMPOTENCY_CONFLICT,
            detail: "this Idempotency-Key was used for a different request; use a new key"
                .to_owned(),
            errors: vec![FieldError {
                pointer: "#/header/Idempotency-Key".to_owned(),
                message: "already used with another body".to_owned(),
            }],
        }),
    }
}

async fn earn_result(
    state: &AppState,
    key: &str,
    tier: Option<Tier>,
    status: StatusCode,
) -> ApiResult<Response> {
    let row: LedgerRow = sqlx::query_as(&format!("{LEDGER_COLUMNS} WHERE idempotency_key = ?"))
        .bind(key)
        .fetch_one(&state.db)
        .await?;
    let (member_id,): (i64,) =
        sqlx::query_as("SELECT member_id FROM member_ledger WHERE idempotency_key = ?")
            .bind(key)
            .fetch_one(&state.db)
            .await?;
    let member = core::load(&state.db, member_id)
        .await?
        .ok_or_else(|| ApiError::NotFound("the member was deleted".to_owned()))?;
    let stores = state.stores.get(&state.db).await?;
    Ok(private_json(
        status,
        &EarnResult {
            member_no: member.member_no.clone(),
            tier: tier.unwrap_or_else(|| member.tier()),
            points: row.points,
            balance: member.points,
            entry: row.to_api(&stores),
        },
    ))
}

/// Checks a scanned member token without using it (signature, window, not used yet):
/// the till shows the member before the sale.
#[utoipa::path(
    post, path = "/api/v1/pos/loyalty/verify", operation_id = "posVerifyToken", tag = "pos",
    security(("store_key" = [])),
    request_body = TokenCheck,
    responses(
        (status = 200, description = "Valid", body = TokenChecked),
        (status = 401, description = "No or an unknown store key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`token_used`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`token_expired`, `token_invalid`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    BodyJson(body): BodyJson<TokenCheck>,
) -> ApiResult<Response> {
    till_store(&state, &headers, &body.store_id.0).await?;
    let now = Utc::now().timestamp();
    let tokens = &state.members.tokens;
    let claims = tokens
        .verify(&body.token, Kind::Member, now)
        .map_err(|r| token_problem(r, "/token"))?;
    let used: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM used_nonces WHERE nonce = ?")
        .bind(claims.nonce_hex())
        .fetch_optional(&state.db)
        .await?;
    if used.is_some() {
        return Err(token_used("/token"));
    }
    let member = core::load(&state.db, claims.subject as i64)
        .await?
        .ok_or_else(|| token_problem(Rejection::Invalid, "/token"))?;
    Ok(private_json(
        StatusCode::OK,
        &TokenChecked {
            member_no: member.member_no.clone(),
            tier: member.tier(),
            accepted_until: Timestamp::from_unix(tokens.accepted_until(&claims)),
        },
    ))
}
