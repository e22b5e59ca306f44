//! Round trips and edge cases of the app's URLs.
#![allow(clippy::unwrap_used)]

use super::*;
use storefront_api_types::{FacetCode, ProductQuery};

fn round_trip(route: AppRoute) {
    let href = route.to_href();
    let (path, query) = href.split_once('?').unwrap_or((&href, ""));
    assert_eq!(AppRoute::parse(path, query), route, "href {href}");
}

fn sorted(sort: ProductSort) -> ListingFilters {
    ListingFilters {
        sort: Some(sort),
        ..Default::default()
    }
}

fn full() -> ListingFilters {
    ListingFilters {
        category: vec!["dresses".into(), "上衣".into()],
        brand: vec!["B&O".into(), "林蔚 Studio".into(), "a=b?c#d/e+f%".into()],
        color: vec!["black".into(), "navy".into()],
        size: vec!["42".into(), "m".into()],
        price: vec!["0-10000".into(), "50000-".into()],
        on_sale: true,
        in_stock: true,
        store: None,
        sort: Some(ProductSort::PriceAsc),
    }
    .canonical()
}

#[test]
fn every_route_round_trips() {
    round_trip(AppRoute::Home);
    round_trip(AppRoute::Stores);
    round_trip(AppRoute::Wishlist);
    round_trip(AppRoute::Reservations);
    round_trip(AppRoute::Reservation {
        code: "7K2Q9XMB3D".into(),
    });
    round_trip(AppRoute::NotFound);
    round_trip(AppRoute::Member);
    round_trip(AppRoute::MemberCode);
    round_trip(AppRoute::Wallet);
    round_trip(AppRoute::Coupon { id: "wc_12".into() });
    round_trip(AppRoute::Kiosk);
    round_trip(AppRoute::Handoff {
        token: "Ab3dEf7hJk".into(),
    });
    round_trip(AppRoute::Claim {
        code: "SPRING20".into(),
    });
    assert_eq!(
        AppRoute::parse("/c/SPRING20", ""),
        AppRoute::Claim {
            code: "SPRING20".into()
        }
    );
    assert_eq!(AppRoute::parse("/member/other", ""), AppRoute::NotFound);
    round_trip(AppRoute::Marketing);
    round_trip(AppRoute::MarketingInsight);
    round_trip(AppRoute::Privacy);
    round_trip(AppRoute::MarketingEditor { slug: None });
    round_trip(AppRoute::MarketingEditor {
        slug: Some("autumn-edit".into()),
    });
    round_trip(AppRoute::MarketingResults {
        slug: "autumn-edit".into(),
    });
    assert_eq!(
        AppRoute::parse("/marketing/campaigns/new", ""),
        AppRoute::MarketingEditor {
            slug: Some("new".into())
        }
    );
    assert_eq!(
        AppRoute::parse("/marketing/campaigns", ""),
        AppRoute::NotFound
    );
    assert_eq!(
        AppRoute::parse("/marketing/campaigns/a/other", ""),
        AppRoute::NotFound
    );
    round_trip(AppRoute::Campaign {
        slug: "autumn-edit".into(),
        handoff: None,
        preview: false,
    });
    round_trip(AppRoute::Campaign {
        slug: "autumn-edit".into(),
        handoff: None,
        preview: true,
    });
    round_trip(AppRoute::Campaign {
        slug: "autumn-edit".into(),
        handoff: Some("ho_abc-_x".into()),
        preview: false,
    });
    round_trip(AppRoute::CampaignEmbed {
        slug: "autumn-edit".into(),
        parent: Some("http://127.0.0.1:8090".into()),
        lang: Some("en".into()),
        preview: true,
    });
    round_trip(AppRoute::CampaignEmbed {
        slug: "a".into(),
        parent: None,
        lang: None,
        preview: false,
    });
    assert_eq!(
        AppRoute::parse(
            "/embed/campaign/autumn-edit",
            "?utm_source=news&parent=https%3A%2F%2Fp.example&lang=zh-CN"
        ),
        AppRoute::CampaignEmbed {
            slug: "autumn-edit".into(),
            parent: Some("https://p.example".into()),
            lang: Some("zh-CN".into()),
            preview: false,
        }
    );
    assert!(AppRoute::parse("/embed/campaign/x", "").is_embed());
    assert!(!AppRoute::parse("/campaign/x", "").is_embed());
    assert_eq!(AppRoute::parse("/embed/campaign", ""), AppRoute::NotFound);
    round_trip(AppRoute::category("shoes"));
    round_trip(AppRoute::Tour {
        store: "s_sh_jingan".into(),
        scene: None,
        yaw: None,
        pitch: None,
        fov: None,
    });
    round_trip(AppRoute::Tour {
        store: "s_bj_sanlitun".into(),
        scene: Some("shoe wall/2".into()),
        yaw: Some(-1255),
        pitch: Some(-5),
        fov: Some(650),
    });
    round_trip(AppRoute::Category {
        slug: "shoes".into(),
        filters: sorted(ProductSort::PriceDesc),
    });
    round_trip(AppRoute::product("air-runner"));
    round_trip(AppRoute::Product {
        slug: "air-runner".into(),
        variant: Some("v_12".into()),
    });
    round_trip(AppRoute::search(""));
    round_trip(AppRoute::Search {
        q: "运动鞋".into(),
        filters: sorted(ProductSort::Name),
    });
    for sort in ProductSort::ALL {
        round_trip(AppRoute::Category {
            slug: "a".into(),
            filters: sorted(sort),
        });
    }
    round_trip(AppRoute::Category {
        slug: "女装".into(),
        filters: full(),
    });
    round_trip(AppRoute::Search {
        q: "运动 & 鞋".into(),
        filters: full(),
    });
    round_trip(AppRoute::search_sorted("", ProductSort::Newest));
}

