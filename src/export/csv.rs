//! Results as CSV: one row per unit, fixed columns then one index column per field.
//! UTF-8 with a byte-order mark so that Excel shows Vietnamese correctly.

use super::{Exporter, Results, csv_text};

/// `group,rank,unit,name,points,max,index,band,self_points,index_<field>…`
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn render(&self, r: &Results) -> anyhow::Result<Vec<u8>> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            let fields = r.field_codes();
            let mut header: Vec<String> = [
                "group",
                "rank",
                "unit",
                "name",
                "points",
                "max",
                "index",
                "band",
                "self_points",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            header.extend(fields.iter().map(|c| format!("index_{c}")));
            if let Some(c) = r.previous {
                header.extend(crate::compare::render::change_headers(c));
            }
            w.write_record(&header)?;
            for u in r.units {
                let s = &u.score;
                let mut row = vec![
                    csv_text(&s.unit.group),
                    u.rank.to_string(),
                    csv_text(&s.unit.code),
                    csv_text(&s.unit.name),
                    r.fmt(s.points),
                    r.fmt(s.max),
                    r.fmt(s.index),
                    csv_text(&u.band),
                    r.fmt(s.self_points),
                ];
                row.extend(fields.iter().map(|c| r.field_index(u, c)));
                if let Some(c) = r.previous {
                    row.extend(crate::compare::render::change_cells(c, &s.unit.code));
                }
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        Ok(out)
    }
}
