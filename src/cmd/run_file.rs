//! The run file (`cchc.toml`): the arguments of a yearly run kept beside the data, so
//! that the job is `cchc score` in that folder and a batch job is one line. Paths in it
//! are relative to its folder.
//!
//! One table, [`RunFile::arguments`], maps every key to the command-line option it
//! stands for: the run file becomes those arguments, the options given on the command
//! line replace the ones it gives (a list given on the command line replaces the file's
//! list), and clap parses the result. A run file and a command line so build the same
//! request, checked by the same rules. Unknown keys and wrong values are errors with
//! their line and column, as in the criteria file.

use cchc::base::lang::Lang;
use cchc::base::messages::IoReason;
use clap::parser::ValueSource;
use serde::Deserialize;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The file `cchc score`, `check` and `explain` read from the working folder when no
/// `--config` names another (and `--no-config` is not given).
pub const DEFAULT_NAME: &str = "cchc.toml";

/// The largest run file read, in bytes.
const MAX_BYTES: u64 = 1024 * 1024;

/// `cchc.toml`, as written (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunFile {
    criteria: Option<PathBuf>,
    units: Option<PathBuf>,
    survey: Option<PathBuf>,
    inputs: Option<Vec<PathBuf>>,
    /// Appraisal files or folders (`--appraisal`).
    appraisal: Option<Vec<PathBuf>>,
    /// Appeal files or folders (`--appeal`).
    appeal: Option<Vec<PathBuf>>,
    outputs: Option<Vec<PathBuf>>,
    stage: Option<StageKey>,
    previous: Option<PreviousKeys>,
    publication: Option<PublicationKeys>,
    options: Option<OptionKeys>,
}

/// `[publication]`: who publishes the results (issue 12).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationKeys {
    authority: Option<String>,
    decision: Option<String>,
    date: Option<String>,
    place: Option<String>,
}

/// `stage = "self" | "appraised" | "final"`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StageKey {
    #[serde(rename = "self")]
    SelfAssessment,
    Appraised,
    Final,
}

/// `[previous]`: last year's results to compare with.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PreviousKeys {
    results: Option<PathBuf>,
    unit_map: Option<PathBuf>,
    criteria: Option<PathBuf>,
}

