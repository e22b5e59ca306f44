//! The tour's side panel: the floor plan with a dot per scene and the view cone, the list
//! of scenes and the hotspots of this one.

use leptos::prelude::*;
use storefront_api_types::Image;

use super::i18n::{tt, TKey, COMPASS};
use super::logic::{compass_point, cone_path, percent_css, plan_bearing};
use super::panorama::Status;
use super::spots::{spot_icon, spot_kind, spot_name};
use super::use_tour_view::UseTourView;
use crate::components::text::loc;
use crate::state::use_locale;

/// Length of the view cone on the floor plan, as a fraction of the plan's width.
const CONE_LEN: f64 = 0.12;

/// The side panel of the tour `tv` shows, with its floor `plan`.
#[component]
pub fn TourSide(
    /// The tour's viewer.
    tv: UseTourView,
    /// The store's floor plan.
    plan: Image,
) -> impl IntoView {
    let locale = use_locale();
    let UseTourView {
        scenes,
        scene,
        current,
        view,
        status,
        ..
    } = tv;
    // floor plan
    let (plan_w, plan_h) = (plan.width, plan.height);
    let cone = move || {
        let s = current.get()?;
        let v = view.get();
        let bearing = plan_bearing(v.yaw, s.north_offset);
        Some(cone_path(
            s.plan_position.x,
            s.plan_position.y,
            plan_w,
            plan_h,
            bearing,
            v.fov,
            CONE_LEN * f64::from(plan_w),
        ))
    };
    let facing = move || {
        let s = current.get()?;
        let point = compass_point(plan_bearing(view.get().yaw, s.north_offset));
        let lang = locale.lang();
        let name = COMPASS.get(point).map_or("", |k| k.get(lang));
        let sep = match lang {
            storefront_api_types::Lang::ZhCn => "：",
            storefront_api_types::Lang::En => ": ",
        };
        Some(format!("{}{sep}{name}", TKey::Facing.get(lang)))
    };
    let all_scenes = scenes.get_value();
    let dots = all_scenes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let here = move || scene.get() == i;
            let name = s.name.clone();
            // the number shown on the dot, then the scene (as in the list of scenes)
            let label = move || {
                let lang = locale.lang();
                let here = if here() { TKey::HereNow.get(lang) } else { "" };
                format!("{} {}{here}", i + 1, name.get(lang))
            };
            view! {
                <button
                    type="button"
                    class="plan-dot"
                    class:is-here=here
                    aria-label=label
                    aria-current=move || here().then_some("location")
                    style:left=percent_css(s.plan_position.x)
                    style:top=percent_css(s.plan_position.y)
                    on:click=move |_| {
                        // (the current scene again after its picture failed: try again)
                        if !here() || status.get_untracked() == Status::Failed {
                            tv.go(i, None, true);
                        }
                    }
                >
                    <span aria-hidden="true">{i + 1}</span>
                </button>
            }
        })
        .collect_view();
    let scene_items = all_scenes
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let here = move || scene.get() == i;
            view! {
                <li>
                    <button
                        type="button"
                        class="tour-list-btn"
                        aria-current=move || here().then_some("location")
                        on:click=move |_| {
                            if !here() || status.get_untracked() == Status::Failed {
                                tv.go(i, None, true);
                            }
                        }
                    >
                        <span class="tour-list-n" aria-hidden="true">{i + 1}</span>
                        <span>{loc(s.name)}{move || here().then(tt(TKey::HereNow))}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let spot_items = move || {
        let s = current.get()?;
        Some(
            s.hotspots
                .into_iter()
                .map(|h| {
                    let (kind, glyph) = spot_kind(&h);
                    let name = {
                        let h = h.clone();
                        move || scenes.with_value(|all| spot_name(&h, all, locale.lang()))
                    };
                    view! {
                        <li>
                            <button
                                type="button"
                                class=format!("tour-list-btn spot-{kind}")
                                on:click=move |_| tv.activate(h.clone())
                            >
                                <span class="tour-list-n" aria-hidden="true">{spot_icon(glyph)}</span>
                                <span>{name}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view(),
        )
    };

    let plan_img = plan.url.clone();
    let plan_alt = plan.alt.clone();
    view! {
        <aside class="tour-side">
            <section class="tour-plan-box" aria-labelledby="tour-plan-title">
                <h2 id="tour-plan-title" class="tour-side-title">{tt(TKey::FloorPlan)}</h2>
                <div class="tour-plan">
                    <img src=plan_img width=plan_w height=plan_h alt=loc(plan_alt) class="tour-plan-img" />
                    <svg
                        class="tour-cone"
                        viewBox=format!("0 0 {plan_w} {plan_h}")
                        preserveAspectRatio="none"
                        aria-hidden="true"
                        focusable="false"
                    >
                        <path d=move || cone().unwrap_or_default()></path>
                    </svg>
                    {dots}
                </div>
                <p class="tour-facing">{facing}</p>
            </section>
            <nav class="tour-scenes" aria-labelledby="tour-scenes-title">
                <h2 id="tour-scenes-title" class="tour-side-title">{tt(TKey::Scenes)}</h2>
                <ul class="tour-list">{scene_items}</ul>
            </nav>
            <section aria-labelledby="tour-spots-title">
                <h2 id="tour-spots-title" class="tour-side-title">{tt(TKey::InThisSpot)}</h2>
                <ul class="tour-list">{spot_items}</ul>
            </section>
        </aside>
    }
}
