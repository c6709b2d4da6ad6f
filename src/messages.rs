//! Every message the tool shows about a problem, in Vietnamese and English.

use crate::input::limits::{Damage, Limit, MB};
use crate::lang::Lang;
use rust_decimal::Decimal;

/// What is wrong. Values are kept as the user typed them so the message can quote them.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    // ---- files ----
    /// A file could not be read at all.
    CannotRead {
        error: String,
    },
    /// The criteria file is not valid TOML or has a wrong key or type.
    TomlSyntax {
        error: String,
    },
    /// A required CSV column is missing.
    MissingColumn {
        column: String,
        found: Vec<String>,
    },
    /// A CSV row could not be split into fields.
    BadCsvRow {
        error: String,
    },
    /// A file in a folder is not a kind we read; it was skipped.
    SkippedFile,
    /// The workbook has no sheet with the answer table.
    NoAnswerTable,
    /// The workbook has no "Mã đơn vị" cell or it is empty.
    NoUnitCode,
    /// The file holds no answers at all.
    EmptyFile,
    // ---- criteria file ----
    EmptyKey {
        key: String,
    },
    DecimalsOutOfRange {
        found: u32,
    },
    YearOutOfRange {
        found: i64,
    },
    NoGroups,
    NoNodes,
    DuplicateGroup {
        id: String,
        first_line: usize,
    },
    BadGroupId {
        id: String,
    },
    BadCode {
        code: String,
    },
    DuplicateCode {
        code: String,
        first_line: usize,
    },
    MissingParent {
        parent: String,
    },
    NotPositive {
        key: String,
        found: String,
    },
    ParentMaxMismatch {
        max: String,
        sum: String,
        group: String,
        children: String,
    },
    RuleKeyOnParent {
        key: String,
    },
    RuleKeyMismatch {
        key: String,
        rule: String,
    },
    RuleNeedsList {
        key: String,
        rule: String,
    },
    LevelPoints {
        answer: String,
        points: String,
        max: String,
    },
    DuplicateLevel {
        answer: String,
    },
    NoTopLevel {
        max: String,
    },
    TierNeedsOneBound {
        position: usize,
    },
    TierPoints {
        position: usize,
        points: String,
        max: String,
    },
    TierUnreachable {
        position: usize,
        bound: String,
        previous: String,
    },
    NoTopTier {
        max: String,
    },
    BadStep {
        step: String,
        max: String,
    },
    UnknownGroupRef {
        group: String,
        known: Vec<String>,
    },
    GroupsNotWithinParent {
        groups: String,
        parent: String,
        parent_groups: String,
    },
    SurveyOptional,
    SourceOnParent,
    BandNeedsOneBound {
        label: String,
    },
    BandUnreachable {
        label: String,
        bound: String,
        previous: String,
    },
    LastBandNotZero {
        label: String,
    },
    DuplicateBand {
        label: String,
    },
    NoBands,
    BadAdjustmentCode {
        code: String,
    },
    GroupHasNoCriteria {
        group: String,
    },
    // ---- units registry ----
    DuplicateUnit {
        first: crate::diag::Location,
    },
    UnknownUnitGroup {
        group: String,
        known: Vec<String>,
    },
    EmptyUnitCode,
    // ---- answers ----
    UnknownUnit,
    UnknownCriterion {
        code: String,
    },
    NumericCode {
        typed: String,
        candidates: Vec<String>,
    },
    DuplicateAnswer {
        first: crate::diag::Location,
    },
    MissingAnswer,
    MissingSurvey,
    NoSurveyFile {
        codes: Vec<String>,
    },
    AnswerForSurvey {
        found: String,
    },
    SurveyForNonSurvey,
    AnswerOnParent {
        found: String,
    },
    NotInGroup {
        group: String,
    },
    NoSubmission,
    // ---- templates and `check` ----
    /// A workbook made from another version of the criteria.
    OtherCriteriaVersion {
        found: String,
        expected: String,
    },
    /// Same version, another checksum: the criteria file changed after the template was made.
    CriteriaChanged {
        version: String,
    },
    /// `check` without a registry cannot tell a unit's group.
    UnitGroupUnknown {
        found: String,
        known: Vec<String>,
    },
    /// `check --stage final`: a leaf has no appraised answer.
    AppraisedMissing,
    /// `check`: an answer claims points but no evidence is given.
    NoEvidence {
        points: String,
    },
    NothingApplicable,
    UnitSkipped {
        errors: usize,
    },
    // ---- answer values ----
    NotANumber {
        found: String,
        allowed: String,
    },
    Negative {
        found: String,
    },
    AboveMax {
        found: String,
        max: String,
    },
    NotMultipleOfStep {
        found: String,
        step: String,
    },
    PercentNotAllowed {
        found: String,
    },
    UnknownLevel {
        found: String,
        allowed: Vec<String>,
    },
    NotYesNo {
        found: String,
    },
    KadNotAllowed {
        found: String,
    },
    ZeroDenominator {
        found: String,
    },
    AboveCap {
        found: String,
        cap: String,
    },
    // ---- versions and year-over-year comparison ----
    /// A node's `was` names a code the old version does not have.
    WasUnknown {
        was: String,
        old_version: String,
    },
    /// Another node already continues the code named by `was`.
    WasTaken {
        was: String,
        first: String,
    },
    /// The new version's `supersedes` does not name the old version.
    SupersedesMismatch {
        supersedes: Option<String>,
        old_version: String,
    },
    /// The two criteria files belong to different schemes.
    SchemeIdDiffers {
        old: String,
        new: String,
    },
    /// A results file is neither the JSON nor the CSV that `cchc score` writes.
    NotResults {
        detail: String,
    },
    /// A value of a results file is missing or unreadable.
    BadResultValue {
        key: String,
        found: String,
    },
    /// A unit appears twice in one results file.
    DuplicateResultUnit {
        first: String,
    },
    /// The criteria file given is not the one the results were computed with.
    CriteriaNotOfResults {
        results: String,
        criteria: String,
    },
    /// The two results come from different criteria; `fields` lists the changed field
    /// maxima as (group, field, previous max, current max).
    ResultsCriteriaChanged {
        previous: String,
        current: String,
        fields: Vec<(String, String, Option<Decimal>, Option<Decimal>)>,
    },
    /// Field maxima were read from the results, not from criteria files.
    FieldMaximaFromResults,
    /// The bands of these groups differ between the two criteria versions.
    ResultsBandsChanged {
        groups: Vec<String>,
    },
    /// CSV results carry no criteria version.
    ResultsVersionUnknown,
    /// Fields of two different versions are paired by their codes.
    FieldsPairedByCode,
    /// A unit-map code that is not in the results it should be in.
    UnitMapUnknown {
        side: String,
        unit: String,
    },
    /// A unit-map row repeats an earlier one.
    UnitMapDuplicate {
        first_row: usize,
    },
    /// A unit was in another group last year; it is not compared.
    UnitGroupChanged {
        previous: String,
        current: String,
    },
    // ---- resource limits ----
    /// An input is over a resource limit (`found` and `allowed` in bytes for sizes).
    OverLimit {
        limit: Limit,
        found: u64,
        allowed: u64,
        /// The zip part, sheet or code concerned.
        part: Option<String>,
    },
    /// A file that cannot be what it claims: damaged, or made to attack the reader.
    Damaged {
        damage: Damage,
    },
}

