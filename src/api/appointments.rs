//! Shopping-guide appointments: book one, and its QR picture.

use storefront_api_types::{percent_encode, Appointment, AppointmentRequest};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `POST /v1/appointments` with an `Idempotency-Key` (a retry with the same key and
    /// body answers the same appointment).
    pub async fn book_appointment(
        &self,
        request: &AppointmentRequest,
        idempotency_key: &str,
    ) -> Result<Appointment, ApiError> {
        self.post("/appointments", request.to_json(), Some(idempotency_key))
            .await
    }

    /// `GET /v1/appointments/{code}`.
    pub async fn appointment(&self, code: &str) -> Result<Appointment, ApiError> {
        self.get(&format!("/appointments/{}", percent_encode(code)))
            .await
    }

    /// `POST /v1/appointments/{code}/cancel`.
    pub async fn cancel_appointment(&self, code: &str) -> Result<Appointment, ApiError> {
        self.post(
            &format!("/appointments/{}/cancel", percent_encode(code)),
            String::new(),
            None,
        )
        .await
    }

    /// The URL of appointment `code`'s QR picture (`GET /v1/appointments/{code}/qr.svg`).
    pub fn appointment_qr_url(&self, code: &str) -> String {
        self.url(&format!("/appointments/{}/qr.svg", percent_encode(code)))
    }
}
