//! Messages about answer layers laid over the units' own answers: appraisal files
//! (`--appraisal`), appeal files (`--appeal`) and wide tables (one row per unit, one
//! column per criterion), for the appraisal, the appeals, the survey and self answers.

use crate::base::lang::Lang;
use crate::base::location::Location;

/// Which layer a file or an answer belongs to, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerName {
    SelfAssessment,
    Appraisal,
    Appeal,
    Survey,
}

impl LayerName {
    /// (Vietnamese, English) name of the layer's answers.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            LayerName::SelfAssessment => ("tự đánh giá", "self-assessment"),
            LayerName::Appraisal => ("thẩm định", "appraisal"),
            LayerName::Appeal => ("phúc khảo", "appeal"),
            LayerName::Survey => ("điều tra XHH", "survey"),
        }
    }

    /// The command-line flag that gives files of this layer.
    pub fn flag(self) -> &'static str {
        match self {
            LayerName::SelfAssessment => "INPUT",
            LayerName::Appraisal => "--appraisal",
            LayerName::Appeal => "--appeal",
            LayerName::Survey => "--survey",
        }
    }
}

/// Answer layers and wide tables.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerKind {
    /// No sheet (or CSV header) holds a table of this layer.
    NoTable { layer: LayerName },
    /// A table on a hidden sheet was left out.
    HiddenSheet { sheet: String },
    /// A table says it holds another layer ("Loại bảng": "Thẩm định" given as `--appeal`).
    WrongTable { found: String, layer: LayerName },
    /// Two columns of one table are for the same criterion and the same purpose.
    RepeatedColumn { header: String, first: Location },
    /// A value in a row whose unit cell is blank.
    NoUnit { found: String },
    /// The unit is not in the registry.
    UnknownUnit { found: String, registry: String },
    /// The criterion is not in the criteria file.
    UnknownCriterion { found: String, criteria: String },
    /// The unit is registered but sent no submission.
    NotSubmitted {
        layer: LayerName,
        registry: Location,
    },
    /// The criterion does not exist for the unit's group.
    NotInGroup {
        layer: LayerName,
        group: String,
        registry: Location,
    },
    /// A value for a criterion scored by the survey.
    SurveyCriterion { layer: LayerName, found: String },
    /// A value for a criterion that has sub-criteria.
    ParentCriterion { layer: LayerName, found: String },
    /// The same unit and criterion with another value elsewhere.
    Conflict {
        layer: LayerName,
        found: String,
        first: Location,
        first_text: String,
    },
    /// An appeal for a criterion that was never appraised.
    StrayAppeal {
        found: String,
        counted: Option<Location>,
    },
    /// An appeal without its reason.
    NoReason,
    /// `check` of appraisal or appeal files alone needs the registry.
    NeedsRegistry,
    /// A file given both as an appraisal and as an appeal.
    BothLayers,
    /// A column the reader cannot place holds values; they are not read.
    UnreadColumn { header: String },
}

fn layer_vi(l: LayerName) -> &'static str {
    l.words().0
}

fn layer_en(l: LayerName) -> &'static str {
    l.words().1
}

