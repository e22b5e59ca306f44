//! What the documents' Content-Security-Policy allows inline: the hashes of index.html's own
//! inline scripts and styles, and the style attributes of a first screen the server rendered
//! into a document (`crate::first_screen`), through their hashes alone.

use axum::http::HeaderValue;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// `content`'s CSP source expression, `sha256-…` (its SHA-256 digest in base64).
pub fn hash(content: &str) -> String {
    format!(
        "sha256-{}",
        STANDARD.encode(Sha256::digest(content.as_bytes()))
    )
}

/// `sha256-…` of the content of each inline `<tag>…</tag>` element with non-empty content.
pub fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = lower[pos..].find(&open) {
        let start = pos + found;
        let after = start + open.len();
        // `<scripts>` or `<style-x>` are other elements.
        if !lower[after..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace() || c == '/') {
            pos = after;
            continue;
        }
        let Some(gt) = lower[after..].find('>') else {
            break;
        };
        let content_start = after + gt + 1;
        let Some(end) = lower[content_start..].find(&close) else {
            break;
        };
        let content = &html[content_start..content_start + end];
        if !content.is_empty() {
            let h = hash(content);
            if !out.contains(&h) {
                out.push(h);
            }
        }
        pos = content_start + end + close.len();
    }
    out
}

/// The `sha256-…` of each `style` attribute of a document's first screen, set on its response
/// as an extension.
#[derive(Debug, Clone, Default)]
pub struct StyleHashes(pub Vec<String>);

impl StyleHashes {
    /// `csp` whose `style-src` also allows exactly these attributes (`'unsafe-hashes'` with
    /// their hashes); `csp` itself when there are none.
    pub fn allowed_in(&self, csp: &HeaderValue) -> HeaderValue {
        if self.0.is_empty() {
            return csp.clone();
        }
        let allowed: String = self.0.iter().map(|h| format!(" '{h}'")).collect();
        csp.to_str()
            .ok()
            .map(|p| {
                p.replacen(
                    "style-src 'self'",
                    &format!("style-src 'self' 'unsafe-hashes'{allowed}"),
                    1,
                )
            })
            .and_then(|p| HeaderValue::from_str(&p).ok())
            .unwrap_or_else(|| csp.clone())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_attributes_are_allowed() {
        let csp = HeaderValue::from_static(
            "default-src 'self'; style-src 'self' 'sha256-a'; img-src 'self'",
        );
        let out = StyleHashes(vec!["sha256-x".into()]).allowed_in(&csp);
        assert_eq!(
            out.to_str().unwrap_or(""),
            "default-src 'self'; style-src 'self' 'unsafe-hashes' 'sha256-x' 'sha256-a'; img-src 'self'"
        );
        assert_eq!(StyleHashes(Vec::new()).allowed_in(&csp), csp);
    }
}
