//! docs/api.md and the OpenAPI document name the same operations: every `METHOD /path` written
//! in backticks in a table row of the page is an operation of the document, and every
//! operation of the document is written on the page.

use std::collections::BTreeSet;

use crate::helpers::spawn_with;

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The `METHOD /path` pairs in backticks in the table rows of a markdown page.
fn documented(markdown: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for line in markdown.lines().filter(|l| l.starts_with('|')) {
        // Only the first cell names endpoints; the second describes them.
        let first = line.split('|').nth(1).unwrap_or_default();
        for quoted in first.split('`').skip(1).step_by(2) {
            if let Some((method, path)) = quoted.split_once(' ') {
                if METHODS.contains(&method) && path.starts_with('/') {
                    found.insert((method.to_owned(), path.to_owned()));
                }
            }
        }
    }
    found
}

/// The operations of an OpenAPI document.
fn operations(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if item.get(method.to_ascii_lowercase()).is_some() {
                found.insert((method.to_owned(), path.clone()));
            }
        }
    }
    found
}

#[tokio::test]
async fn docs_api_md_and_the_openapi_document_name_the_same_operations() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md"))
        .expect("docs/api.md");
    let app = spawn_with(1, None).await;
    let doc: serde_json::Value = app.openapi().json().await;
    let (written, served) = (documented(&page), operations(&doc));
    assert!(
        served.len() > 40,
        "the document has its operations: {served:?}"
    );
    let missing: Vec<_> = served.difference(&written).collect();
    let unknown: Vec<_> = written.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "operations not in docs/api.md: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "docs/api.md names operations the server does not have: {unknown:?}"
    );
}

#[test]
fn only_the_first_cell_of_a_table_row_names_endpoints() {
    let page = "| `GET /a/{id}`, `POST /b` | see `GET /c` |\n`PUT /d` outside a table\n| `nope` |";
    let names: Vec<_> = documented(page).into_iter().collect();
    assert_eq!(
        names,
        [
            ("GET".into(), "/a/{id}".into()),
            ("POST".into(), "/b".into())
        ]
    );
}
