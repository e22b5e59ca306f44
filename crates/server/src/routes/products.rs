//! `GET /api/v1/products`, `GET /api/v1/products/{id_or_slug}` and
//! `GET /api/v1/products/{id_or_slug}/related`.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use storefront_api_types::{
    FieldError, Page, Problem, Product, ProductQuery, ProductSort, ProductSummary, LIMIT_DEFAULT,
    LIMIT_MAX, LIMIT_MIN,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::filters::{FilterParams, Resolved};
use crate::digest::hex;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::{cached_json, live_json};
use crate::http::extract::{whole_number, ApiQuery, FromQuery};
use crate::products::{load_product, summaries, summaries_matching};
use crate::state::AppState;

pub use super::filters::Q_MAX_CHARS;

/// The validated query of the product list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    /// The filters.
    pub filters: FilterParams,
    /// Sort order.
    pub sort: ProductSort,
    /// Whether `sort` was given (kept in `Link` URLs as given).
    pub sort_given: bool,
    /// Page size.
    pub limit: u32,
    /// Whether `limit` was sent.
    pub limit_given: bool,
    /// Offset of the page.
    pub cursor: Option<String>,
}

impl FromQuery for ListParams {
    const REPEATABLE: &'static [&'static str] = super::filters::REPEATABLE;

    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        let mut errors = Vec::new();
        let filters = FilterParams::parse(pairs, &mut errors);
        let mut err = |field: &str, message: String| {
            errors.push(FieldError {
                pointer: format!("#/query/{field}"),
                message,
            });
        };

        let mut sort = ProductSort::default_for(filters.q.is_some());
        let sort_given = get("sort").is_some();
        if let Some(s) = get("sort") {
            match ProductSort::parse(s) {
                Some(ProductSort::Relevance) if filters.q.is_none() => err(
                    "sort",
                    "relevance needs a search text (q); use another sort without q".to_owned(),
                ),
                Some(s) => sort = s,
                None => err(
                    "sort",
                    format!(
                        "expected one of {}, got {s:?}",
                        ProductSort::ALL
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }

        let mut limit = LIMIT_DEFAULT;
        let limit_given = get("limit").is_some();
        if let Some(l) = get("limit") {
            match whole_number(l) {
                Some(n) if (u64::from(LIMIT_MIN)..=u64::from(LIMIT_MAX)).contains(&n) => {
                    limit = n as u32
                }
                _ => err(
                    "limit",
                    format!("expected an integer from {LIMIT_MIN} to {LIMIT_MAX}, got {l:?}"),
                ),
            }
        }

        let cursor = get("cursor").map(str::to_owned);
        if cursor.as_deref() == Some("") {
            err(
                "cursor",
                "expected a cursor from a previous page's next_cursor".to_owned(),
            );
        }

        if errors.is_empty() {
            Ok(ListParams {
                filters,
                sort,
                sort_given,
                limit,
                limit_given,
                cursor,
            })
        } else {
            Err(errors)
        }
    }
}

/// The fingerprint of what a list query selects and how it is ordered, so a cursor only
/// continues the query it came from.
fn fingerprint(selection: &str, sort: ProductSort) -> String {
    let text = format!("products|{selection}|{}", sort.as_str());
    hex(&Sha256::digest(text.as_bytes())[..8])
}

/// An opaque cursor: base64url of `offset.fingerprint`.
pub fn encode_cursor(offset: u64, fp: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{offset}.{fp}"))
}

fn decode_cursor(cursor: &str, fp: &str) -> Result<u64, ApiError> {
    let bad = |why: &str| ApiError::query("cursor", why.to_owned());
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim_end_matches('='))
        .map_err(|_| bad("not a cursor this API issued"))?;
    let text = String::from_utf8(bytes).map_err(|_| bad("not a cursor this API issued"))?;
    let (offset, their_fp) = text
        .split_once('.')
        .ok_or_else(|| bad("not a cursor this API issued"))?;
    let offset: u64 = offset
        .parse()
        .map_err(|_| bad("not a cursor this API issued"))?;
    if their_fp != fp {
        return Err(bad(
            "the cursor belongs to a different query (a filter, q or sort changed)",
        ));
    }
    Ok(offset)
}