/// `[options]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OptionKeys {
    lang: Option<LangKey>,
    no_survey: Option<bool>,
    skip_invalid: Option<bool>,
    csv: Option<CsvKey>,
    no_bom: Option<bool>,
    max_file_mb: Option<u64>,
    max_unpacked_mb: Option<u64>,
    max_zip_ratio: Option<u64>,
    max_rows: Option<u64>,
    max_cells: Option<u64>,
    max_criteria_mb: Option<u64>,
    max_code_depth: Option<u64>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum LangKey {
    Vi,
    En,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum CsvKey {
    Standard,
    ExcelVi,
}

/// One option of the command line: clap's id and the words that give it.
type Arg = (&'static str, Vec<OsString>);

fn word(s: &str) -> OsString {
    OsString::from(s)
}

impl RunFile {
    /// Every key that is set, as the command-line option it stands for (clap's id and
    /// its words), paths joined to `dir`, the run file's folder. This is the one place
    /// where a key meets its option.
    pub fn arguments(&self, dir: &Path) -> Vec<Arg> {
        let mut out = self.paths(dir);
        out.extend(self.options());
        out.extend(self.publication());
        out.into_iter()
            .filter_map(|(id, words)| Some((id, words?)))
            .collect()
    }

    /// The keys that name files, and `stage`.
    fn paths(&self, dir: &Path) -> Vec<(&'static str, Option<Vec<OsString>>)> {
        let path = |p: &Path| -> OsString {
            if dir.as_os_str().is_empty() || p.is_absolute() {
                p.as_os_str().to_owned()
            } else {
                dir.join(p).into_os_string()
            }
        };
        let flag = |name: &str, p: Option<&PathBuf>| p.map(|p| vec![word(name), path(p)]);
        let prev = self.previous.as_ref();
        let stage = self.stage.map(|s| match s {
            StageKey::SelfAssessment => "self",
            StageKey::Appraised => "appraised",
            StageKey::Final => "final",
        });
        // `--appraisal=F` for each file: the option takes several values, and the form
        // with `=` takes one, so that INPUT paths after it stay INPUT paths.
        let each = |name: &str, v: Option<&Vec<PathBuf>>| {
            v.map(|v| {
                v.iter()
                    .map(|p| {
                        let mut w = word(&format!("{name}="));
                        w.push(path(p));
                        w
                    })
                    .collect()
            })
        };
        vec![
            ("criteria", flag("--criteria", self.criteria.as_ref())),
            ("units", flag("--units", self.units.as_ref())),
            ("survey", flag("--survey", self.survey.as_ref())),
            (
                "inputs",
                self.inputs
                    .as_ref()
                    .map(|v| v.iter().map(|p| path(p)).collect()),
            ),
            ("appraisal", each("--appraisal", self.appraisal.as_ref())),
            ("appeal", each("--appeal", self.appeal.as_ref())),
            (
                "output",
                self.outputs
                    .as_ref()
                    .map(|v| v.iter().flat_map(|p| [word("-o"), path(p)]).collect()),
            ),
            ("stage", stage.map(|s| vec![word("--stage"), word(s)])),
            (
                "previous",
                flag("--previous", prev.and_then(|p| p.results.as_ref())),
            ),
            (
                "unit_map",
                flag("--unit-map", prev.and_then(|p| p.unit_map.as_ref())),
            ),
            (
                "previous_criteria",
                flag(
                    "--previous-criteria",
                    prev.and_then(|p| p.criteria.as_ref()),
                ),
            ),
        ]
    }

    /// The keys of `[publication]`.
    fn publication(&self) -> Vec<(&'static str, Option<Vec<OsString>>)> {
        let p = self.publication.as_ref();
        let value = |name: &str, v: Option<&String>| v.map(|v| vec![word(name), word(v)]);
        vec![
            (
                "authority",
                value("--authority", p.and_then(|p| p.authority.as_ref())),
            ),
            (
                "results_decision",
                value("--results-decision", p.and_then(|p| p.decision.as_ref())),
            ),
            (
                "results_date",
                value("--results-date", p.and_then(|p| p.date.as_ref())),
            ),
            ("place", value("--place", p.and_then(|p| p.place.as_ref()))),
        ]
    }

    /// The keys of `[options]`.
    fn options(&self) -> Vec<(&'static str, Option<Vec<OsString>>)> {
        let o = self.options.as_ref();
        let yes = |name: &str, v: Option<bool>| v.filter(|&b| b).map(|_| vec![word(name)]);
        let value = |name: &str, v: Option<&str>| v.map(|v| vec![word(name), word(v)]);
        let number = |name: &str, v: Option<u64>| v.map(|n| vec![word(name), word(&n.to_string())]);
        let lang = o.and_then(|o| o.lang).map(|l| match l {
            LangKey::Vi => "vi",
            LangKey::En => "en",
        });
        let csv = o.and_then(|o| o.csv).map(|c| match c {
            CsvKey::Standard => "standard",
            CsvKey::ExcelVi => "excel-vi",
        });
        let n = |f: fn(&OptionKeys) -> Option<u64>| o.and_then(f);
        vec![
            ("lang", value("--lang", lang)),
            ("no_survey", yes("--no-survey", o.and_then(|o| o.no_survey))),
            (
                "skip_invalid",
                yes("--skip-invalid", o.and_then(|o| o.skip_invalid)),
            ),
            ("csv", value("--csv", csv)),
            ("no_bom", yes("--no-bom", o.and_then(|o| o.no_bom))),
            ("max_file_mb", number("--max-file-mb", n(|o| o.max_file_mb))),
            (
                "max_unpacked_mb",
                number("--max-unpacked-mb", n(|o| o.max_unpacked_mb)),
            ),
            (
                "max_zip_ratio",
                number("--max-zip-ratio", n(|o| o.max_zip_ratio)),
            ),
            ("max_rows", number("--max-rows", n(|o| o.max_rows))),
            ("max_cells", number("--max-cells", n(|o| o.max_cells))),
            (
                "max_criteria_mb",
                number("--max-criteria-mb", n(|o| o.max_criteria_mb)),
            ),
            (
                "max_code_depth",
                number("--max-code-depth", n(|o| o.max_code_depth)),
            ),
        ]
    }
}

/// Why a run file could not be used (exit 2).
#[derive(Debug)]
pub enum Error {
    Read(PathBuf, IoReason),
    TooLarge(PathBuf, u64),
    Syntax(PathBuf, String),
}

impl Error {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Read(p, reason) => {
                let (vi, en) = reason.texts();
                match lang {
                    Lang::Vi => format!(
                        "LỖI: {}: không đọc được tệp chạy: {vi}",
                        cchc::base::location::shown_path(p)
                    ),
                    Lang::En => format!(
                        "ERROR: {}: cannot read the run file: {en}",
                        cchc::base::location::shown_path(p)
                    ),
                }
            }
            Error::TooLarge(p, size) => match lang {
                Lang::Vi => format!(
                    "LỖI: {}: tệp chạy lớn {size} byte, vượt giới hạn 1 MB",
                    cchc::base::location::shown_path(p)
                ),
                Lang::En => format!(
                    "ERROR: {}: the run file has {size} bytes, over the 1 MB limit",
                    cchc::base::location::shown_path(p)
                ),
            },
            Error::Syntax(p, e) => match lang {
                Lang::Vi => format!(
                    "LỖI: {}: tệp chạy sai cú pháp hoặc sai khoá:\n{e}",
                    cchc::base::location::shown_path(p)
                ),
                Lang::En => format!(
                    "ERROR: {}: the run file has a syntax or key error:\n{e}",
                    cchc::base::location::shown_path(p)
                ),
            },
        }
    }
}

