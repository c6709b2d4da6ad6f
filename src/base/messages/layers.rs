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
    /// A column of a later layer's values (an appraisal column in a table read as self
    /// answers) holds values: they would be lost.
    LaterLayerColumn {
        header: String,
        layer: LayerName,
        later: LayerName,
    },
    /// Every file given in a `role` (INPUT, `--appraisal`, `--appeal`) is also another
    /// of the run's files (an appraisal file, the registry, the survey).
    InputAndLayer { role: LayerName },
    /// Appeal files were given to a run of a stage that does not count them.
    AppealsNotCounted { stage: &'static str },
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
        match self {
            NoTable { layer } => t_no_table(layer),
            HiddenSheet { sheet } => t_hidden_sheet(sheet),
            WrongTable { found, layer } => t_wrong_table(found, layer),
            RepeatedColumn { header, first } => t_repeated_column(header, first),
            NoUnit { found } => t_no_unit(found),
            UnknownUnit { found, registry } => t_unknown_unit(found, registry),
            UnknownCriterion { found, criteria } => t_unknown_criterion(found, criteria),
            NotSubmitted { layer, registry } => t_not_submitted(layer, registry),
            NotInGroup {
                layer,
                group,
                registry,
            } => t_not_in_group(layer, group, registry),
            SurveyCriterion { layer, found } => t_survey_criterion(layer, found),
            ParentCriterion { layer, found } => t_parent_criterion(layer, found),
            Conflict {
                layer,
                found,
                first,
                first_text,
            } => t_conflict(layer, found, first, first_text),
            StrayAppeal { found, counted } => t_stray_appeal(found, counted),
            UnreadColumn { header } => t_unread_column(header),
            LaterLayerColumn {
                header,
                layer,
                later,
            } => t_later_layer_column(header, *layer, *later),
            InputAndLayer { role } => t_input_and_layer(*role),
            AppealsNotCounted { stage } => t_appeals_not_counted(stage),
            NeedsRegistry => t_needs_registry(),
            BothLayers => t_both_layers(),
            NoReason => t_no_reason(),
        }
    }
}

fn t_no_table(layer: &LayerName) -> (String, String) {
    (
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
    )
}

fn t_hidden_sheet(sheet: &str) -> (String, String) {
    (
        format!("bảng trên trang tính ẩn \"{sheet}\" không được đọc"),
        format!("the table on the hidden sheet \"{sheet}\" is not read"),
    )
}

fn t_wrong_table(found: &str, layer: &LayerName) -> (String, String) {
    (
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
    )
}

fn t_repeated_column(header: &str, first: &Location) -> (String, String) {
    let at = |l: &Location, lang: Lang| l.render(lang);
    (
        format!(
            "cột \"{header}\" trùng với cột ở {}: không biết cột nào là đúng",
            at(first, Lang::Vi)
        ),
        format!(
            "column \"{header}\" repeats the column at {}: which one holds the values cannot be told",
            at(first, Lang::En)
        ),
    )
}

fn t_no_unit(found: &str) -> (String, String) {
    (
        format!("có giá trị \"{found}\" nhưng ô mã đơn vị của dòng để trống"),
        format!("a value \"{found}\" in a row whose unit-code cell is blank"),
    )
}

fn t_unknown_unit(found: &str, registry: &str) -> (String, String) {
    (
        format!("mã đơn vị \"{found}\" không có trong danh sách đơn vị {registry}"),
        format!("unit code \"{found}\" is not in the units registry {registry}"),
    )
}

fn t_unknown_criterion(found: &str, criteria: &str) -> (String, String) {
    (
        format!("mã tiêu chí \"{found}\" không có trong bộ tiêu chí {criteria}"),
        format!("criterion code \"{found}\" is not in the criteria file {criteria}"),
    )
}

fn t_not_submitted(layer: &LayerName, registry: &Location) -> (String, String) {
    let at = |l: &Location, lang: Lang| l.render(lang);
    (
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
    )
}

fn t_not_in_group(layer: &LayerName, group: &str, registry: &Location) -> (String, String) {
    let at = |l: &Location, lang: Lang| l.render(lang);
    (
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
    )
}

fn t_survey_criterion(layer: &LayerName, found: &str) -> (String, String) {
    (
        format!(
            "\"{found}\" là kết quả {} cho tiêu chí chấm qua điều tra XHH; điểm này chỉ lấy từ tệp --survey",
            layer_vi(*layer)
        ),
        format!(
            "\"{found}\" is a {} value for a survey criterion; its points come from the --survey file only",
            layer_en(*layer)
        ),
    )
}

