//! `cchc` computes Vietnam's administrative-reform index (Chỉ số CCHC, PAR INDEX): it reads
//! units' self-assessments and appraisals from Excel or CSV, applies a versioned criteria
//! file, and produces ranked, graded results. The library never prints; the binary does.
//!
//! The modules are floors (docs/architecture.md); each imports only from its own floor
//! or below: [`base`] and [`output`], then [`criteria`], [`input`], [`score`], [`jobs`]
//! and [`render`].

#![warn(clippy::print_stdout, clippy::print_stderr)]
// No panic reachable from input: the library never unwraps, expects or panics (tests may).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod base;
pub mod criteria;
pub mod input;
pub mod jobs;
pub mod output;
pub mod render;
pub mod score;
