//! String literals: prefixes, escapes, triple quotes and f-string pieces.

use tracelab_ir::{Diagnostic, DiagnosticKind, Span};

/// A decoded piece of a (possibly formatted) string literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Lit(String),
    /// `{expr!conv:spec}`: the expression's text and its byte offset in the file.
    Expr {
        text: String,
        offset: usize,
        conversion: Option<char>,
        spec: String,
    },
}

fn syntax(message: impl Into<String>, start: usize, end: usize) -> Diagnostic {
    Diagnostic::new(
        DiagnosticKind::Syntax,
        message,
        Span::new(start, end),
        "here",
    )
}

/// Decodes one literal token (prefix and quotes included) that starts at `offset`.
pub fn decode(raw: &str, offset: usize) -> Result<Vec<Piece>, Diagnostic> {
    let quote_at = raw.find(['\'', '"']).unwrap_or(0);
    let prefix = raw[..quote_at].to_ascii_lowercase();
    let (mut is_raw, mut is_f) = (false, false);
    for c in prefix.chars() {
        match c {
            'r' if !is_raw => is_raw = true,
            'f' if !is_f => is_f = true,
            'b' => {
                return Err(Diagnostic::new(
                    DiagnosticKind::Unsupported,
                    "bytes literals are outside the tracelab Python subset",
                    Span::new(offset, offset + raw.len()),
                    "a bytes literal",
                ))
            }
            'u' if prefix.len() == 1 => {}
            _ => {
                return Err(syntax(
                    format!("invalid string prefix `{}`", &raw[..quote_at]),
                    offset,
                    offset + quote_at,
                ))
            }
        }
    }
    let rest = &raw[quote_at..];
    let q = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body_start = quote_at + q;
    let body = &raw[body_start..raw.len() - q];
    let base = offset + body_start;
    if !is_f {
        let text = if is_raw {
            body.replace("\r\n", "\n")
        } else {
            unescape(body, base)?
        };
        return Ok(vec![Piece::Lit(text)]);
    }
    fstring(body, base, is_raw)
}

fn fstring(body: &str, base: usize, is_raw: bool) -> Result<Vec<Piece>, Diagnostic> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut lit_start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    let flush =
        |lit: &mut String, start: usize, pieces: &mut Vec<Piece>| -> Result<(), Diagnostic> {
            if !lit.is_empty() {
                let text = if is_raw {
                    std::mem::take(lit)
                } else {
                    unescape(&std::mem::take(lit), base + start)?
                };
                pieces.push(Piece::Lit(text));
            }
            Ok(())
        };
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                lit.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                lit.push('}');
                i += 2;
            }
            b'}' => {
                return Err(syntax(
                    "f-string: single '}' is not allowed",
                    base + i,
                    base + i + 1,
                ))
            }
            b'{' => {
                flush(&mut lit, lit_start, &mut pieces)?;
                let (piece, end) = replacement(body, i + 1, base)?;
                pieces.push(piece);
                i = end + 1;
                lit_start = i;
            }
            b'\\' if !is_raw && i + 1 < bytes.len() => {
                // Keep the escape for `unescape`; skip the escaped byte (it may be a brace).
                lit.push('\\');
                let c = body[i + 1..].chars().next().expect("checked non-empty");
                lit.push(c);
                i += 1 + c.len_utf8();
            }
            _ => {
                let c = body[i..]
                    .chars()
                    .next()
                    .expect("in bounds on a char boundary");
                lit.push(c);
                i += c.len_utf8();
            }
        }
    }
    flush(&mut lit, lit_start, &mut pieces)?;
    Ok(pieces)
}

