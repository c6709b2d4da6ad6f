//! The integration tests, linked into one binary.

mod cli;
mod export;
mod properties;
mod scoring;
mod util;
mod workbook;
