//! The integration tests, linked into one binary.

mod cli;
mod compare;
mod diff;
mod export;
mod properties;
mod scoring;
mod util;
mod workbook;
