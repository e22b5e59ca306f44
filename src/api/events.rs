//! Events and consent (`/v1/events`, `/v1/me/consent`): used only by the `privacy` module,
//! so their code loads with it.

use storefront_api_types::{ConsentChoice, ConsentReceipt, EventBatch};
use wasm_bindgen::JsCast;

use super::{decode, no_content, ApiClient, ApiError, Method};

impl ApiClient {
    /// `POST /v1/events` with `keepalive`, so a batch sent while the page is being hidden or
    /// left still arrives. Fire and forget: a batch that fails is not retried (events are
    /// not worth a second request on a shopper's data plan), and no answer is read.
    pub fn send_events(&self, batch: &EventBatch) {
        let Ok(body) = serde_json::to_string(batch) else {
            return;
        };
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        // web-sys 0.3 has no setter for `keepalive`: set the field of the init object itself
        let _ = js_sys::Reflect::set(
            &init,
            &wasm_bindgen::JsValue::from_str("keepalive"),
            &wasm_bindgen::JsValue::TRUE,
        );
        init.set_body(&wasm_bindgen::JsValue::from_str(&body));
        let Ok(headers) = web_sys::Headers::new() else {
            return;
        };
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set("X-Requested-With", "storefront");
        init.set_headers(headers.unchecked_ref());
        if self.is_other_origin() {
            init.set_credentials(web_sys::RequestCredentials::Include);
        }
        if let Some(w) = web_sys::window() {
            // the promise is dropped: a failure is only logged by the browser
            let _ = w.fetch_with_str_and_init(&self.url("/events"), &init);
        }
    }

    /// `DELETE /v1/events/sessions/{id}`: this visit's events are deleted (analytics
    /// withdrawn).
    pub async fn forget_visit(&self, session_id: &str) -> Result<(), ApiError> {
        let path = format!("/events/sessions/{session_id}");
        let (status, body) = self
            .send(Method::Delete, &path, String::new(), None)
            .await?;
        no_content(status, &body)
    }

    /// `GET /v1/me/consent`: the signed-in member's consent receipt (`404` before any).
    pub async fn my_consent(&self) -> Result<ConsentReceipt, ApiError> {
        self.get("/me/consent").await
    }

    /// `PUT /v1/me/consent`: records the member's choice (withdrawing deletes their
    /// history for that purpose on the server).
    pub async fn set_consent(&self, choice: &ConsentChoice) -> Result<ConsentReceipt, ApiError> {
        let body = serde_json::to_string(choice).map_err(|e| ApiError::Decode(e.to_string()))?;
        let (status, text) = self.send(Method::Put, "/me/consent", body, None).await?;
        decode(status, &text)
    }
}
