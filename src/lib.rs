//! The storefront's shopper app: a Leptos 0.8 client-side-rendered SPA.
//!
//! # Layout of the source: features, then shared pieces
//!
//! Each capability has one folder under [`features`], matching the wasm module it loads
//! with (see [`split`]): `catalogue` (home, listing, search, product page; the main
//! module, with the zoom view as a module of its own), `stores` (store locator, stock
//! block, reserve for pickup, pickup passes), `tour` (the virtual store tour and the
//! guide booking), `member` (sign-in, member page and code, wallet, coupons) and
//! `wishlist`. A feature folder holds that capability's pages, its components, its pure
//! logic (natively tested) and, when it loads apart, its own strings.
//!
//! Everything else is shared:
//! - [`routes`] spells every app URL, [`router`] moves between them;
//! - [`api`] is the typed REST client (one method per endpoint, one module per resource);
//! - [`state`] the context newtypes and [`state::Load`]; [`storage`] the device storage;
//! - [`i18n`] the app-wide zh-CN/English strings; [`logic`] the shared pure rules (money,
//!   lists, picture sources); [`dom`] small browser helpers;
//! - [`components`] the shared presentational pieces (modal, error panel, deferred
//!   loading, price, product card, wishlist heart, icons, skeletons, 404);
//! - [`layout`] the frame around every page (header, footer, bottom tab bar);
//! - [`app`] the root component, which maps each route to its page, and [`split`] the
//!   split points of the wasm.
//!
//! Dependencies point one way: the shared modules use no feature; a feature uses the
//! shared modules and the public items of the features it needs, without cycles (the
//! product page of `catalogue` loads `stores`' stock block and `member`'s coupon hint
//! through their split points; `tour` uses `stores`' reserve form and `catalogue`'s
//! variant labels); `layout` (the header's search box) and `app` sit on top. Each
//! feature declares its own split points with [`split::split_view`] in its `mod.rs`.
//! Adding a route is one variant of [`routes::AppRoute`] (with its URL) and one arm of
//! the page match in [`app`].

// (the server renders first screens with these components: their HTML types nest deeply)
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod executor;
pub mod features;
#[cfg(not(target_arch = "wasm32"))]
pub mod first_screen;
pub mod i18n;
pub mod layout;
pub mod logic;
pub mod router;
pub mod routes;
pub mod split;
pub mod state;
pub mod storage;

pub use app::{start, App};
