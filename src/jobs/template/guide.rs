//! The "Hướng dẫn" (instructions) sheet of a template: how to fill the answer sheet,
//! which answers each rule accepts, and the criteria stamp. No cell here reads exactly
//! like a header the reader looks for ("Mã", "Tự đánh giá", "Mã đơn vị").

use super::layout::{GUIDE_SHEET, SHEET, lines, scheme_stamp};
use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{A4, base_format};
use crate::criteria::Criteria;
use crate::score::assemble::Unit;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

fn steps(c: &Criteria, lang: Lang) -> Vec<String> {
    let stamp = scheme_stamp(c);
    match lang {
        Lang::Vi => vec![
            format!("Chỉ ghi vào các ô nền trắng của trang \"{SHEET}\": cột Tự đánh giá, Tài liệu kiểm chứng và Ghi chú. Các ô khác đã được khoá."),
            "Mỗi tiêu chí thành phần ghi một câu trả lời theo cột \"Cách chấm\"; ô có danh sách thả xuống thì chọn trong danh sách. Dòng lĩnh vực và tiêu chí có tiêu chí con tự cộng, không ghi.".into(),
            "Cột Tài liệu kiểm chứng: ghi số, ký hiệu, ngày của văn bản cho mọi tiêu chí có điểm; thiếu tài liệu kiểm chứng sẽ bị nhắc khi kiểm tra tệp.".into(),
            "Cột Thẩm định và cột Nhận xét thẩm định (nền vàng) do Tổ thẩm định ghi: câu trả lời được công nhận khi khác câu trả lời tự đánh giá, và nhận xét của Tổ; đơn vị để trống.".into(),
            "Hai cột Điểm tạm tính tự cộng khi gõ để đơn vị thấy tổng điểm; dấu \"?\" là câu trả lời chưa hợp lệ. Điểm chính thức do phần mềm tính lại từ các câu trả lời, không lấy các số tính sẵn.".into(),
            "Tiêu chí nền xám đậm được chấm qua điều tra xã hội học: đơn vị để trống.".into(),
            format!("Không sửa mã tiêu chí, không xoá dòng, không chép câu trả lời sang mẫu khác. Tệp mang dấu \"Bộ tiêu chí {stamp}\" và mã kiểm tra; tệp tạo từ phiên bản khác của bộ tiêu chí sẽ bị từ chối, khi bộ tiêu chí thay đổi phải dùng mẫu mới."),
            "Trước khi gửi có thể kiểm tra tệp: cchc check --criteria <tệp bộ tiêu chí> <tệp này>. Lệnh liệt kê mọi lỗi kèm ô cần sửa.".into(),
        ],
        Lang::En => vec![
            format!("Write only in the white cells of the \"{SHEET}\" sheet: the self-assessment (Tự đánh giá), evidence (Tài liệu kiểm chứng) and note (Ghi chú) columns. Other cells are locked."),
            "Give one answer per sub-criterion as its rule (Cách chấm) says; where a cell has a dropdown, pick from it. Field rows and criteria with sub-criteria add up by themselves.".into(),
            "Evidence: the number, symbol and date of the documents for every criterion that claims points; missing evidence is flagged when the file is checked.".into(),
            "The appraisal columns (Thẩm định and Nhận xét thẩm định, yellow) are for the appraisal team: the answer it accepts when it differs from the unit's, and its comment; units leave them blank.".into(),
            "The two provisional-points columns add up while you type; \"?\" marks an answer that is not valid. The official points are recomputed from the answers, never taken from these columns.".into(),
            "Dark grey criteria are scored by the survey: leave them blank.".into(),
            format!("Do not change codes, delete rows or copy answers into another template. The file carries the stamp \"{stamp}\" and a checksum; a file made from another version of the criteria is refused: when the criteria change, use a new template."),
            "Before sending, the file can be checked with: cchc check --criteria <criteria file> <this file>. It lists every problem with the cell to fix.".into(),
        ],
    }
}

