//! The wide appraisal sheet an agency of the appraisal council fills (`cchc template
//! --appraisal`): one sheet per group, its units as rows, the agency's criteria as
//! columns (code in the header row, name, maximum and rule above it), a note column per
//! criterion, and, when the submissions are given, each unit's self answer beside the
//! cell (locked, grey). Dropdowns and input messages as in the units' templates; the
//! sheet is protected except for the cells to fill. `--appraisal` reads it back: the
//! header row ("Mã đơn vị", codes) is what the reader looks for, "Loại bảng: Thẩm định"
//! keeps it from being read as another layer, and the criteria stamp as in the units'
//! templates keeps it from being read under another version of the criteria.

use super::layout::{SCHEME_LABEL, SHA_LABEL, lines, scheme_stamp, truncate};
use super::validation;
use crate::base::lang::Lang;
use crate::base::location::cell_ref;
use crate::base::num::format_decimal_in;
use crate::base::xlsx::{CellText, doc_properties};
use crate::criteria::{AdjustmentKind, Criteria, Item, Rule, describe_rule};
use crate::score::assemble::Unit;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// The label of the table's kind, and its value for the appraisal.
pub const KIND_LABEL: &str = "Loại bảng";
/// What `KIND_LABEL` says of an appraisal sheet.
pub const KIND: &str = "Thẩm định";
/// The label of the agency's name.
pub const AGENCY_LABEL: &str = "Cơ quan thẩm định";
/// The header of the unit-code column (what the reader looks for).
pub const UNIT_HEADER: &str = "Mã đơn vị";

/// Rows (0-based) of the layout.
const NAME_ROW: u32 = 8;
const RULE_ROW: u32 = 9;
const HEADER_ROW: u32 = 10;
/// Columns before the criteria: number, unit code, unit name.
const FIRST: u16 = 3;
/// The width of the unit names' column.
const NAME_WIDTH: f64 = 34.0;

/// What to write.
pub struct Request<'a> {
    pub criteria: &'a Criteria,
    /// The registered units (any group; one sheet per group that has units).
    pub units: &'a [Unit],
    /// The criteria the agency appraises (leaves and bonus/penalty items), in tree order.
    pub items: &'a [Item],
    /// The agency's name, if given.
    pub agency: Option<&'a str>,
    /// Each unit's self answers by unit and criterion code (`None`: the submissions
    /// were not given).
    pub self_answers: Option<&'a HashMap<(String, String), String>>,
    pub lang: Lang,
}

struct Styles {
    title: Format,
    label: Format,
    value: Format,
    input_value: Format,
    head: Format,
    name: Format,
    unit: Format,
    shown: Format,
    answer: Format,
    answer_number: Format,
    note: Format,
    hint: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold(),
            value: Format::new().set_border(FormatBorder::Thin),
            input_value: Format::new().set_border(FormatBorder::Thin).set_unlocked(),
            head: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xB4C6E7)),
            name: cell
                .clone()
                .set_font_size(9)
                .set_background_color(Color::RGB(0xE7EEF7)),
            unit: cell.clone().set_background_color(Color::RGB(0xF2F2F2)),
            shown: cell
                .clone()
                .set_italic()
                .set_num_format("@")
                .set_background_color(Color::RGB(0xD9D9D9)),
            answer: cell
                .clone()
                .set_unlocked()
                .set_num_format("@")
                .set_background_color(Color::RGB(0xFFF2CC)),
            answer_number: cell
                .clone()
                .set_unlocked()
                .set_background_color(Color::RGB(0xFFF2CC)),
            note: cell.set_unlocked().set_num_format("@"),
            hint: Format::new().set_italic().set_font_size(9).set_text_wrap(),
        }
    }
}

/// The code, name, maximum, rule and whether its answers are plain numbers.
struct Column {
    code: String,
    name: String,
    rule: String,
    number: bool,
    item: Item,
}

