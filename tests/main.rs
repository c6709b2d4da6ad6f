//! The integration tests, linked into one binary.

mod check;
mod cli;
mod compare;
mod council;
mod decisions;
mod diff;
mod explain;
mod export;
mod fuzz;
mod hostile;
mod lost;
mod properties;
mod real;
mod report;
mod reproducible;
mod scoring;
mod template;
mod util;
mod workbook;
