//! Consent receipts and withdrawal (PIPL): a signed-in member's choice per purpose, kept as
//! an append-only history (`consent_receipts`, the newest row is the current choice), and
//! what a withdrawal does to the events that name the member.
//!
//! Events name a member (`events.member_ref`, the random `member_insight_refs.ref`, never
//! the member's id) only while the member's current receipt grants both analytics and
//! personalisation: the personal history is what personalisation uses. A choice that no
//! longer grants both ends that link in the receipt's own transaction:
//! - without analytics, every event naming the member is deleted;
//! - with analytics but without personalisation, those events lose their `member_ref`
//!   (the anonymous counts stay, the personal history is gone);
//! - either way the member's reference is deleted, so a later grant draws a new random one
//!   and old rows can never be joined to new ones.
//!
//! A receipt of an older policy version counts as no consent ([`current`]).

use sqlx::{Sqlite, SqliteConnection, Transaction};
use storefront_api_types::{
    ConsentChoice, ConsentReceipt, FieldError, Timestamp, CONSENT_POLICY_VERSION,
};

use crate::error::ApiError;

/// A member's consent under the current policy version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentConsent {
    /// Events about what the member views, searches and saves.
    pub analytics: bool,
    /// Recommendations from the member's history on the server.
    pub personalisation: bool,
}

impl CurrentConsent {
    /// Whether the member's events may name them (and so feed recommendations): both
    /// purposes granted.
    pub fn links_history(self) -> bool {
        self.analytics && self.personalisation
    }
}

/// A stored receipt row: policy version, analytics, personalisation, decided_at.
type ReceiptRow = (i64, bool, bool, i64);

/// The newest two receipts of a member, newest first.
async fn newest(
    conn: &mut SqliteConnection,
    member_id: i64,
) -> Result<Vec<ReceiptRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT policy_version, analytics, personalisation, decided_at FROM consent_receipts \
         WHERE member_id = ? ORDER BY id DESC LIMIT 2",
    )
    .bind(member_id)
    .fetch_all(conn)
    .await
}

/// Whether `new` turns off a purpose that `old` granted.
fn withdraws(old: Option<&ReceiptRow>, analytics: bool, personalisation: bool) -> bool {
    old.is_some_and(|&(_, a, p, _)| (a && !analytics) || (p && !personalisation))
}

fn to_api(row: &ReceiptRow, previous: Option<&ReceiptRow>) -> ConsentReceipt {
    let &(version, analytics, personalisation, decided_at) = row;
    ConsentReceipt {
        policy_version: u32::try_from(version).unwrap_or(0),
        analytics,
        personalisation,
        decided_at: Timestamp::from_unix(decided_at),
        withdrew: withdraws(previous, analytics, personalisation),
    }
}

/// The member's newest receipt (whatever its policy version), `None` before any choice.
pub async fn receipt(
    conn: &mut SqliteConnection,
    member_id: i64,
) -> Result<Option<ConsentReceipt>, ApiError> {
    let rows = newest(conn, member_id).await?;
    Ok(rows.first().map(|row| to_api(row, rows.get(1))))
}

/// The member's consent under the current policy version ([`CONSENT_POLICY_VERSION`]):
/// `None` before any choice and when the newest receipt is of an older version (asked
/// again, so it counts as no consent). Recommendations call this before using a member's
/// history; ingest reads the same rule in its own query.
pub async fn current(
    conn: &mut SqliteConnection,
    member_id: i64,
) -> Result<Option<CurrentConsent>, ApiError> {
    let rows = newest(conn, member_id).await?;
    Ok(rows
        .first()
        .filter(|r| r.0 == i64::from(CONSENT_POLICY_VERSION))
        .map(|&(_, analytics, personalisation, _)| CurrentConsent {
            analytics,
            personalisation,
        }))
}

/// 422 `invalid_body` at `/policy_version` unless the choice was made under the current
/// notice.
pub fn check_choice(choice: &ConsentChoice) -> Result<(), ApiError> {
    if choice.policy_version == CONSENT_POLICY_VERSION {
        return Ok(());
    }
    Err(ApiError::InvalidBody {
        fault: storefront_api_types::BodyFault::Shape,
        detail: format!(
            "the privacy notice is version {CONSENT_POLICY_VERSION}; show it and ask again"
        ),
        errors: vec![FieldError {
            pointer: "/policy_version".to_owned(),
            message: format!("expected {CONSENT_POLICY_VERSION}"),
        }],
    })
}