/// "Lĩnh vực có điểm tối đa thay đổi: khối xa: 7 (13 → 14,5), 8 (23,5 → 22)."
fn field_maxima(
    fields: &[(String, String, Option<Decimal>, Option<Decimal>)],
    lang: Lang,
) -> String {
    if fields.is_empty() {
        return lang
            .pick(
                "Không lĩnh vực nào đổi điểm tối đa.",
                "No field maximum changed.",
            )
            .into();
    }
    let n = |d: &Option<Decimal>| {
        let d = d.unwrap_or_default().normalize().to_string();
        match lang {
            Lang::Vi => d.replace('.', ","),
            Lang::En => d,
        }
    };
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for (g, f, a, b) in fields {
        let item = format!("{f} ({} → {})", n(a), n(b));
        match groups.iter_mut().find(|(x, _)| x == g) {
            Some((_, items)) => items.push(item),
            None => groups.push((g, vec![item])),
        }
    }
    let body = groups
        .iter()
        .map(|(g, items)| format!("{} {g}: {}", lang.pick("khối", "group"), items.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    format!(
        "{}: {body}.",
        lang.pick(
            "Lĩnh vực có điểm tối đa thay đổi",
            "Fields whose maximum changed"
        )
    )
}

/// "1,5" / "1.5": a size in MB with one decimal, rounded up so that it never reads as
/// equal to the limit it is over.
fn mb(bytes: u64) -> (String, String) {
    let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(MB));
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let vi = if tenth == 0 {
        whole.to_string()
    } else {
        format!("{whole},{tenth}")
    };
    let en = vi.replace(',', ".");
    (vi, en)
}

/// "48.000.000.000" / "48,000,000,000": a count with thousands separators.
fn count(n: u64) -> (String, String) {
    let digits = n.to_string();
    let mut en = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            en.push(',');
        }
        en.push(ch);
    }
    (en.replace(',', "."), en)
}

