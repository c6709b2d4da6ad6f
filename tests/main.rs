//! The integration tests, linked into one binary.

mod books;
mod check;
mod cli;
mod compare;
mod decisions;
mod diff;
mod escapes;
mod explain;
mod export;
mod fuzz;
mod hostile;
mod live_points;
mod lost;
mod lost_work;
mod neutral;
mod properties;
mod real;
mod refusals;
mod report;
mod reproducible;
mod scoring;
mod template;
mod trees;
mod util;
mod workbook;
