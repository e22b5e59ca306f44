//! What a document may add to index.html's `<head>`: preloads of the wasm split modules it
//! will load at once (from the build's `split-manifest.json`), and anything else a route
//! names there (the phone's hand-off page, `crate::routes::kiosk::handoff_page`).

use axum::body::Body;
use axum::response::Response;
use std::collections::HashMap;
use std::path::Path;

use super::{index_response, Spa};

/// Each split module's files from `dist/split-manifest.json` (`scripts/split-wasm.mjs`):
/// its own and the chunks it needs, as paths; none without the file.
pub fn load_splits(dist: &Path) -> HashMap<String, Vec<String>> {
    std::fs::read(dist.join("split-manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

impl Spa {
    /// `<link rel=preload>` of every file of split module `module` (none when the build has
    /// no manifest): a document that loads the module at once fetches it alongside the main
    /// module instead of after it. `as=fetch crossorigin`, as the split loader's `fetch()`
    /// asks, so the browser reuses the answers.
    pub fn preload_links(&self, module: &str) -> String {
        self.module_files(&[module])
            .iter()
            .map(|f| format!("<link rel=\"preload\" as=\"fetch\" crossorigin href=\"{f}\">"))
            .collect()
    }

    /// The files of split modules `modules`, in order and each once (a chunk two modules
    /// share is named once), as paths safe to put in a header or an attribute.
    pub fn module_files(&self, modules: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in modules.iter().filter_map(|m| self.splits.get(*m)).flatten() {
            let safe = f.starts_with('/')
                && !f.contains(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '<' | '>' | ';' | ',')
                });
            if safe && !out.contains(f) {
                out.push(f.clone());
            }
        }
        out
    }
}

/// [`index_response`] with `head` (markup the caller built and escaped) at the end of the
/// document's `<head>`.
pub fn index_with_head(spa: &Spa, head: &str) -> Response {
    let mut res = index_response(spa);
    let Some(text) = spa.index().and_then(|i| std::str::from_utf8(i).ok()) else {
        return res;
    };
    if let Some(at) = text.find("</head>") {
        let mut html = String::with_capacity(text.len() + head.len());
        html.push_str(&text[..at]);
        html.push_str(head);
        html.push_str(&text[at..]);
        *res.body_mut() = Body::from(html);
    }
    res
}
