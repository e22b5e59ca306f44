//! Signing in with a one-time code, and out.

use storefront_api_types::{SignInCodeRequest, SignInCodeSent, SignInVerify, SignedIn};

use super::{no_content, ApiClient, ApiError, Method};

impl ApiClient {
    /// `POST /v1/auth/code`: send a one-time code to a mobile number or email address.
    pub async fn send_sign_in_code(
        &self,
        request: &SignInCodeRequest,
    ) -> Result<SignInCodeSent, ApiError> {
        self.post("/auth/code", request.to_json(), None).await
    }

    /// `POST /v1/auth/verify`: sign in (or join) with the code; the session comes as a
    /// cookie.
    pub async fn verify_sign_in(&self, request: &SignInVerify) -> Result<SignedIn, ApiError> {
        self.post("/auth/verify", request.to_json(), None).await
    }

    /// `POST /v1/auth/sign-out`.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let (status, text) = self
            .send(Method::Post, "/auth/sign-out", String::new(), None)
            .await?;
        no_content(status, &text)
    }
}
