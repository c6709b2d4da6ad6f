//! The integration tests, linked into one binary.

mod check;
mod cli;
mod compare;
mod diff;
mod export;
mod fuzz;
mod hostile;
mod lost;
mod properties;
mod real;
mod scoring;
mod template;
mod util;
mod workbook;
