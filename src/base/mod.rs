//! The bottom floor: primitives every other module uses and that import nothing from
//! above — exact numbers, calendar dates, the user's language, locations and problems with their
//! messages, resource limits and refusals, file identity, label matching, workbook conventions.

pub mod date;
pub mod formula;
pub mod label;
pub mod lang;
pub mod limits;
pub mod location;
pub mod messages;
pub mod num;
pub mod path;
pub mod problem;
pub mod refusal;
pub mod shown;
pub mod xlsx;