/// Reads and parses a run file.
pub fn read(path: &Path) -> Result<RunFile, Error> {
    let bytes = std::fs::metadata(path)
        .and_then(|m| {
            if m.len() > MAX_BYTES {
                Ok(Err(m.len()))
            } else {
                std::fs::read(path).map(Ok)
            }
        })
        .map_err(|e| Error::Read(path.to_path_buf(), IoReason::of(&e)))?
        .map_err(|size| Error::TooLarge(path.to_path_buf(), size))?;
    parse(&bytes).map_err(|e| Error::Syntax(path.to_path_buf(), e))
}

/// Parses a run file's bytes (UTF-8, with or without a byte-order mark, any line ends).
pub fn parse(bytes: &[u8]) -> Result<RunFile, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())
}

/// The command line to parse with `command`: `argv` as typed, then the run file's
/// options that the command line does not give. Without a run file (none named, none in
/// the working folder, or `--no-config`), `argv` as it is.
pub fn merge(argv: Vec<OsString>, command: clap::Command) -> Result<Vec<OsString>, Error> {
    let Ok(matches) = command
        .clone()
        .ignore_errors(true)
        .try_get_matches_from(&argv)
    else {
        return Ok(argv);
    };
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(argv);
    };
    let Some(sub_command) = command.find_subcommand(name) else {
        return Ok(argv);
    };
    let has = |id: &str| sub_command.get_arguments().any(|a| a.get_id() == id);
    if !has("config") || flag_set(sub, "no_config") {
        return Ok(argv);
    }
    let given = sub.get_one::<PathBuf>("config").cloned();
    let path = match given.clone() {
        Some(p) => p,
        None if Path::new(DEFAULT_NAME).is_file() => PathBuf::from(DEFAULT_NAME),
        None => return Ok(argv),
    };
    let file = read(&path)?;
    let typed = |id: &str| {
        let source = if id == "lang" {
            matches.value_source(id)
        } else {
            sub.value_source(id)
        };
        source == Some(ValueSource::CommandLine)
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut out = argv;
    // An option typed on the command line also replaces the file's option it excludes
    // (`--no-survey` typed, the file's `survey` key left out; and the other way round).
    let excluded = |id: &str| {
        EXCLUSIVE
            .iter()
            .any(|&(a, b)| (id == a && typed(b)) || (id == b && typed(a)))
    };
    for (id, words) in file.arguments(dir) {
        if (id == "lang" || has(id)) && !typed(id) && !excluded(id) {
            out.extend(words);
        }
    }
    if given.is_none() {
        out.extend([word("--config"), path.into_os_string()]);
    }
    Ok(out)
}

