//! HTTP handlers, one module per resource. Each module's `router()` registers its routes
//! together with their OpenAPI operations (utoipa-axum's `routes!`); [`router`] merges
//! them once.

pub mod appointments;
pub mod auth;
pub mod availability;
pub mod campaigns;
pub mod categories;
pub mod consent;
pub mod coupons;
pub mod events;
pub mod facets;
pub mod filters;
pub mod health;
pub mod insight;
pub mod kiosk;
pub mod marketing;
pub mod me;
pub mod media;
pub mod products;
pub mod recommendations;
pub mod reservations;
pub mod staff;
pub mod staff_kiosks;
pub mod stores;
pub mod suggest;
pub mod till;
pub mod tour;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Every API and media route, with the OpenAPI operations of each.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(health::router())
        .merge(categories::router())
        .merge(products::router())
        .merge(facets::router())
        .merge(suggest::router())
        .merge(stores::router())
        .merge(tour::router())
        .merge(appointments::router())
        .merge(availability::router())
        .merge(reservations::router())
        .merge(staff::router())
        .merge(staff_kiosks::router())
        .merge(kiosk::router())
        .merge(coupons::router())
        .merge(auth::router())
        .merge(me::router())
        .merge(campaigns::router())
        .merge(marketing::router())
        .merge(till::router())
        .merge(events::router())
        .merge(consent::router())
        .merge(insight::router())
        .merge(recommendations::router())
        .merge(media::router())
}