#[test]
fn chinese_and_reserved_characters_are_encoded_and_survive() {
    let route = AppRoute::Search {
        q: "运动 & \"鞋\"?#/+=%".into(),
        filters: ListingFilters::default(),
    };
    let href = route.to_href();
    assert!(href.starts_with("/search?q=%E8%BF%90"), "{href}");
    assert!(
        !href[8..].contains(['&', '#', '/', '+', '"', ' ']),
        "{href}"
    );
    round_trip(route);
    let slug = AppRoute::category("女装/上衣 a+b");
    assert_eq!(slug.to_href().matches('/').count(), 2);
    round_trip(slug);
    let href = AppRoute::Search {
        q: "x".into(),
        filters: full(),
    }
    .to_href();
    let query = href.split_once('?').unwrap().1; // ok: test only
                                                 // only the separators are literal: 15 pairs of one key and one value
    assert_eq!(query.split('&').count(), 15, "{query}");
    for pair in query.split('&') {
        assert_eq!(pair.split('=').count(), 2, "{pair}");
        assert!(!pair.contains(['#', '/', '+', '?', ' ', '"']), "{pair}");
    }
}

#[test]
fn filters_have_one_canonical_order() {
    let href = AppRoute::Category {
        slug: "women".into(),
        filters: full(),
    }
    .to_href();
    assert_eq!(
        href,
        "/category/women?category=dresses&category=%E4%B8%8A%E8%A1%A3\
         &brand=B%26O&brand=a%3Db%3Fc%23d%2Fe%2Bf%25&brand=%E6%9E%97%E8%94%9A%20Studio\
         &color=black&color=navy&size=42&size=m&price=0-10000&price=50000-&on_sale=true&in_stock=true&sort=price_asc"
    );
    // any order, duplicates, junk and a sloppy price in, the same route out
    let messy = AppRoute::parse(
        "/category/women",
        "sort=price_asc&in_stock=true&size=m&price=50000-&brand=%E6%9E%97%E8%94%9A+Studio&on_sale=true&color=navy\
         &brand=B%26O&category=%E4%B8%8A%E8%A1%A3&color=black&x=1&price=0-10000&size=42\
         &brand=a%3Db%3Fc%23d%2Fe%2Bf%25&category=dresses&color=navy&price=bogus&price=10-5&brand=",
    );
    assert_eq!(messy.to_href(), href);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn on_a_kiosk_in_stock_here_is_on_unless_the_url_turns_it_off() {
    super::filters::set_stock_default(true);
    let on = AppRoute::parse("/category/women", "");
    let AppRoute::Category { filters, .. } = &on else {
        panic!("{on:?}")
    };
    assert!(filters.in_stock && filters.is_selected(FacetCode::InStock, "true"));
    assert_eq!(on.to_href(), "/category/women");
    // turned off, the URL says so and reads back the same
    let off = filters.toggle(FacetCode::InStock, "true");
    assert!(!off.in_stock);
    let href = AppRoute::Category {
        slug: "women".into(),
        filters: off,
    }
    .to_href();
    assert_eq!(href, "/category/women?in_stock=false");
    let (path, query) = href.split_once('?').unwrap(); // ok: test only
    assert_eq!(AppRoute::parse(path, query).to_href(), href);
    // "clear all" goes back to it
    let search = AppRoute::parse("/search", "q=shirt&in_stock=false");
    let AppRoute::Search { filters, .. } = &search else {
        panic!("{search:?}")
    };
    assert!(!filters.in_stock && filters.cleared().in_stock);
    super::filters::set_stock_default(false);
    assert_eq!(
        AppRoute::parse("/category/women", "in_stock=false").to_href(),
        "/category/women"
    );
}

#[test]
fn toggling_filters() {
    let f = ListingFilters::default();
    let f = f
        .toggle(FacetCode::Brand, "Zeta")
        .toggle(FacetCode::Brand, "Alpha");
    assert_eq!(f.brand, ["Alpha", "Zeta"]);
    assert!(f.is_selected(FacetCode::Brand, "Zeta"));
    let f = f
        .toggle(FacetCode::Brand, "Zeta")
        .toggle(FacetCode::OnSale, "true");
    assert_eq!(f.brand, ["Alpha"]);
    assert!(f.on_sale && f.is_selected(FacetCode::OnSale, "true"));
    let f = f
        .toggle(FacetCode::Price, "50000-")
        .toggle(FacetCode::Price, "0-10000");
    assert_eq!(f.price, ["0-10000", "50000-"]);
    assert_eq!(f.count(), 4);
    let f = ListingFilters {
        sort: Some(ProductSort::Newest),
        ..f
    };
    assert_eq!(f.cleared(), sorted(ProductSort::Newest));
    let mut q = ProductQuery::default();
    f.apply(&mut q);
    assert_eq!(q.brand, ["Alpha"]);
    assert!(q.on_sale && q.sort.is_none());
}

#[test]
fn expected_hrefs() {
    assert_eq!(AppRoute::Home.to_href(), "/");
    assert_eq!(AppRoute::category("shoes").to_href(), "/category/shoes");
    assert_eq!(
        AppRoute::Category {
            slug: "shoes".into(),
            filters: sorted(ProductSort::PriceAsc)
        }
        .to_href(),
        "/category/shoes?sort=price_asc"
    );
    assert_eq!(
        AppRoute::Product {
            slug: "p".into(),
            variant: Some("v1".into())
        }
        .to_href(),
        "/product/p?variant=v1"
    );
    assert_eq!(AppRoute::search("a b").to_href(), "/search?q=a%20b");
    assert_eq!(
        AppRoute::search_sorted("", ProductSort::BestSelling).to_href(),
        "/search?sort=best_selling"
    );
    assert_eq!(AppRoute::Stores.to_href(), "/stores");
    assert_eq!(
        AppRoute::Tour {
            store: "s_sh_jingan".into(),
            scene: Some("centre".into()),
            yaw: Some(-1255),
            pitch: Some(-40),
            fov: Some(900),
        }
        .to_href(),
        "/stores/s_sh_jingan/tour?scene=centre&yaw=-125.5&pitch=-4&fov=90"
    );
}

#[test]
fn parses_browser_forms() {
    assert_eq!(AppRoute::parse("/", ""), AppRoute::Home);
    assert_eq!(AppRoute::parse("", ""), AppRoute::Home);
    assert_eq!(AppRoute::parse("/stores/", ""), AppRoute::Stores);
    // an unencoded path as a browser may show it, and a form-encoded query
    assert_eq!(
        AppRoute::parse("/category/鞋履", "?sort=name"),
        AppRoute::Category {
            slug: "鞋履".into(),
            filters: sorted(ProductSort::Name)
        }
    );
    assert_eq!(
        AppRoute::parse("/search", "q=red+shoes&x=1"),
        AppRoute::search("red shoes")
    );
    assert_eq!(
        AppRoute::parse("/search", "sort=bogus"),
        AppRoute::search("")
    );
    assert_eq!(
        AppRoute::parse("/search", "q=%E9%9E%8B&brand=Acme&brand=Acme&on_sale=1"),
        AppRoute::Search {
            q: "鞋".into(),
            filters: ListingFilters {
                brand: vec!["Acme".into()],
                ..Default::default()
            }
        }
    );
    assert_eq!(
        AppRoute::parse("/product/p", "variant="),
        AppRoute::product("p")
    );
}

#[test]
fn tour_links_tolerate_junk() {
    assert_eq!(
        AppRoute::parse(
            "/stores/s_sh_jingan/tour/",
            "scene=&yaw=abc&pitch=1e3&fov=65.25&x=1"
        ),
        AppRoute::Tour {
            store: "s_sh_jingan".into(),
            scene: None,
            yaw: None,
            pitch: None,
            fov: Some(652),
        }
    );
    assert_eq!(AppRoute::parse("/stores//tour", ""), AppRoute::NotFound);
    assert_eq!(AppRoute::parse("/stores/a/tours", ""), AppRoute::NotFound);
    assert_eq!(AppRoute::parse("/stores/a/tour/b", ""), AppRoute::NotFound);
}

#[test]
fn unknown_paths_are_not_found() {
    for p in [
        "/c",
        "/c/a/b",
        "/category",
        "/category/",
        "/category/a/b",
        "/product",
        "/x",
        "/stores/1",
    ] {
        assert_eq!(AppRoute::parse(p, ""), AppRoute::NotFound, "{p}");
    }
}

#[test]
fn the_consent_sheet_asks_on_shoppers_pages_only() {
    assert!(AppRoute::Home.asks_consent());
    assert!(AppRoute::parse("/product/x", "").asks_consent());
    assert!(AppRoute::parse("/embed/campaign/x", "").asks_consent());
    for staff in [
        "/kiosk",
        "/privacy",
        "/marketing",
        "/marketing/insight",
        "/marketing/new",
    ] {
        assert!(!AppRoute::parse(staff, "").asks_consent(), "{staff}");
    }
}

#[test]
fn the_search_forms_action_is_the_search_page() {
    // a browser submits the form as `{action}?q={words}` before the app has taken over
    assert_eq!(
        AppRoute::parse(SEARCH_PATH, "q=linen+shirt"),
        AppRoute::search("linen shirt")
    );
}

/// The modules `split_view!` declares in the features' `mod.rs` (`module fn name(…)` after
/// `split_view! {`).
fn declared_modules() -> Vec<String> {
    let features = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/features");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(features).unwrap() {
        let Ok(src) = std::fs::read_to_string(dir.unwrap().path().join("mod.rs")) else {
            continue;
        };
        for block in src.split("split_view! {").skip(1) {
            let decl = block
                .lines()
                .map(str::trim)
                .find(|l| !l.starts_with("///") && !l.is_empty())
                .unwrap();
            out.push(decl.split(" fn ").next().unwrap().to_owned());
        }
    }
    out
}

