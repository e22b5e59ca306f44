//! Stores: open status in each store's own time zone (weekly hours, late nights, holiday
//! exceptions), distance ordering, search, and the errors of bad `near`/`q`/`at`.

use crate::helpers::{assert_problem, spawn_with, TestApp};
use std::collections::HashSet;
use storefront_api_types::{percent_encode, OpenStatus, Store, StoreList, Timestamp, Weekday};

async fn stores_at(app: &TestApp, query: &str) -> Vec<Store> {
    let list: StoreList = app.stores(query).json().await;
    list.data
}

fn status_of<'a>(stores: &'a [Store], id: &str) -> &'a OpenStatus {
    stores
        .iter()
        .find(|s| s.id.as_str() == id)
        .and_then(|s| s.status.as_ref())
        .unwrap_or_else(|| panic!("no status for {id}"))
}

fn at(instant: &str) -> String {
    format!("at={}", percent_encode(instant))
}

#[tokio::test]
async fn fourteen_stores_in_six_cities_each_with_a_status() {
    let app = spawn_with(5, None).await;
    let r = app.stores("").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-cache");
    assert!(r.header("etag").starts_with("W/\""));
    let list: StoreList = r.json();
    assert!(list.data.len() >= 14, "{}", list.data.len());
    let cities: HashSet<_> = list.data.iter().map(|s| s.city.en.clone()).collect();
    assert!(cities.len() >= 6, "{cities:?}");
    assert!(list.data.iter().all(|s| s.status.is_some()));
    assert!(list.data.iter().all(|s| s.distance_m.is_none()));
    // A 304 when nothing changed (the status is the same within the minute).
    let again = app
        .stores("")
        .header("if-none-match", r.header("etag"))
        .await;
    assert!(matches!(again.status.as_u16(), 200 | 304));
}

#[tokio::test]
async fn a_shopper_eight_hours_away_sees_the_store_clock() {
    let app = spawn_with(5, None).await;
    // 17:30 on Monday in California is 09:30 on Tuesday in Shanghai, 07:30 in Ürümqi.
    let stores = stores_at(&app, &at("2026-11-23T17:30:00-08:00")).await;
    let sh = status_of(&stores, "s_sh_jingan");
    assert!(!sh.open);
    assert_eq!(
        (sh.today, sh.local_date.as_str()),
        (Weekday::Tue, "2026-11-24")
    );
    let next = sh.next_change.as_ref().unwrap();
    assert_eq!(
        (next.local_time.as_str(), next.in_days, next.weekday),
        ("10:00", 0, Weekday::Tue)
    );
    assert_eq!(
        next.at,
        Timestamp::parse_rfc3339("2026-11-24T02:00:00Z").unwrap()
    );

    let urumqi = status_of(&stores, "s_urumqi_youhao");
    assert!(!urumqi.open);
    assert_eq!(urumqi.local_date, "2026-11-24");
    let next = urumqi.next_change.as_ref().unwrap();
    assert_eq!((next.local_time.as_str(), next.in_days), ("11:00", 0));
    // 11:00 in UTC+6.
    assert_eq!(
        next.at,
        Timestamp::parse_rfc3339("2026-11-24T05:00:00Z").unwrap()
    );

    // At 21:30 Shanghai time Ürümqi (19:30 local) is open, Shanghai closes at 22:00.
    let stores = stores_at(&app, &at("2026-11-24T21:30:00+08:00")).await;
    let sh = status_of(&stores, "s_sh_jingan");
    assert!(sh.open);
    assert_eq!(sh.next_change.as_ref().unwrap().local_time, "22:00");
    let urumqi = status_of(&stores, "s_urumqi_youhao");
    assert!(urumqi.open);
    assert_eq!(urumqi.next_change.as_ref().unwrap().local_time, "23:00");
}