fn t_parent_criterion(layer: &LayerName, found: &str) -> (String, String) {
    (
        format!(
            "\"{found}\" là kết quả {} cho tiêu chí có tiêu chí con; chỉ chấm ở tiêu chí thành phần",
            layer_vi(*layer)
        ),
        format!(
            "\"{found}\" is a {} value for a criterion with sub-criteria; only sub-criteria are scored",
            layer_en(*layer)
        ),
    )
}

fn t_conflict(
    layer: &LayerName,
    found: &str,
    first: &Location,
    first_text: &str,
) -> (String, String) {
    let at = |l: &Location, lang: Lang| l.render(lang);
    {
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
}

fn t_stray_appeal(found: &str, counted: &Option<Location>) -> (String, String) {
    let at = |l: &Location, lang: Lang| l.render(lang);
    {
        let (vi, en) = match counted {
            Some(l) => (
                format!(
                    "; kết quả đang tính là câu tự đánh giá ở {}",
                    at(l, Lang::Vi)
                ),
                format!(
                    "; the answer that counts is the self answer at {}",
                    at(l, Lang::En)
                ),
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
}

fn t_unread_column(header: &str) -> (String, String) {
    (
        format!(
            "cột \"{header}\" có dữ liệu nhưng không được đọc: tiêu đề không phải mã đơn vị, mã tiêu chí (\"1.1.1\") hay cột ghi chú, lý do của một tiêu chí (\"1.1.1 nhận xét\", \"1.1.1 lý do\")"
        ),
        format!(
            "column \"{header}\" holds values but is not read: its header is not a unit code, a criterion code (\"1.1.1\") or a criterion's note or reason column (\"1.1.1 note\", \"1.1.1 reason\")"
        ),
    )
}

fn t_needs_registry() -> (String, String) {
    (
                "kiểm tra riêng tệp thẩm định, phúc khảo cần danh sách đơn vị (--units) để đối chiếu mã đơn vị và khối".into(),
                "checking appraisal or appeal files alone needs the units registry (--units) to check unit codes and groups".into(),
            )
}

fn t_both_layers() -> (String, String) {
    (
        "tệp được đưa vào cả --appraisal lẫn --appeal; một tệp chỉ thuộc một lớp".into(),
        "the file is given both with --appraisal and with --appeal; a file belongs to one layer"
            .into(),
    )
}

fn t_later_layer_column(header: &str, layer: LayerName, later: LayerName) -> (String, String) {
    let (flag, this) = (later.flag(), layer.flag());
    (
        format!(
            "cột \"{header}\" có kết quả {} nhưng tệp được đọc như tệp {} ({this}), nên cột này không được tính: đưa kết quả {} vào bằng tệp riêng với {flag} (mỗi tệp chỉ một vai trò), hoặc xoá các giá trị của cột",
            layer_vi(later),
            layer_vi(layer),
            layer_vi(later)
        ),
        format!(
            "column \"{header}\" holds {} values but the file is read as {} ({this}), where that column does not count: give the {} values in a file of their own with {flag} (a file has one role), or clear the column's values",
            layer_en(later),
            layer_en(layer),
            layer_en(later)
        ),
    )
}

fn t_input_and_layer(role: LayerName) -> (String, String) {
    let (vi, en, flag) = (layer_vi(role), layer_en(role), role.flag());
    (
        format!(
            "tệp được đưa vào làm bài {vi} ({flag}) nhưng cũng là tệp khác của lần chấm (bộ tiêu chí, danh sách đơn vị, tệp điều tra XHH, tệp bài tự đánh giá, tệp --appraisal hay --appeal), nên không được đọc như bài {vi}; mỗi tệp chỉ một vai trò: để câu trả lời {vi} ở tệp riêng"
        ),
        format!(
            "the file is given as {en} answers ({flag}) but is also another of the run's files (the criteria, the registry, the survey, a self-answers file, an --appraisal or --appeal file), so it is not read as {en} answers; a file has one role: keep the {en} answers in a file of their own"
        ),
    )
}

fn t_appeals_not_counted(stage: &str) -> (String, String) {
    (
        format!(
            "các tệp phúc khảo (--appeal) đã được đọc và kiểm tra nhưng không được tính: giai đoạn --stage {stage} chưa tính phúc khảo; để tính, chạy với --stage final (mặc định)"
        ),
        format!(
            "the appeal files (--appeal) were read and checked but do not count: stage --stage {stage} counts no appeals; to count them, run with --stage final (the default)"
        ),
    )
}

fn t_no_reason() -> (String, String) {
    (
        "phúc khảo thiếu lý do (cột \"Lý do\" hoặc \"reason\")".into(),
        "the appeal has no reason (column \"Lý do\" or \"reason\")".into(),
    )
}
