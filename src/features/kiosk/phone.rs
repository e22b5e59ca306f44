//! "Continue on your phone": the kiosk asks for a single-use hand-off of what the shopper
//! sees (the route with its variant, tour scene and view, and the wishlist: never anything
//! personal) and shows it as a QR code and a short link, then says when the phone opened it;
//! the phone's `/h/{token}` restores it.

use leptos::prelude::*;
use storefront_api_types::{
    HandoffOpened, KioskHandoff, KioskHandoffRequest, KioskHandoffStatus, ProblemCode, ProductId,
};

use super::i18n::{kt, KKey};
use crate::api::ApiError;
use crate::components::ErrorPanel;
use crate::features::member::qr::QrSvg;
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{use_api, use_my_store, use_wishlist};

/// The reservation whose pickup pass is on screen, if one is.
fn pass_code() -> Option<String> {
    match crate::state::use_app_route().get_untracked() {
        AppRoute::Reservation { code } => Some(code),
        _ => None,
    }
}

/// What the shopper sees, as a hand-off request: the page, the wishlist and the pickup pass
/// on screen, if one is.
fn here(wishlist: crate::state::Wishlist, pass: Option<String>) -> KioskHandoffRequest {
    let route = web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_else(|| "/".into());
    KioskHandoffRequest {
        route,
        wishlist: wishlist.ids().into_iter().take(50).map(ProductId).collect(),
        reservation_code: pass,
        ..Default::default()
    }
}

/// The bar's button and its dialog. A pickup pass made on the kiosk opens the dialog by
/// itself: the shopper takes the pass on their phone, nothing of it stays here.
#[component]
pub fn ContinueOnPhone(
    /// Starts the next session now ("Opened on your phone: start over now").
    on_reset: Callback<()>,
    /// Open the dialog by itself when a pickup pass is shown (the bar's button only).
    #[prop(optional)]
    offer_pass: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    if offer_pass {
        let route = crate::state::use_app_route();
        let offered = StoredValue::new(None::<String>);
        Effect::new(move |_| {
            if let AppRoute::Reservation { code } = route.get() {
                if offered.with_value(|o| o.as_deref() != Some(code.as_str())) {
                    offered.set_value(Some(code));
                    open.set(true);
                }
            }
        });
    }
    view! {
        <button type="button" class="kiosk-button kiosk-phone" on:click=move |_| open.set(true)>{kt(KKey::OnPhone)}</button>
        {move || open.get().then(|| view! { <HandoffDialog on_close=move || open.set(false) on_reset=on_reset /> })}
    }
}

/// The QR code of a fresh hand-off, polled until the phone opens it.
#[component]
fn HandoffDialog(on_close: impl Fn() + Copy + 'static, on_reset: Callback<()>) -> impl IntoView {
    let api = use_api();
    // read once, with the dialog: a retry's click has no reactive owner to find them in
    let pass = pass_code();
    let wishlist = use_wishlist();
    let passing = pass.is_some();
    let handoff = RwSignal::new(None::<Result<KioskHandoff, ApiError>>);
    let state = RwSignal::new(KioskHandoffStatus::Pending);
    let make = {
        let api = api.clone();
        move || {
            let api = api.clone();
            let request = here(wishlist, pass.clone());
            state.set(KioskHandoffStatus::Pending);
            leptos::task::spawn_local(async move {
                handoff.try_set(Some(api.kiosk_handoff(&request).await));
            });
        }
    };
    make();
    let poll = gloo_timers::callback::Interval::new(2_000, move || {
        let Some(Some(Ok(h))) = handoff.try_get_untracked() else {
            return;
        };
        if state.get_untracked() != KioskHandoffStatus::Pending {
            return;
        }
        let api = api.clone();
        leptos::task::spawn_local(async move {
            if let Ok(s) = api.kiosk_handoff_state(&h.token).await {
                state.try_set(s.state);
            }
        });
    });
    let poll = StoredValue::new_local(Some(poll));
    on_cleanup(move || {
        poll.try_update_value(Option::take);
    });
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = close.get() {
            let _ = b.focus();
        }
    });
    let body = move || {
        match (handoff.get(), state.get()) {
        (None, _) => {
            view! { <p role="status">{crate::components::text::tr(crate::i18n::Key::Loading)}</p> }
                .into_any()
        }
        (Some(Err(e)), _) => {
            let make = make.clone();
            view! { <ErrorPanel error=e on_retry=move |()| make() /> }.into_any()
        }
        (Some(Ok(_)), KioskHandoffStatus::Opened) => view! {
            <p class="kiosk-opened" role="status">{kt(KKey::OpenedOnPhone)}</p>
            <button type="button" class="btn btn-primary kiosk-reset-now" on:click=move |_| on_reset.run(())>{kt(KKey::StartOverNow)}</button>
        }
        .into_any(),
        (Some(Ok(_)), KioskHandoffStatus::Expired) => {
            let make = make.clone();
            view! {
                <p role="status">{kt(KKey::HandoffExpired)}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| make()>{kt(KKey::NewLink)}</button>
            }.into_any()
        }
        (Some(Ok(h)), KioskHandoffStatus::Pending) => {
            let url = h.url.clone();
            view! {
                <QrSvg text=Signal::derive(move || url.clone()) label=Signal::derive(kt(KKey::QrLabel)) />
                <p class="kiosk-short-url">{h.short_url.clone()}</p>
                <p>{kt(if passing { KKey::ScanForPass } else { KKey::ScanToContinue })}</p>
            }.into_any()
        }
    }
    };
    view! {
        <div class="kiosk-modal" role="dialog" aria-modal="true" aria-labelledby="kiosk-phone-title">
            <div class="kiosk-dialog">
                <h2 id="kiosk-phone-title">{kt(if passing { KKey::PassOnPhone } else { KKey::OnPhone })}</h2>
                <div aria-live="polite">{body}</div>
                <button type="button" class="btn btn-secondary kiosk-close" node_ref=close on:click=move |_| on_close()>{kt(KKey::Close)}</button>
            </div>
        </div>
    }
}

