//! Text for people, one module per job result: the results table, the comparison
//! table, the criteria diff, the explanation, the check report, the criteria summary.

pub mod check;
pub mod columns;
pub mod compare;
pub mod diff;
pub mod explain;
pub mod results;
pub mod summary;