fn columns(c: &Criteria, items: &[Item], group: &str, lang: Lang) -> Vec<Column> {
    items
        .iter()
        .filter_map(|&item| match item {
            Item::Node(n) => {
                let node = &c.nodes[n];
                if !node.applies_to(group) || node.survey || !node.is_leaf() {
                    return None;
                }
                let rule = format!(
                    "{} {} — {}",
                    lang.pick("Tối đa", "Max"),
                    format_decimal_in(node.max, lang),
                    describe_rule(node, lang)
                );
                Some(Column {
                    code: node.code.clone(),
                    name: node.name.clone(),
                    rule,
                    number: matches!(node.rule, Some(Rule::Points { .. })),
                    item,
                })
            }
            Item::Adjustment(a) => {
                let adj = &c.adjustments[a];
                let kind = match adj.kind {
                    AdjustmentKind::Bonus => lang.pick("Điểm thưởng, tối đa", "Bonus, at most"),
                    AdjustmentKind::Penalty => lang.pick("Điểm trừ, tối đa", "Penalty, at most"),
                };
                Some(Column {
                    code: adj.code.clone(),
                    name: adj.name.clone(),
                    rule: format!("{kind} {}", format_decimal_in(adj.cap, lang)),
                    number: true,
                    item,
                })
            }
        })
        .collect()
}

/// The workbook's bytes.
pub fn workbook(req: &Request) -> Result<Vec<u8>, XlsxError> {
    let c = req.criteria;
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties(
        &c.scheme.title,
        crate::base::xlsx::CATEGORY_TEMPLATE,
    ));
    let st = Styles::new();
    let mut names: Vec<String> = Vec::new();
    for g in &c.groups {
        let units: Vec<&Unit> = req.units.iter().filter(|u| u.group == g.id).collect();
        let cols = columns(c, req.items, &g.id, req.lang);
        if units.is_empty() || cols.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        let name = sheet_name(&g.name, &names);
        ws.set_name(&name)?;
        names.push(name);
        sheet(ws, req, &g.name, &units, &cols, &st)?;
    }
    if names.is_empty() {
        let ws = wb.add_worksheet();
        ws.write_plain(
            0,
            0,
            req.lang.pick(
                "Không có đơn vị nào có tiêu chí được chọn.",
                "No unit has any of the chosen criteria.",
            ),
        )?;
    }
    wb.save_to_buffer()
}

/// A sheet name Excel accepts (31 characters, no []:*?/\), unique in the workbook.
fn sheet_name(group: &str, taken: &[String]) -> String {
    let clean: String = group
        .chars()
        .map(|ch| if "[]:*?/\\".contains(ch) { '-' } else { ch })
        .collect();
    let mut name = truncate(clean.trim(), 31);
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{} ({n})", truncate(clean.trim(), 26));
        n += 1;
    }
    name
}

/// The columns of a criterion: its self answers (when shown), the appraised answer,
/// the note.
fn block_width(shown: bool) -> u16 {
    if shown { 3 } else { 2 }
}

fn sheet(
    ws: &mut Worksheet,
    req: &Request,
    group_name: &str,
    units: &[&Unit],
    cols: &[Column],
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = req.lang;
    let shown = req.self_answers.is_some();
    let w = block_width(shown);
    let last = FIRST + w * cols.len() as u16 - 1;
    metadata(ws, req, group_name, st)?;
    let hint_end = last.min(FIRST + 5);
    ws.merge_text((7, 0), (7, hint_end), hint(shown, l), &st.hint)?;
    ws.set_row_height(7, 45.0)?;
    header(ws, cols, shown, st, l)?;
    rows(ws, req, units, cols, st)?;
    let end = HEADER_ROW + units.len() as u32;
    validations(ws, req, cols, end)?;
    setup(ws, shown, cols.len(), last, end)
}