impl LayerKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use LayerKind::*;
        let at = |l: &Location, lang: Lang| l.render(lang);
        match self {
            NoTable { layer } => (
                format!(
                    "không tìm thấy bảng {} ({}): cần một dòng tiêu đề có cột mã đơn vị (\"Mã đơn vị\" hoặc \"unit\") và các cột mã tiêu chí (bảng ngang, mỗi đơn vị một dòng), hoặc các cột \"unit\", \"criterion\" và cột giá trị (bảng dọc)",
                    layer_vi(*layer),
                    layer.flag()
                ),
                format!(
                    "no {} table found ({}): a header row needs a unit-code column (\"Mã đơn vị\" or \"unit\") and criterion-code columns (wide: one row per unit), or the columns \"unit\", \"criterion\" and a value column (long)",
                    layer_en(*layer),
                    layer.flag()
                ),
            ),
            HiddenSheet { sheet } => (
                format!("bảng trên trang tính ẩn \"{sheet}\" không được đọc"),
                format!("the table on the hidden sheet \"{sheet}\" is not read"),
            ),
            WrongTable { found, layer } => (
                format!(
                    "bảng ghi loại \"{found}\" nhưng được đưa vào như bảng {} ({}); kiểm tra lại tệp",
                    layer_vi(*layer),
                    layer.flag()
                ),
                format!(
                    "the table says it holds \"{found}\" but was given as a {} table ({}); check the file",
                    layer_en(*layer),
                    layer.flag()
                ),
            ),
            RepeatedColumn { header, first } => (
                format!(
                    "cột \"{header}\" trùng với cột ở {}: không biết cột nào là đúng",
                    at(first, Lang::Vi)
                ),
                format!(
                    "column \"{header}\" repeats the column at {}: which one holds the values cannot be told",
                    at(first, Lang::En)
                ),
            ),
            NoUnit { found } => (
                format!("có giá trị \"{found}\" nhưng ô mã đơn vị của dòng để trống"),
                format!("a value \"{found}\" in a row whose unit-code cell is blank"),
            ),
            UnknownUnit { found, registry } => (
                format!("mã đơn vị \"{found}\" không có trong danh sách đơn vị {registry}"),
                format!("unit code \"{found}\" is not in the units registry {registry}"),
            ),
            UnknownCriterion { found, criteria } => (
                format!("mã tiêu chí \"{found}\" không có trong bộ tiêu chí {criteria}"),
                format!("criterion code \"{found}\" is not in the criteria file {criteria}"),
            ),
            NotSubmitted { layer, registry } => (
                format!(
                    "có kết quả {} nhưng đơn vị (danh sách đơn vị {}) không có bài tự đánh giá nào trong các tệp đầu vào",
                    layer_vi(*layer),
                    at(registry, Lang::Vi)
                ),
                format!(
                    "a {} value, but the unit (units registry {}) sent no submission among the input files",
                    layer_en(*layer),
                    at(registry, Lang::En)
                ),
            ),
            NotInGroup {
                layer,
                group,
                registry,
            } => (
                format!(
                    "có kết quả {} nhưng tiêu chí không áp dụng cho khối \"{group}\" của đơn vị (danh sách đơn vị {})",
                    layer_vi(*layer),
                    at(registry, Lang::Vi)
                ),
                format!(
                    "a {} value, but the criterion does not apply to the unit's group \"{group}\" (units registry {})",
                    layer_en(*layer),
                    at(registry, Lang::En)
                ),
            ),
            SurveyCriterion { layer, found } => (
                format!(
                    "\"{found}\" là kết quả {} cho tiêu chí chấm qua điều tra XHH; điểm này chỉ lấy từ tệp --survey",
                    layer_vi(*layer)
                ),
                format!(
                    "\"{found}\" is a {} value for a survey criterion; its points come from the --survey file only",
                    layer_en(*layer)
                ),
            ),
            ParentCriterion { layer, found } => (
                format!(
                    "\"{found}\" là kết quả {} cho tiêu chí có tiêu chí con; chỉ chấm ở tiêu chí thành phần",
                    layer_vi(*layer)
                ),
                format!(
                    "\"{found}\" is a {} value for a criterion with sub-criteria; only sub-criteria are scored",
                    layer_en(*layer)
                ),
            ),
            Conflict {
                layer,
                found,
                first,
                first_text,
            } => {
                let quoted = |s: &str| {
                    if s.is_empty() {
                        String::new()
                    } else {
                        format!("\"{s}\" ")
                    }
                };
                (
                    format!(
                        "kết quả {} \"{found}\" khác với kết quả {}đã ghi ở {} cho cùng đơn vị và tiêu chí; giữ một kết quả",
                        layer_vi(*layer),
                        quoted(first_text),
                        at(first, Lang::Vi)
                    ),
                    format!(
                        "{} value \"{found}\" differs from the value {}given at {} for the same unit and criterion; keep one",
                        layer_en(*layer),
                        quoted(first_text),
                        at(first, Lang::En)
                    ),
                )
            }
            StrayAppeal { found, counted } => {
                let (vi, en) = match counted {
                    Some(l) => (
                        format!("; kết quả đang tính là câu tự đánh giá ở {}", at(l, Lang::Vi)),
                        format!("; the answer that counts is the self answer at {}", at(l, Lang::En)),
                    ),
                    None => (String::new(), String::new()),
                };
                (
                    format!(
                        "phúc khảo \"{found}\" cho tiêu chí chưa có kết quả thẩm định{vi}; phúc khảo chỉ thay đổi kết quả thẩm định (kiểm tra mã đơn vị và mã tiêu chí, hoặc đưa kết quả thẩm định vào --appraisal)"
                    ),
                    format!(
                        "appeal \"{found}\" for a criterion that has no appraised answer{en}; an appeal only changes an appraised answer (check the unit and criterion codes, or give the appraisal with --appraisal)"
                    ),
                )
            }
            UnreadColumn { header } => (
                format!(
                    "cột \"{header}\" có dữ liệu nhưng không được đọc: tiêu đề không phải mã đơn vị, mã tiêu chí (\"1.1.1\") hay cột ghi chú, lý do của một tiêu chí (\"1.1.1 nhận xét\", \"1.1.1 lý do\")"
                ),
                format!(
                    "column \"{header}\" holds values but is not read: its header is not a unit code, a criterion code (\"1.1.1\") or a criterion's note or reason column (\"1.1.1 note\", \"1.1.1 reason\")"
                ),
            ),
            NeedsRegistry => (
                "kiểm tra riêng tệp thẩm định, phúc khảo cần danh sách đơn vị (--units) để đối chiếu mã đơn vị và khối".into(),
                "checking appraisal or appeal files alone needs the units registry (--units) to check unit codes and groups".into(),
            ),
            BothLayers => (
                "tệp được đưa vào cả --appraisal lẫn --appeal; một tệp chỉ thuộc một lớp".into(),
                "the file is given both with --appraisal and with --appeal; a file belongs to one layer".into(),
            ),
            NoReason => (
                "phúc khảo thiếu lý do (cột \"Lý do\" hoặc \"reason\")".into(),
                "the appeal has no reason (column \"Lý do\" or \"reason\")".into(),
            ),
        }
    }
}
