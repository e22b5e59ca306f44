//! Availability at every store, the staff stock API and the in-stock facet.

use super::*;

#[tokio::test]
async fn availability_lists_every_store_with_status_pickup_and_distance() {
    let app = spawn_with(10, None).await;
    let r = app.availability(VARIANT, "").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-cache");
    let a: VariantAvailability = r.json();
    assert_eq!(a.variant_id.as_str(), VARIANT);
    assert!(a.data.len() >= 14);
    let order: Vec<(String, String)> = a
        .data
        .iter()
        .map(|s| (s.city.en.clone(), s.store_name.en.clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "city then name without near");
    for s in &a.data {
        let q = s.quantity.unwrap();
        assert_eq!(s.status, StockStatus::of(q));
        assert_eq!(s.pickup_ready_at.is_some(), q > 0 && s.pickup, "{s:?}");
        assert!(s.distance_m.is_none());
    }
    assert_eq!(
        a.in_stock_stores as usize,
        a.data.iter().filter(|s| s.quantity.unwrap() > 0).count()
    );
    let no_pickup = a
        .data
        .iter()
        .find(|s| s.store_id.as_str() == "s_gz_beijinglu")
        .unwrap();
    assert!(!no_pickup.pickup && no_pickup.pickup_ready_at.is_none());

    // A poll with the ETag is a bodiless 304.
    let again = app
        .availability(VARIANT, "")
        .header("if-none-match", r.header("etag"))
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    let near: VariantAvailability = app.availability(VARIANT, "near=39.91,116.40").json().await;
    let d: Vec<u32> = near.data.iter().map(|s| s.distance_m.unwrap()).collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
    assert_eq!(near.data[0].city.en, "Beijing");

    assert_problem(
        &app.availability("v_nope", "").await,
        404,
        "not_found",
        None,
    );
    for near in ["0,181", "-91,0", "x,y", "31"] {
        assert_problem(
            &app.availability(VARIANT, &format!("near={near}")).await,
            400,
            "invalid_query",
            Some("#/query/near"),
        );
    }
}

#[tokio::test]
async fn staff_keys_are_checked_and_updates_show_at_once() {
    let app = spawn_with(10, None).await;
    let none = app.put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#).await;
    assert_problem(&none, 401, "unauthorized", None);
    assert!(none.header("www-authenticate").starts_with("Bearer"));
    let wrong = app
        .put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#)
        .header("authorization", "Bearer nope")
        .await;
    assert_problem(&wrong, 401, "unauthorized", None);
    let other = app
        .put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#)
        .staff("s_bj_xidan")
        .await;
    assert_problem(&other, 403, "forbidden", None);
    assert_problem(
        &app.put_stock("s_nope", VARIANT, r#"{"quantity":3}"#)
            .staff(JINGAN)
            .await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &set_stock(&app, JINGAN, "v_nope", 3).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &set_stock(&app, JINGAN, VARIANT, 100_001).await,
        400,
        "invalid_body",
        Some("/quantity"),
    );
    for bad in [
        r#"{"quantity":-1}"#,
        r#"{"quantity":"3"}"#,
        r#"{"quantity":1.5}"#,
    ] {
        let r = app.put_stock(JINGAN, VARIANT, bad).staff(JINGAN).await;
        assert_problem(&r, 400, "invalid_body", Some("/quantity"));
    }
    let r = app
        .put_stock(JINGAN, VARIANT, "{\"quantity\":")
        .staff(JINGAN)
        .await;
    assert_problem(&r, 400, "invalid_body", None);

    let r = set_stock(&app, JINGAN, VARIANT, 2).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let level: StockLevel = r.json();
    assert_eq!((level.store_id.as_str(), level.quantity), (JINGAN, 2));
    let a = availability(&app, VARIANT).await;
    let s = a
        .data
        .iter()
        .find(|s| s.store_id.as_str() == JINGAN)
        .unwrap();
    assert_eq!((s.quantity, s.status), (Some(2), StockStatus::LowStock));
    assert_eq!(s.updated_at, level.updated_at);
}

async fn in_stock_count(app: &TestApp, store: &str) -> (u64, ProductFacets) {
    let f: ProductFacets = app.facets(&format!("store={store}")).json().await;
    assert_eq!(f.facets[0].code, FacetCode::InStock);
    (f.facets[0].values[0].count, f)
}

#[tokio::test]
async fn the_in_stock_facet_follows_stock_changes() {
    let app = spawn_with(10, None).await;
    let plain: ProductFacets = app.facets("").json().await;
    assert!(plain.facets.iter().all(|f| f.code != FacetCode::InStock));
    assert_eq!(plain.facets[0].code, FacetCode::Category);

    let (before, f) = in_stock_count(&app, JINGAN).await;
    let v = &f.facets[0].values[0];
    assert_eq!(v.value, "true");
    assert_eq!(v.label.en, "In stock at Shanghai Jing'an");
    assert_eq!(v.label.zh_cn, "有货：上海静安店");
    assert!(!v.selected);
    assert_eq!(f.total, 10, "store alone does not filter");

    let listed: Page<ProductSummary> = app
        .products(&format!("store={JINGAN}&in_stock=true&limit=100"))
        .json()
        .await;
    assert_eq!(listed.total, before);
    let sel: ProductFacets = app
        .facets(&format!("store={JINGAN}&in_stock=true"))
        .json()
        .await;
    assert!(sel.facets[0].values[0].selected);
    assert_eq!(sel.total, before);

    // Empty every variant of product 3 at Jing'an: it leaves the facet and the listing.
    let product: storefront_api_types::Product = app.product("p_000003").json().await;
    for v in &product.variants {
        assert_eq!(set_stock(&app, JINGAN, v.id.as_str(), 0).await.status, 200);
    }
    let (after, _) = in_stock_count(&app, JINGAN).await;
    let was_in = listed.data.iter().any(|p| p.id.as_str() == "p_000003");
    assert_eq!(after, before - u64::from(was_in));
    let listed: Page<ProductSummary> = app
        .products(&format!("store={JINGAN}&in_stock=true&limit=100"))
        .json()
        .await;
    assert!(listed.data.iter().all(|p| p.id.as_str() != "p_000003"));
    // Another store is unaffected; one unit brings it back.
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 1).await.status, 200);
    assert_eq!(
        in_stock_count(&app, JINGAN).await.0,
        before - u64::from(was_in) + 1
    );
    // Reserving that last unit takes it out again.
    let r = app.reserve(&body(VARIANT, JINGAN, 1)).key("facet-1").await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        in_stock_count(&app, JINGAN).await.0,
        before - u64::from(was_in)
    );
    // Cancelling puts it back.
    let code = r.json::<Reservation>().code;
    let c = app.cancel_reservation(&code).json_body("").await;
    assert_eq!(c.status, 200, "{}", c.text());
    assert_eq!(
        in_stock_count(&app, JINGAN).await.0,
        before - u64::from(was_in) + 1
    );

    assert_problem(
        &app.products("in_stock=true").await,
        400,
        "invalid_query",
        Some("#/query/in_stock"),
    );
    // an unknown store is not found, naming the parameter
    assert_problem(
        &app.facets("store=s_nope").await,
        404,
        "not_found",
        Some("#/query/store"),
    );
    assert_problem(
        &app.products(&format!("store={JINGAN}&in_stock=perhaps"))
            .await,
        400,
        "invalid_query",
        Some("#/query/in_stock"),
    );
}