/// The title, the agency, the group, the criteria stamp and the table's kind.
fn metadata(
    ws: &mut Worksheet,
    req: &Request,
    group_name: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let (c, l) = (req.criteria, req.lang);
    let title = format!(
        "{} {}",
        l.pick(
            "BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CCHC NĂM",
            "PAR INDEX APPRAISAL SHEET"
        ),
        c.scheme.year
    );
    ws.write_text(0, 0, &title, &st.title)?;
    ws.write_plain(1, 0, &c.scheme.title)?;
    let meta: [(&str, String, bool); 5] = [
        (
            AGENCY_LABEL,
            req.agency.unwrap_or("").to_string(),
            req.agency.is_none(),
        ),
        ("Khối", group_name.to_string(), false),
        (SCHEME_LABEL, scheme_stamp(c), false),
        (SHA_LABEL, c.sha256.clone(), false),
        (KIND_LABEL, KIND.to_string(), false),
    ];
    for (i, (label, value, input)) in meta.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_text(r, 1, *label, &st.label)?;
        let fmt = if *input { &st.input_value } else { &st.value };
        ws.write_text(r, 2, value, fmt)?;
    }
    Ok(())
}

/// The criteria's names and rules above the header row, and the header row.
fn header(
    ws: &mut Worksheet,
    cols: &[Column],
    shown: bool,
    st: &Styles,
    l: Lang,
) -> Result<(), XlsxError> {
    let w = block_width(shown);
    for (h, text) in [(0u16, "STT"), (1, UNIT_HEADER), (2, "Tên đơn vị")] {
        ws.write_text(HEADER_ROW, h, text, &st.head)?;
        ws.write_blank(NAME_ROW, h, &st.head)?;
        ws.write_blank(RULE_ROW, h, &st.head)?;
    }
    let mut tallest = 1.0f64;
    for (k, col) in cols.iter().enumerate() {
        let x = FIRST + w * k as u16;
        let width = 14.0 * f64::from(w);
        tallest = tallest
            .max(lines(&col.rule, width))
            .max(lines(&col.name, width));
        ws.merge_text(
            (NAME_ROW, x),
            (NAME_ROW, x + w - 1),
            format!("{} {}", col.code, col.name),
            &st.name,
        )?;
        ws.merge_text((RULE_ROW, x), (RULE_ROW, x + w - 1), &col.rule, &st.name)?;
        let mut at = x;
        if shown {
            let text = format!("{} {}", col.code, l.pick("tự đánh giá", "self"));
            ws.write_text(HEADER_ROW, at, &text, &st.head)?;
            at += 1;
        }
        ws.write_text(HEADER_ROW, at, &col.code, &st.head)?;
        let note = format!("{} {}", col.code, l.pick("nhận xét", "note"));
        ws.write_text(HEADER_ROW, at + 1, &note, &st.head)?;
    }
    ws.set_row_height(NAME_ROW, 15.0 * tallest.min(8.0) + 1.0)?;
    ws.set_row_height(RULE_ROW, 15.0 * tallest.min(8.0) + 1.0)?;
    ws.set_row_height(HEADER_ROW, 30.0)?;
    Ok(())
}

/// One row per unit: its code and name, its self answers (when shown), the cells to fill.
fn rows(
    ws: &mut Worksheet,
    req: &Request,
    units: &[&Unit],
    cols: &[Column],
    st: &Styles,
) -> Result<(), XlsxError> {
    let w = block_width(req.self_answers.is_some());
    for (i, u) in units.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.unit)?;
        ws.write_text(r, 1, &u.code, &st.unit)?;
        ws.write_text(r, 2, &u.name, &st.unit)?;
        ws.set_row_height(r, 15.0 * lines(&u.name, NAME_WIDTH) + 1.0)?;
        for (k, col) in cols.iter().enumerate() {
            let mut at = FIRST + w * k as u16;
            if let Some(answers) = req.self_answers {
                let text = answers
                    .get(&(u.code.clone(), col.code.clone()))
                    .map_or("", String::as_str);
                ws.write_text(r, at, text, &st.shown)?;
                at += 1;
            }
            let fmt = if col.number {
                &st.answer_number
            } else {
                &st.answer
            };
            ws.write_blank(r, at, fmt)?;
            ws.write_blank(r, at + 1, &st.note)?;
        }
    }
    Ok(())
}

