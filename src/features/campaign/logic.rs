//! The campaign page's pure rules (natively tested): time left, the messages of the embed
//! channel (what is sent to the host page, and which incoming messages are acted on), and
//! the links that carry the visit's attribution out of an embed.

use storefront_api_types::{push_json_string, Attribution, Money, ProductSummary};

/// `source` of the messages the embed sends to its host page.
pub const EMBED_SOURCE: &str = "storefront-embed";
/// `source` of the messages the host page (embed.js) sends to the embed.
pub const HOST_SOURCE: &str = "storefront-embed-host";
/// The version of the embed channel.
pub const CHANNEL_VERSION: f64 = 1.0;

/// Whole days, hours and minutes until a campaign ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLeft {
    /// Days.
    pub days: i64,
    /// Hours after the days.
    pub hours: i64,
    /// Minutes after the hours.
    pub minutes: i64,
}

/// The time from `now` to `ends` (both Unix seconds); `None` once it has ended.
pub fn time_left(now: i64, ends: i64) -> Option<TimeLeft> {
    let secs = ends.checked_sub(now).filter(|s| *s > 0)?;
    let minutes = secs / 60;
    Some(TimeLeft {
        days: minutes / (24 * 60),
        hours: minutes / 60 % 24,
        minutes: minutes % 60,
    })
}

/// Whether a message received by the embed is one to act on: from the host page's origin
/// (`parent`, the origin it was opened for), with the host's `source` and a known version.
/// Anything else is ignored.
pub fn host_message_ok(
    origin: &str,
    parent: Option<&str>,
    source: Option<&str>,
    version: Option<f64>,
) -> bool {
    parent.is_some_and(|p| !p.is_empty() && p == origin)
        && source == Some(HOST_SOURCE)
        && version == Some(CHANNEL_VERSION)
}

/// An event message for the host page as JSON:
/// `{"source":"storefront-embed","v":1,"type":"event","name":…,"params":…}`.
pub fn event_message(name: &str, params_json: &str) -> String {
    let mut out = format!("{{\"source\":\"{EMBED_SOURCE}\",\"v\":1,\"type\":\"event\",\"name\":");
    push_json_string(&mut out, name);
    out.push_str(",\"params\":");
    out.push_str(params_json);
    out.push('}');
    out
}

/// A size message: `{"source":"storefront-embed","v":1,"type":"size","height":…}`.
pub fn size_message(height: i64) -> String {
    format!("{{\"source\":\"{EMBED_SOURCE}\",\"v\":1,\"type\":\"size\",\"height\":{height}}}")
}

/// A money amount as GA4 wants it (a number in major units): `129.5`.
fn ga_price(m: Money) -> String {
    let (major, minor) = (m.amount_minor / 100, (m.amount_minor % 100).abs());
    match minor {
        0 => major.to_string(),
        n if n % 10 == 0 => format!("{major}.{}", n / 10),
        n => format!("{major}.{n:02}"),
    }
}

/// One GA4 item: `{"item_id","item_name","price","currency"}` (the name in English, as
/// analytics tools group by it).
pub fn ga_item(p: &ProductSummary) -> String {
    let mut out = String::from("{\"item_id\":");
    push_json_string(&mut out, &p.id.0);
    out.push_str(",\"item_name\":");
    push_json_string(&mut out, &p.name.en);
    out.push_str(",\"price\":");
    out.push_str(&ga_price(p.price));
    out.push_str(",\"currency\":");
    push_json_string(&mut out, p.price.currency.code());
    out.push('}');
    out
}

/// `view_promotion`'s params.
pub fn view_promotion_params(slug: &str, title_en: &str) -> String {
    let mut out = String::from("{\"promotion_id\":");
    push_json_string(&mut out, slug);
    out.push_str(",\"promotion_name\":");
    push_json_string(&mut out, title_en);
    out.push_str(",\"creative_name\":\"embed\"}");
    out
}

/// `select_item`'s params.
pub fn select_item_params(slug: &str, p: &ProductSummary) -> String {
    let mut out = String::from("{\"item_list_id\":");
    push_json_string(&mut out, slug);
    out.push_str(",\"items\":[");
    out.push_str(&ga_item(p));
    out.push_str("]}");
    out
}

/// `select_promotion`'s and `coupon_claimed`'s params.
pub fn promotion_params(slug: &str, coupon: &str) -> String {
    let mut out = String::from("{\"promotion_id\":");
    push_json_string(&mut out, slug);
    out.push_str(",\"coupon\":");
    push_json_string(&mut out, coupon);
    out.push('}');
    out
}