/// The message of an input over a limit, naming the limit and the flag that raises it.
fn over_limit(limit: Limit, found: u64, allowed: u64, part: Option<&str>) -> (String, String) {
    let flag = limit.flag();
    let (fv, fe) = count(found);
    let (av, ae) = count(allowed);
    let quoted = |s: &str| part.map(|p| format!("{s} \"{p}\"")).unwrap_or_default();
    let (vi, en) = match limit {
        Limit::FileSize | Limit::CriteriaSize => {
            let ((fv, fe), (av, ae)) = (mb(found), mb(allowed));
            (
                format!("tệp có {fv} MB, vượt giới hạn {av} MB"),
                format!("the file is {fe} MB, over the limit of {ae} MB"),
            )
        }
        Limit::Unpacked => {
            let ((fv, fe), (av, ae)) = (mb(found), mb(allowed));
            (
                format!("tệp nén giải nén ra {fv} MB, vượt giới hạn {av} MB; có thể là bom nén"),
                format!(
                    "the zipped file unpacks to {fe} MB, over the limit of {ae} MB; possibly a zip bomb"
                ),
            )
        }
        Limit::ZipRatio => (
            format!(
                "{} giải nén ra gấp {fv} lần kích thước nén, vượt giới hạn {av} lần; có thể là bom nén",
                quoted("phần")
            ),
            format!(
                "{} unpacks to {fe} times its packed size, over the limit of {ae}; possibly a zip bomb",
                quoted("part")
            ),
        ),
        Limit::Rows if part.is_some() => (
            format!(
                "{} dùng {fv} dòng, vượt giới hạn {av} dòng",
                quoted("trang tính")
            ),
            format!(
                "{} uses {fe} rows, over the limit of {ae} rows",
                quoted("sheet")
            ),
        ),
        Limit::Rows => (
            format!("có hơn {av} dòng dữ liệu, vượt giới hạn"),
            format!("more than {ae} rows, over the limit"),
        ),
        Limit::Cells => (
            format!(
                "bảng tính cần {fv} ô, vượt giới hạn {av} ô{}",
                part.map(|p| format!(" (\"{p}\")")).unwrap_or_default()
            ),
            format!(
                "the workbook needs {fe} cells, over the limit of {ae}{}",
                part.map(|p| format!(" (\"{p}\")")).unwrap_or_default()
            ),
        ),
        Limit::CodeDepth => (
            format!("{} có {fv} cấp, vượt giới hạn {av} cấp", quoted("mã")),
            format!(
                "{} has {fe} levels, over the limit of {ae}",
                quoted("the code")
            ),
        ),
        Limit::CodeLength => (
            format!("{} dài {fv} ký tự, vượt giới hạn {av} ký tự", quoted("mã")),
            format!(
                "{} is {fe} characters long, over the limit of {ae}",
                quoted("the code")
            ),
        ),
    };
    (
        format!("{vi} (nâng giới hạn bằng {flag})"),
        format!("{en} (raise it with {flag})"),
    )
}