/// Dropdowns, ranges and input messages on each criterion's cells, as in the units'
/// templates.
fn validations(
    ws: &mut Worksheet,
    req: &Request,
    cols: &[Column],
    end: u32,
) -> Result<(), XlsxError> {
    let (c, l) = (req.criteria, req.lang);
    let shown = req.self_answers.is_some();
    let w = block_width(shown);
    let first = HEADER_ROW + 1;
    for (k, col) in cols.iter().enumerate() {
        let at = FIRST + w * k as u16 + u16::from(shown);
        let top = cell_ref(first as usize, at as usize);
        let v = match col.item {
            Item::Node(n) => validation::leaf(&c.nodes[n], &top, l)?,
            Item::Adjustment(a) => Some(validation::adjustment(&c.adjustments[a], l)?),
        };
        if let Some(v) = v {
            ws.add_data_validation(first, at, end, at, &v)?;
        }
    }
    Ok(())
}

fn hint(shown: bool, l: Lang) -> &'static str {
    match (shown, l) {
        (true, Lang::Vi) => {
            "Ghi kết quả thẩm định vào các ô nền vàng (cột mang mã tiêu chí) khi khác với tự đánh giá (cột nền xám bên trái); để trống nếu giữ kết quả tự đánh giá. Cột \"nhận xét\" ghi ý kiến thẩm định. Không sửa mã đơn vị, mã tiêu chí."
        }
        (false, Lang::Vi) => {
            "Ghi kết quả thẩm định vào các ô nền vàng (cột mang mã tiêu chí) khi khác với tự đánh giá; để trống nếu giữ kết quả tự đánh giá. Cột \"nhận xét\" ghi ý kiến thẩm định. Không sửa mã đơn vị, mã tiêu chí."
        }
        (true, Lang::En) => {
            "Write the appraised answer in the yellow cells (the columns headed by a criterion code) where it differs from the self answer (the grey column to the left); leave it blank to keep the self answer. The \"note\" columns take the appraisal comments. Do not change unit or criterion codes."
        }
        (false, Lang::En) => {
            "Write the appraised answer in the yellow cells (the columns headed by a criterion code) where it differs from the self answer; leave it blank to keep the self answer. The \"note\" columns take the appraisal comments. Do not change unit or criterion codes."
        }
    }
}

fn setup(ws: &mut Worksheet, shown: bool, n: usize, last: u16, end: u32) -> Result<(), XlsxError> {
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, NAME_WIDTH)?;
    let w = block_width(shown);
    for k in 0..n as u16 {
        let x = FIRST + w * k;
        if shown {
            ws.set_column_width(x, 12)?;
        }
        ws.set_column_width(x + u16::from(shown), 12)?;
        ws.set_column_width(x + u16::from(shown) + 1, 18)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, FIRST)?;
    ws.set_paper_size(9)
        .set_landscape()
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_print_fit_to_pages(0, 0);
    ws.set_print_area(0, 0, end.max(HEADER_ROW), last)?;
    ws.set_repeat_rows(NAME_ROW, HEADER_ROW)?;
    ws.set_repeat_columns(0, FIRST - 1)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The items an agency appraises: every leaf and bonus/penalty item under the codes
