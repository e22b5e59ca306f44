//! Variant selection: which option values can be chosen given the other choices.
//!
//! A selection holds one optional value code per product option, in the order of
//! `Product::options` (the same order as `Variant::option_values`).

use storefront_api_types::{ProductOption, Variant};

/// One value of an option as the picker shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueState {
    /// The value code.
    pub code: String,
    /// Some variant has this value together with the other selected values.
    pub available: bool,
    /// This value is selected.
    pub selected: bool,
}

/// A variant's option values as the shopper reads them: `黑色 / M`, `Black / M`.
pub fn variant_label(
    options: &[ProductOption],
    variant: &Variant,
    lang: storefront_api_types::Lang,
) -> String {
    options
        .iter()
        .zip(&variant.option_values)
        .filter_map(|(o, code)| {
            o.values
                .iter()
                .find(|x| x.code == *code)
                .map(|x| x.label.get(lang).to_owned())
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The selection that `variant_id` stands for, or the first variant's when it is unknown.
pub fn selection_for(
    variants: &[Variant],
    variant_id: Option<&str>,
    option_count: usize,
) -> Vec<Option<String>> {
    let chosen = variant_id
        .and_then(|id| variants.iter().find(|v| v.id.as_str() == id))
        .or_else(|| variants.first());
    match chosen {
        Some(v) => (0..option_count)
            .map(|i| v.option_values.get(i).cloned())
            .collect(),
        None => vec![None; option_count],
    }
}

fn matches_except(variant: &Variant, selection: &[Option<String>], skip: usize) -> bool {
    selection.iter().enumerate().all(|(j, sel)| {
        j == skip
            || sel
                .as_ref()
                .is_none_or(|code| variant.option_values.get(j) == Some(code))
    })
}

/// The values of option `index` with whether each is available given the selection of
/// the other options. The first option (colour) only needs to exist in some variant:
/// choosing it moves the other options to a combination that exists.
pub fn value_states(
    options: &[ProductOption],
    variants: &[Variant],
    selection: &[Option<String>],
    index: usize,
) -> Vec<ValueState> {
    let Some(option) = options.get(index) else {
        return Vec::new();
    };
    option
        .values
        .iter()
        .map(|value| {
            let with_value = |v: &&Variant| v.option_values.get(index) == Some(&value.code);
            let available = if index == 0 {
                variants.iter().any(|v| with_value(&v))
            } else {
                variants
                    .iter()
                    .filter(with_value)
                    .any(|v| matches_except(v, selection, index))
            };
            ValueState {
                code: value.code.clone(),
                available,
                selected: selection.get(index).and_then(|s| s.as_ref()) == Some(&value.code),
            }
        })
        .collect()
}

/// The variant the selection names, when every option is chosen and it exists.
pub fn find_variant<'a>(
    variants: &'a [Variant],
    selection: &[Option<String>],
) -> Option<&'a Variant> {
    if selection.iter().any(Option::is_none) {
        return None;
    }
    variants.iter().find(|v| {
        matches_except(v, selection, usize::MAX) && v.option_values.len() == selection.len()
    })
}

/// Chooses `code` for option `index` and returns the variant to show: the one keeping as
/// many of the other choices as possible (earlier options first), or `None` when no
/// variant has that value.
pub fn choose<'a>(
    variants: &'a [Variant],
    selection: &[Option<String>],
    index: usize,
    code: &str,
) -> Option<&'a Variant> {
    // score: which other choices a variant keeps, as bits with earlier options weighing more
    let score = |v: &Variant| {
        selection.iter().enumerate().fold(0u64, |acc, (j, sel)| {
            let kept = j != index
                && sel
                    .as_ref()
                    .is_some_and(|s| v.option_values.get(j) == Some(s));
            acc.saturating_mul(2).saturating_add(u64::from(kept))
        })
    };
    let mut best: Option<(&Variant, u64)> = None;
    for v in variants
        .iter()
        .filter(|v| v.option_values.get(index).map(String::as_str) == Some(code))
    {
        let s = score(v);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((v, s));
        }
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use storefront_api_types::{LocalizedText, Money, OptionValue, VariantId};

    fn option(code: &str, values: &[&str]) -> ProductOption {
        ProductOption {
            code: code.into(),
            name: LocalizedText::new(code, code),
            values: values
                .iter()
                .map(|v| OptionValue {
                    code: (*v).into(),
                    label: LocalizedText::new(*v, *v),
                    swatch: None,
                })
                .collect(),
        }
    }

    fn variant(id: &str, values: &[&str]) -> Variant {
        Variant {
            id: VariantId::from(id),
            sku: id.into(),
            option_values: values.iter().map(|v| (*v).to_string()).collect(),
            price: Money::cny(100),
            compare_at_price: None,
        }
    }

    fn fixture() -> (Vec<ProductOption>, Vec<Variant>) {
        let options = vec![
            option("color", &["black", "red", "blue"]),
            option("size", &["s", "m", "l"]),
        ];
        let variants = vec![
            variant("v1", &["black", "s"]),
            variant("v2", &["black", "m"]),
            variant("v3", &["red", "m"]),
            variant("v4", &["red", "l"]),
        ];
        (options, variants)
    }

    fn available(states: &[ValueState]) -> Vec<&str> {
        states
            .iter()
            .filter(|s| s.available)
            .map(|s| s.code.as_str())
            .collect()
    }

    #[test]
    fn sizes_follow_the_colour() {
        let (options, variants) = fixture();
        let sel = selection_for(&variants, Some("v1"), 2);
        assert_eq!(sel, vec![Some("black".into()), Some("s".into())]);
        assert_eq!(
            available(&value_states(&options, &variants, &sel, 1)),
            vec!["s", "m"]
        );
        // colours exist independently of the size; blue exists nowhere
        assert_eq!(
            available(&value_states(&options, &variants, &sel, 0)),
            vec!["black", "red"]
        );
        let red = vec![Some("red".into()), None];
        assert_eq!(
            available(&value_states(&options, &variants, &red, 1)),
            vec!["m", "l"]
        );
    }

    #[test]
    fn partial_selection_allows_everything_that_exists() {
        let (options, variants) = fixture();
        let none = vec![None, None];
        assert_eq!(
            available(&value_states(&options, &variants, &none, 1)),
            vec!["s", "m", "l"]
        );
        assert!(find_variant(&variants, &none).is_none());
        assert!(value_states(&options, &variants, &none, 5).is_empty());
    }

    #[test]
    fn choosing_keeps_other_choices_when_possible() {
        let (_, variants) = fixture();
        let sel = selection_for(&variants, Some("v2"), 2); // black m
        assert_eq!(choose(&variants, &sel, 0, "red").unwrap().id.as_str(), "v3"); // ok: test only (keeps m)
        let sel = selection_for(&variants, Some("v1"), 2); // black s
        assert_eq!(choose(&variants, &sel, 0, "red").unwrap().id.as_str(), "v3"); // ok: test only (first red)
        assert_eq!(choose(&variants, &sel, 1, "m").unwrap().id.as_str(), "v2"); // ok: test only
        assert!(choose(&variants, &sel, 0, "blue").is_none());
    }

    #[test]
    fn find_and_unknown_variant() {
        let (_, variants) = fixture();
        let sel = vec![Some("red".into()), Some("l".into())];
        assert_eq!(find_variant(&variants, &sel).unwrap().id.as_str(), "v4"); // ok: test only
        assert_eq!(
            selection_for(&variants, Some("nope"), 2),
            vec![Some("black".into()), Some("s".into())]
        );
        assert_eq!(selection_for(&[], None, 2), vec![None, None]);
    }
}