/// Reads `expr[!c][:spec]}` starting at `start`; returns the piece and the index of `}`.
fn replacement(body: &str, start: usize, base: usize) -> Result<(Piece, usize), Diagnostic> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = start;
    let mut expr_end = None;
    let mut conversion = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
        } else {
            match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth > 0 => depth -= 1,
                b'\\' => {
                    return Err(syntax(
                        "f-string expression part cannot include a backslash",
                        base + i,
                        base + i + 1,
                    ))
                }
                b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => {
                    expr_end.get_or_insert(i);
                    let c = bytes.get(i + 1).copied().unwrap_or(b' ') as char;
                    if !matches!(c, 'r' | 's' | 'a') {
                        return Err(syntax(
                            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                            base + i,
                            base + i + 2,
                        ));
                    }
                    conversion = Some(c);
                    i += 2;
                    continue;
                }
                b':' if depth == 0 => {
                    expr_end.get_or_insert(i);
                    let close = body[i..].find('}').map(|k| k + i);
                    let Some(close) = close else { break };
                    let spec = &body[i + 1..close];
                    if spec.contains('{') {
                        return Err(Diagnostic::new(
                            DiagnosticKind::Unsupported,
                            "nested replacement fields in f-string format specs are outside the tracelab Python subset",
                            Span::new(base + i, base + close),
                            "this format spec",
                        ));
                    }
                    return finish(body, start, expr_end, close, conversion, spec, base);
                }
                b'}' => {
                    expr_end.get_or_insert(i);
                    return finish(body, start, expr_end, i, conversion, "", base);
                }
                _ => {}
            }
        }
        i += 1;
    }
    Err(syntax(
        "f-string: expecting '}'",
        base + start - 1,
        base + start,
    ))
}

fn finish(
    body: &str,
    start: usize,
    expr_end: Option<usize>,
    close: usize,
    conversion: Option<char>,
    spec: &str,
    base: usize,
) -> Result<(Piece, usize), Diagnostic> {
    let end = expr_end.unwrap_or(close);
    let text = &body[start..end];
    if text.trim().is_empty() {
        return Err(syntax(
            "f-string: empty expression not allowed",
            base + start,
            base + end,
        ));
    }
    if text.trim_end().ends_with('=') && !text.trim_end().ends_with("==") {
        return Err(Diagnostic::new(
            DiagnosticKind::Unsupported,
            "self-documenting f-string fields (`{x=}`) are outside the tracelab Python subset",
            Span::new(base + start, base + end),
            "this field",
        ));
    }
    let piece = Piece::Expr {
        text: text.to_string(),
        offset: base + start,
        conversion,
        spec: spec.to_string(),
    };
    Ok((piece, close))
}

/// Python's backslash escapes (non-raw strings).
pub fn unescape(s: &str, base: usize) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' {
            // Newlines in triple-quoted strings are normalised to `\n`.
            if chars.peek().map(|p| p.1) != Some('\n') {
                out.push('\n');
            }
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        let mut hex = |n: usize, what: &str| -> Result<char, Diagnostic> {
            let mut v = 0u32;
            for _ in 0..n {
                match chars.next().and_then(|(_, d)| d.to_digit(16)) {
                    Some(d) => v = v * 16 + d,
                    None => {
                        return Err(syntax(
                            format!("(unicode error) truncated {what} escape"),
                            base + i,
                            base + i + 2,
                        ))
                    }
                }
            }
            char::from_u32(v).ok_or_else(|| {
                syntax(
                    "(unicode error) illegal Unicode character",
                    base + i,
                    base + i + 2,
                )
            })
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().map(|p| p.1) == Some('\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0C'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0B'),
            'x' => out.push(hex(2, "\\xXX")?),
            'u' => out.push(hex(4, "\\uXXXX")?),
            'U' => out.push(hex(8, "\\UXXXXXXXX")?),
            '0'..='7' => {
                let mut v = e.to_digit(8).expect("octal digit");
                for _ in 0..2 {
                    match chars.peek().and_then(|(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            'N' => {
                return Err(Diagnostic::new(
                    DiagnosticKind::Unsupported,
                    "`\\N{…}` escapes are outside the tracelab Python subset",
                    Span::new(base + i, base + i + 2),
                    "this escape",
                ))
            }
            other => {
                // CPython keeps unknown escapes (with a DeprecationWarning).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
