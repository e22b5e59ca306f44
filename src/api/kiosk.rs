//! Kiosk mode: pairing a screen, its configuration, the reset, its heartbeat, leaving kiosk
//! mode, and the hand-off of what a shopper found to their phone (made on the kiosk, opened
//! on the phone). The kiosk is known by its HttpOnly device cookie, never by the app.

use storefront_api_types::{
    percent_encode, HandoffOpened, KioskConfig, KioskExit, KioskHandoff, KioskHandoffRequest,
    KioskHandoffState, KioskHeartbeat, KioskPairRequest,
};

use super::{no_content, ApiClient, ApiError, Method};

impl ApiClient {
    /// `POST /v1/kiosk/pair`: binds this browser to the kiosk of `code` (the device cookie
    /// is set by the answer).
    pub async fn kiosk_pair(&self, request: &KioskPairRequest) -> Result<KioskConfig, ApiError> {
        self.post("/kiosk/pair", request.to_json(), None).await
    }

    /// `GET /v1/kiosk`: this kiosk's store and settings (401 `kiosk_unpaired` when it is no
    /// longer paired).
    pub async fn kiosk_config(&self) -> Result<KioskConfig, ApiError> {
        self.get("/kiosk").await
    }

    /// `POST /v1/kiosk/reset`: ends a shopper's session on the server (their member session,
    /// the site's storage and cache) and answers the settings afresh.
    pub async fn kiosk_reset(&self) -> Result<KioskConfig, ApiError> {
        self.post("/kiosk/reset", String::new(), None).await
    }

    /// `POST /v1/kiosk/heartbeat`: how the kiosk is.
    pub async fn kiosk_heartbeat(&self, beat: &KioskHeartbeat) -> Result<(), ApiError> {
        let (status, text) = self
            .send(Method::Post, "/kiosk/heartbeat", beat.to_json(), None)
            .await?;
        no_content(status, &text)
    }

    /// `POST /v1/kiosk/exit`: leaves kiosk mode with the store's staff key or the kiosk's PIN.
    pub async fn kiosk_exit(&self, exit: &KioskExit) -> Result<(), ApiError> {
        let (status, text) = self
            .send(Method::Post, "/kiosk/exit", exit.to_json(), None)
            .await?;
        no_content(status, &text)
    }

    /// `POST /v1/kiosk/handoffs`: a single-use link to what the shopper sees, for their phone.
    pub async fn kiosk_handoff(
        &self,
        request: &KioskHandoffRequest,
    ) -> Result<KioskHandoff, ApiError> {
        self.post("/kiosk/handoffs", request.to_json(), None).await
    }

    /// `GET /v1/kiosk/handoffs/{token}`: whether the phone has opened it.
    pub async fn kiosk_handoff_state(&self, token: &str) -> Result<KioskHandoffState, ApiError> {
        self.get(&format!("/kiosk/handoffs/{}", percent_encode(token)))
            .await
    }

    /// `POST /v1/handoffs/{token}/open`: on the phone, what the kiosk handed over (once).
    pub async fn open_handoff(&self, token: &str) -> Result<HandoffOpened, ApiError> {
        self.post(
            &format!("/handoffs/{}/open", percent_encode(token)),
            String::new(),
            None,
        )
        .await
    }
}
