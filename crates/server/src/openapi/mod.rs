//! The OpenAPI 3.1 document: its info, tags, shared schemas and security scheme here; the
//! paths come from the handlers' `#[utoipa::path]` annotations as each module of
//! [`crate::routes`] registers its routes.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod finish;

/// The routes with the whole document as served: the info here, every route's
/// operations, what they share and the links between them ([`finish`]).
pub fn routes_and_document() -> (axum::Router<AppState>, serde_json::Value) {
    let (routes, mut api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::routes::router())
        .split_for_parts();
    finish::finish(&mut api);
    let mut doc = serde_json::to_value(&api).unwrap_or_default();
    finish::links(&mut doc);
    (routes, doc)
}

/// The whole document (as served at `/api/openapi.json`).
pub fn document() -> serde_json::Value {
    routes_and_document().1
}

/// `GET /api/openapi.json`: this document (served by the Swagger UI integration).
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "service",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"))
)]
pub fn openapi_json_doc() {}

/// `GET /api/docs/`: interactive documentation (Swagger UI, served from the binary).
#[utoipa::path(
    get,
    path = "/api/docs/",
    tag = "service",
    responses((status = 200, description = "Swagger UI", content_type = "text/html"))
)]
pub fn docs_doc() {}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Storefront API",
        description = "The storefront's REST contract. Money is integer minor units (fen) with an ISO 4217 code; \
            lists are pages with an opaque `next_cursor`; errors are RFC 9457 `application/problem+json` with a \
            machine `code` and per-field `errors`."
    ),
    // The API's paths are registered with their routes (`crate::routes`); these two are
    // served by the Swagger UI integration.
    paths(openapi_json_doc, docs_doc),
    components(schemas(
        storefront_api_types::Problem,
        storefront_api_types::FieldError,
        storefront_api_types::ProductSort,
        storefront_api_types::PriceRange,
        storefront_api_types::Store,
        storefront_api_types::StoreList,
        storefront_api_types::HoursException,
        storefront_api_types::OpenStatus,
        storefront_api_types::OpenChange,
        storefront_api_types::StockStatus,
        storefront_api_types::StoreAvailability,
        storefront_api_types::VariantAvailability,
        storefront_api_types::StockUpdate,
        storefront_api_types::StockLevel,
        storefront_api_types::ReservationRequest,
        storefront_api_types::ReservationStatus,
        storefront_api_types::ReservedItem,
        storefront_api_types::Reservation,
        storefront_api_types::Tour,
        storefront_api_types::Scene,
        storefront_api_types::Panorama,
        storefront_api_types::View,
        storefront_api_types::PlanPoint,
        storefront_api_types::Hotspot,
        storefront_api_types::HotspotTarget,
        storefront_api_types::GuideSlot,
        storefront_api_types::GuideSlots,
        storefront_api_types::AppointmentRequest,
        storefront_api_types::AppointmentStatus,
        storefront_api_types::Appointment,
        storefront_api_types::Tier,
        storefront_api_types::TierInfo,
        storefront_api_types::Member,
        storefront_api_types::LedgerEntry,
        storefront_api_types::SignedToken,
        storefront_api_types::TokenBatch,
        storefront_api_types::SignInCodeRequest,
        storefront_api_types::SignInCodeSent,
        storefront_api_types::SignInVerify,
        storefront_api_types::SignedIn,
        storefront_api_types::DemoCode,
        storefront_api_types::MemberExport,
        storefront_api_types::EarnRequest,
        storefront_api_types::EarnResult,
        storefront_api_types::TokenCheck,
        storefront_api_types::TokenChecked,
        storefront_api_types::Discount,
        storefront_api_types::Channel,
        storefront_api_types::Offer,
        storefront_api_types::OfferList,
        storefront_api_types::CouponStatus,
        storefront_api_types::WalletCoupon,
        storefront_api_types::Wallet,
        storefront_api_types::ClaimRequest,
        storefront_api_types::RedeemRequest,
        storefront_api_types::RedeemResult,
        storefront_api_types::ApplicableCoupons,
        storefront_api_types::Campaign,
        storefront_api_types::CampaignState,
        storefront_api_types::CampaignReward,
        storefront_api_types::CampaignFigures,
        storefront_api_types::FunnelRow,
        storefront_api_types::Attribution,
        storefront_api_types::CampaignView,
        storefront_api_types::HandoffRequest,
        storefront_api_types::HandoffState,
        storefront_api_types::Handoff,
        storefront_api_types::KioskSettings,
        storefront_api_types::KioskSettingsInput,
        storefront_api_types::NewKiosk,
        storefront_api_types::KioskPairing,
        storefront_api_types::KioskPairRequest,
        storefront_api_types::KioskConfig,
        storefront_api_types::KioskHeartbeat,
        storefront_api_types::KioskStatus,
        storefront_api_types::StaffKiosk,
        storefront_api_types::StaffKioskList,
        storefront_api_types::KioskHandoffRequest,
        storefront_api_types::KioskHandoff,
        storefront_api_types::KioskHandoffStatus,
        storefront_api_types::KioskHandoffState,
        storefront_api_types::HandoffOpened,
        storefront_api_types::KioskExit
    )),
    modifiers(&StaffKey),
    tags(
        (name = "catalogue", description = "Categories and products"),
        (name = "stores", description = "Physical stores, their hours and whether they are open, in their own time zone"),
        (name = "stock", description = "Live stock of a variant at every store"),
        (name = "reservations", description = "Reserve for pickup: hold units at a store for a guest"),
        (name = "appointments", description = "Book a half hour with a shopping guide at a store"),
        (name = "staff", description = "Store staff, with the store's API key (`Authorization: Bearer <key>`; demo keys `demo-<store id>`)"),
        (name = "members", description = "Sign-in with a one-time code, the member, points ledger and QR tokens (session cookie `sf_session`)"),
        (name = "coupons", description = "Offers and the member's coupon wallet"),
        (name = "campaigns", description = "Campaign pages and their embeds: the live campaign, cookieless page views, claim hand-offs from embeds"),
        (name = "marketing", description = "The marketing workspace: campaigns and their results (marketing key sign-in, session cookie `sf_marketing`)"),
        (name = "kiosk", description = "In-store kiosks: pairing, configuration, heartbeat, reset and exit (device cookie `sf_kiosk`), and the hand-off of what a shopper found to their phone"),
        (name = "pos", description = "Till systems, with the store's API key: earn points, redeem coupons"),
        (name = "events", description = "Events the app sends after analytics consent, and deleting a visit's events"),
        (name = "media", description = "Generated product and category pictures, tour panoramas and floor plans"),
        (name = "service", description = "Health and documentation"),
    )
)]
/// The OpenAPI document's info, tags, shared schemas and security scheme.
pub struct ApiDoc;

/// The staff endpoints' bearer scheme (`store_key`).
pub struct StaffKey;

impl utoipa::Modify for StaffKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "store_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The store's API key; only its SHA-256 is stored. Demo keys: `demo-<store id>`.",
                    ))
                    .build(),
            ),
        );
    }
}
