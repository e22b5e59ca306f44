//! Shopping-guide appointments on a real SQLite file: slots within the hours (exceptions
//! and time zones included), capacity under concurrency, idempotent retries, cancelling,
//! the QR code, and every bad input as a 4xx problem naming the field.

use crate::helpers::{assert_problem, spawn_with, Client, TestApp};
use chrono::{Duration, FixedOffset, NaiveDate, Utc};
use std::sync::Arc;
use storefront_api_types::{Appointment, AppointmentStatus, GuideSlots, Timestamp};
use storefront_server::{router, AppState, Spa};

const JINGAN: &str = "s_sh_jingan";

fn shanghai_today() -> NaiveDate {
    Utc::now()
        .with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
        .date_naive()
}

/// A date two or more days ahead with Jing'an's regular hours (10:00–22:00, no holiday).
fn plain_day() -> NaiveDate {
    let demo_exceptions = ["2026-12-24", "2026-12-31", "2027-01-01"];
    (2..10)
        .map(|k| shanghai_today() + Duration::days(k))
        .find(|d| !demo_exceptions.contains(&d.format("%Y-%m-%d").to_string().as_str()))
        .unwrap()
}

fn body(store: &str, start: &str, name: &str) -> String {
    format!(
        r#"{{"store_id":"{store}","start":"{start}","name":"{name}","phone":"+86 139-1234-5678"}}"#
    )
}

async fn slots(app: &Client, store: &str, date: NaiveDate) -> GuideSlots {
    let r = app.guide_slots(store, &format!("date={date}")).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn remaining_at(s: &GuideSlots, local: &str) -> u32 {
    s.slots
        .iter()
        .find(|x| x.local_time == local)
        .map(|x| x.remaining)
        .unwrap()
}

#[tokio::test]
async fn slots_are_half_hours_within_the_hours_and_the_booking_window() {
    let app = spawn_with(10, None).await;
    let day = plain_day();
    let uri = format!("/api/v1/stores/{JINGAN}/guide-slots?date={day}");
    let reply = app.get(&uri).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control"), "no-cache");
    let s: GuideSlots = reply.json();
    assert_eq!(
        (s.store_id.as_str(), s.time_zone.as_str()),
        (JINGAN, "Asia/Shanghai")
    );
    assert_eq!(s.date, day.to_string());
    assert_eq!(s.slots.len(), 24);
    assert_eq!(s.slots[0].local_time, "10:00");
    assert_eq!(
        s.slots[0].start,
        Timestamp::parse_rfc3339(&format!("{day}T10:00:00+08:00")).unwrap()
    );
    assert_eq!(s.slots[0].end.unix() - s.slots[0].start.unix(), 1800);
    assert_eq!(s.slots[23].local_time, "21:30");
    assert!(s.slots.iter().all(|x| x.capacity == 2 && x.remaining == 2));
    let again = app.get(&uri).await;
    assert_eq!(again.header("etag"), reply.header("etag"));

    // Today by default, without the slots that have started.
    let today: GuideSlots = app.guide_slots(JINGAN, "").json().await;
    assert_eq!(today.date, shanghai_today().to_string());
    let now = Utc::now().timestamp();
    assert!(today.slots.iter().all(|x| x.start.unix() > now));
    assert!(today.slots.len() <= 24);

    // The window: today to 14 days later.
    let last = shanghai_today() + Duration::days(14);
    assert_eq!(slots(&app, JINGAN, last).await.date, last.to_string());
    // a date outside it is well formed but offers no slot (422); a malformed one is 400
    for outside in [
        (shanghai_today() - Duration::days(1)).to_string(),
        (last + Duration::days(1)).to_string(),
    ] {
        assert_problem(
            &app.guide_slots(JINGAN, &format!("date={outside}")).await,
            422,
            "slot_unavailable",
            Some("#/query/date"),
        );
    }
    for bad in [
        "tomorrow",
        "2026-02-30",
        "2026-1-07",
        "%202026-12-07",
        "+2026-12-07",
    ] {
        assert_problem(
            &app.guide_slots(JINGAN, &format!("date={bad}")).await,
            400,
            "invalid_query",
            Some("#/query/date"),
        );
    }
    // A store without shopping guides, an unknown store.
    assert_problem(
        &app.guide_slots("s_sh_lujiazui", "").await,
        409,
        "guide_unavailable",
        None,
    );
    assert_problem(&app.guide_slots("s_nope", "").await, 404, "not_found", None);
}

#[tokio::test]
async fn a_slot_never_gets_more_bookings_than_guides_and_cancelling_frees_one() {
    let app = spawn_with(10, None).await;
    let day = plain_day();
    let start = format!("{day}T14:00");
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let client = app.client.clone();
            let body = body(JINGAN, &start, &format!("Guest {i}"));
            tokio::spawn(async move { client.book(&body).key(&format!("race-{i}")).await })
        })
        .collect();
    let mut booked = Vec::new();
    let mut full = 0;
    for t in tasks {
        let reply = t.await.unwrap();
        match reply.status.as_u16() {
            201 => booked.push(reply.json::<Appointment>()),
            409 => {
                assert_problem(&reply, 409, "slot_full", Some("/start"));
                full += 1;
            }
            other => panic!("{other}: {}", reply.text()),
        }
    }
    assert_eq!((booked.len(), full), (2, 18));
    let s = slots(&app, JINGAN, day).await;
    assert_eq!(remaining_at(&s, "14:00"), 0);
    assert_eq!(remaining_at(&s, "14:30"), 2);

    // Cancelling frees the guide; a second cancel is refused.
    let code = &booked[0].code;
    let c = app.cancel_appointment(code).json_body("").await;
    assert_eq!(c.status, 200, "{}", c.text());
    assert_eq!(c.json::<Appointment>().status, AppointmentStatus::Cancelled);
    assert_eq!(remaining_at(&slots(&app, JINGAN, day).await, "14:00"), 1);
    let twice = app.cancel_appointment(code).json_body("").await;
    assert_problem(&twice, 409, "not_active", None);
    assert_eq!(
        app.book(&body(JINGAN, &start, "Late"))
            .key("late-1")
            .await
            .status,
        201
    );
    assert_problem(
        &app.book(&body(JINGAN, &start, "Later")).key("late-2").await,
        409,
        "slot_full",
        Some("/start"),
    );
}