/// One page of products: every filter of the query (facets combine with AND, values of a
/// facet with OR), searched and sorted.
#[utoipa::path(
    get,
    path = "/api/v1/products",
    operation_id = "listProducts",
    tag = "catalogue",
    params(ProductQuery, ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has")),
    responses(
        (status = 200, description = "One page of products", body = Page<ProductSummary>,
            headers(
                ("ETag" = String, description = "Weak validator of the body"),
                ("Cache-Control" = String),
                ("Link" = String, description = "RFC 8288 link to the next page (rel=\"next\"), when there is one"),
            )),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "A query parameter is malformed or out of range, or breaks a rule between parameters: `in_stock=true` needs `store`, `sort=relevance` needs `q`, a price band needs max > min, at most 100 `ids` in all, a `cursor` only continues the query that issued it; `errors` names it (`#/query/limit`, `#/query/in_stock`…)",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A category (`#/query/category`) or the store (`#/query/store`) does not exist", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let resolved = Resolved::new(&state, &params.filters).await?;
    let fp = fingerprint(&resolved.fingerprint_text(), params.sort);
    let offset = match &params.cursor {
        Some(c) => decode_cursor(c, &fp)?,
        None => 0,
    };
    let matches = resolved
        .matches(&state, params.sort == ProductSort::Relevance)
        .await?;
    let (seqs, total) = crate::catalog::list(
        &resolved.catalog,
        &resolved.selection,
        matches.as_ref(),
        params.sort,
        usize::try_from(offset).unwrap_or(usize::MAX),
        params.limit as usize,
    );
    // a card shows the variant the colour and size filters pick
    let f = &params.filters;
    let data = summaries_matching(&state.db, &seqs, &f.color, &f.size).await?;

    let next_offset = offset + data.len() as u64;
    let next_cursor =
        (!data.is_empty() && next_offset < total).then(|| encode_cursor(next_offset, &fp));
    let page = Page {
        data,
        next_cursor: next_cursor.clone(),
        total,
    };

    // Stock at a store changes any time: such listings revalidate.
    let mut res = if resolved.store.is_some() {
        live_json(&headers, &page)?
    } else {
        cached_json(&headers, &page)?
    };
    if let Some(cursor) = next_cursor {
        let f = &params.filters;
        let next = ProductQuery {
            category: f.category.clone(),
            q: f.q.clone(),
            brand: f.brand.clone(),
            color: f.color.clone(),
            size: f.size.clone(),
            price: f.price.iter().map(|p| p.to_param()).collect(),
            on_sale: f.on_sale,
            store: f.store.clone(),
            in_stock: f.in_stock,
            ids: f.ids.clone(),
            sort: params.sort_given.then_some(params.sort),
            limit: params.limit_given.then_some(params.limit),
            cursor: Some(cursor),
        };
        let link = format!(
            "</api/v1/products?{}>; rel=\"next\"",
            next.to_query_string()
        );
        if let Ok(v) = HeaderValue::from_str(&link) {
            res.headers_mut().insert(header::LINK, v);
        }
    }
    Ok(res)
}

/// Everything the product page shows: gallery, options, variants with prices, specifications.
#[utoipa::path(
    get,
    path = "/api/v1/products/{id_or_slug}",
    operation_id = "getProduct",
    tag = "catalogue",
    params(
        ("id_or_slug" = String, Path, min_length = 1, max_length = 100, description = "Product id (`p_000042`) or slug (`featherlight-running-shoes-42`)"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The product", body = Product,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 404, description = "No such product", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
) -> ApiResult<Response> {
    let product = load_product(&state.db, &id_or_slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no product {id_or_slug:?}")))?;
    cached_json(&headers, &product)
}

/// Default and largest `limit` of related products.
pub const RELATED_DEFAULT: u32 = 8;
/// Most related products per request.
pub const RELATED_MAX: u32 = 24;

/// `?limit=` of related products.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelatedParams {
    /// Page size.
    pub limit: u32,
}

impl FromQuery for RelatedParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        match pairs.iter().find(|(k, _)| k == "limit") {
            None => Ok(RelatedParams {
                limit: RELATED_DEFAULT,
            }),
            Some((_, l)) => match whole_number(l) {
                Some(n) if (1..=u64::from(RELATED_MAX)).contains(&n) => {
                    Ok(RelatedParams { limit: n as u32 })
                }
                _ => Err(vec![FieldError {
                    pointer: "#/query/limit".to_owned(),
                    message: format!("expected an integer from 1 to {RELATED_MAX}, got {l:?}"),
                }]),
            },
        }
    }
}