/// What was reserved, as the `reserve` event tells the host page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reserved<'a> {
    /// The campaign's slug.
    pub slug: &'a str,
    /// The store it is collected from.
    pub store_id: &'a str,
    /// The product's id.
    pub product_id: &'a str,
    /// The product's English name.
    pub name_en: &'a str,
    /// The variant's id.
    pub variant_id: &'a str,
    /// The unit price.
    pub price: Money,
    /// Units held.
    pub quantity: u32,
}

/// `reserve`'s params, in GA4's ecommerce shape (`currency`, `value`, `items` with
/// `item_variant` and `quantity`) plus the campaign and the store; never the shopper's name,
/// number or pickup code.
pub fn reserve_params(r: &Reserved<'_>) -> String {
    let value = Money {
        amount_minor: r.price.amount_minor.saturating_mul(i64::from(r.quantity)),
        currency: r.price.currency,
    };
    let mut out = String::from("{\"promotion_id\":");
    push_json_string(&mut out, r.slug);
    out.push_str(",\"store_id\":");
    push_json_string(&mut out, r.store_id);
    out.push_str(",\"currency\":");
    push_json_string(&mut out, r.price.currency.code());
    out.push_str(",\"value\":");
    out.push_str(&ga_price(value));
    out.push_str(",\"items\":[{\"item_id\":");
    push_json_string(&mut out, r.product_id);
    out.push_str(",\"item_name\":");
    push_json_string(&mut out, r.name_en);
    out.push_str(",\"item_variant\":");
    push_json_string(&mut out, r.variant_id);
    out.push_str(",\"price\":");
    out.push_str(&ga_price(r.price));
    out.push_str(",\"currency\":");
    push_json_string(&mut out, r.price.currency.code());
    out.push_str(&format!(",\"quantity\":{}}}]}}", r.quantity));
    out
}