#[tokio::test]
async fn retries_return_the_same_appointment_and_it_can_be_read_back() {
    let app = spawn_with(10, None).await;
    let day = plain_day();
    // 06:30Z is 14:30 in Shanghai.
    let rfc = format!("{day}T06:30:00Z");
    let first = app.book(&body(JINGAN, &rfc, "王小明")).key("k-1").await;
    assert_eq!(first.status, 201, "{}", first.text());
    let a: Appointment = first.json();
    assert_eq!(
        first.header("location"),
        format!("/api/v1/appointments/{}", a.code)
    );
    assert_eq!(
        (a.local_date.as_str(), a.local_time.as_str()),
        (day.to_string().as_str(), "14:30")
    );
    assert_eq!(a.status, AppointmentStatus::Booked);
    assert_eq!(a.phone_masked, "139****5678");
    assert_eq!(a.store.id.as_str(), JINGAN);
    assert_eq!(a.end.unix() - a.start.unix(), 1800);

    let retry = app.book(&body(JINGAN, &rfc, "王小明")).key("k-1").await;
    assert_eq!(retry.status, 200);
    assert_eq!(retry.json::<Appointment>().code, a.code);
    // The local form of the same instant is the same request.
    let local = app
        .book(&body(JINGAN, &format!("{day}T14:30"), "王小明"))
        .key("k-1")
        .await;
    assert_eq!(local.status, 200);
    assert_eq!(remaining_at(&slots(&app, JINGAN, day).await, "14:30"), 1);
    assert_problem(
        &app.book(&body(JINGAN, &rfc, "李雷")).key("k-1").await,
        422,
        "idempotency_conflict",
        Some("#/header/Idempotency-Key"),
    );

    let read = app.appointment(a.code.to_lowercase()).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.header("cache-control"), "private, no-cache");
    assert_eq!(read.json::<Appointment>().code, a.code);
    let qr = app.appointment_qr(&a.code).await;
    assert_eq!(qr.status, 200);
    assert_eq!(qr.header("content-type"), "image/svg+xml");
    assert!(qr.text().starts_with("<?xml") || qr.text().starts_with("<svg"));
    assert_problem(
        &app.appointment("abc").await,
        400,
        "invalid_path",
        Some("#/path/code"),
    );
    assert_problem(&app.appointment("ABCDEFGHJK").await, 404, "not_found", None);
    assert_problem(
        &app.appointment_qr("ABCDEFGHJK").await,
        404,
        "not_found",
        None,
    );
}

