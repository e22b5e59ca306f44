//! The marketing workspace's endpoints as [`Client`] methods, and signing in with the demo
//! marketing key.

use super::{Call, Client, Reply, TestApp};
use axum::http::Method;
use std::fmt::Display;

/// The demo mode's marketing key.
pub const DEMO_MARKETING_KEY: &str = "demo-marketing";

/// `name=value` of the `Set-Cookie` of `r`.
pub fn set_cookie_pair(r: &Reply) -> String {
    r.header("set-cookie")
        .split(';')
        .next()
        .unwrap_or("")
        .to_owned()
}

impl Client {
    /// `POST /api/v1/marketing/session` with `body` (add `.csrf()`).
    pub fn marketing_sign_in(&self, body: &str) -> Call<'_> {
        self.call(Method::POST, "/api/v1/marketing/session")
            .json_body(body)
    }

    /// `GET /api/v1/marketing/session`.
    pub fn marketing_session(&self) -> Call<'_> {
        self.call(Method::GET, "/api/v1/marketing/session")
    }

    /// `DELETE /api/v1/marketing/session`.
    pub fn marketing_sign_out(&self) -> Call<'_> {
        self.call(Method::DELETE, "/api/v1/marketing/session")
    }

    /// `GET /api/v1/marketing/campaigns`.
    pub fn marketing_campaigns(&self) -> Call<'_> {
        self.call(Method::GET, "/api/v1/marketing/campaigns")
    }

    /// `POST /api/v1/marketing/campaigns` with `body`.
    pub fn create_campaign(&self, body: &str) -> Call<'_> {
        self.call(Method::POST, "/api/v1/marketing/campaigns")
            .json_body(body)
    }

    /// `GET /api/v1/marketing/campaigns/{slug}`.
    pub fn marketing_campaign(&self, slug: impl Display) -> Call<'_> {
        self.call(Method::GET, format!("/api/v1/marketing/campaigns/{slug}"))
    }

    /// `PUT /api/v1/marketing/campaigns/{slug}` with `body`.
    pub fn update_campaign(&self, slug: impl Display, body: &str) -> Call<'_> {
        self.call(Method::PUT, format!("/api/v1/marketing/campaigns/{slug}"))
            .json_body(body)
    }

    /// `GET /api/v1/marketing/campaigns/{slug}/results?{query}`.
    pub fn campaign_results(&self, slug: impl Display, query: &str) -> Call<'_> {
        let path = format!("/api/v1/marketing/campaigns/{slug}/results");
        let uri = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        self.call(Method::GET, uri)
    }

    /// `GET /embed/campaign/{slug}?{query}` (the embed page, for its headers).
    pub fn embed_page(&self, slug: impl Display, query: &str) -> Call<'_> {
        let path = format!("/embed/campaign/{slug}");
        let uri = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        self.call(Method::GET, uri)
    }
}

impl TestApp {
    /// Signs in with `key` and returns the `sf_marketing=…` cookie.
    pub async fn marketer_with(&self, key: &str) -> String {
        let r = self
            .marketing_sign_in(&serde_json::json!({ "key": key }).to_string())
            .csrf()
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        set_cookie_pair(&r)
    }

    /// Signs in with the demo marketing key and returns the cookie.
    pub async fn marketer(&self) -> String {
        self.marketer_with(DEMO_MARKETING_KEY).await
    }
}
