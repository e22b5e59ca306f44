//! After a save: the campaign previewed at phone, kiosk and embedded sizes, its embed code
//! to copy, and its in-store posters.

use leptos::prelude::*;
use storefront_api_types::{percent_encode, MarketingCampaign, StoreList};

use super::i18n::{at, AKey};
use super::logic::{embed_snippet, iframe_snippet, Paper};
use super::poster::{make_poster, shop_origin, PosterFormat};
use crate::state::use_locale;

/// Preview, embed code and posters of a saved campaign.
#[component]
pub fn Share(
    /// The saved campaign.
    campaign: MarketingCampaign,
    /// The stores (for posters).
    stores: StoreList,
) -> impl IntoView {
    let slug = campaign.input.slug.clone();
    let shop = shop_origin();
    let locale = use_locale();
    let title = campaign.input.title.clone();
    let page = format!("/campaign/{}?preview=1", percent_encode(&slug));
    let embed = format!(
        "/embed/campaign/{}?preview=1&parent={}",
        percent_encode(&slug),
        percent_encode(&shop)
    );
    // a new save builds a new Share: the frames load the saved campaign again; each frame
    // is the device's size, scaled down by the stylesheet
    let frames = [
        (AKey::PreviewPhone, page.clone(), "mk-frame mk-phone"),
        (AKey::PreviewKiosk, page, "mk-frame mk-kiosk"),
        (AKey::PreviewEmbed, embed, "mk-frame mk-embed"),
    ];
    let script = embed_snippet(&shop, &slug);
    let iframe = iframe_snippet(&shop, &slug, &title.en);
    view! {
        <section class="mk-share" aria-labelledby="mk-preview-title">
            <h2 id="mk-preview-title">{at(AKey::Preview)}</h2>
            <p class="field-hint">{at(AKey::PreviewHint)}</p>
            <div class="mk-frames">
                {frames.into_iter().map(|(label, src, class)| {
                    let name = move || format!("{} · {}", at(AKey::Preview)(), label.get(locale.lang()));
                    view! {
                        <figure class=class>
                            <div class="mk-frame-box">
                                <iframe src=src.clone() title=name tabindex="-1"></iframe>
                            </div>
                            <figcaption>
                                <a href=src target="_blank" rel="noopener">{at(label)}<span class="sr-only">" (" {name} ")"</span></a>
                            </figcaption>
                        </figure>
                    }
                }).collect_view()}
            </div>
        </section>
        <section class="mk-share" aria-labelledby="mk-embed-title">
            <h2 id="mk-embed-title">{at(AKey::Embed)}</h2>
            <p class="field-hint">{at(AKey::EmbedHint)}</p>
            <CodeBox id="mk-snippet" code=script />
            <p class="field-hint">{at(AKey::IframeHint)}</p>
            <CodeBox id="mk-iframe" code=iframe />
        </section>
        <PosterMaker campaign=campaign stores=stores />
    }
}

/// A code block with a Copy button.
#[component]
fn CodeBox(
    /// The block's id.
    id: &'static str,
    /// The code.
    code: String,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let text = code.clone();
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.try_set(ok);
        });
    };
    view! {
        <div class="mk-code">
            <pre id=id tabindex="0"><code>{code}</code></pre>
            <button type="button" class="btn btn-secondary btn-small" on:click=copy aria-describedby=id>
                {move || if copied.get() { at(AKey::CopiedCode)() } else { at(AKey::CopyCode)() }}
            </button>
        </div>
    }
}

/// The in-store poster: a store, a paper size, PNG or PDF.
#[component]
fn PosterMaker(
    /// The campaign.
    campaign: MarketingCampaign,
    /// The stores.
    stores: StoreList,
) -> impl IntoView {
    let locale = use_locale();
    let first = campaign
        .input
        .store_ids
        .first()
        .map(|s| s.0.clone())
        .or_else(|| stores.data.first().map(|s| s.id.0.clone()))
        .unwrap_or_default();
    let store = RwSignal::new(first);
    let paper = RwSignal::new(Paper::A4);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // the campaign's stores when it names some, else every store
    let choices: Vec<_> = stores
        .data
        .into_iter()
        .filter(|s| campaign.input.store_ids.is_empty() || campaign.input.store_ids.contains(&s.id))
        .collect();
    let campaign = StoredValue::new(campaign);
    let make = move |format: PosterFormat| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(false);
        let c = campaign.get_value();
        let (s, p, lang) = (store.get_untracked(), paper.get_untracked(), locale.lang());
        leptos::task::spawn_local(async move {
            let ok = make_poster(&c, &s, p, format, lang).await.is_ok();
            busy.try_set(false);
            failed.try_set(!ok);
        });
    };
    view! {
        <section class="mk-share" aria-labelledby="mk-poster-title">
            <h2 id="mk-poster-title">{at(AKey::Poster)}</h2>
            <p class="field-hint">{at(AKey::PosterHint)}</p>
            <div class="mk-poster-form">
                <label class="field">
                    <span>{at(AKey::PosterStore)}</span>
                    <select id="mk-poster-store" on:change=move |ev| store.set(event_target_value(&ev))>
                        {choices.into_iter().map(|s| {
                            let id = s.id.0.clone();
                            let selected = {
                                let id = id.clone();
                                move || store.get() == id
                            };
                            let name = s.name.clone();
                            view! { <option value=id selected=selected>{move || name.get(locale.lang()).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{at(AKey::PosterSize)}</span>
                    <select id="mk-poster-paper" on:change=move |ev| paper.set(if event_target_value(&ev) == "a3" { Paper::A3 } else { Paper::A4 })>
                        <option value="a4" selected=move || paper.get() == Paper::A4>"A4"</option>
                        <option value="a3" selected=move || paper.get() == Paper::A3>"A3"</option>
                    </select>
                </label>
            </div>
            <div class="mk-actions">
                <button type="button" class="btn btn-secondary" aria-busy=move || busy.get().then_some("true")
                    on:click=move |_| make(PosterFormat::Png)>{at(AKey::DownloadPng)}</button>
                <button type="button" class="btn btn-secondary" aria-busy=move || busy.get().then_some("true")
                    on:click=move |_| make(PosterFormat::Pdf)>{at(AKey::DownloadPdf)}</button>
            </div>
            <p role="status" class="muted">{move || busy.get().then(|| at(AKey::Making)())}</p>
            <p role="alert" class="form-error">{move || failed.get().then(|| at(AKey::PosterFailed)())}</p>
        </section>
    }
}
