//! The query as written: decoded faithfully into `(key, value)` pairs, bounded in
//! length and number, before any parameter is checked.

use super::warning::{UrlProblem, UrlWarning};
use super::{KEYS, MAX_PARAMS, MAX_QUERY_BYTES};

/// The query as written: decoded pairs in order (`+` is a space, bad UTF-8 is
/// replaced), at most `MAX_PARAMS` of them from at most `MAX_QUERY_BYTES`.
pub(super) struct RawQuery {
    pairs: Vec<(String, String)>,
}

impl RawQuery {
    pub(super) fn parse(input: &str, warnings: &mut Vec<UrlWarning>) -> RawQuery {
        let mut query = search_part(input);
        if query.len() > MAX_QUERY_BYTES {
            warnings.push(UrlWarning::whole_query(UrlProblem::QueryTooLong));
            // Cut at the last `&` within the limit, so that no value is read half.
            let cut =
                query.as_bytes()[..=MAX_QUERY_BYTES].iter().rposition(|&b| b == b'&').unwrap_or(0);
            query = &query[..cut];
        }
        let mut parse = form_urlencoded::parse(query.as_bytes());
        let pairs = parse
            .by_ref()
            .take(MAX_PARAMS)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if parse.next().is_some() {
            warnings.push(UrlWarning::whole_query(UrlProblem::TooManyParams));
        }
        RawQuery { pairs }
    }

    /// The value of each known key, in `KEYS` order, each after the warnings it
    /// raises. A repeated `d` combines its lists; any other repeated key keeps its last
    /// value and names each earlier, different one in a warning.
    pub(super) fn known(&self) -> Vec<(&'static str, String, Vec<UrlWarning>)> {
        let mut out = Vec::new();
        for key in KEYS {
            let values: Vec<&str> =
                self.pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect();
            let Some(last) = values.last() else { continue };
            if key == "d" {
                let lists: Vec<&str> =
                    values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
                out.push((key, lists.join(","), Vec::new()));
                continue;
            }
            let replaced = values[..values.len() - 1]
                .iter()
                .filter(|earlier| earlier.trim() != last.trim())
                .map(|earlier| UrlWarning::new(key, earlier.trim(), UrlProblem::Repeated))
                .collect();
            out.push((key, last.to_string(), replaced));
        }
        out
    }
}

/// The query in `input`: a bare query, `?query`, or a URL's part after its `?`,
/// without any `#fragment`.
fn search_part(input: &str) -> &str {
    let input = input.split_once('#').map_or(input, |(before, _)| before);
    match input.split_once('?') {
        // Before the `?` is a path, not a parameter (`q=what?` is a bare query).
        Some((path, query)) if !path.contains(['=', '&']) => query,
        _ => input,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_part_takes_bare_queries_question_marks_and_urls() {
        for (input, query) in [
            ("view=trend", "view=trend"),
            ("?view=trend", "view=trend"),
            ("https://example.org/cq/?view=trend#top", "view=trend"),
            ("q=what?&view=trend", "q=what?&view=trend"),
            ("", ""),
            ("?", ""),
        ] {
            assert_eq!(search_part(input), query, "{input}");
        }
    }
}