/// Over a member page on a kiosk: membership continues on the phone.
#[component]
pub fn MembersOnPhone(
    /// Starts the next session now (after the phone opened the link).
    on_reset: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="kiosk-members" role="region" aria-labelledby="kiosk-members-title">
            <h2 id="kiosk-members-title">{kt(KKey::MembersOnPhone)}</h2>
            <p>{kt(KKey::MembersOnPhoneText)}</p>
            <ContinueOnPhone on_reset=on_reset />
        </div>
    }
}

thread_local! {
    /// A hand-off whose page was shown before it was taken, and could not be taken: its
    /// token and why (its `/h/{token}` then says so).
    static REFUSED: std::cell::RefCell<Option<(String, ApiError)>> = const { std::cell::RefCell::new(None) };
}

/// Where a hand-off is restored: the app's API, wishlist and store (read in the component:
/// a task has no reactive owner to find them).
struct Restore {
    api: crate::api::ApiClient,
    wishlist: crate::state::Wishlist,
    my_store: crate::state::MyStore,
}

impl Restore {
    fn here() -> Restore {
        Restore {
            api: use_api(),
            wishlist: use_wishlist(),
            my_store: use_my_store(),
        }
    }
}

/// Restores what a hand-off holds on this phone: the wishlist joins the phone's, a pickup
/// pass is kept, the kiosk's store becomes "my store" when none is chosen.
async fn restore(h: HandoffOpened, to: Restore) {
    let Restore {
        api,
        wishlist,
        my_store,
    } = to;
    for id in &h.wishlist {
        if !wishlist.contains(&id.0) {
            wishlist.toggle(&id.0);
        }
    }
    if let Some(code) = &h.reservation_code {
        crate::features::stores::reserve::keep_pass(code);
    }
    if my_store.id().is_none() {
        if let Ok(s) = api.store(h.store_id.as_str()).await {
            my_store.choose(&s);
        }
    }
}

/// The token of the hand-off whose page the app opened at once (the server named it in
/// `<meta name="sf-handoff-route" data-token>`, see `crate::dom::open_named_handoff`), read
/// once.
fn named_token() -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name=sf-handoff-route]")
        .ok()??;
    meta.remove();
    meta.get_attribute("data-token")
}

/// Takes hand-off `token` alongside the page the app opened; when it was taken meanwhile,
/// back to its link, which says so.
fn take_alongside(token: String, to: Restore) {
    let navigate = use_navigate();
    leptos::task::spawn_local(async move {
        match to.api.open_handoff(&token).await {
            Ok(h) => restore(h, to).await,
            Err(e) => {
                REFUSED.with_borrow_mut(|r| *r = Some((token.clone(), e)));
                navigate(
                    &AppRoute::Handoff { token }.to_href(),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        }
    });
}

/// `/h/{token}` on the phone: restores what the kiosk handed over (the wishlist joins the
/// phone's, the kiosk's store becomes "my store" when none is chosen, a pickup pass is kept)
/// and opens its page in place of this one. When the server named the page, the app opened
/// it at once and runs this alongside, which then only takes the hand-off.
#[component]
pub fn HandoffPage() -> impl IntoView {
    let to = Restore::here();
    let AppRoute::Handoff { token } = crate::state::use_app_route().get_untracked() else {
        if let Some(token) = named_token() {
            take_alongside(token, to);
        }
        return ().into_any();
    };
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<ApiError>);
    let refused = REFUSED.with_borrow_mut(|r| match r.take() {
        Some((t, e)) if t == token => Some(e),
        other => {
            *r = other;
            None
        }
    });
    if let Some(e) = refused {
        failure.set(Some(e));
    } else {
        leptos::task::spawn_local(async move {
            match to.api.open_handoff(&token).await {
                Ok(h) => {
                    let route = h.route.clone();
                    // the page first, the store (when the phone has none) while it loads
                    navigate(
                        &route,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                    restore(h, to).await;
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    }
    (move || match failure.get() {
        None => view! { <p class="muted" role="status">{kt(KKey::Opening)}</p> }.into_any(),
        Some(e) => {
            let used = e.problem_code() == Some(ProblemCode::HandoffUsed);
            let gone =
                used || e.is_not_found() || e.problem_code() == Some(ProblemCode::HandoffExpired);
            if !gone {
                return view! { <ErrorPanel error=e on_retry=move |()| { if let Some(w) = web_sys::window() { let _ = w.location().reload(); } } /> }.into_any();
            }
            view! {
                <div class="page page-narrow">
                    <h1 class="page-title">{kt(if used { KKey::HandoffUsed } else { KKey::HandoffGone })}</h1>
                    <a class="btn btn-primary" href="/">{kt(KKey::GoShop)}</a>
                </div>
            }.into_any()
        }
    })
    .into_any()
}
