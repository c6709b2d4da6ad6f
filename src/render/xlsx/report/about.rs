//! "Thông tin": what the results were computed from — the scheme, the criteria file and
//! its SHA-256, the publication details given, every input file with its SHA-256, the
//! bands, the `cchc` version and the command line — so that anyone can check and
//! reproduce them.

use super::ranking::bands_text;
use super::style::{
    Styles, fit_height, fit_row, header_row, print_setup, sheet_names, title_block, widths,
};
use crate::base::xlsx::CellText;
use crate::base::xlsx::source_date;
use crate::jobs::explain::steps::rounding_words;
use crate::render::labels;
use crate::render::results::Results;
use crate::score::stage::Stage;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

const WIDTHS: [f64; 4] = [28.0, 56.0, 68.0, 14.0];

/// The publication details given, as (label, value) lines.
fn publication_facts(r: &Results) -> Vec<(&'static str, String)> {
    let (l, p) = (r.lang, r.publication);
    [
        (
            l.pick("Cơ quan công bố", "Issuing authority"),
            p.authority.clone(),
        ),
        (
            l.pick("Quyết định công bố kết quả", "Results decision"),
            p.decision.clone(),
        ),
        (
            l.pick("Ngày công bố", "Results date"),
            p.date.map(|d| d.long(l)),
        ),
        (l.pick("Địa danh", "Place"), p.place.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| Some((label, value?)))
    .collect()
}

/// Whether the survey was held, in words.
pub fn survey_words(r: &Results) -> &'static str {
    let l = r.lang;
    if r.no_survey {
        l.pick(
            "không tổ chức năm nay (--no-survey): các tiêu chí điều tra XHH không áp dụng cho mọi đơn vị và không tính vào điểm tối đa",
            "not held this year (--no-survey): the survey criteria apply to no unit and leave the maximum",
        )
    } else if r.criteria.survey_codes().is_empty() {
        l.pick(
            "bộ tiêu chí không có tiêu chí điều tra XHH",
            "the criteria have no survey criteria",
        )
    } else {
        l.pick("có (tệp --survey)", "held (the --survey file)")
    }
}

/// The survey and how many units were ranked, scored only, or left out.
fn unit_facts(r: &Results) -> Vec<(&'static str, String)> {
    let l = r.lang;
    vec![
        (
            l.pick("Điều tra XHH", "Survey"),
            survey_words(r).to_string(),
        ),
        (
            l.pick("Số đơn vị được xếp hạng", "Units ranked"),
            r.units
                .iter()
                .filter(|u| u.rank.is_some())
                .count()
                .to_string(),
        ),
        (
            l.pick(
                "Số đơn vị chấm điểm, không xếp hạng",
                "Units scored, not ranked",
            ),
            r.units
                .iter()
                .filter(|u| u.rank.is_none())
                .count()
                .to_string(),
        ),
        (
            l.pick("Số đơn vị bị bỏ qua", "Units left out"),
            super::warnings::skipped_units(r).len().to_string(),
        ),
    ]
}

/// (label, value) lines of the first block.
fn facts(r: &Results) -> Vec<(&'static str, String)> {
    let l = r.lang;
    let sc = &r.criteria.scheme;
    let dash = || "—".to_string();
    let mut v = vec![
        (l.pick("Bộ tiêu chí", "Scheme"), sc.title.clone()),
        (l.pick("Mã bộ tiêu chí", "Scheme id"), sc.id.clone()),
        (l.pick("Phiên bản", "Version"), sc.version.clone()),
        (l.pick("Năm đánh giá", "Year"), sc.year.to_string()),
        (
            l.pick("Quyết định ban hành bộ tiêu chí", "Criteria decision"),
            sc.decision.clone().unwrap_or_else(dash),
        ),
    ];
    v.extend(publication_facts(r));
    if let Some(s) = &sc.supersedes {
        v.push((l.pick("Thay thế phiên bản", "Supersedes"), s.clone()));
    }
    v.extend([
        (
            l.pick("Tệp tiêu chí", "Criteria file"),
            r.criteria.path.clone(),
        ),
        (
            l.pick("SHA-256 tệp tiêu chí", "Criteria SHA-256"),
            r.criteria.sha256.clone(),
        ),
        (
            l.pick("Làm tròn", "Rounding"),
            format!(
                "{} {}, {}",
                sc.decimals,
                l.pick("chữ số thập phân", "decimal places"),
                rounding_words(l, sc.rounding)
            ),
        ),
        (
            l.pick("Giai đoạn", "Stage"),
            match r.stage {
                Stage::Final => l.pick(
                    "kết quả cuối (thẩm định nếu có)",
                    "final (appraised where present)",
                ),
                Stage::SelfAssessment => l.pick("tự đánh giá", "self-assessment"),
            }
            .to_string(),
        ),
    ]);
    v.extend(unit_facts(r));
    v.extend([
        (
            l.pick("Phiên bản cchc", "cchc version"),
            env!("CARGO_PKG_VERSION").to_string(),
        ),
        (
            l.pick("Dòng lệnh", "Command line"),
            if r.command.is_empty() {
                dash()
            } else {
                r.command.to_string()
            },
        ),
    ]);
    v
}

