//! Hostile input (issue 13), one class at a time: the encoding a file is read in,
//! quotes that would swallow rows, bounded error storage and refusing what cannot fit,
//! years out of range, repeated link parameters and an invalid language, invisible
//! characters in messages, full-width formula starters in exports, and extreme
//! magnitudes on screen. Each test names the class it guards.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::dataset::Dataset;
use cq_explorer::export;
use cq_explorer::format;
use cq_explorer::i18n::Lang;
use cq_explorer::import::*;
use cq_explorer::model::*;
use cq_explorer::text::display;
use cq_explorer::url::{self, from_query, UrlProblem};
use std::rc::Rc;

fn base() -> Rc<Dataset> {
    Rc::new(Dataset::embedded().unwrap_or_else(|e| panic!("embedded data: {}", e[0])))
}

fn importer(text: String, format: Format) -> Importer {
    Importer::new(
        text,
        format,
        base(),
        ImportOptions {
            file_name: "hostile.csv".into(),
            today: Date { year: 2025, month: 1, day: 2 },
        },
    )
}

fn report(text: &str) -> ImportReport {
    importer(text.to_string(), Format::Csv).report(Mode::Add)
}

const HEADER: &str = "id,district,indicator,value,unit,kind,period_start,period_end,quote";

/// A valid row with id `id` and a subject-free quote.
fn row(id: &str) -> String {
    format!("{id},500101,gdp,1,亿元,level,2022,,")
}

fn reasons_at(r: &ImportReport, row: usize) -> Vec<&Reason> {
    r.errors.iter().filter(|e| e.location == Location::Row(row)).map(|e| &e.reason).collect()
}

/// Every row read is valid, invalid or blank.
fn adds_up(r: &ImportReport, lines: usize) {
    assert_eq!(r.valid_rows + r.invalid_rows() + r.blank_rows, r.rows + r.blank_rows);
    assert_eq!(r.rows + r.blank_rows, lines, "every line after the header is a row");
}

// ---- 1. encodings ----

#[test]
fn one_stray_byte_in_utf8_is_an_error_on_its_row_not_a_switch_to_gbk() {
    let mut bytes = format!(
        "{HEADER}\n{}\n{}\n",
        "a,500101,gdp,1,亿元,level,2022,,合成企业1亿元",
        "b,500101,gdp,1,亿元,level,2022,,合成企业1亿元"
    )
    .into_bytes();
    // A stray byte (a Latin-1 é) at the end of the second row's quote.
    let at = bytes.len() - 1;
    bytes.insert(at, 0xE9);
    assert_eq!(decode_hint(&bytes), Encoding::Utf8);
    let d = decode(bytes);
    assert_eq!(d.encoding, Encoding::Utf8);
    assert_eq!(d.bad_sequences, 1);
    let text = d.text.unwrap_or_else(|_| panic!("decoded in the core"));
    assert!(text.contains("合成企业1亿元"), "Chinese text kept intact");
    let r = report(&text);
    assert_eq!(reasons_at(&r, 3), vec![&Reason::Undecodable]);
    assert!(reasons_at(&r, 2).is_empty());
    assert_eq!(r.valid_rows, 1);
}

#[test]
fn gbk_only_when_the_bytes_read_as_gbk_and_not_as_utf8() {
    // 区县 in GBK: not UTF-8 at all, well-formed GBK.
    let gbk = b"\xC7\xF8\xCF\xD8,id\n\xC7\xF8\xCF\xD8,1\n".to_vec();
    assert_eq!(decode_hint(&gbk), Encoding::Gbk);
    let d = decode(gbk.clone());
    assert_eq!(d.text, Err(gbk), "GBK is left to the browser's TextDecoder");
    // UTF-8 with more bad bytes than good characters, not well-formed GBK either (a
    // lone lead byte at the end): UTF-8, each bad byte counted.
    let broken = b"\xFF\xFE\xFD,\xE5\x8C\xBA\x81".to_vec();
    let d = decode(broken[2..].to_vec());
    assert_eq!(d.encoding, Encoding::Utf8);
    assert_eq!(d.bad_sequences, 2);
    // Mostly good UTF-8 with a byte that happens to make it well-formed GBK too.
    let mut mostly = "区县区县区县区县".as_bytes().to_vec();
    mostly.extend([0x81, 0x41]);
    assert_eq!(decode_hint(&mostly), Encoding::Utf8);
}

