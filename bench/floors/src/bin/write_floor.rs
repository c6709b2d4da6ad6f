//! Floor (w): write, with rust_xlsxwriter alone, a workbook holding the same number of
//! cells of the same kinds as a report: per sheet the same rows and width, numbers,
//! strings (same count, same total length, same number of distinct texts), dates and
//! formatted blanks, each with a cell format, as `report_cells` counted them.
//! usage: write_floor SPEC OUT.xlsx [--in-memory]
//! The largest sheet is written row by row to a temporary file, its texts inline
//! (rust_xlsxwriter's constant-memory mode, as the report writes its detail sheet: faster
//! and far smaller than holding it); --in-memory holds every sheet until the workbook is
//! saved.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

struct Sheet {
    name: String,
    cols: usize,
    numbers: usize,
    strings: usize,
    chars: usize,
    distinct: usize,
    dates: usize,
    blanks: usize,
}

fn parse(spec: &str) -> Vec<Sheet> {
    spec.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |i: usize| f[i].parse::<usize>().expect("count");
            Sheet {
                name: f[0].to_string(),
                cols: n(2).max(1),
                numbers: n(3),
                strings: n(4),
                chars: n(5),
                distinct: n(6).max(1),
                dates: n(7),
                blanks: n(8),
            }
        })
        .collect()
}

fn main() -> Result<(), XlsxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (spec, out) = match args.as_slice() {
        [s, o, ..] => (s, o),
        _ => panic!("usage: write_floor SPEC OUT.xlsx [--in-memory]"),
    };
    let low_memory = !args.iter().any(|a| a == "--in-memory");
    let sheets = parse(&std::fs::read_to_string(spec).expect("spec"));
    let largest = (0..sheets.len())
        .max_by_key(|&i| sheets[i].numbers + sheets[i].strings + sheets[i].blanks)
        .unwrap_or(0);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let number = cell.clone().set_num_format("0.00");
    let date = cell.clone().set_num_format("dd/mm/yyyy hh:mm");
    let mut wb = Workbook::new();
    let mut written = 0usize;
    for (i, s) in sheets.iter().enumerate() {
        let ws = if low_memory && i == largest {
            wb.add_worksheet_with_constant_memory()?
        } else {
            wb.add_worksheet()
        };
        ws.set_name(&s.name)?;
        // The distinct texts, each as long as the report's texts on average.
        let len = s.chars.checked_div(s.strings).unwrap_or(0);
        let pool: Vec<String> = (0..s.distinct)
            .map(|k| {
                let mut t = format!("Tiêu chí {k} ");
                while t.chars().count() < len {
                    t.push_str("văn bản ");
                }
                t.chars().take(len.max(1)).collect()
            })
            .collect();
        // Kinds spread evenly over the cells, row by row.
        let total = s.numbers + s.strings + s.dates + s.blanks;
        let (mut n, mut t, mut d) = (0usize, 0usize, 0usize);
        for k in 0..total {
            let (r, c) = ((k / s.cols) as u32, (k % s.cols) as u16);
            // Which kind is furthest behind its share at this point.
            let due =
                |count: usize, done: usize| (count * (k + 1)) as f64 / total as f64 - done as f64;
            let b = k - n - t - d;
            let lag = [
                due(s.numbers, n),
                due(s.strings, t),
                due(s.dates, d),
                due(s.blanks, b),
            ];
            let kind = (0..4)
                .max_by(|&x, &y| lag[x].total_cmp(&lag[y]))
                .unwrap_or(0);
            match kind {
                0 => {
                    ws.write_number_with_format(r, c, (k % 997) as f64 / 7.0, &number)?;
                    n += 1;
                }
                1 => {
                    ws.write_string_with_format(r, c, &pool[t % pool.len()], &cell)?;
                    t += 1;
                }
                2 => {
                    let dt = ExcelDateTime::from_ymd(2026, 1, 1)?;
                    ws.write_datetime_with_format(r, c, &dt, &date)?;
                    d += 1;
                }
                _ => {
                    ws.write_blank(r, c, &cell)?;
                }
            }
            written += 1;
        }
    }
    wb.save(out)?;
    println!("{written} cells");
    Ok(())
}
