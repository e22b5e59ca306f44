//! The marketing side of campaigns, without HTTP types: the marketing keys (the
//! `marketing-keys` subcommand), the workspace's sessions, the checks of a campaign as
//! marketing writes it, storing and reading campaigns, their results (views and the
//! writes they brought, with the CSV export), and which page may frame a campaign's embed.
//! The public side (the campaign page, views, hand-offs, attribution) is in
//! `crate::campaigns`.

pub mod campaigns;
pub mod framing;
pub mod keys;
pub mod results;
pub mod session;
pub mod validate;
