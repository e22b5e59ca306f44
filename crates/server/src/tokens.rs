//! Short-lived signed tokens for QR codes: the member's points QR and a wallet coupon's
//! redeem QR.
//!
//! A token is 42 bytes, base64url without padding (56 characters, a small QR):
//!
//! ```text
//! version (1) | kind (1) | subject (8, big endian) | nonce (8) | valid_from (4) | valid_until (4) | mac (16)
//! ```
//!
//! `mac` is HMAC-SHA256 of the first 26 bytes under the server's token key, truncated to
//! 128 bits. A token is accepted from `valid_from - tolerance` until
//! `valid_until + tolerance` (the tolerance is one step at most: clocks of phones and
//! tills drift), and once: the nonce goes into `used_nonces`, whose primary key refuses
//! a second use in the same transaction that records the earn or the redemption.
//!
//! The subject is not a row id but the random `token_subject` of the member or wallet
//! coupon row (issue 12): it dies with the row, so a token of a deleted member names
//! nothing, whoever joins next. Version 1 tokens carried row ids and are refused.
//! The key lives in the database (`server_secrets`), created on first start, so batches kept
//! on phones stay valid across restarts; `--token-key` overrides it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::SqlitePool;

type HmacSha256 = Hmac<Sha256>;

/// Version byte of the current format.
pub const VERSION: u8 = 2;
/// Bytes of a token before base64.
pub const TOKEN_BYTES: usize = 42;
const SIGNED_BYTES: usize = 26;
const MAC_BYTES: usize = 16;
/// Default seconds a token is shown (and one step of clock tolerance).
pub const DEFAULT_STEP: u32 = 60;
/// A batch covers at least this many seconds.
pub const BATCH_SECONDS: i64 = 600;

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A member (points at the till); the subject is the member's `token_subject`.
    Member = 1,
    /// A wallet coupon (redeem at the till); the subject is the coupon's `token_subject`.
    Coupon = 2,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        match b {
            1 => Some(Kind::Member),
            2 => Some(Kind::Coupon),
            _ => None,
        }
    }
}

/// The fields of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claims {
    /// Member or coupon token.
    pub kind: Kind,
    /// The `token_subject` of the member or the wallet coupon.
    pub subject: u64,
    /// Random bytes: each token is used once.
    pub nonce: [u8; 8],
    /// Start of validity (Unix seconds).
    pub valid_from: u32,
    /// End of validity (Unix seconds).
    pub valid_until: u32,
}

impl Claims {
    /// The nonce as stored in `used_nonces` (lowercase hex).
    pub fn nonce_hex(&self) -> String {
        crate::digest::hex(&self.nonce)
    }
}

/// Why a token is refused (before the single-use check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Not base64url of the right length, unknown version or kind, or a wrong signature.
    Invalid,
    /// Of the other kind (a coupon token at the points till, say).
    WrongKind,
    /// Before its window (beyond the tolerance).
    NotYetValid,
    /// After its window (beyond the tolerance).
    Expired,
}

/// The server's token key and timing.
#[derive(Clone)]
pub struct TokenKey {
    key: [u8; 32],
    /// Seconds per token.
    pub step: u32,
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKey")
            .field("step", &self.step)
            .finish_non_exhaustive()
    }
}

impl TokenKey {
    /// A key from 32 bytes.
    pub fn new(key: [u8; 32], step: u32) -> Self {
        TokenKey {
            key,
            step: step.max(1),
        }
    }

    /// A key derived from a secret string (the `--token-key` flag): SHA-256 of it.
    pub fn from_secret(secret: &str, step: u32) -> Self {
        use sha2::Digest as _;
        Self::new(Sha256::digest(secret.as_bytes()).into(), step)
    }

