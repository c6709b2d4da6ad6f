//! The integration tests, linked into one binary.

mod cli;
mod explain;
mod export;
mod properties;
mod report;
mod reproducible;
mod scoring;
mod util;
mod workbook;