#[test]
fn utf16_is_read_with_or_without_a_bom_and_named() {
    let text = format!("{HEADER}\n{}\n", row("u1"));
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, encoding) in [
        (le.clone(), Encoding::Utf16LeNoBom),
        (be.clone(), Encoding::Utf16BeNoBom),
        ([&[0xFF, 0xFE][..], &le].concat(), Encoding::Utf16Le),
        ([&[0xFE, 0xFF][..], &be].concat(), Encoding::Utf16Be),
    ] {
        let d = decode(bytes);
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.text.as_deref().ok(), Some(text.as_str()));
        assert_eq!(d.bad_sequences, 0);
    }
    assert_eq!(Encoding::Utf16LeNoBom.name(Lang::En), "UTF-16LE without BOM");
    assert_eq!(Encoding::Utf16LeNoBom.name(Lang::Zh), "UTF-16LE（无 BOM）");
    assert_eq!(Encoding::Gbk.label(), "gbk");
}

#[test]
fn a_sample_of_the_decoded_text_is_shown_with_invisible_characters_escaped() {
    let text = format!("{HEADER}\n合成企业,\u{200b}x\n第二行\n第三行\n");
    assert_eq!(sample(&text), vec!["合成企业,\\u{200b}x", "第二行"]);
    assert_eq!(sample("只有表头"), vec!["只有表头"]);
    assert!(sample(&"长".repeat(500))[0].chars().count() <= 80);
}

// ---- 2. quotes ----

#[test]
fn a_quote_never_closed_names_its_row_and_the_lines_after_it_are_still_read() {
    let text = format!(
        "{HEADER}\n{}\n{}\nc,500101,gdp,1,亿元,level,2022,,\"never closed\n{}\n{}\n{}\n",
        row("a"),
        row("b"),
        row("d"),
        row("e"),
        row("f")
    );
    let r = report(&text);
    let e = r
        .errors
        .iter()
        .find(|e| e.location == Location::Row(4))
        .unwrap_or_else(|| panic!("no error at row 4: {:?}", r.errors));
    assert_eq!(e.reason, Reason::QuoteNeverClosed { lines: 3 });
    assert_eq!(e.column.as_deref(), Some("quote"));
    assert!(e.en().contains("the 3 lines after it"), "{}", e.en());
    assert_eq!(r.errors.len(), 1, "one error, not a cascade: {:?}", r.errors);
    assert_eq!(r.valid_rows, 5, "rows 5–7 are read as rows");
    adds_up(&r, 6);
}

#[test]
fn a_quote_never_closed_in_the_last_row_is_an_error_not_merged_cells() {
    for end in ["", "\n"] {
        let text = format!("{HEADER}\n{}\nz,500101,gdp,1,亿元,level,2022,,\"open{end}", row("a"));
        let r = report(&text);
        assert_eq!(reasons_at(&r, 3), vec![&Reason::QuoteNeverClosed { lines: 0 }], "{end:?}");
        adds_up(&r, 2);
    }
}

#[test]
fn a_quote_closed_lines_later_names_the_lines_it_swallowed() {
    let text = format!(
        "{HEADER}\n{}\nc,500101,gdp,1,亿元,level,2022,,\"opened\n{}\n{}\nclosed\"\n{}\n",
        row("a"),
        row("d"),
        row("e"),
        row("g")
    );
    let r = report(&text);
    assert_eq!(reasons_at(&r, 3), vec![&Reason::QuoteSpansLines { lines: 3 }]);
    assert!(r.errors[0].zh().contains("3 行"), "{}", r.errors[0].zh());
    assert_eq!(r.valid_rows, 2);
    // Row 3 took lines 3–6 of the file; the next row is the spreadsheet's row 4.
    assert!(reasons_at(&r, 4).is_empty());
    assert_eq!(r.rows, 3);
}

