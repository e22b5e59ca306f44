//! Campaigns on the public side: the live campaign as shoppers see it, its hero picture,
//! cookieless page views, attribution of writes, claim hand-offs from embeds and the
//! in-store reward. Rules and SQL only; the HTTP side is `routes::campaigns`.

pub mod hero;

pub use hero::hero_image;
