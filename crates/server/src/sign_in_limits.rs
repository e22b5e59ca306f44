//! Sign-in limits as sliding windows kept in SQLite (migration 0007): one row per counted
//! attempt in `auth_attempts`, counted over the last window, so a restart forgets nothing
//! and nothing resets at the clock hour. A refusal says how long to wait: the seconds until
//! the oldest attempt that keeps the count at the limit leaves the window.
//!
//! The rules (see docs/api.md, "Sign-in limits"):
//! - codes per client address per hour (`--auth-ip-limit`), verifications per client
//!   address per hour (twice that);
//! - codes per (login, client): one per 30 s and five per hour, so a stranger asking for
//!   someone's codes uses up only their own allowance, never the owner's elsewhere;
//! - wrong guesses per login per day across all clients (`--auth-login-guesses`, 10), the
//!   ceiling no number of clients can pass; per (login, client) per day, half of that, so
//!   one client alone cannot reach the ceiling. At the ceiling, codes and verifications for
//!   the login are refused until the window slides.

use sqlx::SqliteConnection;
use storefront_api_types::{FieldError, ProblemCode};

use crate::error::ApiError;

/// Seconds between two codes to the same login from the same client.
pub const RESEND_SECONDS: i64 = 30;
/// Codes per (login, client) per hour.
pub const CODES_PER_LOGIN_CLIENT_HOUR: u32 = 5;
/// Default wrong guesses per login per day, across all clients (`--auth-login-guesses`).
pub const DEFAULT_LOGIN_GUESSES: u32 = 10;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// The figures of the sign-in limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInLimits {
    /// Codes per client address per hour; verifications per client per hour are twice this.
    pub codes_per_client_hour: u32,
    /// Wrong guesses per login per day, across all clients.
    pub guesses_per_login_day: u32,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits {
            codes_per_client_hour: 30,
            guesses_per_login_day: DEFAULT_LOGIN_GUESSES,
        }
    }
}

impl SignInLimits {
    /// Wrong guesses per (login, client) per day: half the login's ceiling (at least one),
    /// so that one client alone cannot lock the login.
    pub fn guesses_per_login_client_day(&self) -> u32 {
        (self.guesses_per_login_day / 2).max(1)
    }

    fn send_rules(&self, login: &str, client: &str) -> Vec<Rule> {
        let pair = format!("{login}\n{client}");
        vec![
            Rule::new("send-client", client, self.codes_per_client_hour, HOUR),
            Rule::new("send-login-client", &pair, 1, RESEND_SECONDS),
            Rule::new(
                "send-login-client",
                &pair,
                CODES_PER_LOGIN_CLIENT_HOUR,
                HOUR,
            ),
        ]
    }

    fn guess_rules(&self, login: &str, client: &str) -> Vec<Rule> {
        vec![
            Rule::new("guess-login", login, self.guesses_per_login_day, DAY),
            Rule::new(
                "guess-login-client",
                &format!("{login}\n{client}"),
                self.guesses_per_login_client_day(),
                DAY,
            ),
        ]
    }

    /// Checks and counts a code request for `login` from `client`, in the caller's
    /// transaction. Refused (429, `/login`) when the client, the (login, client) pair or
    /// the login's guesses are at their limit; a refused request is not counted.
    pub async fn send(
        &self,
        conn: &mut SqliteConnection,
        login: &str,
        client: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        let counted = self.send_rules(login, client);
        let mut all = counted.clone();
        all.extend(self.guess_rules(login, client));
        refuse_if_over(conn, &all, now, "/login").await?;
        dedup_record(conn, &counted, now).await
    }

    /// Checks and counts a verification from `client`, in the caller's transaction.
    pub async fn verify(
        &self,
        conn: &mut SqliteConnection,
        client: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        let rule = [Rule::new(
            "verify-client",
            client,
            self.codes_per_client_hour.saturating_mul(2),
            HOUR,
        )];
        refuse_if_over(conn, &rule, now, "/code").await?;
        dedup_record(conn, &rule, now).await
    }

    /// Refuses (429, `/code`) a guess for `login` from `client` when the login or the pair
    /// has used its wrong guesses of the day.
    pub async fn may_guess(
        &self,
        conn: &mut SqliteConnection,
        login: &str,
        client: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        refuse_if_over(conn, &self.guess_rules(login, client), now, "/code").await
    }

    /// Counts a wrong guess for `login` from `client`.
    pub async fn wrong_guess(
        &self,
        conn: &mut SqliteConnection,
        login: &str,
        client: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        dedup_record(conn, &self.guess_rules(login, client), now).await
    }
}

