//! The reserve-for-pickup form: quantity, name and mainland mobile number, checked as
//! the shopper types (the same rules as the server's), sent once with an
//! `Idempotency-Key` (a retried tap never reserves twice), and on success the pickup pass.

use leptos::prelude::*;

use super::i18n::{st, SKey};
use storefront_api_types::{
    normalize_cn_mobile, EventName, LocalizedText, Money, ProblemCode, Reservation,
    ReservationRequest, StoreAvailability, StoreId, VariantId, RESERVE_NAME_MAX,
};

use crate::api::ApiError;
use crate::components::text::{by_lang, loc};
use crate::i18n::error_code;
use crate::logic::money::format_money;
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{events, use_api};
use crate::storage::{self, keys};

/// What a reservation is for: the item as the form shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReserveItem {
    /// The product.
    pub product_id: String,
    /// Variant id.
    pub variant_id: String,
    /// Product name.
    pub name: LocalizedText,
    /// "Black / M".
    pub options: LocalizedText,
    /// Unit price.
    pub price: Money,
}

/// Given as context by a page whose reservations belong to something (the campaign page):
/// the campaign they are attributed to (the visit's kept attribution may be unavailable, as
/// in a partner's frame with third-party storage blocked), and, where opening the pass would
/// leave the page (the campaign embed), who takes the made reservation instead.
#[derive(Clone)]
pub struct ReserveContext {
    /// The campaign the reservation is attributed to.
    pub campaign: Option<String>,
    /// Takes the reservation instead of the pickup pass being opened.
    pub done: Option<Callback<Reservation>>,
}

/// Most pickup passes kept on the device.
pub const PASSES_MAX: usize = 20;

/// A fresh idempotency key: 32 hex digits from `crypto.getRandomValues`, else `Math.random`.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Remembers a pass on this device, newest first.
pub fn keep_pass(code: &str) {
    keep_code(keys::RESERVATIONS, code);
}

/// Remembers a shopping-guide appointment on this device, newest first (listed with the
/// passes).
pub fn keep_appointment(code: &str) {
    keep_code(keys::APPOINTMENTS, code);
}

fn keep_code(key: &str, code: &str) {
    let mut list = storage::read_json::<Vec<String>>(key).unwrap_or_default();
    storage::push_front_unique(&mut list, code, PASSES_MAX);
    let _ = storage::write_json(key, &list);
}

