//! Scenes: showing one (preview, then full picture, with a fade), and preloading the next.

use std::rc::Rc;

use storefront_api_types::View;
use storefront_tour_view::Camera;

use super::*;

impl Pano {
    /// Shows a scene: its preview at once (when it is not loaded yet, the current scene
    /// stays as it is until it is), then its full picture; looking at `view` (from now on:
    /// turning and zooming while the picture loads counts), fading from the current scene
    /// when `fade`.
    pub fn show(&self, preview: String, full: String, view: View, fade: bool) {
        let wanted = {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let on_screen = v.current.as_deref() == Some(preview.as_str())
                || v.current.as_deref() == Some(full.as_str());
            if v.current.is_some() && !on_screen {
                // the picture on screen keeps its camera until the next one is ready
                if v.hold.is_none() {
                    v.hold = Some(v.camera);
                }
            } else {
                v.hold = None;
            }
            let (w, h) = (v.camera.width, v.camera.height);
            v.camera = Camera::new(view, w, h);
            v.inertia = None;
            v.spots_dirty = true;
            let w = Wanted {
                preview,
                full,
                fade,
            };
            v.wanted = Some(w.clone());
            w
        };
        self.advance(&wanted);
    }

    /// Puts the best picture of `wanted` on screen and fetches what is missing.
    pub(super) fn advance(&self, wanted: &Wanted) {
        let (has_full, has_preview, full_ok, listener) = {
            let Ok(v) = self.0.try_borrow() else {
                return;
            };
            let full_ok = v
                .renderer
                .as_ref()
                .is_some_and(|r| r.max_texture >= FULL_WIDTH);
            (
                v.textures.contains_key(&wanted.full),
                v.textures.contains_key(&wanted.preview),
                full_ok,
                v.on_status.clone(),
            )
        };
        let status = if has_full {
            self.switch_to(&wanted.full, wanted);
            Status::Ready
        } else if has_preview {
            self.switch_to(&wanted.preview, wanted);
            if full_ok {
                self.fetch(wanted.full.clone(), true);
                Status::LoadingFull
            } else {
                Status::Ready
            }
        } else {
            self.fetch(wanted.preview.clone(), false);
            Status::LoadingScene
        };
        if let Some(l) = listener {
            l(status);
        }
    }

    /// Shows texture `url` for `wanted` (a later picture of the same scene replaces the
    /// earlier one without a fade and without moving the camera).
    pub(super) fn switch_to(&self, url: &str, wanted: &Wanted) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let same_scene = v.current.as_deref() == Some(wanted.preview.as_str())
                || v.current.as_deref() == Some(wanted.full.as_str());
            if !same_scene {
                let old = v.current.clone();
                let fade = wanted.fade && !v.reduced_motion;
                let held = v.hold.take().unwrap_or(v.camera);
                v.prev = match (old, fade) {
                    (Some(o), true) => Some((o, held)),
                    _ => None,
                };
                v.fade_from = None;
                v.spots_dirty = true;
            }
            v.hold = None;
            v.current = Some(url.to_owned());
        }
        self.request_frame();
    }

    /// Loads picture `url` into a texture (once, however often asked); when it belongs to
    /// the scene wanted by then, shows it (a preview fetched ahead for a scene the shopper
    /// then moves to counts). `full`: a full-resolution picture (few are kept).
    pub(super) fn fetch(&self, url: String, full: bool) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            if v.loading.contains(&url) {
                return;
            }
            v.loading.push(url.clone());
        }
        let weak = Rc::downgrade(&self.0);
        leptos::task::spawn_local(async move {
            let img = load_image(&url).await;
            let Some(rc) = weak.upgrade() else {
                return;
            };
            let pano = Pano(rc);
            let (loaded, wanted, listener) = {
                let Ok(mut v) = pano.0.try_borrow_mut() else {
                    return;
                };
                v.loading.retain(|u| *u != url);
                let tex = img.as_ref().and_then(|i| v.renderer.as_ref()?.upload(i));
                let loaded = tex.is_some();
                if let Some(tex) = tex {
                    v.textures.insert(url.clone(), tex);
                    if full {
                        v.forget_old_full(&url);
                    }
                }
                let wanted = v
                    .wanted
                    .clone()
                    .filter(|w| w.preview == url || w.full == url);
                (loaded, wanted, v.on_status.clone())
            };
            match (wanted, loaded) {
                (Some(w), true) => pano.advance(&w),
                // the scene's picture cannot be had (the full one: the preview stays)
                (Some(_), false) => {
                    if let Some(l) = listener {
                        l(if full { Status::Ready } else { Status::Failed });
                    }
                }
                (None, _) => {}
            }
        });
    }

    /// Fetches pictures ahead (the previews of the scenes a hotspot leads to).
    pub fn preload(&self, urls: Vec<String>) {
        for url in urls {
            let cached = self.0.try_borrow().map_or(true, |v| {
                v.textures.contains_key(&url) || v.renderer.is_none()
            });
            if !cached {
                self.fetch(url, false);
            }
        }
    }
}
