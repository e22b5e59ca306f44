//! Coupon offers anyone may see.

use storefront_api_types::{percent_encode, Offer, OfferList};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `GET /v1/coupons`: the offers claimable now.
    pub async fn offers(&self) -> Result<OfferList, ApiError> {
        self.get("/coupons").await
    }

    /// `GET /v1/coupons/{code}`: one offer (a claim link's).
    pub async fn offer(&self, code: &str) -> Result<Offer, ApiError> {
        self.get(&format!("/coupons/{}", percent_encode(code)))
            .await
    }
}
