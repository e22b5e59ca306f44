//! Membership over SQLite: one-time sign-in codes (hashed, 5 minutes, single use, bound to
//! the login and the client that asked; limited by sliding windows in the database, see
//! [`crate::sign_in_limits`]), sessions (a random 256-bit id in an HttpOnly cookie,
//! only its SHA-256 stored), members with tiers from lifetime points, the append-only
//! points ledger. (The demo members and offers are `storefront_demo::members`.)
//!
//! Codes go out through a [`CodeSender`] (`crate::senders`: SMTP, an SMS gateway's
//! webhook; the log sender in demo mode only). With `--demo` the last code of each login is
//! also readable at `GET /api/v1/demo/last-code?login=` so tests and demos can sign in.

use sqlx::{Sqlite, SqlitePool, Transaction};
use std::collections::HashMap;
use std::sync::Mutex;
use storefront_api_types::{
    normalize_cn_mobile, LedgerEntry, LocalizedText, Member, Money, ProblemCode, StoreId, Tier,
    TierInfo, Timestamp,
};

pub use crate::digest::sha256_hex;
use crate::directory::Directory;
use crate::error::ApiError;
use crate::sign_in_limits::SignInLimits;
use crate::tokens::{TokenKey, DEFAULT_STEP};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "sf_session";
/// How long a session lasts, in seconds (30 days).
pub const SESSION_SECONDS: i64 = 30 * 86_400;
/// How long a sign-in code is valid, in seconds.
pub const CODE_SECONDS: i64 = 300;
/// Wrong tries allowed per code before it is void.
pub const CODE_ATTEMPTS: i64 = 5;
pub use crate::sign_in_limits::{rate_limited, RESEND_SECONDS};
/// Default codes sent per client address per hour (`--auth-ip-limit`); verifications per
/// client address per hour are twice this.
pub const DEFAULT_IP_LIMIT: u32 = 30;

pub use crate::mask::mask_login;

/// Membership settings and in-memory state.
pub struct MemberState {
    /// The token key and step.
    pub tokens: TokenKey,
    /// Demo mode: the last-code endpoint answers.
    pub demo: bool,
    /// The sign-in limits (sliding windows kept in the database).
    pub limits: SignInLimits,
    /// Where sign-in codes go.
    pub senders: crate::senders::Senders,
    /// The last code per login (demo mode only).
    pub last_codes: Mutex<HashMap<String, String>>,
}

impl std::fmt::Debug for MemberState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemberState")
            .field("tokens", &self.tokens)
            .field("demo", &self.demo)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl MemberState {
    /// The state with a token key, demo mode and the per-address limit of codes.
    pub fn new(tokens: TokenKey, demo: bool, ip_limit: u32) -> Self {
        MemberState {
            tokens,
            demo,
            limits: SignInLimits {
                codes_per_client_hour: ip_limit,
                ..SignInLimits::default()
            },
            senders: if demo {
                crate::senders::Senders::log()
            } else {
                crate::senders::Senders::default()
            },
            last_codes: Mutex::default(),
        }
    }
}

impl Default for MemberState {
    fn default() -> Self {
        let tokens = TokenKey::random(DEFAULT_STEP).unwrap_or_else(|_| {
            // No randomness at all: a per-process key from the clock (tests only; the
            // server loads its key from the database).
            TokenKey::from_secret(
                &format!("{:?}{}", std::time::SystemTime::now(), std::process::id()),
                DEFAULT_STEP,
            )
        });
        MemberState::new(tokens, false, 30)
    }
}

/// A login in canonical form: a mainland mobile (11 digits) or a lower-case email.
pub fn normalize_login(raw: &str) -> Option<String> {
    if raw.contains('@') {
        let lower = raw.to_lowercase();
        let (local, domain) = lower.split_once('@')?;
        let ok = !local.is_empty()
            && local.len() <= 64
            && lower.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@')
            && lower.chars().all(|c| {
                c.is_ascii_graphic()
                    && !matches!(
                        c,
                        '<' | '>' | '(' | ')' | ',' | ';' | ':' | '\\' | '"' | '[' | ']'
                    )
            });
        ok.then_some(lower)
    } else {
        normalize_cn_mobile(raw)
    }
}

/// A random six-digit code.
pub fn new_code() -> Result<String, ApiError> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(format!("{:06}", u64::from_le_bytes(b) % 1_000_000))
}

/// The stored form of a code: bound to its login.
pub fn code_digest(login: &str, code: &str) -> String {
    sha256_hex(&format!("{login}\n{code}"))
}

/// A new random session id (base64url of 32 bytes).
pub fn new_session_id() -> Result<String, ApiError> {
    use base64::Engine as _;
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b))
}

/// 401 `unauthenticated`.
pub fn unauthenticated() -> ApiError {
    ApiError::refusal(ProblemCode::Unauthenticated, "sign in first")
}

/// A member as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    /// Its id.
    pub id: i64,
    /// Member number.
    pub member_no: String,
    /// Mobile number or email.
    pub login: String,
    /// Points.
    pub points: i64,
    /// Points ever earned (the tier).
    pub lifetime_points: i64,
    /// When the terms were accepted.
    pub terms_accepted_at: i64,
    /// When it was created (Unix seconds).
    pub created_at: i64,
    /// What the member's QR tokens name: random, dies with the member.
    pub token_subject: i64,
}

pub(crate) const MEMBER_COLUMNS: &str =
    "SELECT id, member_no, login, points, lifetime_points, terms_accepted_at, created_at, token_subject FROM members";

impl MemberRow {
    /// The tier of the member's lifetime points.
    pub fn tier(&self) -> Tier {
        Tier::of(self.lifetime_points)
    }