fn damaged(damage: &Damage) -> (String, String) {
    let (vi, en) = match damage {
        Damage::SheetsOverlap => (
            "các trang tính của tệp .xls chồng lên nhau".to_string(),
            "the sheets of the .xls file overlap".to_string(),
        ),
        Damage::BadDimensions => (
            "một trang tính khai báo vùng dữ liệu không thể có".to_string(),
            "a sheet declares an impossible used area".to_string(),
        ),
        Damage::ReaderFailed => (
            "trình đọc bảng tính gặp lỗi trên tệp này".to_string(),
            "the workbook reader failed on this file".to_string(),
        ),
        Damage::Unchecked { error } => (
            format!("không kiểm tra được cấu trúc tệp ({error})"),
            format!("the file's structure could not be checked ({error})"),
        ),
    };
    (
        format!("{vi}: tệp bị hỏng hoặc bị làm giả, không đọc"),
        format!("{en}: the file is damaged or crafted and was not read"),
    )
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Kind {
    /// The message in the chosen language.
    pub fn render(&self, lang: Lang) -> String {
        let (vi, en) = self.texts();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    fn texts(&self) -> (String, String) {
        self.file_texts()
            .or_else(|| self.criteria_texts())
            .or_else(|| self.answer_texts())
            .or_else(|| self.compare_texts())
            .or_else(|| self.check_texts())
            .or_else(|| self.limit_texts())
            .unwrap_or_else(|| self.value_texts())
    }

    fn file_texts(&self) -> Option<(String, String)> {
        use Kind::*;
        Some(match self {
            CannotRead { error } => (
                format!("không đọc được tệp: {error}"),
                format!("cannot read the file: {error}"),
            ),
            TomlSyntax { error } => (
                format!("tệp bộ tiêu chí sai cú pháp hoặc sai khoá:\n{error}"),
                format!("the criteria file has a syntax or key error:\n{error}"),
            ),
            MissingColumn { column, found } => (
                format!("thiếu cột \"{column}\"; dòng tiêu đề có: {}", list(found)),
                format!(
                    "missing column \"{column}\"; the header row has: {}",
                    list(found)
                ),
            ),
            BadCsvRow { error } => (
                format!("dòng CSV không đọc được: {error}"),
                format!("unreadable CSV row: {error}"),
            ),
            SkippedFile => (
                "bỏ qua tệp không phải .xlsx, .xlsm, .xls, .xlsb, .ods hay .csv".into(),
                "skipped a file that is not .xlsx, .xlsm, .xls, .xlsb, .ods or .csv".into(),
            ),
            NoAnswerTable => (
                "không có trang tính nào chứa bảng với các cột \"Mã\" và \"Tự đánh giá\"".into(),
                "no sheet holds a table with the columns \"Mã\" and \"Tự đánh giá\"".into(),
            ),
            NoUnitCode => (
                "không tìm thấy ô \"Mã đơn vị\" có mã đơn vị ở ô bên phải".into(),
                "no cell \"Mã đơn vị\" with the unit code in the cell to its right".into(),
            ),
            EmptyFile => (
                "tệp không có dòng dữ liệu nào".into(),
                "the file has no data rows".into(),
            ),
            _ => return None,
        })
    }

    fn criteria_texts(&self) -> Option<(String, String)> {
        use Kind::*;
        Some(match self {
            EmptyKey { key } => (
                format!("khoá \"{key}\" không được để trống"),
                format!("key \"{key}\" must not be empty"),
            ),
            DecimalsOutOfRange { found } => (
                format!("decimals = {found}; cho phép từ 0 đến 6"),
                format!("decimals = {found}; allowed: 0 to 6"),
            ),
            YearOutOfRange { found } => (
                format!("year = {found}; cho phép từ 2000 đến 2100"),
                format!("year = {found}; allowed: 2000 to 2100"),
            ),
            NoGroups => (
                "cần ít nhất một [[group]]".into(),
                "at least one [[group]] is required".into(),
            ),
            NoNodes => (
                "cần ít nhất một [[node]]".into(),
                "at least one [[node]] is required".into(),
            ),
            DuplicateGroup { id, first_line } => (
                format!("khối \"{id}\" đã khai báo ở dòng {first_line}"),
                format!("group \"{id}\" is already declared on line {first_line}"),
            ),
            BadGroupId { id } => (
                format!("mã khối \"{id}\" không hợp lệ; chỉ dùng chữ, số, \"-\" và \"_\""),
                format!("group id \"{id}\" is not valid; use letters, digits, \"-\" and \"_\""),
            ),
            BadCode { code } => (
                format!(
                    "mã \"{code}\" không hợp lệ; mã phải là các số cách nhau bởi dấu chấm, ví dụ 1, 1.2, 1.2.3"
                ),
                format!(
                    "code \"{code}\" is not valid; codes are numbers separated by dots, e.g. 1, 1.2, 1.2.3"
                ),
            ),
            DuplicateCode { code, first_line } => (
                format!("mã \"{code}\" trùng với mã ở dòng {first_line}"),
                format!("code \"{code}\" repeats the code on line {first_line}"),
            ),
            MissingParent { parent } => (
                format!("không có nút cha \"{parent}\""),
                format!("parent node \"{parent}\" does not exist"),
            ),
            NotPositive { key, found } => (
                format!("{key} = {found}; phải lớn hơn 0"),
                format!("{key} = {found}; must be greater than 0"),
            ),
            ParentMaxMismatch {
                max,
                sum,
                group,
                children,
            } => (
                format!(
                    "điểm tối đa {max} khác tổng điểm tối đa các nút con {sum} (khối \"{group}\": {children})"
                ),
                format!(
                    "max {max} differs from the sum of its children's max {sum} (group \"{group}\": {children})"
                ),
            ),
            RuleKeyOnParent { key } => (
                format!("nút có nút con không được có khoá \"{key}\" (chỉ nút lá được chấm điểm)"),
                format!("a node with children must not have \"{key}\" (only leaves are scored)"),
            ),
            RuleKeyMismatch { key, rule } => (
                format!("khoá \"{key}\" không dùng với score = \"{rule}\""),
                format!("key \"{key}\" does not go with score = \"{rule}\""),
            ),
            RuleNeedsList { key, rule } => (
                format!("score = \"{rule}\" cần danh sách \"{key}\" không rỗng"),
                format!("score = \"{rule}\" needs a non-empty \"{key}\" list"),
            ),
            LevelPoints {
                answer,
                points,
                max,
            } => (
                format!("mức \"{answer}\" cho {points} điểm, ngoài khoảng [0, {max}]"),
                format!("level \"{answer}\" gives {points} points, outside [0, {max}]"),
            ),
            DuplicateLevel { answer } => (
                format!("mức \"{answer}\" bị lặp"),
                format!("level \"{answer}\" is repeated"),
            ),
            NoTopLevel { max } => (
                format!("không mức nào cho điểm tối đa {max}"),
                format!("no level gives the maximum {max}"),
            ),
            TierNeedsOneBound { position } => (
                format!("bậc thứ {position} cần đúng một trong hai khoá \"above\" hoặc \"min\""),
                format!("tier {position} needs exactly one of \"above\" or \"min\""),
            ),
            TierPoints {
                position,
                points,
                max,
            } => (
                format!("bậc thứ {position} cho {points} điểm, ngoài khoảng [0, {max}]"),
                format!("tier {position} gives {points} points, outside [0, {max}]"),
            ),
            TierUnreachable {
                position,
                bound,
                previous,
            } => (
                format!(
                    "bậc thứ {position} ({bound}) không bao giờ được chọn vì bậc trước ({previous}) đã bao trùm; xếp các bậc từ cao xuống thấp"
                ),
                format!(
                    "tier {position} ({bound}) can never be chosen because the tier before it ({previous}) covers it; order tiers from high to low"
                ),
            ),
            NoTopTier { max } => (
                format!("không bậc nào cho điểm tối đa {max}"),
                format!("no tier gives the maximum {max}"),
            ),
            BadStep { step, max } => (
                format!("step = {step} phải lớn hơn 0 và chia hết điểm tối đa {max}"),
                format!("step = {step} must be greater than 0 and divide the max {max}"),
            ),
            UnknownGroupRef { group, known } => (
                format!(
                    "khối \"{group}\" chưa khai báo; các khối có: {}",
                    list(known)
                ),
                format!(
                    "group \"{group}\" is not declared; declared groups: {}",
                    list(known)
                ),
            ),
            GroupsNotWithinParent {
                groups,
                parent,
                parent_groups,
            } => (
                format!(
                    "groups = [{groups}] vượt ra ngoài khối của nút cha {parent} ([{parent_groups}])"
                ),
                format!(
                    "groups = [{groups}] go beyond the groups of parent {parent} ([{parent_groups}])"
                ),
            ),
            SurveyOptional => (
                "tiêu chí điều tra XHH (source = \"survey\") không được đặt optional = true".into(),
                "a survey criterion (source = \"survey\") cannot be optional = true".into(),
            ),
            SourceOnParent => (
                "chỉ nút lá mới có source = \"survey\"".into(),
                "only a leaf can have source = \"survey\"".into(),
            ),
            BandNeedsOneBound { label } => (
                format!(
                    "mức xếp loại \"{label}\" cần đúng một trong hai khoá \"above\" hoặc \"min\""
                ),
                format!("band \"{label}\" needs exactly one of \"above\" or \"min\""),
            ),
            BandUnreachable {
                label,
                bound,
                previous,
            } => (
                format!(
                    "mức xếp loại \"{label}\" ({bound}) không bao giờ đạt được vì mức trước ({previous}) đã bao trùm; xếp từ cao xuống thấp"
                ),
                format!(
                    "band \"{label}\" ({bound}) can never be reached because the band before it ({previous}) covers it; order bands from high to low"
                ),
            ),
            LastBandNotZero { label } => (
                format!(
                    "mức xếp loại cuối \"{label}\" phải là min = 0 để mọi chỉ số đều được xếp loại"
                ),
                format!(
                    "the last band \"{label}\" must be min = 0 so that every index gets a band"
                ),
            ),
            DuplicateBand { label } => (
                format!("mức xếp loại \"{label}\" bị lặp"),
                format!("band \"{label}\" is repeated"),
            ),
            NoBands => (
                "khối cần danh sách bands không rỗng".into(),
                "the group needs a non-empty bands list".into(),
            ),
            BadAdjustmentCode { code } => (
                format!(
                    "mã điểm thưởng/điểm trừ \"{code}\" không hợp lệ; dùng chữ và số, bắt đầu bằng chữ (ví dụ T1, TR1) và không trùng mã tiêu chí"
                ),
                format!(
                    "bonus/penalty code \"{code}\" is not valid; use letters and digits starting with a letter (e.g. T1, TR1), distinct from criteria codes"
                ),
            ),
            GroupHasNoCriteria { group } => (
                format!("khối \"{group}\" không có tiêu chí nào"),
                format!("group \"{group}\" has no criteria"),
            ),
            _ => return None,
        })
    }

    fn answer_texts(&self) -> Option<(String, String)> {
        use Kind::*;
        Some(match self {
            DuplicateUnit { first } => (
                format!("mã đơn vị trùng với {}", first.render(Lang::Vi)),
                format!("unit code repeats {}", first.render(Lang::En)),
            ),
            UnknownUnitGroup { group, known } => (
                format!(
                    "khối \"{group}\" không có trong bộ tiêu chí; các khối có: {}",
                    list(known)
                ),
                format!(
                    "group \"{group}\" is not in the criteria file; its groups are: {}",
                    list(known)
                ),
            ),
            EmptyUnitCode => ("mã đơn vị để trống".into(), "the unit code is empty".into()),
            UnknownUnit => (
                "đơn vị không có trong danh sách đơn vị (--units)".into(),
                "the unit is not in the units registry (--units)".into(),
            ),
            UnknownCriterion { code } => (
                format!("mã tiêu chí \"{code}\" không có trong bộ tiêu chí"),
                format!("criterion code \"{code}\" is not in the criteria file"),
            ),
            NumericCode { typed, candidates } => (
                format!(
                    "mã \"{typed}\" được lưu dạng số nên không phân biệt được giữa {}; nhập mã dạng văn bản",
                    list(candidates)
                ),
                format!(
                    "code \"{typed}\" is stored as a number, so it cannot be told apart from {}; enter the code as text",
                    list(candidates)
                ),
            ),
            DuplicateAnswer { first } => (
                format!("tiêu chí đã có câu trả lời ở {}", first.render(Lang::Vi)),
                format!(
                    "the criterion already has an answer at {}",
                    first.render(Lang::En)
                ),
            ),
            MissingAnswer => (
                "thiếu câu trả lời (chưa tự đánh giá)".into(),
                "the answer is missing (no self-assessment)".into(),
            ),
            MissingSurvey => (
                "thiếu kết quả điều tra XHH trong tệp --survey".into(),
                "no survey result in the --survey file".into(),
            ),
            NoSurveyFile { codes } => (
                format!(
                    "bộ tiêu chí có tiêu chí chấm qua điều tra XHH ({}) nhưng không có tệp --survey",
                    codes.join(", ")
                ),
                format!(
                    "the criteria include survey criteria ({}) but no --survey file was given",
                    codes.join(", ")
                ),
            ),
            AnswerForSurvey { found } => (
                format!(
                    "đơn vị ghi \"{found}\" cho tiêu chí chấm qua điều tra XHH; điểm này lấy từ tệp --survey, đơn vị để trống"
                ),
                format!(
                    "the unit wrote \"{found}\" for a survey criterion; its points come from the --survey file, leave it blank"
                ),
            ),
            SurveyForNonSurvey => (
                "tiêu chí này không chấm qua điều tra XHH (không có source = \"survey\")".into(),
                "this criterion is not scored by the survey (no source = \"survey\")".into(),
            ),
            AnswerOnParent { found } => (
                format!(
                    "\"{found}\" ghi ở tiêu chí có tiêu chí con; chỉ chấm ở tiêu chí thành phần, tổng được tính lại"
                ),
                format!(
                    "\"{found}\" is written on a criterion that has sub-criteria; only sub-criteria are scored, totals are recomputed"
                ),
            ),
            NotInGroup { group } => (
                format!("tiêu chí không áp dụng cho khối \"{group}\"; câu trả lời bị bỏ qua"),
                format!("the criterion does not apply to group \"{group}\"; the answer is ignored"),
            ),
            NoSubmission => (
                "không có bài tự đánh giá nào của đơn vị".into(),
                "no submission from this unit".into(),
            ),
            NothingApplicable => (
                "mọi tiêu chí đều không áp dụng (KAD); không tính được chỉ số".into(),
                "every criterion is not applicable (KAD); the index cannot be computed".into(),
            ),
            UnitSkipped { errors } => (
                format!("đơn vị không được chấm vì có {errors} lỗi (--skip-invalid)"),
                format!("the unit was not scored because of {errors} error(s) (--skip-invalid)"),
            ),
            _ => return None,
        })
    }

    fn compare_texts(&self) -> Option<(String, String)> {
        use Kind::*;
        Some(match self {
            WasUnknown { was, old_version } => (
                format!("was = \"{was}\": phiên bản {old_version} không có tiêu chí mã này; coi là tiêu chí mới"),
                format!("was = \"{was}\": version {old_version} has no node with this code; treated as added"),
            ),
            WasTaken { was, first } => (
                format!("was = \"{was}\" đã được tiêu chí {first} nhận; coi là tiêu chí mới"),
                format!("was = \"{was}\" is already continued by {first}; treated as added"),
            ),
            SupersedesMismatch { supersedes, old_version } => match supersedes {
                Some(s) => (
                    format!("phiên bản mới ghi supersedes = \"{s}\", nhưng phiên bản cũ là {old_version}; tiêu chí được ghép theo mã, không theo khoá was"),
                    format!("the new version says supersedes = \"{s}\", but the old one is {old_version}; nodes are matched by code, not by their was keys"),
                ),
                None => (
                    format!("phiên bản mới không ghi supersedes; phiên bản cũ là {old_version}; tiêu chí được ghép theo mã, không theo khoá was"),
                    format!("the new version states no supersedes; the old one is {old_version}; nodes are matched by code, not by their was keys"),
                ),
            },
            SchemeIdDiffers { old, new } => (
                format!("hai tệp thuộc hai bộ chỉ số khác nhau (\"{old}\" và \"{new}\")"),
                format!("the two files belong to different schemes (\"{old}\" and \"{new}\")"),
            ),
            NotResults { detail } => (
                format!("không phải tệp kết quả của cchc score (JSON hoặc CSV): {detail}"),
                format!("not a results file written by cchc score (JSON or CSV): {detail}"),
            ),
            BadResultValue { key, found } => (
                format!("giá trị \"{key}\" thiếu hoặc không đọc được: \"{found}\""),
                format!("value \"{key}\" is missing or unreadable: \"{found}\""),
            ),
            DuplicateResultUnit { first } => (
                format!("đơn vị đã có ở {first}"),
                format!("the unit is already listed at {first}"),
            ),
            CriteriaNotOfResults { results, criteria } => (
                format!("kết quả được tính theo bộ tiêu chí có SHA-256 {results}, không phải tệp này ({criteria}); kiểm tra --criteria và --previous-criteria"),
                format!("the results were computed with criteria of SHA-256 {results}, not with this file ({criteria}); check --criteria and --previous-criteria"),
            ),
            ResultsCriteriaChanged { previous, current, fields } => (
                format!(
                    "hai kết quả được tính theo hai bộ tiêu chí khác nhau ({previous} → {current}); chỉ số hai năm không hoàn toàn so sánh được. {}",
                    field_maxima(fields, Lang::Vi)
                ),
                format!(
                    "the two results come from different criteria ({previous} → {current}); their indices are not fully comparable. {}",
                    field_maxima(fields, Lang::En)
                ),
            ),
            ResultsBandsChanged { groups } => (
                format!(
                    "ngưỡng xếp loại của khối {} khác nhau giữa hai năm; đơn vị có thể đổi xếp loại dù chỉ số không đổi (xem cchc criteria diff)",
                    groups.join(", ")
                ),
                format!(
                    "the bands of group(s) {} differ between the years; a unit may change band with the same index (see cchc criteria diff)",
                    groups.join(", ")
                ),
            ),
            FieldMaximaFromResults => (
                "điểm tối đa của lĩnh vực lấy theo giá trị lớn nhất trong kết quả của các đơn vị cùng khối (đơn vị có tiêu chí KAD có điểm tối đa thấp hơn); cho --criteria và --previous-criteria để dùng đúng điểm tối đa trong bộ tiêu chí".into(),
                "field maxima are the largest maximum among the group's units in the results (units with KAD criteria have less); give --criteria and --previous-criteria for the maxima of the criteria files".into(),
            ),
            ResultsVersionUnknown => (
                "kết quả dạng CSV không ghi phiên bản bộ tiêu chí nên không kiểm tra được hai năm có cùng bộ tiêu chí hay không; dùng kết quả JSON hoặc cho --criteria và --previous-criteria".into(),
                "CSV results state no criteria version, so whether both years used the same criteria cannot be checked; use the JSON results or give --criteria and --previous-criteria".into(),
            ),
            FieldsPairedByCode => (
                "lĩnh vực của hai năm được ghép theo mã; cho --criteria và --previous-criteria để ghép theo khoá was của bộ tiêu chí".into(),
                "fields of the two years are paired by code; give --criteria and --previous-criteria to pair them by the criteria's was keys".into(),
            ),
            UnitMapUnknown { side, unit } => (
                format!("mã đơn vị \"{unit}\" (cột {side}) không có trong kết quả tương ứng"),
                format!("unit \"{unit}\" (column {side}) is not in the matching results"),
            ),
            UnitMapDuplicate { first_row } => (
                format!("dòng này trùng với dòng {first_row}"),
                format!("this row repeats row {first_row}"),
            ),
            UnitGroupChanged { previous, current } => (
                format!("năm trước đơn vị thuộc khối \"{previous}\", năm nay thuộc khối \"{current}\"; không so sánh thứ hạng, chỉ số giữa hai khối"),
                format!("last year the unit was in group \"{previous}\", now in \"{current}\"; ranks and indices are not compared across groups"),
            ),
            _ => return None,
        })
    }

    fn check_texts(&self) -> Option<(String, String)> {
        use Kind::*;
        Some(match self {
            OtherCriteriaVersion { found, expected } => (
                format!(
                    "tệp được tạo từ bộ tiêu chí \"{found}\", không phải bộ tiêu chí \"{expected}\" đang dùng; chép câu trả lời sang mẫu mới (cchc template)"
                ),
                format!(
                    "the file was made from the criteria \"{found}\", not from \"{expected}\" in use; copy the answers into a new template (cchc template)"
                ),
            ),
            CriteriaChanged { version } => (
                format!(
                    "mẫu được tạo từ bộ tiêu chí \"{version}\" nhưng mã kiểm tra khác: tệp bộ tiêu chí đã bị sửa sau khi tạo mẫu; đối chiếu lại cách chấm"
                ),
                format!(
                    "the template was made from the criteria \"{version}\" but its checksum differs: the criteria file was edited after the template was made; compare the rules"
                ),
            ),
            UnitGroupUnknown { found, known } => (
                format!(
                    "không xác định được khối của đơn vị (ô \"Khối\": \"{found}\"); dùng --units hoặc ghi một trong các khối: {}",
                    list(known)
                ),
                format!(
                    "the unit's group is unknown (cell \"Khối\": \"{found}\"); give --units or write one of the groups: {}",
                    list(known)
                ),
            ),
            AppraisedMissing => (
                "chưa có câu trả lời thẩm định (cột Thẩm định để trống)".into(),
                "no appraised answer (the appraisal column is blank)".into(),
            ),
            NoEvidence { points } => (
                format!("câu trả lời được {points} điểm nhưng không có tài liệu kiểm chứng"),
                format!("the answer claims {points} points but no evidence is given"),
            ),
            _ => return None,
        })
    }

    fn limit_texts(&self) -> Option<(String, String)> {
        match self {
            Kind::OverLimit {
                limit,
                found,
                allowed,
                part,
            } => Some(over_limit(*limit, *found, *allowed, part.as_deref())),
            Kind::Damaged { damage } => Some(damaged(damage)),
            _ => None,
        }
    }

    fn value_texts(&self) -> (String, String) {
        use Kind::*;
        match self {
            NotANumber { found, allowed } => (
                format!("\"{found}\" không phải là số; cho phép: {allowed}"),
                format!("\"{found}\" is not a number; allowed: {allowed}"),
            ),
            Negative { found } => (
                format!("{found} là số âm; cho phép từ 0 trở lên"),
                format!("{found} is negative; allowed: 0 or more"),
            ),
            AboveMax { found, max } => (
                format!("điểm {found} vượt điểm tối đa {max}"),
                format!("points {found} exceed the maximum {max}"),
            ),
            NotMultipleOfStep { found, step } => (
                format!("điểm {found} không phải bội số của bước {step}"),
                format!("points {found} are not a multiple of the step {step}"),
            ),
            PercentNotAllowed { found } => (
                format!("\"{found}\" là tỷ lệ %, tiêu chí này nhập số điểm"),
                format!("\"{found}\" is a percentage; this criterion takes points"),
            ),
            UnknownLevel { found, allowed } => (
                format!(
                    "\"{found}\" không phải mức hợp lệ; cho phép: {}",
                    list(allowed)
                ),
                format!(
                    "\"{found}\" is not a valid level; allowed: {}",
                    list(allowed)
                ),
            ),
            NotYesNo { found } => (
                format!(
                    "\"{found}\" không hợp lệ; cho phép: \"Có\"/\"Không\", \"Đạt\"/\"Không đạt\", 1/0"
                ),
                format!(
                    "\"{found}\" is not valid; allowed: \"Có\"/\"Không\", \"Đạt\"/\"Không đạt\", 1/0"
                ),
            ),
            KadNotAllowed { found } => (
                format!(
                    "\"{found}\" (không áp dụng) không được phép: tiêu chí này bắt buộc với mọi đơn vị"
                ),
                format!(
                    "\"{found}\" (not applicable) is not allowed: this criterion applies to every unit"
                ),
            ),
            ZeroDenominator { found } => (
                format!("\"{found}\" có mẫu số bằng 0"),
                format!("\"{found}\" has a zero denominator"),
            ),
            AboveCap { found, cap } => (
                format!("điểm {found} vượt mức trần {cap}"),
                format!("points {found} exceed the cap {cap}"),
            ),
            _ => (format!("{self:?}"), format!("{self:?}")),
        }
    }
}