#[test]
fn text_after_a_closing_quote_is_an_error() {
    let text = format!("{HEADER}\nq,500101,gdp,1,亿元,level,2022,,\"a\"b\n{}\n", row("r"));
    let r = report(&text);
    assert_eq!(reasons_at(&r, 2), vec![&Reason::TextAfterQuote("\"b\"".into())]);
    assert_eq!(r.valid_rows, 1);
    // Doubled quotes inside a quoted cell are one quote, as RFC 4180 says.
    let ok = report(&format!("{HEADER}\nq,500101,gdp,1,亿元,level,2022,,\"说\"\"1\"\"\"\n"));
    assert!(
        ok.errors.iter().all(|e| !matches!(e.reason, Reason::TextAfterQuote(_))),
        "{:?}",
        ok.errors
    );
}

#[test]
fn rows_always_add_up_whatever_the_quotes() {
    let lines: Vec<String> = (0..8).map(|i| row(&format!("r{i}"))).collect();
    // A stray quote at the start of any cell of any line, or at its end.
    for line in 0..lines.len() {
        for cell in 0..9 {
            let mut ls = lines.clone();
            let mut cells: Vec<String> = ls[line].split(',').map(str::to_string).collect();
            cells[cell].insert(0, '"');
            ls[line] = cells.join(",");
            let text = format!("{HEADER}\n{}\n", ls.join("\n"));
            let r = report(&text);
            let swallowed: usize = r
                .errors
                .iter()
                .map(|e| match e.reason {
                    Reason::QuoteSpansLines { lines } => lines,
                    _ => 0,
                })
                .sum();
            assert_eq!(
                r.rows + r.blank_rows + swallowed,
                lines.len(),
                "line {line} cell {cell}: {:?}",
                r.errors
            );
            assert!(r.error_count >= 1, "line {line} cell {cell}: no error");
            adds_up(&r, r.rows + r.blank_rows);
        }
    }
}

// ---- 4. bounded memory, early refusal ----

#[test]
fn errors_are_kept_up_to_a_bound_per_kind_and_counted_beyond() {
    let n = 5_000;
    let text = format!("{{\"facts\": [{}{{}}]}}", "{},".repeat(n - 1));
    let r = importer(text, Format::Json).report(Mode::Add);
    assert_eq!(r.rows, n);
    assert_eq!(r.valid_rows, 0);
    let kinds = {
        let mut k: Vec<String> =
            r.errors.iter().map(|e| format!("{:?}", std::mem::discriminant(&e.reason))).collect();
        k.sort();
        k.dedup();
        k.len()
    };
    assert!(r.errors.len() <= kinds * ERRORS_PER_KIND, "{}", r.errors.len());
    assert!(r.error_count >= 4 * n, "every error is counted: {}", r.error_count);
    assert_eq!(r.remaining(8), r.error_count - 8);
    let lines = r.lines(8, Lang::En);
    assert_eq!(lines[8], format!("and {} more errors", r.error_count - 8));
}

#[test]
fn a_file_with_more_rows_than_the_explorer_handles_is_refused_plainly() {
    let json = format!("[{}{{}}]", "{},".repeat(MAX_ROWS));
    let mut i = importer(json, Format::Json);
    let mut steps = 0;
    while !i.step(1000).finished {
        steps += 1;
    }
    let r = i.report(Mode::Add);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].reason, Reason::TooManyRows { max: MAX_ROWS });
    assert!(r.errors[0].en().contains("more than 500000 rows"));
    assert!(
        steps < MAX_ROWS / 1000,
        "refused while outlining, before any record is checked ({steps} steps)"
    );
    let csv = format!("{HEADER}\n{}", "x\n".repeat(MAX_ROWS + 1));
    let r = report(&csv);
    assert_eq!(r.errors[0].reason, Reason::TooManyRows { max: MAX_ROWS });
    assert_eq!(r.rows, 0, "refused before reading a row");
}

// ---- 5. years out of range ----

#[test]
fn years_outside_1949_to_2100_are_refused_on_import() {
    for (year, ok) in [
        ("1948", false),
        ("1949", true),
        ("2100", true),
        ("2101", false),
        ("9999", false),
        ("0001-01-01", false),
    ] {
        let r = report(&format!("{HEADER}\ny,500101,gdp,1,亿元,level,{year},,\n"));
        let refused = r.errors.iter().any(|e| matches!(e.reason, Reason::YearOutOfRange(_)));
        assert_eq!(refused, !ok, "{year}: {:?}", r.errors);
    }
}

// ---- 7. links ----