    /// A random key (tests; the server keeps its key in the database).
    pub fn random(step: u32) -> Result<Self, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        Ok(Self::new(key, step))
    }

    fn mac(&self, signed: &[u8]) -> [u8; MAC_BYTES] {
        // HMAC takes keys of any length, so this cannot fail.
        let mut mac = match HmacSha256::new_from_slice(&self.key) {
            Ok(m) => m,
            Err(_) => return [0; MAC_BYTES],
        };
        mac.update(signed);
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; MAC_BYTES];
        out.copy_from_slice(&full[..MAC_BYTES]);
        out
    }

    /// Signs a batch of claims as the client receives them.
    pub fn signed(&self, claims: &[Claims]) -> Vec<storefront_api_types::SignedToken> {
        claims
            .iter()
            .map(|c| storefront_api_types::SignedToken {
                token: self.sign(c),
                valid_from: storefront_api_types::Timestamp::from_unix(i64::from(c.valid_from)),
                valid_until: storefront_api_types::Timestamp::from_unix(i64::from(c.valid_until)),
            })
            .collect()
    }

    /// Encodes and signs claims.
    pub fn sign(&self, c: &Claims) -> String {
        let mut b = [0u8; TOKEN_BYTES];
        b[0] = VERSION;
        b[1] = c.kind as u8;
        b[2..10].copy_from_slice(&c.subject.to_be_bytes());
        b[10..18].copy_from_slice(&c.nonce);
        b[18..22].copy_from_slice(&c.valid_from.to_be_bytes());
        b[22..26].copy_from_slice(&c.valid_until.to_be_bytes());
        let mac = self.mac(&b[..SIGNED_BYTES]);
        b[SIGNED_BYTES..].copy_from_slice(&mac);
        URL_SAFE_NO_PAD.encode(b)
    }

    /// Decodes a token and checks its signature (not its time or use).
    pub fn open(&self, token: &str) -> Result<Claims, Rejection> {
        let token = token.trim();
        if token.len() != 56 {
            return Err(Rejection::Invalid);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(token.as_bytes())
            .map_err(|_| Rejection::Invalid)?;
        // Only the canonical encoding: a changed trailing bit must not decode to the same bytes.
        if bytes.len() != TOKEN_BYTES || URL_SAFE_NO_PAD.encode(&bytes) != token {
            return Err(Rejection::Invalid);
        }
        let mut mac = HmacSha256::new_from_slice(&self.key).map_err(|_| Rejection::Invalid)?;
        mac.update(&bytes[..SIGNED_BYTES]);
        mac.verify_truncated_left(&bytes[SIGNED_BYTES..])
            .map_err(|_| Rejection::Invalid)?;
        if bytes[0] != VERSION {
            return Err(Rejection::Invalid);
        }
        let kind = Kind::from_byte(bytes[1]).ok_or(Rejection::Invalid)?;
        let mut subject = [0u8; 8];
        subject.copy_from_slice(&bytes[2..10]);
        let mut nonce = [0u8; 8];
        nonce.copy_from_slice(&bytes[10..18]);
        let mut from = [0u8; 4];
        from.copy_from_slice(&bytes[18..22]);
        let mut until = [0u8; 4];
        until.copy_from_slice(&bytes[22..26]);
        Ok(Claims {
            kind,
            subject: u64::from_be_bytes(subject),
            nonce,
            valid_from: u32::from_be_bytes(from),
            valid_until: u32::from_be_bytes(until),
        })
    }

    /// Opens a token and checks its kind and time window at `now` (Unix seconds), with one
    /// step of tolerance either side.
    pub fn verify(&self, token: &str, kind: Kind, now: i64) -> Result<Claims, Rejection> {
        let c = self.open(token)?;
        if c.kind != kind {
            return Err(Rejection::WrongKind);
        }
        let tolerance = i64::from(self.step);
        if now < i64::from(c.valid_from) - tolerance {
            return Err(Rejection::NotYetValid);
        }
        if now >= i64::from(c.valid_until) + tolerance {
            return Err(Rejection::Expired);
        }
        Ok(c)
    }

    /// Until when (Unix seconds, exclusive) a token is accepted.
    pub fn accepted_until(&self, c: &Claims) -> i64 {
        i64::from(c.valid_until) + i64::from(self.step)
    }

    /// A batch of tokens for `subject`: consecutive windows of one step from the one
    /// holding `now`, covering at least [`BATCH_SECONDS`] after `now`.
    pub fn batch(
        &self,
        kind: Kind,
        subject: u64,
        now: i64,
    ) -> Result<Vec<Claims>, getrandom::Error> {
        let step = i64::from(self.step);
        let start = now.div_euclid(step) * step;
        let count = (BATCH_SECONDS + step - 1) / step + 1;
        let mut out = Vec::new();
        for i in 0..count {
            let from = start + i * step;
            let mut nonce = [0u8; 8];
            getrandom::fill(&mut nonce)?;
            out.push(Claims {
                kind,
                subject,
                nonce,
                valid_from: u32::try_from(from).unwrap_or(u32::MAX),
                valid_until: u32::try_from(from + step).unwrap_or(u32::MAX),
            });
        }
        Ok(out)
    }

    /// The signed [`batch`](Self::batch) for `subject` as the app receives it, labelled with
    /// the member number.
    pub fn batch_for(
        &self,
        kind: Kind,
        subject: u64,
        member_no: String,
        now: i64,
    ) -> Result<storefront_api_types::TokenBatch, crate::error::ApiError> {
        let claims = self
            .batch(kind, subject, now)
            .map_err(|e| crate::error::ApiError::Internal(format!("randomness: {e}")))?;
        Ok(storefront_api_types::TokenBatch {
            member_no,
            step_seconds: self.step,
            tokens: self.signed(&claims),
            issued_at: storefront_api_types::Timestamp::from_unix(now),
        })
    }
}

