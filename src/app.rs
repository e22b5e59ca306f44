//! The root component and the start-up.

use crate::components::text::tr;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::tachys::view::{Mountable, Render};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiClient;
use crate::components::deferred::{soon, Deferred};
use crate::components::NotFoundPage;
use crate::dom::{focus_by_id, MAIN_ID};
use crate::features::catalogue::HomePage;
use crate::features::{
    campaign, catalogue, install, kiosk, marketing, member, offline, privacy, stores, tour,
    wishlist,
};
use crate::i18n::{apply_lang, initial_lang, Key};
use crate::layout::{BottomNav, Footer, Header};
use crate::router::{provide_router, use_location};
use crate::routes::AppRoute;
use crate::state::{events, new_catalog, use_app_route, Api, Consent, Locale, MyStore, Wishlist};

/// Mounts the app into `#app` (else `<body>`) and removes the static shell. When the shell
/// shows a photo (the server puts a campaign's hero there), the app first waits until the
/// photo is decoded and painted, at most 2.5 s: the shopper never sees it blink out and back,
/// and it stays the page's largest paint instead of the app's copy a module later.
pub fn start() {
    crate::executor::init();
    leptos::task::spawn_local(async {
        // Served as static files, the page has no API base until its boot script has read
        // config.json (index.html, `window.storefrontConfig`): wait for that; when it fails,
        // the page says why and the app does not start.
        let config = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"storefrontConfig".into()).ok())
            .unwrap_or_default();
        if JsFuture::from(js_sys::Promise::resolve(&config))
            .await
            .is_err()
        {
            return;
        }
        let photo = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("#shell img").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlImageElement>().ok());
        if let Some(photo) = photo {
            let timeout = js_sys::Promise::new(&mut |resolve, _| {
                if let Some(w) = web_sys::window() {
                    let _ =
                        w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 2_500);
                }
            });
            let decoded = js_sys::Promise::race(&js_sys::Array::of2(&photo.decode(), &timeout));
            let _ = JsFuture::from(decoded).await;
            // the next frame paints it
            gloo_timers::future::TimeoutFuture::new(50).await;
        }
        // a task of its own: the module's instantiation and start-up above are one long
        // task on a slow phone's first visit (compiled as it runs), the app's build another
        gloo_timers::future::TimeoutFuture::new(0).await;
        mount();
    });
}

thread_local! {
    /// The mounted app and its reactive owner, kept so that a kiosk's reset can build it
    /// afresh ([`remount`]).
    static MOUNTED: RefCell<Option<ShownPage>> = const { RefCell::new(None) };
}

fn mount() {
    let document = web_sys::window().and_then(|w| w.document());
    let target = document
        .as_ref()
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let shell = document.and_then(|d| d.get_element_by_id("shell"));
    match target {
        Some(el) => {
            // the app is built out of sight while the static shell stays, in slices of the
            // main thread (`crate::executor`): the frame, then its first page (an effect, run
            // after the mount in a task of its own on a slow phone's first visit); then the
            // shell goes and the app shows, in one task, and slicing ends (nothing shown is
            // ever painted half done)
            // (a first screen the server rendered stays until the page is ready: index.html's
            // boot script swaps the two, and says so)
            let first_screen = shell
                .as_ref()
                .is_some_and(|s| s.has_attribute("data-first-screen"));
            if shell.is_some() && !first_screen {
                let _ = el.set_attribute("data-building", "");
            }
            // as `mount_to` does, but with the owner kept: its cleanups must run at a remount
            crate::executor::init();
            let owner = Owner::new();
            let mut view = owner.with(|| view! { <App /> }.build());
            view.mount(&el, None);
            MOUNTED.with_borrow_mut(|m| *m = Some((owner, Box::new(view))));
            if first_screen {
                // (once: a kiosk's remount has no shell)
                let _ = window_event_listener_untyped("storefront-shown", |_| {
                    crate::executor::end_slicing();
                });
                return;
            }
            // queued after the effects the mount created, the page's among them
            leptos::task::spawn_local(async move {
                crate::executor::end_slicing();
                let _ = el.remove_attribute("data-building");
                if let Some(shell) = shell {
                    shell.remove();
                }
            });
        }
        None => {
            crate::executor::end_slicing();
            leptos::mount::mount_to_body(App);
            if let Some(shell) = shell {
                shell.remove();
            }
        }
    }
}

