//! The campaign pages' documents. `/campaign/{slug}`: the SPA's index.html with the hero
//! preloaded and shown in the loading shell. `/embed/campaign/{slug}`: the SPA's index.html like any app route, marked with the one
//! origin allowed to frame it ([`crate::spa::FrameAncestor`]) when the campaign is live and
//! lists the embedding page's origin. [`crate::spa::security_headers`] turns the mark into
//! `frame-ancestors <origin>`; without it the answer keeps `frame-ancestors 'none'`.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::Response;

use crate::marketing::framing::{frame_ancestor, parent_param, referer_origin};
use crate::spa::{index_response, index_with_shell_hero, FrameAncestor};
use crate::state::AppState;
use storefront_demo::images::xml_escape;

/// The embedding page's origin: the `parent` query parameter (embed.js and the iframe
/// snippet send it), else the origin of `Referer`.
pub fn embedding_origin(uri: &Uri, headers: &HeaderMap) -> Option<String> {
    uri.query()
        .and_then(parent_param)
        .filter(|p| !p.is_empty())
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(referer_origin)
        })
}

/// `GET /embed/campaign/{slug}`.
pub async fn page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut res = index_response(&state.spa);
    let Some(origin) = embedding_origin(&uri, &headers) else {
        return res;
    };
    match frame_ancestor(&state.db, &slug, &origin, chrono::Utc::now().timestamp()).await {
        Ok(Some(allowed)) => {
            res.extensions_mut().insert(FrameAncestor(allowed));
        }
        Ok(None) => {}
        // The page still loads; it only cannot be framed.
        Err(e) => tracing::warn!(error = %e, "reading a campaign's embedding origins failed"),
    }
    res
}

/// `GET /campaign/{slug}`: the SPA's index.html, and for a live campaign a `Link` header
/// that preloads its hero picture (the page's largest paint) while the app itself loads,
/// instead of after the app has asked for the campaign.
pub async fn campaign_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let now = chrono::Utc::now().timestamp();
    let Ok(row) = crate::campaigns::live(&state.db, &slug, now).await else {
        return index_response(&state.spa);
    };
    let hero = row.hero();
    // the loading shell shows the hero itself, where it will be, until the app replaces it
    let english = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("en"));
    let alt = if english {
        &hero.alt.en
    } else {
        &hero.alt.zh_cn
    };
    let img = format!(
        "<img class=\"shell-hero shell-photo\" src=\"{}\" srcset=\"{}\" sizes=\"{HERO_SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" fetchpriority=\"high\">",
        xml_escape(&hero.url),
        xml_escape(&srcset(&hero)),
        hero.width,
        hero.height,
        xml_escape(alt)
    );
    let mut res = index_with_shell_hero(&state.spa, &img);
    if let Ok(link) = HeaderValue::from_str(&hero_preload(&hero)) {
        res.headers_mut().append(header::LINK, link);
    }
    res
}

/// The `sizes` of a campaign's hero (`src/features/campaign/page.rs`).
const HERO_SIZES: &str = "(min-width: 1440px) 1408px, 100vw";

/// `url 480w, url 960w, …`: every width of a hero, narrowest first (the contract's one
/// `srcset`; a hero of one width lists that one).
fn srcset(hero: &storefront_api_types::Image) -> String {
    hero.srcset_attr()
        .unwrap_or_else(|| format!("{} {}w", hero.url, hero.width))
}

/// The `Link` value preloading a hero with the `srcset` and `sizes` the page's `<img>` has,
/// so the browser reuses the preloaded picture.
pub fn hero_preload(hero: &storefront_api_types::Image) -> String {
    crate::documents::image_preload(hero, HERO_SIZES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_api_types::{Image, ImageSource, LocalizedText};

    #[test]
    fn the_hero_preload_names_every_width() {
        let hero = Image {
            url: "/media/campaigns/autumn-1600.jpg".to_owned(),
            width: 1600,
            height: 900,
            alt: LocalizedText::new("秋", "Autumn"),
            srcset: [480, 960, 1600]
                .map(|w| ImageSource {
                    url: format!("/media/campaigns/autumn-{w}.jpg"),
                    width: w,
                })
                .to_vec(),
        };
        assert_eq!(
            hero_preload(&hero),
            "</media/campaigns/autumn-1600.jpg>; rel=preload; as=image; imagesrcset=\"/media/campaigns/autumn-480.jpg 480w, /media/campaigns/autumn-960.jpg 960w, /media/campaigns/autumn-1600.jpg 1600w\"; imagesizes=\"(min-width: 1440px) 1408px, 100vw\"; fetchpriority=high"
        );
    }
}
