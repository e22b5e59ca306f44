//! Identity that cannot be inherited (issue 12): what QR tokens name, and how an account or
//! a session ends so that nothing of it works for anyone else.
//!
//! A QR token names the random `token_subject` of its member or wallet coupon row (not a row
//! id), which dies with the row; ids themselves are `AUTOINCREMENT` (never reused, see
//! migration 0006) and member numbers of deleted members are retired.

use sqlx::{Sqlite, Transaction};

use crate::members::{MemberRow, MEMBER_COLUMNS};

/// The member a QR token names (its `token_subject`); `None` once the member is deleted.
pub async fn member_by_token(
    db: impl sqlx::SqliteExecutor<'_>,
    subject: u64,
) -> Result<Option<MemberRow>, sqlx::Error> {
    let Ok(subject) = i64::try_from(subject) else {
        return Ok(None);
    };
    sqlx::query_as(&format!("{MEMBER_COLUMNS} WHERE token_subject = ?"))
        .bind(subject)
        .fetch_optional(db)
        .await
}

/// Deletes a member with their ledger, wallet, sessions and the events that name them
/// (every token and session of theirs dies with the rows; consent receipts and their
/// insight reference cascade) and retires their member number, in the caller's
/// transaction.
pub async fn delete_member(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO retired_member_numbers (member_no, retired_at) \
         SELECT member_no, ? FROM members WHERE id = ? ON CONFLICT (member_no) DO NOTHING",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    for sql in [
        // their events go with them (the reference itself dies with the member row)
        "DELETE FROM events WHERE member_ref = \
         (SELECT ref FROM member_insight_refs WHERE member_id = ?)",
        "DELETE FROM member_sessions WHERE member_id = ?",
        "DELETE FROM wallet_coupons WHERE member_id = ?",
        "DELETE FROM member_ledger WHERE member_id = ?",
        "DELETE FROM members WHERE id = ?",
    ] {
        sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// A new random token subject, as the columns' default draws it.
const NEW_SUBJECT: &str = "(random() & 4611686018427387903) + 1";

/// Ends a session, in the caller's transaction. When it was the member's last session, the
/// member's QR and coupon tokens die too (new token subjects): a member signed out
/// everywhere has no valid token left. (With another session alive, that device may hold
/// tokens legitimately, so they stay valid.)
pub async fn end_session(
    tx: &mut Transaction<'_, Sqlite>,
    id_sha256: &str,
) -> Result<(), sqlx::Error> {
    let member: Option<(i64,)> =
        sqlx::query_as("DELETE FROM member_sessions WHERE id_sha256 = ? RETURNING member_id")
            .bind(id_sha256)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((member_id,)) = member else {
        return Ok(());
    };
    let (left,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM member_sessions WHERE member_id = ?")
            .bind(member_id)
            .fetch_one(&mut **tx)
            .await?;
    if left == 0 {
        for sql in [
            format!("UPDATE members SET token_subject = {NEW_SUBJECT} WHERE id = ?"),
            format!("UPDATE wallet_coupons SET token_subject = {NEW_SUBJECT} WHERE member_id = ?"),
        ] {
            sqlx::query(&sql).bind(member_id).execute(&mut **tx).await?;
        }
    }
    Ok(())
}