/// The query pairs that carry the visit's attribution into a page opened from the embed
/// (the shop in a new tab keeps what brought the shopper).
pub fn attribution_pairs(a: &Attribution) -> Vec<(&'static str, String)> {
    [
        ("utm_source", &a.utm_source),
        ("utm_medium", &a.utm_medium),
        ("utm_campaign", &a.utm_campaign),
        ("campaign", &a.campaign),
        ("parent", &a.embed_origin),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
    .chain(a.store_id.as_ref().map(|s| ("store", s.0.clone())))
    .collect()
}

/// `href` with `pairs` appended to its query.
pub fn with_query(href: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return href.to_owned();
    }
    let sep = if href.contains('?') { '&' } else { '?' };
    format!("{href}{sep}{}", storefront_api_types::encode_query(pairs))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use storefront_api_types::{
        CategoryId, CategoryRef, Currency, Image, LocalizedText, ProductId, Timestamp,
    };

    #[test]
    fn time_left_counts_down_and_stops() {
        let day = 86_400;
        assert_eq!(
            time_left(0, 3 * day + 2 * 3600 + 5 * 60 + 59),
            Some(TimeLeft {
                days: 3,
                hours: 2,
                minutes: 5
            })
        );
        assert_eq!(
            time_left(100, 159),
            Some(TimeLeft {
                days: 0,
                hours: 0,
                minutes: 0
            })
        );
        assert_eq!(time_left(100, 100), None);
        assert_eq!(time_left(200, 100), None);
        assert_eq!(time_left(i64::MIN, i64::MAX), None);
    }

    #[test]
    fn only_the_hosts_messages_count() {
        let p = Some("https://partner.example");
        let ok = |o, p, s, v| host_message_ok(o, p, s, v);
        assert!(ok(
            "https://partner.example",
            p,
            Some(HOST_SOURCE),
            Some(1.0)
        ));
        // another origin, no parent, another source, another version
        assert!(!ok("https://evil.example", p, Some(HOST_SOURCE), Some(1.0)));
        assert!(!ok(
            "https://partner.example",
            None,
            Some(HOST_SOURCE),
            Some(1.0)
        ));
        assert!(!ok("", Some(""), Some(HOST_SOURCE), Some(1.0)));
        assert!(!ok(
            "https://partner.example",
            p,
            Some(EMBED_SOURCE),
            Some(1.0)
        ));
        assert!(!ok("https://partner.example", p, None, Some(1.0)));
        assert!(!ok(
            "https://partner.example",
            p,
            Some(HOST_SOURCE),
            Some(2.0)
        ));
        assert!(!ok("https://partner.example", p, Some(HOST_SOURCE), None));
    }

    fn product() -> ProductSummary {
        ProductSummary {
            id: ProductId("p_000007".into()),
            slug: "wool-coat".into(),
            name: LocalizedText::new("羊毛\"大衣\"", "Wool \"coat\""),
            brand: "B".into(),
            category: CategoryRef {
                id: CategoryId("c".into()),
                slug: "c".into(),
                name: LocalizedText::new("c", "c"),
            },
            image: Image {
                url: "/x.jpg".into(),
                width: 1,
                height: 1,
                alt: LocalizedText::new("a", "a"),
                srcset: Vec::new(),
            },
            price: Money {
                amount_minor: 12950,
                currency: Currency::Cny,
            },
            compare_at_price: None,
            created_at: Timestamp::from_unix(0),
        }
    }

    #[test]
    fn messages_are_json_with_ga4_names() {
        let v: serde_json::Value = serde_json::from_str(&event_message(
            "select_item",
            &select_item_params("autumn-edit", &product()),
        ))
        .unwrap(); // ok: test only
        assert_eq!(v["source"], "storefront-embed");
        assert_eq!(v["v"], 1);
        assert_eq!(v["type"], "event");
        assert_eq!(v["name"], "select_item");
        assert_eq!(v["params"]["item_list_id"], "autumn-edit");
        let item = &v["params"]["items"][0];
        assert_eq!(item["item_id"], "p_000007");
        assert_eq!(item["item_name"], "Wool \"coat\"");
        assert_eq!(item["price"], 129.5);
        assert_eq!(item["currency"], "CNY");
        let v: serde_json::Value = serde_json::from_str(&event_message(
            "view_promotion",
            &view_promotion_params("a", "A <b>"),
        ))
        .unwrap(); // ok: test only
        assert_eq!(v["params"]["promotion_name"], "A <b>");
        assert_eq!(v["params"]["creative_name"], "embed");
        let v: serde_json::Value = serde_json::from_str(&size_message(812)).unwrap(); // ok: test only
        assert_eq!(
            (v["type"].as_str(), v["height"].as_i64()),
            (Some("size"), Some(812))
        );
        let v: serde_json::Value =
            serde_json::from_str(&promotion_params("a", "AUTUMN50")).unwrap(); // ok: test only
        assert_eq!(v["coupon"], "AUTUMN50");
        assert_eq!(
            ga_price(Money {
                amount_minor: 5,
                currency: Currency::Cny
            }),
            "0.05"
        );
        assert_eq!(
            ga_price(Money {
                amount_minor: 20000,
                currency: Currency::Cny
            }),
            "200"
        );
    }

    #[test]
    fn reserve_names_the_item_and_value_but_not_the_shopper() {
        let price = Money {
            amount_minor: 12950,
            currency: Currency::Cny,
        };
        let json = reserve_params(&Reserved {
            slug: "autumn-edit",
            store_id: "s_sh_jingan",
            product_id: "p_000007",
            name_en: "Wool \"coat\"",
            variant_id: "v_000007_2",
            price,
            quantity: 2,
        });
        let v: serde_json::Value = serde_json::from_str(&json).unwrap(); // ok: test only
        assert_eq!(v["promotion_id"], "autumn-edit");
        assert_eq!(v["store_id"], "s_sh_jingan");
        assert_eq!(
            (v["currency"].as_str(), v["value"].as_f64()),
            (Some("CNY"), Some(259.0))
        );
        let item = &v["items"][0];
        assert_eq!(item["item_id"], "p_000007");
        assert_eq!(item["item_name"], "Wool \"coat\"");
        assert_eq!(item["item_variant"], "v_000007_2");
        assert_eq!(item["price"], 129.5);
        assert_eq!(item["quantity"], 2);
        assert_eq!(v.as_object().map(|o| o.len()), Some(5));
    }

    #[test]
    fn links_carry_the_attribution() {
        let a = crate::state::attribution::from_query(
            "utm_source=partner&parent=http%3A%2F%2F127.0.0.1%3A8090&campaign=autumn-edit",
        );
        let href = with_query("/campaign/autumn-edit", &attribution_pairs(&a));
        assert_eq!(
            href,
            "/campaign/autumn-edit?utm_source=partner&campaign=autumn-edit&parent=http%3A%2F%2F127.0.0.1%3A8090"
        );
        assert_eq!(
            with_query("/p?variant=1", &[("a", "b".into())]),
            "/p?variant=1&a=b"
        );
        assert_eq!(with_query("/p", &[]), "/p");
    }
}