#[tokio::test]
async fn bad_bookings_are_4xx_naming_the_field() {
    let app = spawn_with(10, None).await;
    let day = plain_day();
    let ok = format!("{day}T15:00");
    let no_key = app.book(&body(JINGAN, &ok, "A")).await;
    assert_problem(
        &no_key,
        400,
        "invalid_header",
        Some("#/header/Idempotency-Key"),
    );
    let yesterday = shanghai_today() - Duration::days(1);
    let far = shanghai_today() + Duration::days(20);
    for (i, start) in [
        format!("{day}T09:30"),
        format!("{day}T10:15"),
        format!("{day}T22:00"),
        format!("{yesterday}T12:00"),
        format!("{far}T12:00"),
    ]
    .iter()
    .enumerate()
    {
        assert_problem(
            &app.book(&body(JINGAN, start, "A"))
                .key(&format!("bad-{i}"))
                .await,
            422,
            "slot_unavailable",
            Some("/start"),
        );
    }
    for (start, name, phone, pointer) in [
        ("tomorrow at 3", "A", "13912345678", "/start"),
        (ok.as_str(), " ", "13912345678", "/name"),
        (ok.as_str(), "A", "12345", "/phone"),
    ] {
        let b = format!(
            r#"{{"store_id":"{JINGAN}","start":"{start}","name":"{name}","phone":"{phone}"}}"#
        );
        assert_problem(
            &app.book(&b).key("bad-field").await,
            400,
            "invalid_body",
            Some(pointer),
        );
    }
    let extra = format!(
        r#"{{"store_id":"{JINGAN}","start":"{ok}","name":"A","phone":"13912345678","guides":3}}"#
    );
    assert_problem(
        &app.book(&extra).key("bad-extra").await,
        400,
        "invalid_body",
        None,
    );
    assert_problem(
        &app.book(&body("s_nope", &ok, "A")).key("bad-store").await,
        404,
        "not_found",
        Some("/store_id"),
    );
    assert_problem(
        &app.book(&body("s_sh_lujiazui", &ok, "A"))
            .key("no-guides")
            .await,
        409,
        "guide_unavailable",
        Some("/store_id"),
    );
    // Nothing was booked by any of them.
    assert_eq!(remaining_at(&slots(&app, JINGAN, day).await, "15:00"), 2);
}

/// An app whose database got `setup` (SQL) after seeding, before the stores were loaded.
async fn app_with(setup: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = storefront_server::db::connect(&url).await.unwrap();
    storefront_server::seed::seed(&db, 10).await.unwrap();
    sqlx::raw_sql(setup).execute(&db).await.unwrap();
    let spa = Arc::new(Spa::load(&dir.path().join("no-dist"), "/api"));
    TestApp::new(router(AppState::new(db, spa)), dir)
}

