//! The checks of a [`CampaignInput`]: every fault is found and answered at once, one
//! field error each (400 `invalid_body`), so the editor shows each next to its field.

use sqlx::SqliteConnection;
use storefront_api_types::{
    is_campaign_slug, parse_allowed_origin, BodyFault, CampaignInput, Currency, FieldError,
    LocalizedText, HERO_THEMES, MAX_ALLOWED_ORIGINS, MAX_CAMPAIGN_PRODUCTS,
};

use crate::error::ApiError;

/// Longest headline, in characters (each language).
pub const TITLE_MAX: usize = 80;
/// Longest copy, in characters (each language).
pub const COPY_MAX: usize = 2_000;
/// Longest hero alternative text, in characters (each language).
pub const HERO_ALT_MAX: usize = 160;

/// A checked campaign: the input with its origins normalised.
#[derive(Debug, Clone)]
pub struct ValidCampaign {
    /// The input, `allowed_origins` normalised (lower case, no default port).
    pub input: CampaignInput,
}

struct Faults(Vec<FieldError>);

impl Faults {
    fn add(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            pointer: pointer.into(),
            message: message.into(),
        });
    }
}

fn check_text(f: &mut Faults, field: &str, text: &LocalizedText, max: usize, newlines: bool) {
    for (lang, value) in [("zh-CN", &text.zh_cn), ("en", &text.en)] {
        let pointer = format!("/{field}/{lang}");
        let n = value.trim().chars().count();
        if n == 0 {
            f.add(pointer, "must not be empty");
        } else if value.chars().count() > max {
            f.add(pointer, format!("at most {max} characters"));
        } else if value
            .chars()
            .any(|c| c.is_control() && !(newlines && c == '\n'))
        {
            let what = if newlines {
                "no control characters (line breaks are fine)"
            } else {
                "no control characters or line breaks"
            };
            f.add(pointer, what);
        }
    }
}

/// Checks `input` against the database (products, offers, stores); every fault in one
/// 400 `invalid_body`.
pub async fn validate(
    conn: &mut SqliteConnection,
    input: &CampaignInput,
) -> Result<ValidCampaign, ApiError> {
    let mut f = Faults(Vec::new());
    if !is_campaign_slug(&input.slug) {
        f.add(
            "/slug",
            "1 to 48 lower-case letters, digits and inner hyphens",
        );
    }
    check_text(&mut f, "title", &input.title, TITLE_MAX, false);
    check_text(&mut f, "copy", &input.copy, COPY_MAX, true);
    check_text(&mut f, "hero_alt", &input.hero_alt, HERO_ALT_MAX, false);
    if !HERO_THEMES.contains(&input.hero_theme.as_str()) {
        f.add("/hero_theme", format!("one of {}", HERO_THEMES.join(", ")));
    }
    let products = &input.product_ids;
    if products.is_empty() || products.len() > MAX_CAMPAIGN_PRODUCTS {
        f.add(
            "/product_ids",
            format!("pick 1 to {MAX_CAMPAIGN_PRODUCTS} products"),
        );
    }
    for (i, id) in products.iter().enumerate().take(MAX_CAMPAIGN_PRODUCTS) {
        if products[..i].contains(id) {
            f.add(format!("/product_ids/{i}"), "picked twice");
            continue;
        }
        let found: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM products WHERE id = ?")
            .bind(&id.0)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            f.add(format!("/product_ids/{i}"), "no such product");
        }
    }
    let (starts, ends) = (input.starts_at.unix(), input.ends_at.unix());
    if ends <= starts {
        f.add("/ends_at", "must be after starts_at");
    }
    if let Some(code) = &input.offer_code {
        let offer: Option<(i64, i64, i64)> =
            sqlx::query_as("SELECT remaining, valid_from, valid_until FROM offers WHERE code = ?")
                .bind(code)
                .fetch_optional(&mut *conn)
                .await?;
        match offer {
            None => f.add("/offer_code", "no such offer"),
            Some((remaining, _, _)) if remaining <= 0 => {
                f.add("/offer_code", "this offer has no coupons left")
            }
            Some((_, from, until)) if from >= ends || until <= starts => f.add(
                "/offer_code",
                "the offer is not valid at any time during the campaign",
            ),
            Some(_) => {}
        }
    }
    for (i, id) in input.store_ids.iter().enumerate() {
        if input.store_ids[..i].contains(id) {
            f.add(format!("/store_ids/{i}"), "named twice");
            continue;
        }
        let found: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM stores WHERE id = ?")
            .bind(&id.0)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            f.add(format!("/store_ids/{i}"), "no such store");
        }
    }
    let mut origins: Vec<String> = Vec::new();
    if input.allowed_origins.len() > MAX_ALLOWED_ORIGINS {
        f.add(
            "/allowed_origins",
            format!("at most {MAX_ALLOWED_ORIGINS} origins"),
        );
    }
    for (i, raw) in input.allowed_origins.iter().enumerate() {
        match parse_allowed_origin(raw.trim()) {
            Ok(o) if origins.contains(&o) => f.add(format!("/allowed_origins/{i}"), "listed twice"),
            Ok(o) => origins.push(o),
            Err(fault) => f.add(format!("/allowed_origins/{i}"), fault.message()),
        }
    }
    if let Some(reward) = &input.reward {
        if input.offer_code.is_none() {
            f.add(
                "/reward",
                "an in-store reward needs the campaign's offer_code",
            );
        }
        if reward.min_spend.amount_minor <= 0 || reward.min_spend.currency != Currency::Cny {
            f.add("/reward/min_spend", "a positive amount in CNY");
        }
    }
    if !f.0.is_empty() {
        let detail = match f.0.as_slice() {
            [one] => format!("invalid {}: {}", one.pointer, one.message),
            many => format!("{} invalid fields", many.len()),
        };
        return Err(ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail,
            errors: f.0,
        });
    }
    let mut input = input.clone();
    input.allowed_origins = origins;
    Ok(ValidCampaign { input })
}
