//! The workspace's insight reports (`/v1/marketing/insight/{report}?from=&to=&store_id=`):
//! the online-to-store funnel, stock-outs seen by shoppers, coupons and points, the virtual
//! tour and search, for a period of days (China time) and every store or one. The same
//! figures come as CSV with `format=csv`: a download, so the app only makes its URL (the
//! session cookie goes with it).

use storefront_api_types::{
    encode_query, CouponReport, FunnelReport, InsightScope, SearchReport, StockoutReport,
    TourReport,
};

use super::{ApiClient, ApiError};

/// One of the insight reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InsightReport {
    /// Product views → stock viewed → reserved → collected (and expired).
    Funnel,
    /// Variants seen out of stock at the shopper's store.
    Stockouts,
    /// Coupons claimed and redeemed; points earned.
    Coupons,
    /// The virtual tour's visits and what followed.
    Tour,
    /// Top queries and queries that found nothing.
    Search,
}

impl InsightReport {
    /// Every report, in the dashboard's order.
    pub const ALL: [InsightReport; 5] = [
        InsightReport::Funnel,
        InsightReport::Stockouts,
        InsightReport::Coupons,
        InsightReport::Tour,
        InsightReport::Search,
    ];

    /// Its path segment (and the stem of its CSV file's name).
    pub const fn segment(self) -> &'static str {
        match self {
            InsightReport::Funnel => "funnel",
            InsightReport::Stockouts => "stockouts",
            InsightReport::Coupons => "coupons",
            InsightReport::Tour => "tour",
            InsightReport::Search => "search",
        }
    }
}

impl ApiClient {
    /// `GET /v1/marketing/insight/funnel`.
    pub async fn insight_funnel(&self, scope: &InsightScope) -> Result<FunnelReport, ApiError> {
        self.get(&insight_path(InsightReport::Funnel, scope, false))
            .await
    }

    /// `GET /v1/marketing/insight/stockouts`.
    pub async fn insight_stockouts(
        &self,
        scope: &InsightScope,
    ) -> Result<StockoutReport, ApiError> {
        self.get(&insight_path(InsightReport::Stockouts, scope, false))
            .await
    }

    /// `GET /v1/marketing/insight/coupons`.
    pub async fn insight_coupons(&self, scope: &InsightScope) -> Result<CouponReport, ApiError> {
        self.get(&insight_path(InsightReport::Coupons, scope, false))
            .await
    }

    /// `GET /v1/marketing/insight/tour`.
    pub async fn insight_tour(&self, scope: &InsightScope) -> Result<TourReport, ApiError> {
        self.get(&insight_path(InsightReport::Tour, scope, false))
            .await
    }

    /// `GET /v1/marketing/insight/search`.
    pub async fn insight_search(&self, scope: &InsightScope) -> Result<SearchReport, ApiError> {
        self.get(&insight_path(InsightReport::Search, scope, false))
            .await
    }

    /// The URL of a report as CSV (`format=csv`), for a download link.
    pub fn insight_csv_url(&self, report: InsightReport, scope: &InsightScope) -> String {
        self.url(&insight_path(report, scope, true))
    }
}

/// `/marketing/insight/{report}?from=&to=[&store_id=][&format=csv]`; an empty date is left
/// out (the server then names it as missing).
fn insight_path(report: InsightReport, scope: &InsightScope, csv: bool) -> String {
    let mut pairs: Vec<(&str, String)> = [("from", &scope.from), ("to", &scope.to)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
    if let Some(store) = &scope.store_id {
        pairs.push(("store_id", store.0.clone()));
    }
    if csv {
        pairs.push(("format", "csv".to_owned()));
    }
    format!(
        "/marketing/insight/{}?{}",
        report.segment(),
        encode_query(&pairs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_api_types::StoreId;

    #[test]
    fn paths() {
        let mut scope = InsightScope {
            from: "2026-11-01".to_owned(),
            to: "2026-11-30".to_owned(),
            store_id: None,
        };
        assert_eq!(
            insight_path(InsightReport::Funnel, &scope, false),
            "/marketing/insight/funnel?from=2026-11-01&to=2026-11-30"
        );
        scope.store_id = Some(StoreId("s_sh_jingan".to_owned()));
        assert_eq!(
            insight_path(InsightReport::Stockouts, &scope, true),
            "/marketing/insight/stockouts?from=2026-11-01&to=2026-11-30&store_id=s_sh_jingan&format=csv"
        );
        assert_eq!(
            ApiClient::new("/api").insight_csv_url(InsightReport::Search, &scope),
            "/api/v1/marketing/insight/search?from=2026-11-01&to=2026-11-30&store_id=s_sh_jingan&format=csv"
        );
    }
}