#[test]
fn the_modules_a_page_loads_are_declared_split_modules_its_own_first() {
    let declared = declared_modules();
    assert!(declared.contains(&"stores".to_owned()), "{declared:?}");
    let product = AppRoute::Product {
        slug: "a".into(),
        variant: None,
    };
    assert_eq!(product.modules(), ["product", "stores", "zoom"]);
    let search = AppRoute::parse("/search", "q=shoe");
    assert_eq!(search.modules(), ["listing"]);
    assert_eq!(
        AppRoute::parse("/category/shoes", "").modules(),
        ["listing"]
    );
    assert_eq!(AppRoute::parse("/wallet", "").modules(), ["member"]);
    // the home page is the main module's; a campaign's hero goes before any module
    assert!(AppRoute::Home.modules().is_empty());
    assert!(AppRoute::parse("/campaign/autumn-edit", "")
        .modules()
        .is_empty());
    for path in [
        "/",
        "/category/a",
        "/product/a",
        "/search",
        "/stores",
        "/stores/s/tour",
        "/wishlist",
        "/reservations",
        "/reservations/A1",
        "/member",
        "/member/code",
        "/wallet",
        "/wallet/1",
        "/c/CODE",
        "/marketing",
        "/privacy",
        "/kiosk",
        "/nope",
    ] {
        for m in AppRoute::parse(path, "").modules() {
            assert!(
                declared.iter().any(|d| d == m),
                "{path}: {m} is not a split module"
            );
        }
    }
}