/// What the codes kept on this device under `key` name, newest first, each fetched with
/// `fetch` (a code the server no longer knows is dropped silently).
pub async fn kept<T, F, Fut>(key: &str, fetch: F) -> Result<Vec<T>, ApiError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let codes = storage::read_json::<Vec<String>>(key).unwrap_or_default();
    let mut out = Vec::new();
    for c in codes {
        match fetch(c).await {
            Ok(x) => out.push(x),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The form for `item` at `store`, at most `max` units.
#[component]
pub fn ReserveForm(
    /// What is reserved.
    item: ReserveItem,
    /// Where it is collected, with its stock.
    store: StoreAvailability,
    /// The most units the form offers.
    max: u32,
) -> impl IntoView {
    let api = use_api();
    let navigate = use_navigate();
    let here = use_context::<ReserveContext>();
    let done = here.as_ref().and_then(|h| h.done);
    let campaign = here.and_then(|h| h.campaign);
    let quantity = RwSignal::new(1u32);
    let contact = Contact::new();
    let tried = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    // one key per form: a retry after a lost answer returns the same reservation
    let key = StoredValue::new(new_key());

    let (name_bad, phone_bad) = contact.errors(tried, failure);

    let (variant_id, store_id) = (item.variant_id.clone(), store.store_id.to_string());
    let product_id = item.product_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if !contact.valid() || sending.get_untracked() {
            return;
        }
        sending.set(true);
        failure.set(None);
        let request = ReservationRequest {
            variant_id: VariantId(variant_id.clone()),
            store_id: StoreId(store_id.clone()),
            quantity: quantity.get_untracked(),
            name: contact.name.get_untracked().trim().to_owned(),
            phone: contact.phone.get_untracked(),
            attribution: {
                let mut a = crate::state::attribution::current();
                if campaign.is_some() {
                    a.campaign.clone_from(&campaign);
                }
                a
            },
        };
        let api = api.clone();
        let navigate = navigate.clone();
        let key = key.get_value();
        let product_id = product_id.clone();
        let request_variant = request.variant_id.to_string();
        leptos::task::spawn_local(async move {
            let r = api.reserve(&request, &key).await;
            sending.try_set(false);
            match r {
                Ok(res) => {
                    keep_pass(&res.code);
                    events::record(
                        EventName::Reserve,
                        vec![(product_id, Some(request_variant))],
                        None,
                        None,
                        Some(res.store.id.to_string()),
                    );
                    if let Some(done) = done {
                        done.run(res);
                        return;
                    }
                    navigate(
                        &AppRoute::Reservation { code: res.code }.to_href(),
                        NavigateOptions::default(),
                    );
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    };
    let failure_text = move || {
        let e = failure.get()?;
        if matches!(e.field(), Some("/name" | "/phone")) {
            return None;
        }
        let problem = e.problem_code();
        let reason = by_lang(move |lang| {
            match problem {
                Some(ProblemCode::OutOfStock) => SKey::ReserveOutOfStock.get(lang),
                Some(ProblemCode::PickupUnavailable) => SKey::NoPickup.get(lang),
                _ => SKey::ReserveFailed.get(lang),
            }
            .to_owned()
        });
        let code = e.code();
        Some(view! {
            <p class="form-error" role="alert">
                {reason}
                <small>{by_lang(move |lang| format!(" {}", error_code(lang, &code)))}</small>
            </p>
        })
    };
    let ReserveItem {
        name: item_name,
        options,
        price,
        ..
    } = item;
    view! {
        <form class="reserve-form" on:submit=submit novalidate>
            <p class="reserve-item">
                <strong>{loc(item_name)}</strong>
                <span>{loc(options)}</span>
                <span>{by_lang(move |lang| format_money(price, lang))}</span>
            </p>
            <p class="reserve-store">{loc(store.store_name.clone())}</p>
            <div class="field">
                <span id="reserve-qty-label">{st(SKey::Quantity)}</span>
                <div class="stepper" role="group" aria-labelledby="reserve-qty-label">
                    <button
                        type="button"
                        class="icon-button"
                        disabled=move || { quantity.get() <= 1 }
                        on:click=move |_| quantity.update(|q| *q = q.saturating_sub(1).max(1))
                    >
                        "−"<span class="sr-only">{st(SKey::Decrease)}</span>
                    </button>
                    <output aria-live="polite">{move || quantity.get()}</output>
                    <button
                        type="button"
                        class="icon-button"
                        disabled=move || { quantity.get() >= max }
                        on:click=move |_| quantity.update(|q| *q = (*q + 1).min(max))
                    >
                        "+"<span class="sr-only">{st(SKey::Increase)}</span>
                    </button>
                </div>
            </div>
            <ContactFields prefix="reserve" contact=contact name_bad=name_bad phone_bad=phone_bad phone_hint=true />
            {failure_text}
            <button type="submit" class="btn btn-primary btn-block" disabled=move || sending.get()>
                {move || if sending.get() { st(SKey::Reserving)() } else { st(SKey::ConfirmReserve)() }}
            </button>
        </form>
    }
}

/// The name and mainland mobile number a form asks for (the pickup reservation, the guide
/// booking), with the checks the server makes.
#[derive(Debug, Clone, Copy)]
pub struct Contact {
    /// The name typed.
    pub name: RwSignal<String>,
    /// The number typed.
    pub phone: RwSignal<String>,
}

impl Contact {
    /// Both empty.
    pub fn new() -> Self {
        Contact {
            name: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
        }
    }

    fn name_ok(self) -> bool {
        let n = self.name.with(|n| n.trim().chars().count());
        (1..=RESERVE_NAME_MAX).contains(&n)
    }

    fn phone_ok(self) -> bool {
        self.phone.with(|p| normalize_cn_mobile(p).is_some())
    }

    /// Whether the server would take both.
    pub fn valid(self) -> bool {
        self.name_ok() && self.phone_ok()
    }

    /// Whether to show the name's and the number's error: once the shopper tried to send
    /// (`tried`), or when the server's answer (`failure`) names the field.
    pub fn errors(
        self,
        tried: RwSignal<bool>,
        failure: RwSignal<Option<ApiError>>,
    ) -> (Signal<bool>, Signal<bool>) {
        let server_field = move |field: &str| {
            failure.with(|f| f.as_ref().and_then(ApiError::field) == Some(field))
        };
        let name_bad =
            Signal::derive(move || (tried.get() && !self.name_ok()) || server_field("/name"));
        let phone_bad =
            Signal::derive(move || (tried.get() && !self.phone_ok()) || server_field("/phone"));
        (name_bad, phone_bad)
    }
}

impl Default for Contact {
    fn default() -> Self {
        Self::new()
    }
}

/// The name and mainland mobile number of a form (the pickup reservation, the guide
/// booking): labelled inputs with their errors (`{prefix}-name-error`, `{prefix}-phone-error`),
/// shown while `name_bad` / `phone_bad`; with `phone_hint`, why the number is asked for.
#[component]
pub fn ContactFields(
    /// Prefix of the element ids.
    prefix: &'static str,
    /// What is typed.
    contact: Contact,
    /// Whether to show the name's error.
    name_bad: Signal<bool>,
    /// Whether to show the number's error.
    phone_bad: Signal<bool>,
    /// Show the hint under the number.
    #[prop(optional)]
    phone_hint: bool,
) -> impl IntoView {
    let Contact { name, phone } = contact;
    let name_error = format!("{prefix}-name-error");
    let phone_error = format!("{prefix}-phone-error");
    let hint_id = format!("{prefix}-phone-hint");
    let described = if phone_hint {
        format!("{hint_id} {phone_error}")
    } else {
        phone_error.clone()
    };
    view! {
        <label class="field">
            <span>{st(SKey::YourName)}</span>
            <input
                name="name"
                autocomplete="name"
                required
                maxlength="40"
                aria-invalid=move || if name_bad.get() { "true" } else { "false" }
                aria-describedby=name_error.clone()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <span id=name_error class="field-error">
                {move || name_bad.get().then(st(SKey::NameRequired))}
            </span>
        </label>
        <label class="field">
            <span>{st(SKey::Mobile)}</span>
            <input
                name="phone"
                type="tel"
                inputmode="tel"
                autocomplete="tel"
                required
                aria-invalid=move || if phone_bad.get() { "true" } else { "false" }
                aria-describedby=described
                on:input=move |ev| phone.set(event_target_value(&ev))
            />
            {phone_hint.then(|| view! { <span id=hint_id class="field-hint">{st(SKey::MobileHint)}</span> })}
            <span id=phone_error class="field-error">
                {move || phone_bad.get().then(st(SKey::MobileInvalid))}
            </span>
        </label>
    }
}
