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
    self as core, code_digest, normalize_login, sha256_hex, CODE_ATTEMPTS, CODE_SECONDS,
    RESEND_SECONDS, SESSION_SECONDS,
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

/// Sends a six-digit code (valid 5 minutes, single use, only from the client address that
/// asked) to a mobile number or an email address. The answer is the same whether or not the
/// login is a member. Limits (sliding windows): one per login and client per 30 s and 5 per
/// hour, `--auth-ip-limit` per client address per hour, and none once the login has had its
/// wrong guesses of the day (`--auth-login-guesses`): 429 `rate_limited` with
/// `Retry-After`, the seconds until the window allows one more.
#[utoipa::path(
    post, path = "/api/v1/auth/code", operation_id = "sendSignInCode", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = SignInCodeRequest,
    responses(
        (status = 200, description = "Sent (the same answer for members and non-members)", body = SignInCodeSent),
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
    let code = core::new_code()?;
    let expires_at = now + CODE_SECONDS;
    {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            m.limits.send(&mut tx, &login, &ip, now).await?;
            sqlx::query(
                "INSERT INTO login_codes (login, client, code_sha256, sent_at, expires_at, attempts, used) VALUES (?, ?, ?, ?, ?, 0, 0) \
                 ON CONFLICT (login, client) DO UPDATE SET code_sha256 = excluded.code_sha256, sent_at = excluded.sent_at, \
                 expires_at = excluded.expires_at, attempts = 0, used = 0",
            )
            .bind(&login)
            .bind(&ip)
            .bind(code_digest(&login, &code))
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
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
    // Whether the login is a member is not looked up here: it shows only after the code
    // (verifying answers 200, or 201 for a new member, or 422 `terms_required`).
    Ok(private_json(
        StatusCode::OK,
        &SignInCodeSent {
            login,
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
        (status = 422, description = "`code_invalid` (wrong, expired, used, or asked for from another client address; 5 tries per code) or `terms_required` (a new member: the code was right and stays valid)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`): verifications of the client address, or the wrong guesses of the login (`--auth-login-guesses` per day across all clients, half of them per client)", body = Problem, content_type = "application/problem+json"),
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
    let invalid = |detail: &str| ApiError::refusal_at(ProblemCode::CodeInvalid, "/code", detail);
    let session_id = core::new_session_id()?;
    let digest = code_digest(&login, code);
    let _writer = state.writes.lock().await;
    // The outer result fails the request without counting anything (rolled back); the inner
    // one is a refusal after the attempt was counted (committed).
    let outcome = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        m.limits.verify(&mut tx, &ip, now).await?;
        // Only the code this client asked for: a stranger's requests never touch the
        // owner's code, and a guess is checked against one code.
        let row: Option<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT code_sha256, expires_at, attempts, used FROM login_codes WHERE login = ? AND client = ?",
        )
        .bind(&login)
        .bind(&ip)
        .fetch_optional(&mut *tx)
        .await?;
        let refusal = match row {
            None => Some(invalid(
                "no code was sent to this login from here; ask for one",
            )),
            Some((_, _, _, used)) if used != 0 => {
                Some(invalid("this code was used; ask for a new one"))
            }
            Some((_, expires_at, _, _)) if expires_at <= now => {
                Some(invalid("this code has expired; ask for a new one"))
            }
            Some((_, _, attempts, _)) if attempts >= CODE_ATTEMPTS => {
                Some(invalid("too many wrong tries; ask for a new code"))
            }
            Some(_) => None,
        };
        if let Some(refusal) = refusal {
            tx.commit().await?;
            return Ok(Err(refusal));
        }
        // The guess ceilings: per login across all clients, and per (login, client).
        if let Err(e) = m.limits.may_guess(&mut tx, &login, &ip, now).await {
            tx.commit().await?;
            return Ok(Err(e));
        }
        let stored = row.map(|r| r.0).unwrap_or_default();
        if stored != digest {
            sqlx::query(
                "UPDATE login_codes SET attempts = attempts + 1 WHERE login = ? AND client = ?",
            )
            .bind(&login)
            .bind(&ip)
            .execute(&mut *tx)
            .await?;
            m.limits.wrong_guess(&mut tx, &login, &ip, now).await?;
            tx.commit().await?;
            return Ok(Err(invalid("wrong code")));
        }
        let existing = core::by_login(&mut *tx, &login).await?;
        if existing.is_none() && !body.agree_terms {
            // The code stays valid: the shopper ticks the box and sends it again.
            tx.commit().await?;
            return Ok(Err(ApiError::refusal_at(
                ProblemCode::TermsRequired,
                "/agree_terms",
                "joining needs agreement to the terms and privacy notice",
            )));
        }
        // Signed in: every outstanding code of the login is spent.
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
        Ok(Ok((member, joined)))
    })
    .await?;
    drop(_writer);
    let (member, joined) = outcome?;
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
    params(("login" = String, Query, max_length = 254, pattern = r"^([ -]*(\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*|[!#-'*+\-./0-9=?A-Z^-~]{1,64}@[!#-'*+\-/0-9=?A-Z^-~]+(\.[!#-'*+\-/0-9=?A-Z^-~]+)+)$", description = "Mobile or email")),
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
