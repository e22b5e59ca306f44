//! Sign-in: `POST /api/v1/auth/code`, `POST /api/v1/auth/verify`,
//! `POST /api/v1/auth/sign-out`, and `GET /api/v1/demo/last-code` (demo mode only). The
//! logic is in [`crate::members`].

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use storefront_api_types::{
    DemoCode, Problem, ProblemCode, SignInCodeRequest, SignInCodeSent, SignInVerify, SignedIn,
    Timestamp,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::client::ClientIp;
use crate::http::extract::{query_pairs, BodyJson};
use crate::http::private::{private_json, PRIVATE};
use crate::http::session::{cookie_session, csrf_guard, is_https, session_cookie};
use crate::members::{
    self as core, code_digest, normalize_login, sha256_hex, CODES_PER_LOGIN_HOUR, CODE_ATTEMPTS,
    CODE_SECONDS, RESEND_SECONDS, SESSION_SECONDS,
};
use crate::state::AppState;

/// The sign-in routes with their OpenAPI operations; the state-changing ones behind the
/// CSRF guard.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(send_code))
        .routes(routes!(verify))
        .routes(routes!(sign_out))
        .route_layer(axum::middleware::from_fn(csrf_guard))
        .routes(routes!(demo_last_code))
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
        (status = 503, description = "`sender_unavailable` (no code sender configured for this kind of login) or `unavailable` (the sender failed)", body = Problem, content_type = "application/problem+json"),
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
    let sender = m.senders.for_login(&login).cloned().ok_or_else(|| {
        ApiError::refusal_at(
            ProblemCode::SenderUnavailable,
            "/login",
            "sign-in codes cannot be sent to this kind of login: the server has no sender for it",
        )
    })?;
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
    let message = crate::senders::CodeMessage {
        login: login.clone(),
        code: code.clone(),
        expires_at: Timestamp::from_unix(expires_at).to_string(),
        valid_minutes: CODE_SECONDS / 60,
    };
    sender.send(&message).await.map_err(|e| {
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
    let invalid = |detail: &str| ApiError::refusal_at(ProblemCode::CodeInvalid, "/code", detail);
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
            return Err(ApiError::refusal_at(ProblemCode::TermsRequired,
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
        session_cookie(Some(&session_id), is_https(&headers, &uri))?,
    );
    Ok(res)
}

/// Ends the session on the server and clears the cookie (204, also without a session).
/// Signing out of the member's last session also voids their QR and coupon tokens.
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
    if let Some(id) = cookie_session(&headers) {
        let digest = sha256_hex(&id);
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            crate::identity::end_session(&mut tx, &digest).await?;
            tx.commit().await?;
            Ok(())
        })
        .await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(None, is_https(&headers, &uri))?,
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
    // After the demo check, so that outside demo mode every request is the same 404.
    let pairs = query_pairs(uri.query().unwrap_or(""), &[]).map_err(ApiError::InvalidQuery)?;
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
