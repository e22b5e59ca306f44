//! Campaigns: a live campaign, its page views, and the claim hand-off of an embed.

use storefront_api_types::{percent_encode, Campaign, CampaignView, Handoff, HandoffRequest};

use super::{no_content, ApiClient, ApiError, Method};

impl ApiClient {
    /// `GET /v1/campaigns/{slug}`: a live campaign (404 unknown or not started, 410 ended).
    pub async fn campaign(&self, slug: &str) -> Result<Campaign, ApiError> {
        self.get(&format!("/campaigns/{}", percent_encode(slug)))
            .await
    }

    /// `POST /v1/campaigns/{slug}/views`: one view of the campaign page or its embed
    /// (counted on the server without cookies).
    pub async fn campaign_view(&self, slug: &str, view: &CampaignView) -> Result<(), ApiError> {
        let (status, text) = self
            .send(
                Method::Post,
                &format!("/campaigns/{}/views", percent_encode(slug)),
                view.to_json(),
                None,
            )
            .await?;
        no_content(status, &text)
    }

    /// `POST /v1/campaigns/{slug}/handoffs`: a single-use hand-off to claim the campaign's
    /// coupon in a top-level window.
    pub async fn campaign_handoff(
        &self,
        slug: &str,
        request: &HandoffRequest,
    ) -> Result<Handoff, ApiError> {
        self.post(
            &format!("/campaigns/{}/handoffs", percent_encode(slug)),
            request.to_json(),
            None,
        )
        .await
    }

    /// `GET /v1/handoffs/{token}`: where a hand-off stands.
    pub async fn handoff(&self, token: &str) -> Result<Handoff, ApiError> {
        self.get(&format!("/handoffs/{}", percent_encode(token)))
            .await
    }
}