/// Appends the member's choice as a new receipt and applies a withdrawal to their events,
/// in the caller's write transaction; answers the receipt.
pub async fn record(
    tx: &mut Transaction<'_, Sqlite>,
    member_id: i64,
    choice: &ConsentChoice,
    now: i64,
) -> Result<ConsentReceipt, ApiError> {
    let previous = newest(tx, member_id).await?;
    sqlx::query(
        "INSERT INTO consent_receipts (member_id, policy_version, analytics, personalisation, decided_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(member_id)
    .bind(i64::from(choice.policy_version))
    .bind(choice.analytics)
    .bind(choice.personalisation)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let granted = CurrentConsent {
        analytics: choice.analytics,
        personalisation: choice.personalisation,
    };
    if !granted.links_history() {
        unlink(tx, member_id, choice.analytics).await?;
    }
    let row: ReceiptRow = (
        i64::from(choice.policy_version),
        choice.analytics,
        choice.personalisation,
        now,
    );
    Ok(to_api(&row, previous.first()))
}

/// Ends the link between a member and their events: deletes the events that name them
/// (or, when `keep_anonymous`, only clears their `member_ref`) and the reference itself.
async fn unlink(
    tx: &mut Transaction<'_, Sqlite>,
    member_id: i64,
    keep_anonymous: bool,
) -> Result<(), sqlx::Error> {
    let sql = if keep_anonymous {
        "UPDATE events SET member_ref = NULL WHERE member_ref = \
         (SELECT ref FROM member_insight_refs WHERE member_id = ?)"
    } else {
        "DELETE FROM events WHERE member_ref = \
         (SELECT ref FROM member_insight_refs WHERE member_id = ?)"
    };
    sqlx::query(sql).bind(member_id).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM member_insight_refs WHERE member_id = ?")
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The random reference that names the member in events, made on first use; call only
/// while the member's current receipt grants analytics and personalisation.
pub async fn member_ref(conn: &mut SqliteConnection, member_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO member_insight_refs (member_id) VALUES (?) ON CONFLICT (member_id) DO NOTHING",
    )
    .bind(member_id)
    .execute(&mut *conn)
    .await?;
    let (r,): (i64,) = sqlx::query_as("SELECT ref FROM member_insight_refs WHERE member_id = ?")
        .bind(member_id)
        .fetch_one(conn)
        .await?;
    Ok(r)
}

/// The reference events sent with a member session (its id's SHA-256) may carry: the
/// member's, when the session is valid at `now` and the member's newest receipt is of the
/// current policy version and grants analytics and personalisation; else `None` (no
/// session, an expired one, no consent). Read in the events' write transaction, so a
/// withdrawal committed before is always seen.
pub async fn session_ref(
    conn: &mut SqliteConnection,
    session_sha256: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    /// Member, and their newest receipt's policy version, analytics and personalisation.
    type SessionConsent = (i64, Option<i64>, Option<bool>, Option<bool>);
    let row: Option<SessionConsent> = sqlx::query_as(
        "SELECT s.member_id, c.policy_version, c.analytics, c.personalisation \
         FROM member_sessions s JOIN members m ON m.id = s.member_id \
         LEFT JOIN consent_receipts c ON c.id = \
           (SELECT MAX(id) FROM consent_receipts WHERE member_id = s.member_id) \
         WHERE s.id_sha256 = ? AND s.expires_at > ?",
    )
    .bind(session_sha256)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((member_id, Some(version), Some(true), Some(true)))
            if version == i64::from(CONSENT_POLICY_VERSION) =>
        {
            Ok(Some(member_ref(conn, member_id).await?))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withdrawal_is_turning_off_what_was_granted() {
        let granted = (1, true, true, 0);
        assert!(
            !withdraws(None, false, false),
            "a first choice withdraws nothing"
        );
        assert!(!withdraws(Some(&granted), true, true));
        assert!(withdraws(Some(&granted), true, false));
        assert!(withdraws(Some(&granted), false, true));
        assert!(!withdraws(Some(&(1, false, false, 0)), true, true));
    }
}
