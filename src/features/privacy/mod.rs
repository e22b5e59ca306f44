//! (issue 16, being built) Privacy choices.
#![allow(improper_ctypes_definitions)]

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// `/privacy`: the shopper's privacy choices.
    privacy fn privacy_page() => view! { <main id="main" class="page"></main> }
}