#[test]
fn repeated_link_keys_combine_or_are_named() {
    let ds = base();
    let (s, w) = from_query("d=500110&d=500102", &ds);
    let ids: Vec<&str> = s.filter.districts.iter().map(|d| d.as_str()).collect();
    assert!(ids.contains(&"500110") && ids.contains(&"500102"), "{ids:?}");
    assert!(w.is_empty(), "{w:?}");
    let (s, w) = from_query("view=bogus&view=trend", &ds);
    assert_eq!(s.view.code(), "trend");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].reason, UrlProblem::Repeated);
    assert_eq!(w[0].param, "view");
    assert_eq!(w[0].value, "bogus");
    assert!(w[0].zh().contains("view=bogus"));
    // The same value twice loses nothing.
    assert!(from_query("lt=1&lt=1", &ds).1.is_empty());
}

#[test]
fn an_invalid_lang_is_not_a_language_choice() {
    assert!(url::gives_lang("lang=en"));
    assert!(url::gives_lang("view=trend&lang=zh"));
    assert!(!url::gives_lang("lang=xx"));
    assert!(!url::gives_lang("lang="));
    assert!(!url::gives_lang("view=trend"));
    assert!(url::gives_lang("lang=xx&lang=en"));
    let (_, w) = from_query("lang=xx", &base());
    assert_eq!(w[0].reason, UrlProblem::BadChoice);
}

// ---- 8. invisible characters ----

#[test]
fn invisible_characters_in_links_are_shown_escaped() {
    for c in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'] {
        let (_, w) = from_query(&format!("ind=gdp{c}"), &base());
        assert_eq!(w[0].reason, UrlProblem::UnknownIndicator);
        let escaped = format!("gdp\\u{{{:04x}}}", c as u32);
        assert_eq!(w[0].value, escaped);
        assert!(w[0].en().contains(&escaped));
    }
}

#[test]
fn invisible_characters_in_cells_are_refused_and_shown_escaped() {
    let r = report(&format!("{HEADER}\nz,500101,\u{200b}gdp,1,亿元,level,2022,,\n"));
    assert_eq!(reasons_at(&r, 2), vec![&Reason::InvisibleCharacter('\u{200b}')]);
    let r = report(&format!("{HEADER}\nz,500101,gdp\u{2060}x,1,亿元,level,2022,,\n"));
    assert!(r.errors[0].en().contains("U+2060"), "{}", r.errors[0].en());
}

#[test]
fn user_text_is_isolated_and_cannot_turn_a_message_around() {
    // A right-to-left override in a file name is escaped, not obeyed.
    let name = "report\u{202e}vsc.exe";
    assert_eq!(display(name, 80), "report\\u{202e}vsc.exe");
    // Right-to-left letters are isolated so that they cannot reorder what follows.
    assert_eq!(display("שלום", 80), "\u{2068}שלום\u{2069}");
    assert_eq!(display("合成企业", 80), "合成企业");
    assert_eq!(display("abcdef", 4), "abc…");
    let r = report(&format!("{HEADER}\nz,שלום,gdp,1,亿元,level,2022,,\n"));
    assert!(r.errors[0].en().contains("\"\u{2068}שלום\u{2069}\""), "{}", r.errors[0].en());
}

// ---- 9. exports and extreme magnitudes ----

#[test]
fn full_width_formula_starters_are_neutralised_like_ascii_ones() {
    for s in ["＝1+1", "＋1", "－1", "＠SUM(A1)", "=1", "+1", "-1", "@x"] {
        assert_eq!(export::neutralise(s), format!("'{s}"), "{s}");
    }
    for s in ["1＝1", "合成企业", "（＝）"] {
        assert_eq!(export::neutralise(s), s);
    }
}

#[test]
fn extreme_magnitudes_read_in_a_few_characters() {
    assert_eq!(format::number(1e-300), "1×10⁻³⁰⁰");
    assert_eq!(format::number(-2.5e-9), "−2.5×10⁻⁹");
    assert_eq!(format::grouped(1.234567e20), "1.23457×10²⁰");
    assert_eq!(format::number(0.5), "0.5");
    assert_eq!(format::number(0.0), "0");
    assert_eq!(format::grouped(12345.5), "12,345.5");
    for v in [1e-300, 5e-324, 1e-7, 9.99e15, 1e300] {
        assert!(format::number(v).chars().count() <= 16, "{v}");
    }
}
