//! Attribution on writes: one row per claim, reservation, booking and till redemption,
//! cleaned, in the write's transaction, never part of its idempotency.

use chrono::{Duration, FixedOffset, Utc};
use storefront_api_types::{Appointment, Reservation, TokenBatch, WalletCoupon};

use super::{attributions, member, wallet_id, JINGAN};
use crate::helpers::spawn_with;

const FULL: &str = r#"{"campaign":"autumn-edit","utm_source":"newsletter","utm_medium":"email","utm_campaign":"autumn-26","embed_origin":"http://localhost:8090","store_id":"s_sh_jingan"}"#;

#[tokio::test]
async fn claims_reservations_and_bookings_record_what_brought_the_shopper() {
    let app = spawn_with(20, None).await;
    let cookie = member(&app, 1).await;
    // A claim with everything.
    let r = app
        .claim(&format!(r#"{{"offer":"AUTUMN50","attribution":{FULL}}}"#))
        .cookie(&cookie)
        .csrf()
        .key("claim-1")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let claimed: WalletCoupon = r.json();
    // The retry with another attribution is the same claim: no second row.
    let r = app
        .claim(r#"{"offer":"AUTUMN50","attribution":{"utm_source":"other"}}"#)
        .cookie(&cookie)
        .csrf()
        .key("claim-1")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A claim without attribution, of the live campaign's offer too: no row, no guess.
    let r = app
        .claim(r#"{"offer":"SPRING20"}"#)
        .cookie(&cookie)
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());

    // A reservation with markup, an unknown campaign and store and a non-origin.
    let reserve = |attribution: &str| {
        format!(
            r#"{{"variant_id":"v_000003_01","store_id":"{JINGAN}","quantity":1,"name":"王小明","phone":"13812345678","attribution":{attribution}}}"#
        )
    };
    let messy = r#"{"campaign":"no-such","utm_source":" <b>x</b> ","embed_origin":"https://a.example/path","store_id":"s_nowhere"}"#;
    let r = app.reserve(&reserve(messy)).key("res-1").await;
    assert_eq!(r.status, 201, "{}", r.text());
    let reservation: Reservation = r.json();
    // Not part of the request hash: the same key with other attribution is the same one.
    let r = app.reserve(&reserve(FULL)).key("res-1").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<Reservation>().code, reservation.code);
    // Nothing left after cleaning: no row.
    let r = app
        .reserve(&reserve(r#"{"utm_source":"<>","campaign":"gone"}"#))
        .key("res-2")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());

    // A booking of an ended campaign (still a campaign).
    let day = (Utc::now().with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
        + Duration::days(3))
    .date_naive();
    let r = app
        .book(&format!(
            r#"{{"store_id":"{JINGAN}","start":"{day}T15:00","name":"李雷","phone":"13912345678","attribution":{{"campaign":"summer-sale","utm_medium":"poster","store_id":"s_bj_sanlitun"}}}}"#
        ))
        .key("book-1")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let booking: Appointment = r.json();

    let s = |v: &str| v.to_owned();
    assert_eq!(
        attributions(&app).await,
        [
            (
                s("claim"),
                wallet_id(&claimed.id),
                Some(s("autumn-edit")),
                s("newsletter"),
                s("email"),
                s("autumn-26"),
                s("http://localhost:8090"),
                s(JINGAN)
            ),
            (
                s("reservation"),
                reservation.code.clone(),
                None,
                s("bx/b"),
                s(""),
                s(""),
                s(""),
                s("")
            ),
            (
                s("appointment"),
                booking.code.clone(),
                Some(s("summer-sale")),
                s(""),
                s("poster"),
                s(""),
                s(""),
                s("s_bj_sanlitun")
            ),
        ]
    );
}

#[tokio::test]
async fn a_till_redemption_copies_the_claims_attribution() {
    let app = spawn_with(20, None).await;
    let cookie = member(&app, 2).await;
    let claim = |body: &'static str| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let r = app.claim(body).cookie(&cookie).csrf().await;
            assert_eq!(r.status, 201, "{}", r.text());
            r.json::<WalletCoupon>()
        }
    };
    let attributed = claim(
        r#"{"offer":"AUTUMN50","attribution":{"campaign":"autumn-edit","utm_source":"partner","embed_origin":"http://127.0.0.1:8090"}}"#,
    )
    .await;
    let plain = claim(r#"{"offer":"SPRING20"}"#).await;
    for (c, receipt) in [(&attributed, "R-A"), (&plain, "R-P")] {
        let r = app.coupon_token(&c.id).cookie(&cookie).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let batch: TokenBatch = r.json();
        let r = app
            .redeem(&format!(
                r#"{{"coupon_token":"{}","store_id":"{JINGAN}","receipt_no":"{receipt}"}}"#,
                batch.tokens[0].token
            ))
            .staff(JINGAN)
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let rows = attributions(&app).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (claim_row, redemption) = (&rows[0], &rows[1]);
    assert_eq!(claim_row.0, "claim");
    assert_eq!(redemption.0, "redemption");
    assert_eq!(redemption.1, wallet_id(&attributed.id));
    let tail = |r: &super::Row| {
        (
            r.2.clone(),
            r.3.clone(),
            r.4.clone(),
            r.5.clone(),
            r.6.clone(),
            r.7.clone(),
        )
    };
    assert_eq!(tail(redemption), tail(claim_row));
    assert_eq!(redemption.2.as_deref(), Some("autumn-edit"));
}
