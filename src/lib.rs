//! `cchc` computes Vietnam's administrative-reform index (Chỉ số CCHC, PAR INDEX): it reads
//! units' self-assessments and appraisals from Excel or CSV, applies a versioned criteria
//! file, and produces ranked, graded results. The library never prints; the binary does.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// No panic reachable from input: the library never unwraps, expects or panics (tests may).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod answer;
pub mod assemble;
pub mod check;
pub mod compare;
pub mod criteria;
pub mod diag;
pub mod explain;
pub mod export;
pub mod input;
pub mod lang;
pub mod messages;
pub mod num;
pub mod output;
pub mod pipeline;
pub mod ranking;
pub mod scoring;
pub mod synth;
pub mod template;
pub mod trace;
