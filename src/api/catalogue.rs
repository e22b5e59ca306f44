//! The catalogue: categories, products, facets and search suggestions.

use storefront_api_types::{
    percent_encode, CategoryTree, Page, Product, ProductFacets, ProductQuery, ProductSummary,
    SearchClick, SearchSuggestions, LIMIT_MAX,
};

use super::{no_content, ApiClient, ApiError, Method, SUGGEST_TIMEOUT_MS};

impl ApiClient {
    /// `POST /v1/search/clicks`: the shopper opened a product from the results of a search
    /// (what makes a search popular).
    pub async fn search_click(&self, click: &SearchClick) -> Result<(), ApiError> {
        let (status, text) = self
            .send(Method::Post, "/search/clicks", click.to_json(), None)
            .await?;
        no_content(status, &text)
    }

    /// `GET /v1/categories`.
    pub async fn categories(&self) -> Result<CategoryTree, ApiError> {
        self.get("/categories").await
    }

    /// `GET /v1/products?...`.
    pub async fn products(&self, query: &ProductQuery) -> Result<Page<ProductSummary>, ApiError> {
        let qs = query.to_query_string();
        if qs.is_empty() {
            self.get("/products").await
        } else {
            self.get(&format!("/products?{qs}")).await
        }
    }

    /// `GET /v1/products/facets?...`: live facet counts for the query of [`Self::products`]
    /// (send it without `limit` and `cursor`).
    pub async fn facets(&self, query: &ProductQuery) -> Result<ProductFacets, ApiError> {
        self.get(&format!("/products/facets?{}", query.to_query_string()))
            .await
    }

    /// `GET /v1/products/{id_or_slug}`.
    pub async fn product(&self, id_or_slug: &str) -> Result<Product, ApiError> {
        self.get(&format!("/products/{}", percent_encode(id_or_slug)))
            .await
    }

    /// `GET /v1/products?ids=...`: the products among `ids` (ids or slugs, at most
    /// [`LIMIT_MAX`] are asked for), in the server's order.
    pub async fn products_by_ids(&self, ids: &[String]) -> Result<Page<ProductSummary>, ApiError> {
        let ids: Vec<String> = ids.iter().take(LIMIT_MAX as usize).cloned().collect();
        let limit = u32::try_from(ids.len())
            .unwrap_or(LIMIT_MAX)
            .clamp(1, LIMIT_MAX);
        self.products(&ProductQuery {
            ids,
            limit: Some(limit),
            ..Default::default()
        })
        .await
    }

    /// `GET /v1/products/{id_or_slug}/related?limit=`: products to suggest next to it.
    pub async fn related(
        &self,
        id_or_slug: &str,
        limit: u32,
    ) -> Result<Page<ProductSummary>, ApiError> {
        self.get(&format!(
            "/products/{}/related?limit={}",
            percent_encode(id_or_slug),
            limit.clamp(1, LIMIT_MAX)
        ))
        .await
    }

    /// `GET /v1/search/suggest?q=`: what the search box offers for `q` (popular searches
    /// only for an empty `q`). `controller` cancels it; it times out after
    /// [`SUGGEST_TIMEOUT_MS`].
    pub async fn suggest(
        &self,
        q: &str,
        controller: Option<web_sys::AbortController>,
    ) -> Result<SearchSuggestions, ApiError> {
        self.get_abortable(
            &format!("/search/suggest?q={}", percent_encode(q)),
            controller,
            SUGGEST_TIMEOUT_MS,
        )
        .await
    }
}
