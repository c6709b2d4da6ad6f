//! The integration tests, linked into one binary.

mod check;
mod cli;
mod compare;
mod criteria_problems;
mod decisions;
mod diff;
mod explain;
mod explain_numbers;
mod export;
mod fuzz;
mod hostile;
mod lost;
mod properties;
mod properties_wide;
mod real;
mod report;
mod reproducible;
mod scoring;
mod template;
mod trust_results;
mod util;
mod workbook;
