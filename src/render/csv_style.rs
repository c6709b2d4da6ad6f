//! [`CsvStyle`]: how a CSV file is written (its own file, so that the renderers and
//! [`crate::render::Results`] can both name it).

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvStyle {
    /// For scripts: `,` between fields, a decimal point, the English column names that
    /// `cchc compare` and `--previous` read back.
    #[default]
    Standard,
    /// For Excel set to Vietnamese (and LibreOffice in that locale): `;` between fields,
    /// a decimal comma, Vietnamese column names. One value per cell, numbers as numbers.
    ExcelVi,
}