fn answers(lang: Lang) -> Vec<[&'static str; 3]> {
    match lang {
        Lang::Vi => vec![
            [
                "Nhập số điểm",
                "Một số từ 0 đến điểm tối đa (đúng bước nếu có), dấu phẩy hoặc dấu chấm thập phân.",
                "1,5",
            ],
            [
                "Có / Không",
                "\"Có\", \"Đạt\" hoặc 1: được điểm tối đa; \"Không\", \"Không đạt\" hoặc 0: được 0 điểm.",
                "Có",
            ],
            [
                "Các mức",
                "Tên một mức đúng như cột Cách chấm (không phân biệt chữ hoa, chữ thường), hoặc số điểm của mức đó.",
                "Kịp thời",
            ],
            [
                "Tỷ lệ % theo bậc",
                "Tỷ lệ phần trăm (93,5 hoặc 93,5%) hoặc phân số a/b (45/50), không quá 100% (trừ tiêu chí ghi cho phép vượt); điểm theo bậc đầu tiên thoả mãn.",
                "45/50",
            ],
            [
                "Tỷ lệ %",
                "Như trên; điểm = điểm tối đa × tỷ lệ (tối đa 100%), làm tròn theo bộ tiêu chí.",
                "93,5%",
            ],
            [
                "KAD",
                "Chỉ với tiêu chí có ghi \"ghi KAD nếu không áp dụng\": tiêu chí không tính vào điểm tối đa của đơn vị. Cũng nhận \"Không áp dụng\".",
                "KAD",
            ],
            [
                "Điểm thưởng, điểm trừ",
                "Số điểm từ 0 đến mức trần ghi ở cột Cách chấm; để trống nếu không có.",
                "0,5",
            ],
        ],
        Lang::En => vec![
            [
                "Points",
                "A number from 0 to the maximum (a multiple of the step, if any), with a decimal comma or point.",
                "1,5",
            ],
            [
                "Yes / no",
                "\"Có\", \"Đạt\" or 1 earns the maximum; \"Không\", \"Không đạt\" or 0 earns 0.",
                "Có",
            ],
            [
                "Levels",
                "The name of one level as the rule lists it (any case), or that level's points.",
                "Kịp thời",
            ],
            [
                "Tiers of a percentage",
                "A percentage (93,5 or 93,5%) or a fraction a/b (45/50), at most 100% (unless the criterion says it may exceed it); the first tier it meets gives the points.",
                "45/50",
            ],
            [
                "Ratio",
                "As above; points = maximum × percentage (at most 100%), rounded as the criteria say.",
                "93,5%",
            ],
            [
                "KAD",
                "Only where the rule says \"write KAD if not applicable\": the criterion leaves the unit's maximum. \"Không áp dụng\" works too.",
                "KAD",
            ],
            [
                "Bonus, penalty",
                "Points from 0 to the cap shown in the rule column; blank if none.",
                "0,5",
            ],
        ],
    }
}

/// Writes the instructions sheet.
pub fn write(
    ws: &mut Worksheet,
    c: &Criteria,
    unit: Option<&Unit>,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(GUIDE_SHEET)?;
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 80)?;
    ws.set_column_width(3, 12)?;
    heading(ws, c, unit, lang)?;
    let bold = base_format().set_bold();
    let wrap = base_format().set_text_wrap().set_align(FormatAlign::Top);
    let mut row = 4;
    ws.write_text(row, 0, lang.pick("Cách điền", "How to fill in"), &bold)?;
    row += 1;
    for (i, s) in steps(c, lang).iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &wrap)?;
        ws.merge_text((row, 1), (row, 3), s, &wrap)?;
        ws.set_row_height(row, 15.0 * lines(s, 116.0) + 2.0)?;
        row += 1;
    }
    row = answers_table(ws, row + 1, &bold, &wrap, lang)?;
    ws.write_plain(
        row + 1,
        0,
        format!(
            "{} {} — {} (SHA-256): {}",
            lang.pick("Bộ tiêu chí", "Criteria"),
            scheme_stamp(c),
            lang.pick("mã kiểm tra", "checksum"),
            c.sha256
        ),
    )?;
    ws.set_paper_size(A4).set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The title, the scheme and whose template it is.
fn heading(
    ws: &mut Worksheet,
    c: &Criteria,
    unit: Option<&Unit>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let title = base_format().set_bold().set_font_size(14);
    ws.write_text(
        0,
        0,
        lang.pick(
            "HƯỚNG DẪN ĐIỀN PHIẾU TỰ ĐÁNH GIÁ",
            "HOW TO FILL IN THE SELF-ASSESSMENT",
        ),
        &title,
    )?;
    ws.write_plain(1, 0, format!("{} — {}", c.scheme.title, scheme_stamp(c)))?;
    let who = match unit {
        Some(u) => format!("{}: {} — {}", lang.pick("Đơn vị", "Unit"), u.code, u.name),
        None => lang
            .pick(
                "Mẫu trắng: ghi mã đơn vị, tên đơn vị và khối ở đầu trang Tự đánh giá.",
                "Blank template: write the unit code, name and group at the top of the answer sheet.",
            )
            .to_string(),
    };
    ws.write_plain(2, 0, who)?;
    Ok(())
}

/// The table of accepted answers from `row`; the row after it.
fn answers_table(
    ws: &mut Worksheet,
    mut row: u32,
    bold: &Format,
    wrap: &Format,
    lang: Lang,
) -> Result<u32, XlsxError> {
    let cell = wrap.clone().set_border(FormatBorder::Thin);
    let head = cell
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xB4C6E7));
    ws.write_text(
        row,
        0,
        lang.pick("Câu trả lời được chấp nhận", "Accepted answers"),
        bold,
    )?;
    row += 1;
    let heads = [
        lang.pick("Cách chấm", "Rule"),
        lang.pick("Câu trả lời hợp lệ", "What to write"),
        lang.pick("Ví dụ", "Example"),
    ];
    for (i, h) in heads.iter().enumerate() {
        ws.write_text(row, 1 + i as u16, *h, &head)?;
    }
    row += 1;
    for line in answers(lang) {
        for (i, t) in line.iter().enumerate() {
            ws.write_text(row, 1 + i as u16, *t, &cell)?;
        }
        let height = lines(line[0], 24.0).max(lines(line[1], 80.0));
        ws.set_row_height(row, 15.0 * height + 2.0)?;
        row += 1;
    }
    Ok(row)
}
