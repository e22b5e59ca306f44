//! One [`Client`] method per endpoint the tests call. A `query` is the query string without
//! `?` (none when empty); path parameters are anything printable; a `body` is JSON text.

use super::{Call, Client};
use axum::http::Method;
use std::fmt::Display;

/// `path`, with `?query` unless `query` is empty.
fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

impl Client {
    fn get_call(&self, uri: String) -> Call<'_> {
        self.call(Method::GET, uri)
    }

    fn post_json(&self, uri: String, body: &str) -> Call<'_> {
        self.call(Method::POST, uri).json_body(body)
    }

    // --- service --------------------------------------------------------------------

    /// `GET /api/health`.
    pub fn health(&self) -> Call<'_> {
        self.get_call("/api/health".to_owned())
    }

    /// `GET /api/openapi.json`.
    pub fn openapi(&self) -> Call<'_> {
        self.get_call("/api/openapi.json".to_owned())
    }

    // --- catalogue --------------------------------------------------------------------

    /// `GET /api/v1/categories`.
    pub fn categories(&self) -> Call<'_> {
        self.get_call("/api/v1/categories".to_owned())
    }

    /// `GET /api/v1/products?{query}`.
    pub fn products(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/products", query))
    }

    /// `GET /api/v1/products/{id_or_slug}`.
    pub fn product(&self, id: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/products/{id}"))
    }

    /// `GET /api/v1/products/{id_or_slug}/related?{query}`.
    pub fn related(&self, id: impl Display, query: &str) -> Call<'_> {
        self.get_call(with_query(&format!("/api/v1/products/{id}/related"), query))
    }

    /// `GET /api/v1/products/facets?{query}`.
    pub fn facets(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/products/facets", query))
    }

    /// `POST /api/v1/search/clicks`.
    pub fn search_click(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/search/clicks".to_owned(), body)
    }

    /// `GET /api/v1/search/suggest?{query}`.
    pub fn suggest(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/search/suggest", query))
    }

    // --- stores -------------------------------------------------------------------------

    /// `GET /api/v1/stores?{query}`.
    pub fn stores(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/stores", query))
    }

    /// `GET /api/v1/stores/{id_or_slug}?{query}`.
    pub fn store(&self, id: impl Display, query: &str) -> Call<'_> {
        self.get_call(with_query(&format!("/api/v1/stores/{id}"), query))
    }

    /// `GET /api/v1/stores/{id_or_slug}/tour`.
    pub fn tour(&self, store: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/stores/{store}/tour"))
    }

    /// `GET /api/v1/stores/{id}/guide-slots?{query}`.
    pub fn guide_slots(&self, store: impl Display, query: &str) -> Call<'_> {
        self.get_call(with_query(
            &format!("/api/v1/stores/{store}/guide-slots"),
            query,
        ))
    }

    // --- stock and reservations -------------------------------------------------------

    /// `GET /api/v1/variants/{id}/availability?{query}`.
    pub fn availability(&self, variant: impl Display, query: &str) -> Call<'_> {
        self.get_call(with_query(
            &format!("/api/v1/variants/{variant}/availability"),
            query,
        ))
    }

    /// `PUT /api/v1/staff/stores/{store}/stock/{variant}` with `body`.
    pub fn put_stock(&self, store: impl Display, variant: impl Display, body: &str) -> Call<'_> {
        self.call(
            Method::PUT,
            format!("/api/v1/staff/stores/{store}/stock/{variant}"),
        )
        .json_body(body)
    }

    /// `POST /api/v1/reservations` with `body`.
    pub fn reserve(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/reservations".to_owned(), body)
    }

    /// `GET /api/v1/reservations/{code}`.
    pub fn reservation(&self, code: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/reservations/{code}"))
    }

    /// `GET /api/v1/reservations/{code}/qr.svg`.
    pub fn reservation_qr(&self, code: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/reservations/{code}/qr.svg"))
    }

    /// `POST /api/v1/reservations/{code}/cancel` (no body), with `X-Requested-With` as the
    /// app sends it (the CSRF guard refuses a cancel without).
    pub fn cancel_reservation(&self, code: impl Display) -> Call<'_> {
        self.call(Method::POST, format!("/api/v1/reservations/{code}/cancel"))
            .csrf()
    }

    /// `POST /api/v1/staff/stores/{store}/reservations/{code}/collect` (no body).
    pub fn collect(&self, store: impl Display, code: impl Display) -> Call<'_> {
        self.call(
            Method::POST,
            format!("/api/v1/staff/stores/{store}/reservations/{code}/collect"),
        )
    }

    // --- appointments -----------------------------------------------------------------

    /// `POST /api/v1/appointments` with `body`.
    pub fn book(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/appointments".to_owned(), body)
    }

    /// `GET /api/v1/appointments/{code}`.
    pub fn appointment(&self, code: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/appointments/{code}"))
    }

    /// `GET /api/v1/appointments/{code}/qr.svg`.
    pub fn appointment_qr(&self, code: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/appointments/{code}/qr.svg"))
    }

    /// `POST /api/v1/appointments/{code}/cancel` (no body), with `X-Requested-With` as the
    /// app sends it (the CSRF guard refuses a cancel without).
    pub fn cancel_appointment(&self, code: impl Display) -> Call<'_> {
        self.call(Method::POST, format!("/api/v1/appointments/{code}/cancel"))
            .csrf()
    }

    // --- sign-in ------------------------------------------------------------------------

    /// `POST /api/v1/auth/code` with `body`.
    pub fn send_code(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/auth/code".to_owned(), body)
    }

    /// `POST /api/v1/auth/verify` with `body`.
    pub fn verify_code(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/auth/verify".to_owned(), body)
    }

    /// `POST /api/v1/auth/sign-out` (no body).
    pub fn sign_out(&self) -> Call<'_> {
        self.call(Method::POST, "/api/v1/auth/sign-out")
    }

    /// `GET /api/v1/demo/last-code?login={login}` (demo mode only).
    pub fn last_code(&self, login: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/demo/last-code?login={login}"))
    }

    // --- the member ---------------------------------------------------------------------

    /// `GET /api/v1/me`.
    pub fn me(&self) -> Call<'_> {
        self.get_call("/api/v1/me".to_owned())
    }

    /// `DELETE /api/v1/me` (no body).
    pub fn delete_me(&self) -> Call<'_> {
        self.call(Method::DELETE, "/api/v1/me")
    }

    /// `GET /api/v1/me/loyalty`.
    pub fn loyalty(&self) -> Call<'_> {
        self.get_call("/api/v1/me/loyalty".to_owned())
    }

    /// `GET /api/v1/me/loyalty/transactions?{query}`.
    pub fn transactions(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/me/loyalty/transactions", query))
    }

    /// `POST /api/v1/me/loyalty/scan-tokens` (no body).
    pub fn scan_tokens(&self) -> Call<'_> {
        self.call(Method::POST, "/api/v1/me/loyalty/scan-tokens")
    }

    /// `GET /api/v1/me/export`.
    pub fn export(&self) -> Call<'_> {
        self.get_call("/api/v1/me/export".to_owned())
    }

    // --- coupons --------------------------------------------------------------------------

    /// `GET /api/v1/coupons`.
    pub fn offers(&self) -> Call<'_> {
        self.get_call("/api/v1/coupons".to_owned())
    }

    /// `GET /api/v1/coupons/{code}`.
    pub fn offer(&self, code: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/coupons/{code}"))
    }

    /// `GET /api/v1/me/wallet/coupons?{query}`.
    pub fn wallet(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/me/wallet/coupons", query))
    }

    /// `POST /api/v1/me/wallet/coupons` with `body`.
    pub fn claim(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/me/wallet/coupons".to_owned(), body)
    }

    /// `GET /api/v1/me/wallet/coupons/{id}/token`.
    pub fn coupon_token(&self, id: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/me/wallet/coupons/{id}/token"))
    }

    /// `GET /api/v1/me/wallet/coupons/applicable?{query}`.
    pub fn applicable(&self, query: &str) -> Call<'_> {
        self.get_call(with_query("/api/v1/me/wallet/coupons/applicable", query))
    }

    // --- the till -----------------------------------------------------------------------

    /// `POST /api/v1/pos/loyalty/earn` with `body`.
    pub fn earn(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/pos/loyalty/earn".to_owned(), body)
    }

    /// `POST /api/v1/pos/loyalty/verify` with `body`.
    pub fn check_token(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/pos/loyalty/verify".to_owned(), body)
    }

    /// `POST /api/v1/pos/coupons/redeem` with `body`.
    pub fn redeem(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/pos/coupons/redeem".to_owned(), body)
    }

    // --- campaigns ------------------------------------------------------------------------

    /// `GET /media/campaigns/{file}`.
    pub fn campaign_hero(&self, file: &str) -> Call<'_> {
        self.get_call(format!("/media/campaigns/{file}"))
    }

    /// `GET /api/v1/campaigns/{slug}`.
    pub fn campaign(&self, slug: &str) -> Call<'_> {
        self.get_call(format!("/api/v1/campaigns/{slug}"))
    }

    /// `POST /api/v1/campaigns/{slug}/views`, with `body` as JSON or without a body.
    pub fn campaign_view(&self, slug: &str, body: Option<&str>) -> Call<'_> {
        let call = self.call(Method::POST, format!("/api/v1/campaigns/{slug}/views"));
        match body {
            Some(body) => call.json_body(body),
            None => call,
        }
    }

    /// `POST /api/v1/campaigns/{slug}/handoffs`, with `body` as JSON or without a body.
    pub fn create_handoff(&self, slug: &str, body: Option<&str>) -> Call<'_> {
        let call = self.call(Method::POST, format!("/api/v1/campaigns/{slug}/handoffs"));
        match body {
            Some(body) => call.json_body(body),
            None => call,
        }
    }

    /// `GET /api/v1/handoffs/{token}`.
    pub fn handoff(&self, token: &str) -> Call<'_> {
        self.get_call(format!("/api/v1/handoffs/{token}"))
    }
    // --- kiosks ------------------------------------------------------------------------

    /// `POST /api/v1/staff/stores/{store}/kiosks` with `body`.
    pub fn create_kiosk(&self, store: impl Display, body: &str) -> Call<'_> {
        self.post_json(format!("/api/v1/staff/stores/{store}/kiosks"), body)
    }

    /// `GET /api/v1/staff/stores/{store}/kiosks`.
    pub fn kiosks(&self, store: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/staff/stores/{store}/kiosks"))
    }

    /// `GET /api/v1/staff/stores/{store}/kiosks/{id}`.
    pub fn staff_kiosk(&self, store: impl Display, id: impl Display) -> Call<'_> {
        self.get_call(format!("/api/v1/staff/stores/{store}/kiosks/{id}"))
    }

    /// `PUT /api/v1/staff/stores/{store}/kiosks/{id}/settings` with `body`.
    pub fn put_kiosk_settings(
        &self,
        store: impl Display,
        id: impl Display,
        body: &str,
    ) -> Call<'_> {
        self.call(
            Method::PUT,
            format!("/api/v1/staff/stores/{store}/kiosks/{id}/settings"),
        )
        .json_body(body)
    }

    /// `POST /api/v1/staff/stores/{store}/kiosks/{id}/pairing-code` (no body).
    pub fn kiosk_pairing_code(&self, store: impl Display, id: impl Display) -> Call<'_> {
        self.call(
            Method::POST,
            format!("/api/v1/staff/stores/{store}/kiosks/{id}/pairing-code"),
        )
    }

    /// `DELETE /api/v1/staff/stores/{store}/kiosks/{id}/pairing`.
    pub fn unpair_kiosk(&self, store: impl Display, id: impl Display) -> Call<'_> {
        self.call(
            Method::DELETE,
            format!("/api/v1/staff/stores/{store}/kiosks/{id}/pairing"),
        )
    }

    /// `POST /api/v1/kiosk/pair` with `body`, with `X-Requested-With` as the app sends it.
    pub fn pair_kiosk(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/kiosk/pair".to_owned(), body).csrf()
    }

    /// `GET /api/v1/kiosk`.
    pub fn kiosk_config(&self) -> Call<'_> {
        self.get_call("/api/v1/kiosk".to_owned())
    }

    /// `POST /api/v1/kiosk/heartbeat` with `body` (and `X-Requested-With`).
    pub fn kiosk_heartbeat(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/kiosk/heartbeat".to_owned(), body)
            .csrf()
    }

    /// `POST /api/v1/kiosk/reset` (no body; with `X-Requested-With`).
    pub fn kiosk_reset(&self) -> Call<'_> {
        self.call(Method::POST, "/api/v1/kiosk/reset".to_owned())
            .csrf()
    }

    /// `POST /api/v1/kiosk/exit` with `body` (and `X-Requested-With`).
    pub fn kiosk_exit(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/kiosk/exit".to_owned(), body).csrf()
    }

    /// `POST /api/v1/kiosk/handoffs` with `body` (and `X-Requested-With`).
    pub fn kiosk_handoff(&self, body: &str) -> Call<'_> {
        self.post_json("/api/v1/kiosk/handoffs".to_owned(), body)
            .csrf()
    }

    /// `GET /api/v1/kiosk/handoffs/{token}`.
    pub fn kiosk_handoff_state(&self, token: &str) -> Call<'_> {
        self.get_call(format!("/api/v1/kiosk/handoffs/{token}"))
    }

    /// `POST /api/v1/handoffs/{token}/open` (no body).
    pub fn open_handoff(&self, token: &str) -> Call<'_> {
        self.call(Method::POST, format!("/api/v1/handoffs/{token}/open"))
    }
}
