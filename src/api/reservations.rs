//! Reserve for pickup: create, read and cancel a reservation, and its pass's QR picture.

use storefront_api_types::{percent_encode, Reservation, ReservationRequest};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `POST /v1/reservations` with an `Idempotency-Key` (a retry with the same key and
    /// body answers the same reservation).
    pub async fn reserve(
        &self,
        request: &ReservationRequest,
        idempotency_key: &str,
    ) -> Result<Reservation, ApiError> {
        self.post("/reservations", request.to_json(), Some(idempotency_key))
            .await
    }

    /// `GET /v1/reservations/{code}`.
    pub async fn reservation(&self, code: &str) -> Result<Reservation, ApiError> {
        self.get(&format!("/reservations/{}", percent_encode(code)))
            .await
    }

    /// `POST /v1/reservations/{code}/cancel`.
    pub async fn cancel_reservation(&self, code: &str) -> Result<Reservation, ApiError> {
        self.post(
            &format!("/reservations/{}/cancel", percent_encode(code)),
            String::new(),
            None,
        )
        .await
    }

    /// The URL of the pass's QR picture of reservation `code`
    /// (`GET /v1/reservations/{code}/qr.svg`).
    pub fn reservation_qr_url(&self, code: &str) -> String {
        self.url(&format!("/reservations/{}/qr.svg", percent_encode(code)))
    }
}