/// Unmounts the app (disposing of everything it holds) and mounts it afresh: a kiosk's reset
/// (`crate::features::kiosk`), so that nothing of a shopper stays in memory. The caller runs
/// it outside the app's own reactive work (a timer), as it disposes of the caller too.
pub fn remount() {
    let old = MOUNTED.with_borrow_mut(Option::take);
    if let Some((owner, mut view)) = old {
        view.unmount();
        drop(view);
        // every `on_cleanup` of the old app runs: its window listeners, timers and tasks go
        owner.cleanup();
        mount();
    }
}

/// The whole app: contexts, header, routed main, footer and the phone tab bar.
#[component]
pub fn App() -> impl IntoView {
    let locale = Locale(RwSignal::new(initial_lang()));
    provide_context(locale);
    let api = ApiClient::from_document();
    provide_context(Api(api.clone()));
    provide_context(new_catalog(api));
    provide_context(Wishlist::load());
    let my_store = MyStore::load();
    provide_context(my_store);
    events::set_sender(|batch| {
        leptos::task::spawn_local(async move {
            let _ = privacy::send_events(batch).await;
        })
    });
    crate::api::offline::provide();
    let consent = Consent::load();
    provide_context(consent);
    Effect::new(move |_| apply_lang(locale.0.get()));
    Effect::new(move |_| events::set_store(my_store.id()));
    events::flush_when_hidden();

    crate::state::attribution::remember_visit();
    // a kiosk's hand-off whose page the server named: that page now, the hand-off a moment
    // later (its module builds nothing to show, under the app's owner): the page's own
    // requests go first on a slow link, and compiling the module does not delay its paint
    if crate::dom::open_named_handoff() {
        leptos::task::spawn_local_scoped(async {
            gloo_timers::future::TimeoutFuture::new(600).await;
            let _ = kiosk::handoff_page().await;
        });
    }
    provide_router();
    let main = NodeRef::<leptos::html::Main>::new();
    mount_pages(main);
    // a page framed by another site has no frame of its own (it never navigates out of it)
    let framed = use_app_route().get_untracked().is_embed();
    view! {
        <SkipLink />
        // an undecided visit is asked a moment after the first screen, whose requests go first
        {consent.0.get_untracked().is_none().then(|| view! {
            <Deferred load=privacy::consent_sheet class="consent-busy" when=soon(1500) />
        })}
        // on an iPhone or iPad, once: how to add the shop to the home screen, a moment after
        // the first screen (the hint itself waits for the privacy choice: never over the
        // consent sheet)
        {(!framed && install::wants_ios_hint()).then(|| view! {
            <Deferred load=install::ios_install_hint class="consent-busy" when=soon(4000) />
        })}
        {(!framed).then(|| view! { <Header /> })}
        // offline: what the page shows is from the device, and what works without a signal
        <Deferred load=offline::offline_note class="consent-busy" when=crate::api::offline::wanted() />
        <main id=MAIN_ID tabindex="-1" class="main" class:main-embed=framed node_ref=main></main>
        {(!framed).then(|| view! { <Footer /> <BottomNav /> })}
        <FocusOnNavigate />
        {crate::dom::is_kiosk().then(|| view! { <Deferred load=kiosk::kiosk_layer class="kiosk-busy" /> })}
    }
}

/// Shows the page of the current route in `host`. A page is built afresh, in a reactive
/// owner of its own, whenever the route turns to another page, and stays mounted while
/// only the route's parameters change. (A reactive `match` over `.into_any()` views would
/// also compile a path that diffs one page against another of the same kind, which never
/// happens here and cost the wasm several kilobytes.)
fn mount_pages(host: NodeRef<leptos::html::Main>) {
    let Some(parent) = Owner::current() else {
        return;
    };
    let route = use_app_route();
    // the kind of route: a page is rebuilt only when it changes
    let page = Memo::new(move |_| std::mem::discriminant(&route.get()));
    let shown: Rc<RefCell<Option<ShownPage>>> = Rc::default();
    Effect::new(move |_| {
        // read, not only tracked: a memo computes (and follows the route) when read
        let _kind = page.get();
        // a new page has nothing from the cache yet; a refresh (back online) builds it again
        crate::api::offline::new_page();
        let Some(main) = host.get() else {
            return;
        };
        if let Some((owner, mut view)) = shown.borrow_mut().take() {
            view.unmount();
            drop(view);
            owner.cleanup();
        }
        let owner = parent.child();
        let mut view = owner.with(|| untrack(|| build_page(&route.get())));
        view.mount(&main, None);
        *shown.borrow_mut() = Some((owner, view));
    });
}