/// Writes the sheet.
pub fn sheet(ws: &mut Worksheet, r: &Results, st: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(sheet_names(l)[6])?;
    let heading = l.pick("THÔNG TIN VỀ KẾT QUẢ", "ABOUT THESE RESULTS");
    let mut row = title_block(ws, r, &WIDTHS, heading, false)?;
    widths(ws, &WIDTHS)?;
    for (label, value) in facts(r) {
        pair(ws, row, label, &value, &st.wrap, st)?;
        row += 1;
    }
    let note = l.pick(
        "Dòng lệnh được ghi ở dạng chuẩn: các tệp, thư mục đầu vào và tệp kết quả xếp theo thứ tự tên, để cùng dữ liệu luôn cho cùng một tệp kết quả dù liệt kê theo thứ tự nào. Không ghi ngày giờ, trừ khi biến môi trường SOURCE_DATE_EPOCH được đặt.",
        "The command line is written in a canonical form: input files and folders and output files sorted by name, so that the same data always give the same file whatever order they were listed in. No date or time is written unless SOURCE_DATE_EPOCH is set.",
    );
    ws.merge_text((row, 0), (row, 3), note, &st.note)?;
    fit_height(ws, row, note, WIDTHS.iter().sum())?;
    row += 1;
    if let Some(date) = source_date() {
        ws.write_text(
            row,
            0,
            l.pick("Ngày lập (SOURCE_DATE_EPOCH)", "Date (SOURCE_DATE_EPOCH)"),
            &st.section,
        )?;
        let f = st
            .text
            .clone()
            .set_num_format("dd/mm/yyyy hh:mm")
            .set_align(rust_xlsxwriter::FormatAlign::Left);
        ws.merge_text((row, 1), (row, 3), "", &f)?;
        ws.write_datetime_with_format(row, 1, &date, &f)?;
        row += 1;
    }
    row = bands(ws, r, st, row + 1)?;
    inputs(ws, r, st, row + 1)?;
    print_setup(ws, l, None)
}

fn pair(
    ws: &mut Worksheet,
    row: u32,
    label: &str,
    value: &str,
    f: &Format,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.write_text(row, 0, label, &st.section)?;
    ws.merge_text((row, 1), (row, 3), value, f)?;
    if super::style::wrapped_lines(value, WIDTHS[1..].iter().sum()) > 1 {
        fit_height(ws, row, value, WIDTHS[1..].iter().sum())?;
    }
    Ok(())
}

fn bands(ws: &mut Worksheet, r: &Results, st: &Styles, row: u32) -> Result<u32, XlsxError> {
    let l = r.lang;
    header_row(
        ws,
        row,
        &[
            labels::GROUP.get(l),
            l.pick("Mã khối", "Group id"),
            labels::BANDS.get(l),
        ],
        st,
    )?;
    let mut row = row + 1;
    for g in &r.criteria.groups {
        ws.write_text(row, 0, &g.name, &st.wrap)?;
        ws.write_text(row, 1, &g.id, &st.text)?;
        let bands = bands_text(g, l);
        ws.write_text(row, 2, &bands, &st.wrap)?;
        fit_row(ws, row, &WIDTHS, &[(0, &g.name), (2, &bands)])?;
        row += 1;
    }
    Ok(row)
}

fn inputs(ws: &mut Worksheet, r: &Results, st: &Styles, row: u32) -> Result<u32, XlsxError> {
    let l = r.lang;
    let head = [
        l.pick("Tệp đầu vào", "Input file"),
        l.pick("Đường dẫn", "Path"),
        "SHA-256",
        l.pick("Dung lượng (byte)", "Size (bytes)"),
    ];
    header_row(ws, row, &head, st)?;
    let mut row = row + 1;
    for f in &r.sources.inputs {
        ws.write_text(row, 0, crate::render::labels::role(f.role).get(l), &st.text)?;
        ws.write_text(row, 1, &f.path, &st.wrap)?;
        let sha = f
            .sha256
            .as_deref()
            .unwrap_or(l.pick("(không đọc lại được)", "(could not be read again)"));
        ws.write_text(row, 2, sha, &st.text)?;
        ws.write_number_with_format(row, 3, f.bytes as f64, &st.int)?;
        fit_row(ws, row, &WIDTHS, &[(1, &f.path)])?;
        row += 1;
    }
    Ok(row)
}
