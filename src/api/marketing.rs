//! The marketing workspace (`/v1/marketing/...`): the session opened with a marketing key,
//! the campaigns, a campaign's preview (any state) and its results. The session is an
//! HttpOnly cookie scoped to `/api/v1/marketing`: nothing of it is readable by the app.

use storefront_api_types::{
    encode_query, percent_encode, Campaign, CampaignInput, CampaignResults, MarketingCampaign,
    MarketingCampaignList, MarketingSession, MarketingSignIn,
};

use super::{no_content, ApiClient, ApiError, Method};

impl ApiClient {
    /// `GET /v1/marketing/session`: who is signed in (401 when nobody).
    pub async fn marketing_session(&self) -> Result<MarketingSession, ApiError> {
        self.get("/marketing/session").await
    }

    /// `POST /v1/marketing/session`: sign in with a marketing key.
    pub async fn marketing_sign_in(
        &self,
        request: &MarketingSignIn,
    ) -> Result<MarketingSession, ApiError> {
        self.post("/marketing/session", to_json(request), None)
            .await
    }

    /// `DELETE /v1/marketing/session`: sign out.
    pub async fn marketing_sign_out(&self) -> Result<(), ApiError> {
        let (status, text) = self
            .send(Method::Delete, "/marketing/session", String::new(), None)
            .await?;
        no_content(status, &text)
    }

    /// `GET /v1/marketing/campaigns`: every campaign, newest first.
    pub async fn marketing_campaigns(&self) -> Result<MarketingCampaignList, ApiError> {
        self.get("/marketing/campaigns").await
    }

    /// `GET /v1/marketing/campaigns/{slug}`.
    pub async fn marketing_campaign(&self, slug: &str) -> Result<MarketingCampaign, ApiError> {
        self.get(&campaign_path(slug, "")).await
    }

    /// `GET /v1/marketing/campaigns/{slug}/preview`: the campaign as shoppers will see it,
    /// in any state.
    pub async fn campaign_preview(&self, slug: &str) -> Result<Campaign, ApiError> {
        self.get(&campaign_path(slug, "/preview")).await
    }

    /// `POST /v1/marketing/campaigns`: create a campaign.
    pub async fn create_campaign(
        &self,
        input: &CampaignInput,
    ) -> Result<MarketingCampaign, ApiError> {
        self.post("/marketing/campaigns", to_json(input), None)
            .await
    }

    /// `PUT /v1/marketing/campaigns/{slug}`: change a campaign (its slug too).
    pub async fn update_campaign(
        &self,
        slug: &str,
        input: &CampaignInput,
    ) -> Result<MarketingCampaign, ApiError> {
        let (status, text) = self
            .send(Method::Put, &campaign_path(slug, ""), to_json(input), None)
            .await?;
        super::decode(status, &text)
    }

    /// `GET /v1/marketing/campaigns/{slug}/results?from=&to=`.
    pub async fn campaign_results(
        &self,
        slug: &str,
        from: &str,
        to: &str,
    ) -> Result<CampaignResults, ApiError> {
        self.get(&results_path(slug, from, to, false)).await
    }

    /// The URL of the same results as CSV (a download: the session cookie goes with it).
    pub fn campaign_results_csv_url(&self, slug: &str, from: &str, to: &str) -> String {
        self.url(&results_path(slug, from, to, true))
    }
}

/// `/marketing/campaigns/{slug}{rest}`.
fn campaign_path(slug: &str, rest: &str) -> String {
    format!("/marketing/campaigns/{}{rest}", percent_encode(slug))
}

/// The results path with its dates (and `format=csv`).
fn results_path(slug: &str, from: &str, to: &str, csv: bool) -> String {
    // an empty date is left out: the server's default (the campaign's first day, today)
    let mut pairs: Vec<(&str, String)> = [("from", from), ("to", to)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
    if csv {
        pairs.push(("format", "csv".to_owned()));
    }
    let path = campaign_path(slug, "/results");
    if pairs.is_empty() {
        path
    } else {
        format!("{path}?{}", encode_query(&pairs))
    }
}

/// serde's JSON of a marketing body. The workspace is a split module of its own, so the
/// JSON writer this brings is loaded only with it (the shopper's bodies are written by the
/// hand-written encoders of the contract crate).
fn to_json<T: serde::Serialize>(body: &T) -> String {
    serde_json::to_string(body).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            campaign_path("autumn-edit", ""),
            "/marketing/campaigns/autumn-edit"
        );
        assert_eq!(
            results_path("a", "2026-12-01", "2026-12-06", true),
            "/marketing/campaigns/a/results?from=2026-12-01&to=2026-12-06&format=csv"
        );
        assert_eq!(
            results_path("a", "", "", false),
            "/marketing/campaigns/a/results"
        );
    }
}
