//! Recommendations (`/v1/products/{id}/also-viewed`, `/v1/recommendations/popular`,
//! `/v1/me/recommendations`): used only by the `recommend` module, so their code loads
//! with it.

use storefront_api_types::{percent_encode, Recommendations};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `GET /v1/products/{id}/also-viewed?limit=`: what shoppers who viewed the product also
    /// viewed, best first.
    pub async fn also_viewed(&self, id: &str, limit: u32) -> Result<Recommendations, ApiError> {
        self.get(&format!(
            "/products/{}/also-viewed?limit={limit}",
            percent_encode(id)
        ))
        .await
    }

    /// `GET /v1/recommendations/popular?limit=&store_id=`: the most viewed and reserved
    /// products of the last 30 days (at the store, when given).
    pub async fn popular(
        &self,
        store: Option<&str>,
        limit: u32,
    ) -> Result<Recommendations, ApiError> {
        let path = match store {
            Some(s) => format!(
                "/recommendations/popular?limit={limit}&store_id={}",
                percent_encode(s)
            ),
            None => format!("/recommendations/popular?limit={limit}"),
        };
        self.get(&path).await
    }

    /// `GET /v1/me/recommendations?limit=`: the signed-in member's own, from their history
    /// (`403 consent_required` without their personalisation consent).
    pub async fn my_recommendations(&self, limit: u32) -> Result<Recommendations, ApiError> {
        self.get(&format!("/me/recommendations?limit={limit}"))
            .await
    }
}