/// Products to show with this one ("you may also like"): same category first, then the same
/// top-level category, scored by shared brand and colours and a close price. Never the
/// product itself; one page (`next_cursor` is absent).
#[utoipa::path(
    get,
    path = "/api/v1/products/{id_or_slug}/related",
    operation_id = "listRelatedProducts",
    tag = "catalogue",
    params(
        ("id_or_slug" = String, Path, min_length = 1, max_length = 100, description = "Product id or slug"),
        ("limit" = Option<u32>, Query, description = "How many, 1..=24, default 8", minimum = 1, maximum = 24),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "Related products, best first", body = Page<ProductSummary>,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`limit` is malformed or out of range", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn related(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
    ApiQuery(params): ApiQuery<RelatedParams>,
) -> ApiResult<Response> {
    let catalog = state.search.catalog(&state.db).await?;
    let index = catalog
        .index_of_key(&id_or_slug)
        .ok_or_else(|| ApiError::NotFound(format!("no product {id_or_slug:?}")))?;
    let seqs = crate::catalog::related(&catalog, index, params.limit as usize);
    let data = summaries(&state.db, &seqs).await?;
    let page = Page {
        total: data.len() as u64,
        data,
        next_cursor: None,
    };
    cached_json(&headers, &page)
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(related))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::extract::parse_pairs;

    fn parse(q: &str) -> Result<ListParams, Vec<FieldError>> {
        ListParams::from_pairs(&parse_pairs(q))
    }

    #[test]
    fn defaults_and_bounds() {
        let p = parse("").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((p.limit, p.sort), (24, ProductSort::Newest));
        let p = parse("q=shoes").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.sort, ProductSort::Relevance);
        for bad in ["limit=abc", "limit=0", "limit=101", "limit=-1", "limit="] {
            let e = parse(bad).err().unwrap_or_default();
            assert_eq!(e.len(), 1, "{bad}");
            assert_eq!(e[0].pointer, "#/query/limit");
        }
        let e = parse("limit=abc&sort=bogus").err().unwrap_or_default();
        assert_eq!(e.len(), 2);
        let e = parse("sort=relevance").err().unwrap_or_default();
        assert_eq!(e[0].pointer, "#/query/sort");
        assert!(parse("sort=relevance&q=x").is_ok());
    }

    #[test]
    fn cursors_round_trip_and_reject_other_queries() {
        let fp = fingerprint("c=c_shoes", ProductSort::Newest);
        let c = encode_cursor(48, &fp);
        assert_eq!(decode_cursor(&c, &fp).ok(), Some(48));
        let other = fingerprint("", ProductSort::Newest);
        assert!(decode_cursor(&c, &other).is_err());
        assert!(decode_cursor("!!!", &fp).is_err());
    }

    #[test]
    fn related_limit_bounds() {
        assert_eq!(
            RelatedParams::from_pairs(&parse_pairs("")).map(|p| p.limit),
            Ok(8)
        );
        assert_eq!(
            RelatedParams::from_pairs(&parse_pairs("limit=24")).map(|p| p.limit),
            Ok(24)
        );
        for bad in ["limit=0", "limit=25", "limit=x"] {
            assert!(
                RelatedParams::from_pairs(&parse_pairs(bad)).is_err(),
                "{bad}"
            );
        }
    }
}
