//! Which page may frame `/embed/campaign/{slug}`: the embedding origin (the `parent`
//! query parameter embed.js and the iframe snippet send, else the `Referer`'s origin) when
//! the campaign is live (or has ended) and lists it. Only that one origin is ever named,
//! never the list.

use sqlx::SqlitePool;
use storefront_api_types::{
    campaign_state, is_campaign_slug, origin_matches, parse_allowed_origin, percent_decode_bytes,
    CampaignState, Timestamp,
};

use crate::error::ApiError;

/// The origin of a `Referer` URL (`https://host:port`), if it has one.
pub fn referer_origin(referer: &str) -> Option<String> {
    let (scheme, rest) = referer.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(format!("{scheme}://{}", &rest[..end]))
}

/// The `parent` parameter of a query string, decoded.
pub fn parent_param(query: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "parent")
        .and_then(|(_, v)| {
            let v = v.replace('+', " ");
            String::from_utf8(percent_decode_bytes(&v)).ok()
        })
}

/// The origin to name in `frame-ancestors` for a request of `/embed/campaign/{slug}` from
/// a page of `page_origin`: that origin, normalised, when campaign `slug` exists, is live
/// (or has ended: its page then says so) at `now` and allows it; `None` otherwise.
pub async fn frame_ancestor(
    db: &SqlitePool,
    slug: &str,
    page_origin: &str,
    now: i64,
) -> Result<Option<String>, ApiError> {
    if !is_campaign_slug(slug) {
        return Ok(None);
    }
    let Ok(origin) = parse_allowed_origin(page_origin) else {
        return Ok(None);
    };
    if origin.contains('*') {
        return Ok(None);
    }
    let row: Option<(i64, bool, i64, i64)> =
        sqlx::query_as("SELECT id, published, starts_at, ends_at FROM campaigns WHERE slug = ?")
            .bind(slug)
            .fetch_optional(db)
            .await?;
    let Some((id, published, starts, ends)) = row else {
        return Ok(None);
    };
    let t = Timestamp::from_unix;
    // an ended campaign's embed stays framed on its partners' pages, to say kindly that it
    // has ended (with a way into the shop) instead of the browser's refusal
    if !matches!(
        campaign_state(published, t(starts), t(ends), t(now)),
        CampaignState::Live | CampaignState::Ended
    ) {
        return Ok(None);
    }
    let allowed: Vec<(String,)> =
        sqlx::query_as("SELECT origin FROM campaign_origins WHERE campaign_id = ?")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(allowed
        .iter()
        .any(|(a,)| origin_matches(a, &origin))
        .then_some(origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_referers_and_parents() {
        assert_eq!(
            referer_origin("http://localhost:8090/article?x=1").as_deref(),
            Some("http://localhost:8090")
        );
        assert_eq!(
            referer_origin("https://a.example").as_deref(),
            Some("https://a.example")
        );
        assert_eq!(referer_origin("nonsense"), None);
        assert_eq!(
            parent_param("lang=en&parent=http%3A%2F%2Flocalhost%3A8090").as_deref(),
            Some("http://localhost:8090")
        );
        assert_eq!(parent_param("lang=en"), None);
    }
}