/// A mounted page and the reactive owner of everything it created.
type ShownPage = (Owner, Box<dyn Mountable>);

/// The placeholder of a catalogue page whose module is on its way: a page's height, so the
/// footer does not jump when the page comes.
const PAGE_BUSY: &str = "deferred-busy page-busy";

/// The DOM of the page of `route`, ready to mount: the one place that maps a route to its
/// page (a split module's page through its loader).
fn build_page(route: &AppRoute) -> Box<dyn Mountable> {
    match route {
        AppRoute::Home => Box::new(view! { <HomePage /> }.build()),
        AppRoute::Category { .. } => {
            Box::new(view! { <Deferred load=catalogue::category_page class=PAGE_BUSY /> }.build())
        }
        AppRoute::Product { .. } => {
            Box::new(view! { <Deferred load=catalogue::product_page class=PAGE_BUSY /> }.build())
        }
        AppRoute::Search { .. } => {
            Box::new(view! { <Deferred load=catalogue::search_page class=PAGE_BUSY /> }.build())
        }
        AppRoute::Stores => Box::new(view! { <Deferred load=stores::stores_page /> }.build()),
        AppRoute::Tour { .. } => Box::new(
            view! { <Deferred load=tour::tour_page class="deferred-busy tour-busy" /> }.build(),
        ),
        AppRoute::Wishlist => Box::new(view! { <Deferred load=wishlist::wishlist_page /> }.build()),
        AppRoute::Reservations => {
            Box::new(view! { <Deferred load=stores::reservations_page /> }.build())
        }
        AppRoute::Reservation { .. } => {
            Box::new(view! { <Deferred load=stores::reservation_page /> }.build())
        }
        AppRoute::Member => Box::new(view! { <Deferred load=member::member_page /> }.build()),
        AppRoute::MemberCode => {
            Box::new(view! { <Deferred load=member::member_code_page /> }.build())
        }
        AppRoute::Wallet => Box::new(view! { <Deferred load=member::wallet_page /> }.build()),
        AppRoute::Coupon { .. } => {
            Box::new(view! { <Deferred load=member::coupon_page /> }.build())
        }
        AppRoute::Claim { .. } => Box::new(view! { <Deferred load=member::claim_page /> }.build()),
        AppRoute::Marketing => {
            Box::new(view! { <Deferred load=marketing::marketing_page /> }.build())
        }
        AppRoute::MarketingEditor { .. } => {
            Box::new(view! { <Deferred load=marketing::editor_page /> }.build())
        }
        AppRoute::MarketingResults { .. } => {
            Box::new(view! { <Deferred load=marketing::results_page /> }.build())
        }
        AppRoute::MarketingInsight => {
            Box::new(view! { <Deferred load=marketing::insight_page /> }.build())
        }
        AppRoute::Privacy => Box::new(view! { <Deferred load=privacy::privacy_page /> }.build()),
        AppRoute::Campaign { .. } | AppRoute::CampaignEmbed { .. } => Box::new(
            view! { <Deferred load=campaign::campaign_page class="deferred-busy campaign-busy" /> }
                .build(),
        ),
        AppRoute::Kiosk => Box::new(view! { <Deferred load=kiosk::pairing_page /> }.build()),
        AppRoute::Handoff { .. } => {
            Box::new(view! { <Deferred load=kiosk::handoff_page /> }.build())
        }
        AppRoute::NotFound => Box::new(view! { <NotFoundPage /> }.build()),
    }
}

/// "Skip to main content": the first focusable element.
#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href=format!("#{MAIN_ID}")
            on:click=move |ev| {
                ev.prevent_default();
                focus_by_id(MAIN_ID);
                // the skip link is a jump: bring the content into view too
                if let Some(main) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(MAIN_ID))
                {
                    main.scroll_into_view();
                }
            }
        >
            {tr(Key::SkipToContent)}
        </a>
    }
}

/// Moves focus to `<main>` after every client-side navigation to another path, so
/// keyboard and screen-reader users start at the new content.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname();
        if prev.as_ref().is_some_and(|p| *p != path) {
            focus_by_id(MAIN_ID);
        }
        path
    });
}
