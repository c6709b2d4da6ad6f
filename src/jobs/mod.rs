//! Jobs: one module per thing a user asks for. Each takes a request, reads and computes
//! through the floors below, and returns data (never text, CSV or JSON: that is
//! [`crate::render`]). [`run`] is the front half that `score` and `check` share.

pub mod check;
pub mod compare;
pub mod criteria_diff;
pub mod criteria_summary;
pub mod explain;
pub mod run;
pub mod score;
pub mod template;
