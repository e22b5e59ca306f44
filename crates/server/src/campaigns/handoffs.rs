//! Claim hand-offs: an embed cannot rely on the shop's cookies inside a partner's page, so
//! it asks for a single-use token (`ho_` and 43 base64url characters, 256 random bits; only
//! its SHA-256 is stored), opens the shop in a top-level window where the shopper signs in
//! and claims with the token, and polls the token's state. A token lives
//! [`HANDOFF_SECONDS`], is claimed once (in the claim's transaction), and tells its holder
//! only its state.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sqlx::{SqliteConnection, SqlitePool};
use storefront_api_types::{Attribution, Handoff, HandoffState, ProblemCode, Timestamp};

use super::attribution::{resolve, Resolved};
use super::CampaignRow;
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult};

/// How long a hand-off can be claimed: 15 minutes.
pub const HANDOFF_SECONDS: i64 = 15 * 60;
/// Hand-offs are forgotten this long after they expired.
const KEEP_SECONDS: i64 = 86_400;
/// The claim's field that carries a hand-off.
pub const HANDOFF_FIELD: &str = "/handoff";

/// Whether `s` has the form of a hand-off token (`ho_` and 43 base64url characters).
pub fn is_token(s: &str) -> bool {
    s.strip_prefix("ho_").is_some_and(|t| {
        t.len() == 43
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

fn new_token() -> ApiResult<String> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(format!("ho_{}", URL_SAFE_NO_PAD.encode(b)))
}

/// A new hand-off for a live campaign with an offer (409 `offer_inactive` without one),
/// keeping the cleaned attribution it was asked with (its campaign is this one).
pub async fn create(
    db: &SqlitePool,
    campaign: &CampaignRow,
    attribution: &Attribution,
    now: i64,
) -> ApiResult<Handoff> {
    if campaign.offer_code.is_none() {
        return Err(ApiError::refusal(
            ProblemCode::OfferInactive,
            "this campaign has no coupon to claim",
        ));
    }
    let token = new_token()?;
    let expires_at = now + HANDOFF_SECONDS;
    let mut conn = db.acquire().await?;
    let r = resolve(&mut conn, attribution).await?;
    sqlx::query("DELETE FROM claim_handoffs WHERE expires_at < ?")
        .bind(now - KEEP_SECONDS)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO claim_handoffs (token_sha256, campaign_id, utm_source, utm_medium, utm_campaign, \
         embed_origin, store_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(sha256_hex(&token))
    .bind(campaign.id)
    .bind(&r.utm_source)
    .bind(&r.utm_medium)
    .bind(&r.utm_campaign)
    .bind(&r.embed_origin)
    .bind(&r.store_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(Handoff {
        token,
        campaign: campaign.slug.clone(),
        state: HandoffState::Pending,
        expires_at: Timestamp::from_unix(expires_at),
    })
}

#[derive(Debug, sqlx::FromRow)]
struct HandoffRow {
    campaign_id: i64,
    slug: String,
    offer_code: Option<String>,
    utm_source: String,
    utm_medium: String,
    utm_campaign: String,
    embed_origin: String,
    store_id: String,
    expires_at: i64,
    claimed_at: Option<i64>,
}

async fn load(conn: &mut SqliteConnection, token: &str) -> Result<Option<HandoffRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.campaign_id, c.slug, c.offer_code, h.utm_source, h.utm_medium, h.utm_campaign, \
         h.embed_origin, h.store_id, h.expires_at, h.claimed_at \
         FROM claim_handoffs h JOIN campaigns c ON c.id = h.campaign_id WHERE h.token_sha256 = ?",
    )
    .bind(sha256_hex(token))
    .fetch_optional(conn)
    .await
}

impl HandoffRow {
    fn state(&self, now: i64) -> HandoffState {
        if self.claimed_at.is_some() {
            HandoffState::Claimed
        } else if now >= self.expires_at {
            HandoffState::Expired
        } else {
            HandoffState::Pending
        }
    }
}

/// Where the hand-off of `token` stands (404 for an unknown one; the caller checked its
/// form).
pub async fn status(db: &SqlitePool, token: &str, now: i64) -> ApiResult<Handoff> {
    let mut conn = db.acquire().await?;
    let row = load(&mut conn, token)
        .await?
        .ok_or_else(|| ApiError::NotFound("no such hand-off".to_owned()))?;
    Ok(Handoff {
        token: token.to_owned(),
        campaign: row.slug.clone(),
        state: row.state(now),
        expires_at: Timestamp::from_unix(row.expires_at),
    })
}

/// 422 `token_invalid` naming `/handoff`: a well-formed token that names no hand-off this
/// claim can complete (not `invalid_body`, which would say the body broke its schema).
fn unusable(message: &str) -> ApiError {
    ApiError::refusal_at(ProblemCode::TokenInvalid, HANDOFF_FIELD, message)
}

/// 400 `invalid_body` naming `/handoff` unless `token` has the form of a hand-off token.
pub fn check_form(token: &str) -> ApiResult<()> {
    if is_token(token) {
        return Ok(());
    }
    Err(ApiError::body_field(
        HANDOFF_FIELD,
        "expected a hand-off token: ho_ and 43 base64url characters",
    ))
}

/// Inside a claim's transaction: the hand-off a claim of `offer_code` completes, with the
/// attribution to keep. Refused (pointer `/handoff`): unknown or of another offer's campaign
/// 422 `token_invalid`, claimed already 409 `token_used`, past its time 422 `token_expired`.
pub async fn take(
    conn: &mut SqliteConnection,
    token: &str,
    offer_code: &str,
    now: i64,
) -> ApiResult<Resolved> {
    let row = load(conn, token)
        .await?
        .ok_or_else(|| unusable("no such hand-off"))?;
    match row.state(now) {
        HandoffState::Claimed => {
            return Err(ApiError::refusal_at(
                ProblemCode::TokenUsed,
                HANDOFF_FIELD,
                "this hand-off was used already",
            ))
        }
        HandoffState::Expired => {
            return Err(ApiError::refusal_at(
                ProblemCode::TokenExpired,
                HANDOFF_FIELD,
                "this hand-off has expired; claim again from the campaign",
            ))
        }
        HandoffState::Pending => {}
    }
    if row.offer_code.as_deref() != Some(offer_code) {
        return Err(unusable("this hand-off is for another campaign's coupon"));
    }
    Ok(Resolved {
        campaign_id: Some(row.campaign_id),
        utm_source: row.utm_source,
        utm_medium: row.utm_medium,
        utm_campaign: row.utm_campaign,
        embed_origin: row.embed_origin,
        store_id: row.store_id,
    })
}

/// Inside the claim's transaction, after [`take`]: the hand-off is claimed with wallet
/// coupon `coupon_id` (409 `token_used` if it was meanwhile).
pub async fn mark_claimed(
    conn: &mut SqliteConnection,
    token: &str,
    coupon_id: i64,
    now: i64,
) -> ApiResult<()> {
    let done = sqlx::query(
        "UPDATE claim_handoffs SET claimed_at = ?, wallet_coupon_id = ? \
         WHERE token_sha256 = ? AND claimed_at IS NULL",
    )
    .bind(now)
    .bind(coupon_id)
    .bind(sha256_hex(token))
    .execute(conn)
    .await?
    .rows_affected();
    if done != 1 {
        return Err(ApiError::refusal_at(
            ProblemCode::TokenUsed,
            HANDOFF_FIELD,
            "this hand-off was used already",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_their_form() -> ApiResult<()> {
        let t = new_token()?;
        assert!(is_token(&t), "{t}");
        assert_ne!(t, new_token()?);
        for bad in [
            "",
            "ho_",
            "sk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "ho_aaa",
        ] {
            assert!(!is_token(bad), "{bad}");
        }
        assert!(is_token(&format!("ho_{}", "a-_9".repeat(10) + "abc")));
        Ok(())
    }
}