    /// The member as the API shows it.
    pub fn to_api(&self) -> Member {
        let tier = self.tier();
        let next = tier.next();
        Member {
            member_no: self.member_no.clone(),
            login_masked: mask_login(&self.login),
            tier: tier_info(tier),
            points: self.points,
            lifetime_points: self.lifetime_points,
            next_tier: next.map(tier_info),
            points_to_next: next.map_or(0, |n| (n.threshold() - self.lifetime_points).max(0)),
            joined_at: Timestamp::from_unix(self.created_at),
        }
    }
}

/// A tier's name and benefits.
pub fn tier_info(tier: Tier) -> TierInfo {
    let (name, benefits) = match tier {
        Tier::Regular => (
            LocalizedText::new("普通会员", "Regular"),
            LocalizedText::new(
                "每消费 1 元积 1 分，生日礼券",
                "1 point per ¥1 and a birthday coupon",
            ),
        ),
        Tier::Silver => (
            LocalizedText::new("银卡会员", "Silver"),
            LocalizedText::new(
                "门店消费 9 折，积分 1.2 倍",
                "10% off in store and 1.2× points",
            ),
        ),
        Tier::Gold => (
            LocalizedText::new("金卡会员", "Gold"),
            LocalizedText::new(
                "门店消费 85 折，积分 1.5 倍，免费改衣",
                "15% off in store, 1.5× points and free alterations",
            ),
        ),
        Tier::Platinum => (
            LocalizedText::new("白金会员", "Platinum"),
            LocalizedText::new(
                "门店消费 8 折，积分 2 倍，专属导购",
                "20% off in store, 2× points and a personal shopping guide",
            ),
        ),
    };
    TierInfo {
        tier,
        name,
        benefits,
        threshold: tier.threshold(),
    }
}

/// The member with this id.
pub async fn load(
    db: impl sqlx::SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_COLUMNS} WHERE id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The member with this login.
pub async fn by_login(
    db: impl sqlx::SqliteExecutor<'_>,
    login: &str,
) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_COLUMNS} WHERE login = ?"))
        .bind(login)
        .fetch_optional(db)
        .await
}

/// Creates a member (a new random 10-digit number starting with 88, never one of a deleted
/// member; a never-reused id and a random token subject).
pub async fn create(
    tx: &mut Transaction<'_, Sqlite>,
    login: &str,
    now: i64,
) -> Result<MemberRow, ApiError> {
    for _ in 0..10 {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
        let no = format!("88{:08}", u64::from_le_bytes(b) % 100_000_000);
        let inserted = sqlx::query(
            "INSERT INTO members (member_no, login, terms_accepted_at, created_at) \
             SELECT ?1, ?2, ?3, ?3 WHERE NOT EXISTS (SELECT 1 FROM retired_member_numbers WHERE member_no = ?1) \
             ON CONFLICT (member_no) DO NOTHING",
        )
        .bind(&no)
        .bind(login)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            return by_login(&mut **tx, login)
                .await?
                .ok_or_else(|| ApiError::Internal("member vanished".to_owned()));
        }
    }
    Err(ApiError::Internal("no free member number".to_owned()))
}

/// A ledger row as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LedgerRow {
    /// Its id.
    pub id: i64,
    /// Points.
    pub points: i64,
    /// Why the points changed.
    pub reason: String,
    /// The store.
    pub store_id: Option<String>,
    /// Receipt number.
    pub receipt: Option<String>,
    /// Amount paid, fen.
    pub amount: Option<i64>,
    /// Where it is (metres).
    pub at: i64,
}

/// The columns of a [`LedgerRow`].
pub const LEDGER_COLUMNS: &str =
    "SELECT id, points, reason, store_id, receipt, amount, at FROM member_ledger";

impl LedgerRow {
    /// The ledger entry as the API shows it.
    pub fn to_api(&self, stores: &Directory) -> LedgerEntry {
        LedgerEntry {
            id: format!("l_{}", self.id),
            points: self.points,
            reason: self.reason.clone(),
            store_id: self.store_id.clone().map(StoreId),
            store_name: self
                .store_id
                .as_deref()
                .and_then(|s| stores.get(s))
                .map(|s| s.store.name.clone()),
            receipt: self.receipt.clone(),
            amount: self.amount.map(Money::cny),
            at: Timestamp::from_unix(self.at),
        }
    }
}

/// Deletes expired sessions and codes (called now and then).
pub async fn prune(db: &SqlitePool, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM member_sessions WHERE expires_at <= ?")
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM login_codes WHERE expires_at <= ?")
        .bind(now - 3_600)
        .execute(db)
        .await?;
    crate::tokens::prune_nonces(db, now).await?;
    crate::sign_in_limits::prune(db, now).await?;
    Ok(())
}

/// Prunes expired sessions, codes and nonces every ten minutes.
pub fn start_pruning(db: SqlitePool) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    handle.spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = prune(&db, chrono::Utc::now().timestamp()).await {
                tracing::warn!(error = %e, "pruning sessions failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_normalise() {
        assert_eq!(
            normalize_login(" +86 138-1234-5678 ").as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            normalize_login("Wang.Li@Example.COM").as_deref(),
            Some("wang.li@example.com")
        );
        for bad in [
            "",
            "12345",
            "a@b",
            "@example.com",
            "a@.com",
            "a b@example.com",
            "x@y..com",
        ] {
            assert_eq!(normalize_login(bad), None, "{bad}");
        }
        assert_eq!(mask_login("wang@example.com"), "w***@example.com");
        assert_eq!(mask_login("13812345678"), "138****5678");
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..50 {
            let c = new_code().unwrap_or_default();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
