//! The signed-in member (`/v1/me/...`): loyalty, ledger, member codes, wallet, data export
//! and deletion. Answers the app keeps on the device come as [`Kept`] (with their body
//! text).

use storefront_api_types::{
    percent_encode, ApplicableCoupons, ClaimRequest, LedgerPage, Member, TokenBatch, Wallet,
    WalletCoupon,
};

use super::{no_content, ApiClient, ApiError, Kept, Method};

/// Ledger entries per page.
pub const LEDGER_PAGE: u32 = 10;

impl ApiClient {
    /// `GET /v1/me/loyalty`: the member, tier and points.
    pub async fn loyalty(&self) -> Result<Kept<Member>, ApiError> {
        self.kept(Method::Get, "/me/loyalty").await
    }

    /// `GET /v1/me/loyalty/transactions?limit=&cursor=`: a page of the points ledger.
    pub async fn ledger(&self, cursor: Option<&str>) -> Result<LedgerPage, ApiError> {
        let path = match cursor {
            Some(c) => format!(
                "/me/loyalty/transactions?limit={LEDGER_PAGE}&cursor={}",
                percent_encode(c)
            ),
            None => format!("/me/loyalty/transactions?limit={LEDGER_PAGE}"),
        };
        self.get(&path).await
    }

    /// `POST /v1/me/loyalty/scan-tokens`: a batch of rotating member codes.
    pub async fn scan_tokens(&self) -> Result<Kept<TokenBatch>, ApiError> {
        self.kept(Method::Post, "/me/loyalty/scan-tokens").await
    }

    /// `GET /v1/me/wallet/coupons`: the member's coupons by status.
    pub async fn wallet(&self) -> Result<Kept<Wallet>, ApiError> {
        self.kept(Method::Get, "/me/wallet/coupons").await
    }

    /// `POST /v1/me/wallet/coupons` with an `Idempotency-Key`: claim a coupon of an offer.
    pub async fn claim_coupon(
        &self,
        request: &ClaimRequest,
        idempotency_key: &str,
    ) -> Result<WalletCoupon, ApiError> {
        self.post(
            "/me/wallet/coupons",
            request.to_json(),
            Some(idempotency_key),
        )
        .await
    }

    /// `GET /v1/me/wallet/coupons/{id}/token`: the redeem codes of wallet coupon `id`.
    pub async fn coupon_tokens(&self, id: &str) -> Result<Kept<TokenBatch>, ApiError> {
        self.kept(
            Method::Get,
            &format!("/me/wallet/coupons/{}/token", percent_encode(id)),
        )
        .await
    }

    /// `GET /v1/me/wallet/coupons/applicable?product=`: the member's coupons that apply to
    /// a product.
    pub async fn applicable_coupons(&self, product: &str) -> Result<ApplicableCoupons, ApiError> {
        self.get(&format!(
            "/me/wallet/coupons/applicable?product={}",
            percent_encode(product)
        ))
        .await
    }

    /// `DELETE /v1/me`: delete the member and everything kept about them.
    pub async fn delete_account(&self) -> Result<(), ApiError> {
        let (status, text) = self
            .send(Method::Delete, "/me", String::new(), None)
            .await?;
        no_content(status, &text)
    }

    /// The URL of `GET /v1/me/export` (the member's data as a JSON download).
    pub fn export_url(&self) -> String {
        self.url("/me/export")
    }
}