/// Options that exclude each other (clap refuses both): the one typed wins.
const EXCLUSIVE: [(&str, &str); 1] = [("survey", "no_survey")];

fn flag_set(m: &clap::ArgMatches, id: &str) -> bool {
    matches!(m.try_get_one::<bool>(id), Ok(Some(true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_becomes_its_option_with_paths_joined_to_the_files_folder() {
        let file = parse(
            b"criteria = \"c.toml\"\r\nunits = \"u.csv\"\r\ninputs = [\"a\", \"b.csv\"]\r\n\
              outputs = [\"r.xlsx\"]\r\nstage = \"self\"\r\n\r\n[options]\r\ncsv = \"excel-vi\"\r\n\
              skip-invalid = true\r\nmax-rows = 10\r\n",
        )
        .unwrap();
        let args = file.arguments(Path::new("nam 2026"));
        let shown: Vec<(&str, Vec<String>)> = args
            .iter()
            .map(|(id, w)| {
                (
                    *id,
                    w.iter()
                        .map(|w| w.to_string_lossy().replace('\\', "/"))
                        .collect(),
                )
            })
            .collect();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            shown,
            vec![
                ("criteria", s(&["--criteria", "nam 2026/c.toml"])),
                ("units", s(&["--units", "nam 2026/u.csv"])),
                ("inputs", s(&["nam 2026/a", "nam 2026/b.csv"])),
                ("output", s(&["-o", "nam 2026/r.xlsx"])),
                ("stage", s(&["--stage", "self"])),
                ("skip_invalid", s(&["--skip-invalid"])),
                ("csv", s(&["--csv", "excel-vi"])),
                ("max_rows", s(&["--max-rows", "10"])),
            ]
        );
    }

    #[test]
    fn appraisal_and_appeal_keys_give_one_option_per_file() {
        let file = parse(
            b"appraisal = [\"tham dinh\", \"stp.xlsx\"]\nappeal = [\"pk.csv\"]\nstage = \"appraised\"\n",
        )
        .unwrap();
        let args = file.arguments(Path::new("d"));
        let shown: Vec<(&str, Vec<String>)> = args
            .iter()
            .map(|(id, w)| {
                let words = w.iter().map(|w| w.to_string_lossy().replace('\\', "/"));
                (*id, words.collect())
            })
            .collect();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            shown,
            vec![
                (
                    "appraisal",
                    s(&["--appraisal=d/tham dinh", "--appraisal=d/stp.xlsx"])
                ),
                ("appeal", s(&["--appeal=d/pk.csv"])),
                ("stage", s(&["--stage", "appraised"])),
            ]
        );
    }

    #[test]
    fn an_unknown_key_or_a_wrong_value_is_named_with_its_line_and_column() {
        let e =
            parse(b"criteria = \"c.toml\"\n[options]\ncsv-format = \"excel-vi\"\n").unwrap_err();
        assert!(e.contains("line 3, column 1"), "{e}");
        assert!(e.contains("csv-format"), "{e}");
        let e = parse(b"stage = \"sefl\"\n").unwrap_err();
        assert!(e.contains("line 1, column 9"), "{e}");
        let e = parse(b"inputs = \"one\"\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }
}
