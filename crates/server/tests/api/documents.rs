//! The app's documents name the wasm split modules their page loads as it is built, so the
//! browser fetches them with the main module instead of after it.

use storefront_api_types::{CategoryTree, Page, ProductSummary};

use crate::helpers::spawn_with;

const MANIFEST: &str = r#"{
  "listing": ["/split_listing-0123456789abcdef.pack"],
  "product": ["/split_product-0123456789abcdef.pack"],
  "stores": ["/split_stores-0123456789abcdef.pack"],
  "zoom": ["/split_zoom-0123456789abcdef.pack"],
  "member": ["/split_member-0123456789abcdef.pack"],
  "tour": ["/split_tour-0123456789abcdef.pack", "/chunk_3-0123456789abcdef.pack\" onload=\"x"]
}"#;

const INDEX: &str = "<!doctype html><html><head><link rel=modulepreload href=/storefront-3f2a9c.js><link rel=preload href=/storefront-3f2a9c_bg.wasm as=fetch type=application/wasm crossorigin></head><body><div id=app></div><div id=shell><div class=shell-header></div></div></body></html>";

fn links(r: &crate::helpers::Reply) -> Vec<String> {
    r.headers
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn preload(f: &str) -> String {
    format!("<{f}>; rel=preload; as=fetch; crossorigin=anonymous")
}

#[tokio::test]
async fn a_document_names_the_split_modules_its_page_loads() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join("split-manifest.json"), MANIFEST).unwrap();
    let app = spawn_with(20, Some(dist.path())).await;
    let page: Page<ProductSummary> = app.json("/api/v1/products?limit=1").await;
    let slug = &page.data[0].slug;

    // a page with a copy of its first screen: its boot script asks for the modules with the
    // main module (once the copy is painted), so no header competes with the copy's picture
    let r = app.get(&format!("/product/{slug}")).await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains(" data-first-screen lang=\""), "{html}");
    assert!(
        html.contains(" data-modules=\"/split_product-0123456789abcdef.pack /split_stores-0123456789abcdef.pack /split_zoom-0123456789abcdef.pack\""),
        "{html}"
    );
    assert!(
        !links(&r).iter().any(|l| l.contains(".pack")),
        "{:?}",
        links(&r)
    );
    // the page's own markup is in the box the app's loader holds it in
    assert!(
        html.contains("<div class=\"deferred\"><div class=\"page page-product\""),
        "{html}"
    );
    let tree: CategoryTree = app.json("/api/v1/categories").await;
    let r = app.get(&format!("/category/{}", tree.data[0].slug)).await;
    assert!(
        r.text()
            .contains(" data-modules=\"/split_listing-0123456789abcdef.pack\""),
        "{}",
        r.text()
    );

    // a page without a copy: preloaded alongside its main module, in the header
    for (path, files) in [
        ("/stores", vec!["/split_stores-0123456789abcdef.pack"]),
        ("/wallet", vec!["/split_member-0123456789abcdef.pack"]),
        (
            "/reservations/ABC123",
            vec!["/split_stores-0123456789abcdef.pack"],
        ),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        let l = links(&r);
        for f in &files {
            assert!(l.contains(&preload(f)), "{path}: {l:?}");
        }
        assert_eq!(
            l.iter().filter(|l| l.contains(".pack")).count(),
            files.len(),
            "{path}: {l:?}"
        );
        assert!(!r.text().contains("data-modules"), "{path}");
    }
    // a file name that could break out of a header or an attribute is never named
    let r = app.get("/stores/flagship/tour").await;
    let l = links(&r);
    assert!(
        l.contains(&preload("/split_tour-0123456789abcdef.pack")),
        "{l:?}"
    );
    assert!(!l.iter().any(|l| l.contains("onload")), "{l:?}");
    // home (the main module's own page) and the campaign page (its hero goes first) name none
    for path in ["/", "/campaign/autumn-edit"] {
        let r = app.get(path).await;
        assert!(!links(&r).iter().any(|l| l.contains(".pack")), "{path}");
        assert!(!r.text().contains("data-modules"), "{path}");
    }
    drop(dist);
}
