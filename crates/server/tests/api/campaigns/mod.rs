//! Campaigns on the public side: the hero pictures, the live campaign per state, views,
//! attribution of writes, claim hand-offs and the in-store reward.

mod attribution;
mod handoffs;
mod hero;
mod public;
mod rewards;
mod views;

use crate::helpers::TestApp;
use storefront_server::members::sha256_hex;

const JINGAN: &str = "s_sh_jingan";

/// A member with a session written straight to the database: its cookie.
async fn member(app: &TestApp, n: u32) -> String {
    let pool = app.pool().await;
    let login = format!("137{n:08}");
    sqlx::query(
        "INSERT INTO members (member_no, login, terms_accepted_at, created_at) VALUES (?, ?, 0, 0)",
    )
    .bind(format!("66{n:08}"))
    .bind(&login)
    .execute(&pool)
    .await
    .unwrap();
    let session = format!("campaign-session-{n}");
    sqlx::query(
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) \
         SELECT ?, id, 0, 4000000000 FROM members WHERE login = ?",
    )
    .bind(sha256_hex(&session))
    .bind(&login)
    .execute(&pool)
    .await
    .unwrap();
    format!("sf_session={session}")
}

/// One attribution row: kind, ref, campaign slug, source, medium, utm campaign, origin,
/// store.
type Row = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
);

/// Every attribution row, in the order written.
async fn attributions(app: &TestApp) -> Vec<Row> {
    sqlx::query_as(
        "SELECT a.kind, a.ref, c.slug, a.utm_source, a.utm_medium, a.utm_campaign, a.embed_origin, a.store_id \
         FROM attributions a LEFT JOIN campaigns c ON c.id = a.campaign_id ORDER BY a.id",
    )
    .fetch_all(&app.pool().await)
    .await
    .unwrap()
}

/// `wc_12` as 12.
fn wallet_id(id: &str) -> String {
    id.trim_start_matches("wc_").to_owned()
}