/// given (`--criteria-codes 2,6.1`), or all of them; never a survey leaf. An unknown
/// code is refused with the codes that exist nearby.
pub fn chosen_items(c: &Criteria, codes: &[String]) -> Result<Vec<Item>, Vec<String>> {
    let all = || {
        let leaves = c
            .leaves
            .iter()
            .filter(|&&n| !c.nodes[n].survey)
            .map(|&n| Item::Node(n));
        leaves
            .chain((0..c.adjustments.len()).map(Item::Adjustment))
            .collect::<Vec<_>>()
    };
    if codes.is_empty() {
        return Ok(all());
    }
    let mut unknown = Vec::new();
    let mut wanted: Vec<Item> = Vec::new();
    for code in codes {
        let typed = code.trim();
        let found = c.item(typed).or_else(|| {
            c.adjustments
                .iter()
                .position(|a| a.code.eq_ignore_ascii_case(typed))
                .map(Item::Adjustment)
        });
        match found {
            Some(Item::Node(n)) => {
                let prefix = format!("{}.", c.nodes[n].code);
                wanted.extend(all().into_iter().filter(|i| match i {
                    Item::Node(k) => *k == n || c.nodes[*k].code.starts_with(&prefix),
                    Item::Adjustment(_) => false,
                }));
            }
            Some(a @ Item::Adjustment(_)) => wanted.push(a),
            None => unknown.push(typed.to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(all().into_iter().filter(|i| wanted.contains(i)).collect())
}

/// The file name of an agency's sheet: "Thẩm định - Sở Tư pháp.xlsx", "Thẩm định - tiêu
/// chí 2, 6.1.xlsx", or "Thẩm định.xlsx" for every criterion.
pub fn file_name(agency: Option<&str>, codes: &[String], lang: Lang) -> String {
    let base = lang.pick("Thẩm định", "Appraisal");
    let what = match (agency.map(str::trim).filter(|a| !a.is_empty()), codes) {
        (Some(a), _) => Some(a.to_string()),
        (None, []) => None,
        (None, codes) => Some(format!(
            "{} {}",
            lang.pick("tiêu chí", "criteria"),
            codes.join(", ")
        )),
    };
    let raw = match what {
        Some(w) => format!("{base} - {w}"),
        None => base.to_string(),
    };
    let clean: String = raw
        .chars()
        .map(|ch| {
            if "<>:\"/\\|?*".contains(ch) || ch.is_control() {
                '_'
            } else {
                ch
            }
        })
        .collect();
    format!("{}.xlsx", clean.trim().trim_end_matches('.'))
}

/// Each unit's self answers (as typed) from its submissions, by unit and criterion
/// code, and the problems met reading them.
pub fn self_answers(
    c: &Criteria,
    registry: Vec<crate::input::UnitRecord>,
    inputs: &[std::path::PathBuf],
    exclude: &[std::path::PathBuf],
    limits: &crate::base::limits::Limits,
) -> (
    HashMap<(String, String), String>,
    Vec<crate::base::problem::Problem>,
) {
    use crate::jobs::run;
    use crate::score::assemble::Assembler;
    let mut problems = Vec::new();
    let files = run::self_answer_files(inputs, exclude, &mut problems);
    let mut asm = Assembler::new(c, registry).no_survey(true);
    run::stream(&files, c, limits, &run::ProgressHook::default(), |f| {
        asm.add_file(f)
    });
    let assembled = asm.finish(None, crate::score::stage::Stage::SelfAssessment);
    problems.extend(assembled.problems);
    let mut out = HashMap::new();
    for ua in assembled.units {
        for (pos, leaf) in ua.leaves.iter().enumerate() {
            if let Some(g) = &leaf.self_answer {
                let code = c.nodes[c.leaves[pos]].code.clone();
                out.insert((ua.unit.code.clone(), code), g.text.clone());
            }
        }
        for (adj, a) in c.adjustments.iter().zip(&ua.adjustments) {
            if let Some(g) = &a.self_answer {
                out.insert((ua.unit.code.clone(), adj.code.clone()), g.text.clone());
            }
        }
    }
    (out, problems)
}