#[tokio::test]
async fn late_nights_run_past_midnight() {
    let app = spawn_with(5, None).await;
    // Xintiandi: Friday and Saturday until 02:00.
    let stores = stores_at(&app, &at("2026-11-27T23:00:00+08:00")).await;
    let x = status_of(&stores, "s_sh_xintiandi");
    assert!(x.open);
    assert_eq!(x.today, Weekday::Fri);
    let next = x.next_change.as_ref().unwrap();
    assert_eq!(
        (next.local_time.as_str(), next.in_days, next.weekday),
        ("02:00", 1, Weekday::Sat)
    );
    assert!(!status_of(&stores, "s_sh_jingan").open);

    // 01:30 on Saturday: still Friday's window.
    let stores = stores_at(&app, &at("2026-11-28T01:30:00+08:00")).await;
    let x = status_of(&stores, "s_sh_xintiandi");
    assert!(x.open);
    assert_eq!(x.today, Weekday::Sat);
    assert_eq!(x.next_change.as_ref().unwrap().in_days, 0);
    // 02:30: closed, opens 10:00 today.
    let stores = stores_at(&app, &at("2026-11-28T02:30:00+08:00")).await;
    let x = status_of(&stores, "s_sh_xintiandi");
    assert!(!x.open);
    let next = x.next_change.as_ref().unwrap();
    assert_eq!((next.local_time.as_str(), next.in_days), ("10:00", 0));

    // Hangzhou Hubin is closed on Mondays: Sunday night → Tuesday.
    let stores = stores_at(&app, &at("2026-11-29T22:30:00+08:00")).await;
    let next = status_of(&stores, "s_hz_hubin")
        .next_change
        .clone()
        .unwrap();
    assert_eq!((next.in_days, next.weekday), (2, Weekday::Tue));
}

#[tokio::test]
async fn holiday_exceptions_close_shorten_and_extend_days() {
    let app = spawn_with(5, None).await;
    // Spring Festival: Beijing Sanlitun closed 16th–18th February 2027.
    let stores = stores_at(&app, &at("2027-02-16T12:00:00+08:00")).await;
    let bj = status_of(&stores, "s_bj_sanlitun");
    assert!(!bj.open);
    assert_eq!(
        bj.exception.as_ref().map(|n| n.en.as_str()),
        Some("Closed for the Spring Festival")
    );
    let next = bj.next_change.as_ref().unwrap();
    assert_eq!((next.local_time.as_str(), next.in_days), ("10:00", 3));
    // Shanghai Jing'an keeps its hours.
    let jingan = status_of(&stores, "s_sh_jingan");
    assert!(jingan.open && jingan.exception.is_none());

    // New Year's Eve: Jing'an closes at 18:00 and opens at 13:00 on New Year's Day;
    // Xintiandi stays open until 03:00.
    let stores = stores_at(&app, &at("2026-12-31T19:00:00+08:00")).await;
    let jingan = status_of(&stores, "s_sh_jingan");
    assert!(!jingan.open);
    assert!(jingan.exception.is_some());
    let next = jingan.next_change.as_ref().unwrap();
    assert_eq!((next.local_time.as_str(), next.in_days), ("13:00", 1));
    let x = status_of(&stores, "s_sh_xintiandi");
    assert!(x.open);
    let next = x.next_change.as_ref().unwrap();
    assert_eq!((next.local_time.as_str(), next.in_days), ("03:00", 1));
    let stores = stores_at(&app, &at("2027-01-01T02:30:00+08:00")).await;
    assert!(status_of(&stores, "s_sh_xintiandi").open);

    // Christmas Eve: open until 23:30.
    let stores = stores_at(&app, &at("2026-12-24T23:00:00+08:00")).await;
    assert!(status_of(&stores, "s_sh_jingan").open);

    // Exceptions listed: the coming 60 days only.
    let store: Store = app
        .store("s_sh_jingan", &at("2026-12-20T12:00:00+08:00"))
        .json()
        .await;
    let dates: Vec<&str> = store.exceptions.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2026-12-24", "2026-12-31", "2027-01-01"]);
    assert_eq!(store.exceptions[1].close.as_deref(), Some("18:00"));
    let store: Store = app
        .store("beijing-sanlitun", &at("2027-02-01T12:00:00+08:00"))
        .json()
        .await;
    assert_eq!(store.exceptions.len(), 3);
    assert!(store
        .exceptions
        .iter()
        .all(|e| e.open.is_none() && e.close.is_none()));
    let store: Store = app
        .store("beijing-sanlitun", &at("2026-10-01T12:00:00+08:00"))
        .json()
        .await;
    assert!(store.exceptions.is_empty());
}

