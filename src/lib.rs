//! The storefront's shopper app: a Leptos 0.8 client-side-rendered SPA.
//!
//! `routes` spells every URL, `router` moves between them, `api` is the typed REST client, `state` the context
//! newtypes, `i18n` the zh-CN/English strings, `logic` the pure (natively tested) rules,
//! `components` the presentational pieces and `pages` one component per route.

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod i18n;
pub mod logic;
pub mod pages;
pub mod router;
pub mod routes;
pub mod split;
pub mod state;
pub mod storage;

pub use app::{start, App};
