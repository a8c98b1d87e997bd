//! Text from a reader's file or link as the page's messages show it: invisible
//! characters (controls, bidirectional overrides, zero-width marks) escaped so they can
//! be seen, long text cut, right-to-left text isolated so it cannot reorder the message
//! around it. The import's errors and the link warnings (`url::warning`) show values
//! through it; it is text, never markup (the UI puts it in text nodes).

/// Text from the user (a file name, a value) as a message shows it: invisible
/// characters escaped as `\u{…}`, at most `max` characters (then `…`), isolated when it
/// holds right-to-left letters. Not quoted.
pub fn display(s: &str, max: usize) -> String {
    if s.chars().nth(max).is_none() {
        return isolated(&escape_invisible(s));
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    isolated(&format!("{}…", escape_invisible(&cut)))
}

/// Every invisible character (and U+FFFD, the mark of a decoding loss) as `\u{…}`.
pub fn escape_invisible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_invisible(c) || c == '\u{FFFD}' {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Wraps text holding right-to-left letters in a first-strong isolate (U+2068 …
/// U+2069), so that it cannot reorder the message around it; other text is returned
/// as is (an isolate changes nothing there).
pub fn isolated(s: &str) -> String {
    if s.chars().any(is_rtl) {
        format!("\u{2068}{s}\u{2069}")
    } else {
        s.to_string()
    }
}

/// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …).
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// Control characters, bidirectional marks, overrides and isolates, zero-width
/// characters and a byte-order mark: invisible, and able to make text read otherwise
/// than it is stored.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}