/// The token key kept in the database: read it, or create and store a random one on first
/// start.
pub async fn load_or_create_key(db: &SqlitePool) -> Result<[u8; 32], sqlx::Error> {
    let mut fresh = [0u8; 32];
    getrandom::fill(&mut fresh).map_err(|e| sqlx::Error::Protocol(format!("randomness: {e}")))?;
    sqlx::query(
        "INSERT INTO server_secrets (name, value, created_at) VALUES ('token_key', ?, ?) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(fresh.to_vec())
    .bind(chrono::Utc::now().timestamp())
    .execute(db)
    .await?;
    let (stored,): (Vec<u8>,) =
        sqlx::query_as("SELECT value FROM server_secrets WHERE name = 'token_key'")
            .fetch_one(db)
            .await?;
    let mut key = [0u8; 32];
    if stored.len() == 32 {
        key.copy_from_slice(&stored);
        Ok(key)
    } else {
        Err(sqlx::Error::Protocol(
            "server_secrets.token_key is not 32 bytes".to_owned(),
        ))
    }
}

/// Records a nonce as used, inside the caller's transaction: `false` when it was used
/// before.
pub async fn use_nonce(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    claims: &Claims,
    now: i64,
    accepted_until: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO used_nonces (nonce, used_at, expires_at) VALUES (?, ?, ?) ON CONFLICT (nonce) DO NOTHING",
    )
    .bind(claims.nonce_hex())
    .bind(now)
    .bind(accepted_until)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Forgets nonces of tokens that can no longer be accepted anyway.
pub async fn prune_nonces(db: &SqlitePool, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM used_nonces WHERE expires_at < ?")
        .bind(now - 3_600)
        .execute(db)
        .await?
        .rows_affected())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> TokenKey {
        TokenKey::new([7u8; 32], 60)
    }

    fn claims(subject: u64, nonce: [u8; 8], from: u32) -> Claims {
        Claims {
            kind: Kind::Member,
            subject,
            nonce,
            valid_from: from,
            valid_until: from + 60,
        }
    }

    #[test]
    fn round_trip_and_length() {
        let c = claims(42, [1; 8], 1_800_000_000);
        let t = key().sign(&c);
        assert_eq!(t.len(), 56);
        assert_eq!(key().open(&t), Ok(c));
        assert_eq!(
            key().verify(&t, Kind::Coupon, 1_800_000_000),
            Err(Rejection::WrongKind)
        );
        let other = TokenKey::new([8u8; 32], 60);
        assert_eq!(other.open(&t), Err(Rejection::Invalid));
        assert_eq!(key().open("not a token"), Err(Rejection::Invalid));
        assert_eq!(key().open(""), Err(Rejection::Invalid));
    }

    #[test]
    fn batches_cover_ten_minutes() {
        let k = key();
        let now = 1_800_000_030;
        let b = k.batch(Kind::Member, 9, now).unwrap();
        assert!(i64::from(b[0].valid_from) <= now);
        assert!(i64::from(b.last().unwrap().valid_until) >= now + BATCH_SECONDS);
        assert!(b.windows(2).all(|w| w[0].valid_until == w[1].valid_from));
        let mut nonces: Vec<_> = b.iter().map(|c| c.nonce).collect();
        nonces.sort();
        nonces.dedup();
        assert_eq!(nonces.len(), b.len());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any change to any byte (or bit) of a token is rejected.
        #[test]
        fn tampering_is_rejected(
            subject in any::<u64>(),
            nonce in any::<[u8; 8]>(),
            from in 1_000_000_000u32..2_000_000_000,
            index in 0usize..56,
            replacement in prop::sample::select(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".to_vec()),
        ) {
            let k = key();
            let t = k.sign(&claims(subject, nonce, from));
            let mut bytes = t.clone().into_bytes();
            prop_assume!(bytes[index] != replacement);
            bytes[index] = replacement;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(k.open(&changed), Err(Rejection::Invalid));
        }

        /// Flipping any bit of the decoded bytes is rejected too.
        #[test]
        fn bit_flips_are_rejected(
            subject in any::<u64>(),
            nonce in any::<[u8; 8]>(),
            bit in 0usize..(TOKEN_BYTES * 8),
        ) {
            let k = key();
            let t = k.sign(&claims(subject, nonce, 1_800_000_000));
            let mut raw = URL_SAFE_NO_PAD.decode(t.as_bytes()).unwrap();
            raw[bit / 8] ^= 1 << (bit % 8);
            prop_assert_eq!(k.open(&URL_SAFE_NO_PAD.encode(&raw)), Err(Rejection::Invalid));
        }

        /// Accepted exactly within the window widened by one step each side.
        #[test]
        fn window_and_tolerance(from in 1_000_000_000u32..2_000_000_000, offset in -200i64..200) {
            let k = key();
            let c = claims(1, [3; 8], from);
            let t = k.sign(&c);
            let now = i64::from(from) + offset;
            let got = k.verify(&t, Kind::Member, now);
            if offset < -60 {
                prop_assert_eq!(got, Err(Rejection::NotYetValid));
            } else if offset >= 120 {
                prop_assert_eq!(got, Err(Rejection::Expired));
            } else {
                prop_assert_eq!(got, Ok(c));
            }
        }
    }
}
