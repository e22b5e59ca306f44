//! Stores: the locator, one store, a variant's stock per store, a store's tour and its
//! shopping-guide slots.

use storefront_api_types::{
    encode_query, percent_encode, GuideSlots, Store, StoreList, StoreQuery, Tour,
    VariantAvailability,
};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `GET /v1/stores?near=&q=`.
    pub async fn stores(&self, query: &StoreQuery) -> Result<StoreList, ApiError> {
        let mut pairs = Vec::new();
        if let Some(n) = &query.near {
            pairs.push(("near", n.clone()));
        }
        if let Some(q) = query.q.as_ref().filter(|q| !q.trim().is_empty()) {
            pairs.push(("q", q.clone()));
        }
        self.get(&format!("/stores?{}", encode_query(&pairs))).await
    }

    /// `GET /v1/stores/{id}`.
    pub async fn store(&self, id: &str) -> Result<Store, ApiError> {
        self.get(&format!("/stores/{}", percent_encode(id))).await
    }

    /// `GET /v1/variants/{id}/availability?near=`.
    pub async fn availability(
        &self,
        variant: &str,
        near: Option<String>,
    ) -> Result<VariantAvailability, ApiError> {
        self.get(&availability_path(variant, near.as_deref())).await
    }

    /// The URL [`Self::availability`] asks: what `crate::api::offline::cached_at` knows
    /// it by (a last known figure is labelled as such).
    pub fn availability_url(&self, variant: &str, near: Option<&str>) -> String {
        self.url(&availability_path(variant, near))
    }

    /// `GET /v1/stores/{id}/tour`: the store's virtual tour (404 when it has none).
    pub async fn tour(&self, store: &str) -> Result<Tour, ApiError> {
        self.get(&format!("/stores/{}/tour", percent_encode(store)))
            .await
    }

    /// `GET /v1/stores/{id}/guide-slots?date=`: shopping-guide slots of the store's local
    /// `date` (its today when `None`).
    pub async fn guide_slots(
        &self,
        store: &str,
        date: Option<&str>,
    ) -> Result<GuideSlots, ApiError> {
        let date = date
            .map(|d| format!("?date={}", percent_encode(d)))
            .unwrap_or_default();
        self.get(&format!(
            "/stores/{}/guide-slots{date}",
            percent_encode(store)
        ))
        .await
    }
}

/// `/variants/{id}/availability?near=`.
fn availability_path(variant: &str, near: Option<&str>) -> String {
    let near = near.map(|n| format!("?near={n}")).unwrap_or_default();
    format!("/variants/{}/availability{near}", percent_encode(variant))
}
