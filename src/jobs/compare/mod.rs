//! Year-over-year comparison of two results: which unit continues which (same code, or
//! the unit map for renamed, merged or split units), rank, index, band and field index
//! changes inside each group, units new and gone, and honest warnings when the two
//! years were scored under different criteria. Pure: results in, a [`Comparison`] out.

mod compute;
mod load;
mod model;
#[cfg(test)]
mod tests;

pub use compute::compare;
pub use load::{CompareRequest, Failure, against_previous, compare_files, results_of};
pub use model::{
    Before, Comparison, Criterias, FieldChange, FieldPair, GroupFieldMax, MergeRule, Row, Side,
    Status,
};