#[tokio::test]
async fn slots_follow_exceptions_and_the_store_clock() {
    let day = plain_day();
    let next = day + Duration::days(1);
    let setup = format!(
        "INSERT OR REPLACE INTO store_hours_exceptions (store_id, date, open, close, note_zh, note_en) VALUES \
         ('{JINGAN}', '{day}', NULL, NULL, '盘点', 'Stocktaking'), ('{JINGAN}', '{next}', '13:00', '18:00', '短营业', 'Short day'); \
         UPDATE stores SET services = services || ',shopping_guide', guide_capacity = 1 WHERE id = 's_urumqi_youhao';"
    );
    let app = app_with(&setup).await;
    assert!(slots(&app, JINGAN, day).await.slots.is_empty());
    let short = slots(&app, JINGAN, next).await;
    let times: Vec<&str> = short.slots.iter().map(|s| s.local_time.as_str()).collect();
    assert_eq!(times.len(), 10);
    assert_eq!((times[0], times[9]), ("13:00", "17:30"));
    assert_problem(
        &app.book(&body(JINGAN, &format!("{day}T12:00"), "A"))
            .key("closed")
            .await,
        422,
        "slot_unavailable",
        Some("/start"),
    );
    assert_problem(
        &app.book(&body(JINGAN, &format!("{next}T12:00"), "A"))
            .key("early")
            .await,
        422,
        "slot_unavailable",
        Some("/start"),
    );

    // Ürümqi (UTC+6) opens at 11:00 on its own clock: 05:00 UTC.
    let u = slots(&app, "s_urumqi_youhao", day).await;
    assert_eq!(u.time_zone, "Asia/Urumqi");
    assert_eq!(u.slots[0].local_time, "11:00");
    assert_eq!(
        u.slots[0].start,
        Timestamp::parse_rfc3339(&format!("{day}T05:00:00Z")).unwrap()
    );
    assert_eq!(u.slots[0].capacity, 1);
    let b = app
        .book(&body("s_urumqi_youhao", &format!("{day}T11:00"), "A"))
        .key("urumqi")
        .await;
    assert_eq!(b.status, 201, "{}", b.text());
    let a: Appointment = b.json();
    assert_eq!(a.start, u.slots[0].start);
    assert_eq!(a.local_time, "11:00");
    assert_problem(
        &app.book(&body("s_urumqi_youhao", &format!("{day}T05:00:00Z"), "B"))
            .key("urumqi-2")
            .await,
        409,
        "slot_full",
        Some("/start"),
    );
    assert_problem(
        &app.book(&body("s_urumqi_youhao", &format!("{day}T10:30"), "A"))
            .key("urumqi-early")
            .await,
        422,
        "slot_unavailable",
        Some("/start"),
    );
}

/// The code in an appointment's URL is never handed out again: interleaved bookings and
/// cancellations give distinct codes, and a cancelled code keeps naming its own
/// (cancelled) appointment instead of being freed for the next booking.
#[tokio::test]
async fn appointment_codes_are_never_reused() {
    let app = spawn_with(10, None).await;
    let day = plain_day();
    let mut made: Vec<(String, bool)> = Vec::new();
    for i in 0..12u32 {
        let start = format!("{day}T{:02}:{:02}", 10 + i / 2, (i % 2) * 30);
        let r = app
            .book(&body(JINGAN, &start, "A"))
            .key(&format!("uniq-{i}"))
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        let a: Appointment = r.json();
        assert_eq!(a.code.len(), 10);
        let cancel = i % 3 != 1;
        if cancel {
            let r = app.cancel_appointment(&a.code).json_body("").await;
            assert_eq!(r.status, 200, "{}", r.text());
        }
        assert!(made.iter().all(|(c, _)| *c != a.code), "{} reused", a.code);
        made.push((a.code, cancel));
    }
    for (code, cancelled) in made {
        let a: Appointment = app.appointment(&code).json().await;
        assert_eq!(a.code, code);
        let want = if cancelled {
            AppointmentStatus::Cancelled
        } else {
            AppointmentStatus::Booked
        };
        assert_eq!(a.status, want, "{code}");
    }
}