/// One sliding window: at most `limit` attempts of (`scope`, `key`) in `window` seconds.
#[derive(Debug, Clone)]
struct Rule {
    scope: &'static str,
    key: String,
    limit: u32,
    window: i64,
}

impl Rule {
    fn new(scope: &'static str, key: &str, limit: u32, window: i64) -> Self {
        Rule {
            scope,
            key: key.to_owned(),
            limit,
            window,
        }
    }
}

/// Seconds until `rule` allows one more attempt; `None` if it allows one now. Prunes the
/// key's attempts that have left the longest window of its scope (a day).
async fn wait(conn: &mut SqliteConnection, rule: &Rule, now: i64) -> Result<Option<i64>, ApiError> {
    let times: Vec<(i64,)> = sqlx::query_as(
        "SELECT at FROM auth_attempts WHERE scope = ? AND key = ? AND at > ? ORDER BY at DESC LIMIT ?",
    )
    .bind(rule.scope)
    .bind(&rule.key)
    .bind(now - rule.window)
    .bind(i64::from(rule.limit))
    .fetch_all(&mut *conn)
    .await?;
    if times.len() < rule.limit as usize {
        return Ok(None);
    }
    // The oldest of the newest `limit` attempts: when it leaves, one more is allowed.
    let oldest = times.last().map_or(now, |t| t.0);
    Ok(Some((oldest + rule.window - now).max(1)))
}

async fn refuse_if_over(
    conn: &mut SqliteConnection,
    rules: &[Rule],
    now: i64,
    pointer: &str,
) -> Result<(), ApiError> {
    let mut longest = None;
    for rule in rules {
        if let Some(w) = wait(conn, rule, now).await? {
            longest = Some(longest.map_or(w, |l: i64| l.max(w)));
        }
    }
    match longest {
        Some(w) => Err(rate_limited(w, pointer)),
        None => Ok(()),
    }
}

/// Records one attempt per distinct (scope, key) of `rules`, pruning what left the day.
async fn dedup_record(
    conn: &mut SqliteConnection,
    rules: &[Rule],
    now: i64,
) -> Result<(), ApiError> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for rule in rules {
        if seen.contains(&(rule.scope, rule.key.as_str())) {
            continue;
        }
        seen.push((rule.scope, rule.key.as_str()));
        sqlx::query("DELETE FROM auth_attempts WHERE scope = ? AND key = ? AND at <= ?")
            .bind(rule.scope)
            .bind(&rule.key)
            .bind(now - DAY)
            .execute(&mut *conn)
            .await?;
        sqlx::query("INSERT INTO auth_attempts (scope, key, at) VALUES (?, ?, ?)")
            .bind(rule.scope)
            .bind(&rule.key)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A plain failure limit (the marketing sign-in's): refused (429 at `pointer`) when
/// (`scope`, `key`) has had `limit` failures in the last `window` seconds (at most a day).
pub async fn refuse_failures(
    conn: &mut SqliteConnection,
    scope: &'static str,
    key: &str,
    limit: u32,
    window: i64,
    now: i64,
    pointer: &str,
) -> Result<(), ApiError> {
    refuse_if_over(conn, &[Rule::new(scope, key, limit, window)], now, pointer).await
}

/// Counts one failure of (`scope`, `key`) for [`refuse_failures`].
pub async fn record_failure(
    conn: &mut SqliteConnection,
    scope: &'static str,
    key: &str,
    now: i64,
) -> Result<(), ApiError> {
    dedup_record(conn, &[Rule::new(scope, key, 1, DAY)], now).await
}

/// Deletes attempts older than the longest window (called with the other pruning).
pub async fn prune(db: &sqlx::SqlitePool, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM auth_attempts WHERE at <= ?")
        .bind(now - DAY)
        .execute(db)
        .await?;
    Ok(())
}

/// 429 `rate_limited`; the error's message carries the seconds for `Retry-After`.
pub fn rate_limited(retry_after: i64, pointer: &str) -> ApiError {
    ApiError::Coded {
        code: ProblemCode::RateLimited,
        detail: format!("too many attempts; try again in {retry_after} s"),
        errors: vec![FieldError {
            pointer: pointer.to_owned(),
            message: format!("retry after {retry_after} s"),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_alone_cannot_reach_the_login_ceiling() {
        let l = SignInLimits::default();
        assert_eq!(l.guesses_per_login_day, 10);
        assert_eq!(l.guesses_per_login_client_day(), 5);
        let one = SignInLimits {
            guesses_per_login_day: 1,
            ..l
        };
        assert_eq!(one.guesses_per_login_client_day(), 1);
    }
}
