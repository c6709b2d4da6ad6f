//! Messages about the criteria file: its keys, scheme, groups, codes, maxima and tree.

use super::words::list;

/// The criteria file: its keys, scheme, groups, codes and maxima.
#[derive(Clone, Debug, PartialEq)]
pub enum CriteriaKind {
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
    BadAdjustmentCode {
        code: String,
    },
    /// A number over the bound every number of a criteria file is held to.
    NumberOutOfBounds {
        key: String,
        found: String,
    },
}

impl CriteriaKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use CriteriaKind::*;
        match self {
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
            NumberOutOfBounds { key, found } => out_of_bounds(key, found),
            BadAdjustmentCode { code } => (
                format!(
                    "mã điểm thưởng/điểm trừ \"{code}\" không hợp lệ; dùng chữ và số, bắt đầu bằng chữ (ví dụ T1, TR1) và không trùng mã tiêu chí"
                ),
                format!(
                    "bonus/penalty code \"{code}\" is not valid; use letters and digits starting with a letter (e.g. T1, TR1), distinct from criteria codes"
                ),
            ),
        }
    }
}

/// The criteria tree: which groups a node applies to, survey sources, rule keys.
#[derive(Clone, Debug, PartialEq)]
pub enum TreeKind {
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
    GroupHasNoCriteria {
        group: String,
    },
    /// Some children exist for other groups only, and the max is neither the sum of
    /// the children of this group (alternatives) nor the sum of all children (nominal).
    ParentMaxNeither {
        max: String,
        group_sum: String,
        all_sum: String,
        group: String,
        children: String,
    },
    BadStep {
        step: String,
        max: String,
    },
}

impl TreeKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use TreeKind::*;
        match self {
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
            ParentMaxNeither {
                max,
                group_sum,
                all_sum,
                group,
                children,
            } => (
                format!(
                    "điểm tối đa {max} không bằng tổng điểm tối đa các nút con áp dụng cho khối \"{group}\" ({group_sum}: {children}), cũng không bằng tổng điểm tối đa của mọi nút con ({all_sum}, điểm tối đa danh nghĩa)"
                ),
                format!(
                    "max {max} is neither the sum of the children that apply to group \"{group}\" ({group_sum}: {children}) nor the sum of all its children ({all_sum}, a nominal maximum)"
                ),
            ),
            GroupHasNoCriteria { group } => (
                format!("khối \"{group}\" không có tiêu chí nào"),
                format!("group \"{group}\" has no criteria"),
            ),
            BadStep { step, max } => (
                format!("step = {step} phải lớn hơn 0 và chia hết điểm tối đa {max}"),
                format!("step = {step} must be greater than 0 and divide the max {max}"),
            ),
        }
    }
}

/// A number of the criteria file over the bound every number is held to.
fn out_of_bounds(key: &str, found: &str) -> (String, String) {
    (
        format!(
            "{key} = {found} vượt giới hạn: mọi số trong bộ tiêu chí phải từ −1.000.000 đến 1.000.000, tối đa 6 chữ số thập phân"
        ),
        format!(
            "{key} = {found} is out of bounds: every number of a criteria file must be between −1,000,000 and 1,000,000, with at most 6 decimal places"
        ),
    )
}