#[tokio::test]
async fn near_sorts_by_distance_and_q_matches_every_word() {
    let app = spawn_with(5, None).await;
    // People's Square, Shanghai.
    let stores = stores_at(&app, "near=31.2304,121.4737").await;
    let d: Vec<u32> = stores.iter().map(|s| s.distance_m.unwrap()).collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
    assert!(stores[..3].iter().all(|s| s.city.en == "Shanghai"));
    assert!(d[0] < 5_000, "{d:?}");
    assert_eq!(stores.last().unwrap().id.as_str(), "s_urumqi_youhao");
    // Shenzhen: the Shenzhen stores first.
    let stores = stores_at(&app, "near=22.54,114.06").await;
    assert_eq!(stores[0].id.as_str(), "s_sz_futian");
    assert_eq!(stores[1].id.as_str(), "s_sz_nanshan");

    let ids = |stores: Vec<Store>| stores.into_iter().map(|s| s.id.0).collect::<Vec<_>>();
    assert_eq!(stores_at(&app, "q=shanghai").await.len(), 3);
    assert_eq!(
        ids(stores_at(&app, &format!("q={}", percent_encode("静安"))).await),
        ["s_sh_jingan"]
    );
    assert_eq!(
        ids(stores_at(&app, "q=West+Nanjing+shanghai").await),
        ["s_sh_jingan"]
    );
    assert_eq!(ids(stores_at(&app, "q=TAIKOO").await), ["s_cd_taikooli"]);
    assert!(stores_at(&app, "q=shanghai+beijing").await.is_empty());
    let near_q = stores_at(&app, "q=guangzhou&near=23.13,113.32").await;
    assert_eq!(ids(near_q), ["s_gz_tianhe", "s_gz_beijinglu"]);

    let one: Store = app
        .store("s_sh_jingan", "near=31.2304,121.4737")
        .json()
        .await;
    assert!(one.distance_m.unwrap() > 1_000);
}

#[tokio::test]
async fn bad_store_queries_are_400_naming_the_field() {
    let app = spawn_with(5, None).await;
    let long = "x".repeat(101);
    for (uri, pointer) in [
        ("/api/v1/stores?near=91,0".to_owned(), "#/query/near"),
        ("/api/v1/stores?near=31.2,181".to_owned(), "#/query/near"),
        ("/api/v1/stores?near=shanghai".to_owned(), "#/query/near"),
        ("/api/v1/stores?near=NaN,1".to_owned(), "#/query/near"),
        (format!("/api/v1/stores?q={long}"), "#/query/q"),
        ("/api/v1/stores?at=tomorrow".to_owned(), "#/query/at"),
        (
            "/api/v1/stores?at=2026-13-01T10:00:00Z".to_owned(),
            "#/query/at",
        ),
        (
            "/api/v1/stores/s_sh_jingan?at=noon".to_owned(),
            "#/query/at",
        ),
        (
            "/api/v1/stores/s_sh_jingan?near=1".to_owned(),
            "#/query/near",
        ),
    ] {
        assert_problem(&app.get(&uri).await, 400, "invalid_query", Some(pointer));
    }
    let p = assert_problem(&app.stores("near=95,10").await, 400, "invalid_query", None);
    assert_eq!(p.errors[0].message, "latitude must be between -90 and 90");
    assert_problem(&app.store("nope", "").await, 404, "not_found", None);
}
