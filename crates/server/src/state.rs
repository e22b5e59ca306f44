//! The state every handler shares.

use axum::extract::FromRef;
use sqlx::SqlitePool;
use std::sync::Arc;

use crate::spa::Spa;
use crate::{campaigns, directory, events, http, members, search, tour};

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: SqlitePool,
    /// The built SPA.
    pub spa: Arc<Spa>,
    /// Search vocabulary and the popular-searches writer.
    pub search: Arc<search::SearchState>,
    /// The stores with their schedules.
    pub stores: Arc<directory::StoreCache>,
    /// Serialises this process's stock writes (reservations, staff updates, expiry), so
    /// they queue here rather than contend for SQLite's write lock.
    pub writes: Arc<tokio::sync::Mutex<()>>,
    /// How long a reservation is held after it is ready.
    pub hold_hours: u32,
    /// Virtual tours: demo designs and rendered panoramas.
    pub tours: Arc<tour::TourState>,
    /// Membership: the token key, sign-in rate limits, the code sender.
    pub members: Arc<members::MemberState>,
    /// What one request may cost: body size and time.
    pub limits: http::limits::Limits,
    /// The per-client cap of counted campaign views.
    pub campaign_views: Arc<campaigns::views::ViewLimiter>,
    /// The per-client rate limit of the events endpoints.
    pub event_limits: Arc<events::EventLimiter>,
    /// The origins of the app served elsewhere that may call the API (`cors`).
    pub cors: Arc<crate::cors::AllowedOrigins>,
}

impl AppState {
    /// State over an open (migrated) database; call inside a Tokio runtime so searches
    /// are recorded.
    pub fn new(db: SqlitePool, spa: Arc<Spa>) -> Self {
        let search = Arc::new(search::SearchState::new(&db));
        AppState {
            db,
            spa,
            search,
            stores: Arc::default(),
            writes: Arc::default(),
            hold_hours: 48,
            tours: Arc::default(),
            members: Arc::default(),
            limits: http::limits::Limits::default(),
            campaign_views: Arc::default(),
            event_limits: Arc::default(),
            cors: Arc::default(),
        }
    }
}

impl FromRef<AppState> for Arc<Spa> {
    fn from_ref(state: &AppState) -> Self {
        state.spa.clone()
    }
}
