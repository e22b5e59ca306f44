//! Campaigns on the public side: the hero pictures, the live campaign per state, views,
//! attribution of writes, claim hand-offs and the in-store reward.

mod hero;
mod public;
mod views;
