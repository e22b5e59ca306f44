//! The tour's stage: the WebGL view with its hotspot buttons, zoom and phone-motion
//! buttons, or the flat strip when there is no WebGL; and the status line.

use leptos::prelude::*;

use super::i18n::{tt, TKey};
use super::logic::{key_action, percent_css, strip_position, wheel_zoom, KeyAction};
use super::panorama::Status;
use super::spots::{spot_icon, spot_kind, spot_name};
use super::use_tour_view::{Mode, UseTourView};
use crate::components::text::loc;
use crate::state::use_locale;

/// The panorama of the tour's current scene, as `tv` shows it.
#[component]
pub fn TourStage(
    /// The tour's viewer.
    tv: UseTourView,
) -> impl IntoView {
    let locale = use_locale();
    let UseTourView {
        scenes,
        current,
        view,
        mode,
        status,
        flat_src,
        region,
        canvas,
        spots,
        flat,
        ..
    } = tv;
    let scene_name = move || {
        current
            .get()
            .map(|s| s.name.get(locale.lang()).to_owned())
            .unwrap_or_default()
    };
    let viewer_label = move || format!("{}{}", TKey::ViewerLabel.get(locale.lang()), scene_name());
    let spot_buttons = move |flat_layout: bool| {
        let Some(s) = current.get() else {
            return Vec::new();
        };
        s.hotspots
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let (kind, glyph) = spot_kind(&h);
                let label = h.label.clone();
                let name = {
                    let h = h.clone();
                    move || scenes.with_value(|all| spot_name(&h, all, locale.lang()))
                };
                let (x, y) = strip_position(h.yaw, h.pitch);
                let (left, top) = if flat_layout {
                    (percent_css(x), percent_css(y))
                } else {
                    (String::new(), String::new())
                };
                view! {
                    <button
                        type="button"
                        class=format!("hotspot hotspot-{kind}")
                        data-i=i
                        hidden=!flat_layout
                        aria-label=name
                        style:left=left
                        style:top=top
                        on:click=move |_| tv.activate(h.clone())
                    >
                        <span class="hotspot-dot" aria-hidden="true">{spot_icon(glyph)}</span>
                        <span class="hotspot-label" aria-hidden="true">{loc(label)}</span>
                    </button>
                }
            })
            .collect::<Vec<_>>()
    };
    let stage = move || {
        match mode.get() {
        Mode::Gl => view! {
            <div
                class="tour-view"
                role="application"
                tabindex="0"
                aria-roledescription=tt(TKey::VirtualTour)
                aria-label=viewer_label
                aria-describedby="tour-keys"
                node_ref=region
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    if ev.pointer_type() == "mouse" && ev.button() != 0 {
                        return;
                    }
                    if let Some(r) = region.get_untracked() {
                        let _ = r.set_pointer_capture(ev.pointer_id());
                    }
                    tv.with_pano(&|p| p.pointer_down(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    tv.with_pano(&|p| p.pointer_move(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
                on:pointerup=move |ev: web_sys::PointerEvent| tv.with_pano(&|p| p.pointer_up(ev.pointer_id()))
                on:pointercancel=move |ev: web_sys::PointerEvent| tv.with_pano(&|p| p.pointer_up(ev.pointer_id()))
                on:wheel=move |ev: web_sys::WheelEvent| {
                    ev.prevent_default();
                    let unit = match ev.delta_mode() {
                        1 => 16.0,
                        2 => 400.0,
                        _ => 1.0,
                    };
                    tv.with_pano(&|p| p.zoom(wheel_zoom(ev.delta_y() * unit)));
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                        return;
                    }
                    if let Some(action) = key_action(&ev.key(), ev.shift_key()) {
                        ev.prevent_default();
                        tv.with_pano(&|p| match action {
                            KeyAction::Look(dy, dp) => p.look(dy, dp),
                            KeyAction::Zoom(f) => p.zoom(f),
                        });
                    }
                }
            >
                <canvas class="tour-canvas" node_ref=canvas aria-hidden="true"></canvas>
            </div>
            <div class="tour-spots" node_ref=spots>{move || spot_buttons(false)}</div>
            {tv.motion.supported.then(|| view! {
                <button
                    type="button"
                    class="btn btn-ghost tour-motion"
                    aria-pressed=move || if tv.motion.on.get() { "true" } else { "false" }
                    on:click=move |_| tv.motion.toggle()
                >
                    {move || if tv.motion.on.get() { tt(TKey::MotionOff)() } else { tt(TKey::MotionOn)() }}
                </button>
            })}
            <div class="tour-tools">
                <button type="button" class="icon-button tour-tool" on:click=move |_| tv.with_pano(&|p| p.zoom(1.0 / 1.25))>
                    <span aria-hidden="true">"−"</span><span class="sr-only">{tt(TKey::ZoomOut)}</span>
                </button>
                <button type="button" class="icon-button tour-tool" on:click=move |_| tv.with_pano(&|p| p.zoom(1.25))>
                    <span aria-hidden="true">"+"</span><span class="sr-only">{tt(TKey::ZoomIn)}</span>
                </button>
            </div>
        }
        .into_any(),
        Mode::Flat => {
            let alt = move || current.get().map(|s| s.panorama.full.alt.get(locale.lang()).to_owned()).unwrap_or_default();
            view! {
                <div
                    class="tour-flat"
                    tabindex="0"
                    role="region"
                    aria-label=move || format!("{}{}", TKey::FlatLabel.get(locale.lang()), scene_name())
                    aria-describedby="tour-no-gl"
                    node_ref=flat
                    on:scroll=move |_| {
                        // the plan's cone and the link follow the strip
                        let Some(el) = flat.get_untracked() else {
                            return;
                        };
                        let (width, shown) = (f64::from(el.scroll_width()), f64::from(el.client_width()));
                        let left = f64::from(el.scroll_left());
                        // where the current view puts the strip (the page's own scroll)
                        let (x, _) = strip_position(view.get_untracked().yaw, 0.0);
                        let expected = (x * width - shown / 2.0).clamp(0.0, (width - shown).max(0.0));
                        if width > 0.0 && (left - expected).abs() > 2.0 {
                            let yaw = ((left + shown / 2.0) / width * 360.0 - 180.0).round();
                            view.update(|v| v.yaw = yaw);
                        }
                    }
                >
                    <div class="tour-strip">
                        <img
                            class="tour-strip-img"
                            src=move || flat_src.get()
                            width="4096"
                            height="2048"
                            alt=alt
                            draggable="false"
                        />
                        {move || spot_buttons(true)}
                    </div>
                </div>
            }
            .into_any()
        }
    }
    };
    let status_text = move || match status.get() {
        Status::LoadingScene => Some(tt(TKey::LoadingScene)()),
        Status::LoadingFull => Some(tt(TKey::LoadingFull)()),
        Status::Failed => Some(tt(TKey::LoadFailed)()),
        Status::Ready => None,
    };

    view! {
        {stage}
        <div class="tour-status" role="status">
            {move || status_text().map(|t| view! {
                <span class="tour-status-text">{t}</span>
                {(status.get() != Status::Failed).then(|| view! { <span class="tour-bar" aria-hidden="true"></span> })}
            })}
        </div>
    }
}
