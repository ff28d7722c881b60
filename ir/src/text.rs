//! The `.tl` text form: lexer ([`lexer`]), LALRPOP grammar, and printer ([`printer`]).
//!
//! ```text
//! dialect js;                          // or `dialect py;`, then functions, then the body
//! fun f(a, b) [captured] { ... }       // captures optional
//! let x = e; set x.f = e; do { ... }; if e { ... } else { ... }; while e { ... };
//! label l { ... }; break l e; throw e; try { ... } catch (x) { ... } finally { ... };
//! {a: e, `b c`: e}; [e, e]; e.f; e[i]; e(a, b); prim js.add(a, b); clos f;
//! event get(e); register get(e, cb); unknown; guard e is f; alias x = e -> c;
//! callback get(e, cb) (clos, param) { ... };
//! ```
//!
//! Every block element ends with `;` (optional after the last one). Names outside
//! `[A-Za-z_$][A-Za-z0-9_$#]*`, and keywords, are backquoted. Postfix forms bind tightest;
//! keyword forms extend as far right as they can, so a postfix form applied to one needs
//! parentheses: `(let x = e).f`.
//!
//! Parsing never panics: every problem comes back as a [`SyntaxError`] with a byte span.
//! The printer's output parses back to the same program (spans aside); the round-trip
//! property test in `tests/roundtrip.rs` checks this for arbitrary programs.

mod build;
pub mod lexer;
pub mod printer;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, unused_imports)]
    grammar,
    "/text/grammar.rs"
);

use crate::ast::Program;
use crate::span::Span;
use lalrpop_util::ParseError;
use lexer::{describe, LexError, Spanned, Tok};

pub use printer::print_program;

/// A syntax error: what went wrong, where (byte offsets) and which tokens would have fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    /// Token names the parser would have accepted here (`;`, `name`, `integer`, ...).
    pub expected: Vec<String>,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}..{}: {}",
            self.span.start, self.span.end, self.message
        )?;
        if !self.expected.is_empty() {
            write!(f, " (expected one of: {})", self.expected.join(" "))?;
        }
        Ok(())
    }
}

/// Deepest nesting accepted, counted conservatively (see `limit_nesting`), so that the
/// recursive printer, `Drop` and comparisons stay within a small thread stack.
pub const MAX_NESTING: usize = 1000;

/// Parses a `.tl` program. Stops at the first error, so the vector has one element.
pub fn parse_program(src: &str) -> Result<Program, Vec<SyntaxError>> {
    let tokens = limit_nesting(lexer::tokens(src));
    grammar::ProgramParser::new()
        .parse(tokens)
        .map_err(|e| vec![from_parse_error(e, src.len())])
}

/// Cuts the token stream with an error where nesting could exceed [`MAX_NESTING`], so
/// that the recursive printer, `Drop` and comparisons never overflow the stack.
///
/// The bound is conservative: within each open bracket, every token since the last `;` or
/// `,` counts as one level (a node's depth never exceeds the tokens on its path).
fn limit_nesting(tokens: Vec<Spanned>) -> Vec<Spanned> {
    let mut counts: Vec<usize> = vec![0];
    let mut total = 0;
    let mut out = Vec::with_capacity(tokens.len());
    for item in tokens {
        if let Ok((l, tok, r)) = &item {
            match tok {
                Tok::Semi | Tok::Comma => {
                    if let Some(top) = counts.last_mut() {
                        total -= *top;
                        *top = 0;
                    }
                }
                Tok::RParen | Tok::RBracket | Tok::RBrace if counts.len() > 1 => {
                    total -= counts.pop().unwrap_or(0);
                }
                _ => {
                    if let Some(top) = counts.last_mut() {
                        *top += 1;
                        total += 1;
                    }
                }
            }
            if matches!(tok, Tok::LParen | Tok::LBracket | Tok::LBrace) {
                counts.push(0);
            }
            if total > MAX_NESTING {
                let message = format!("nesting too deep (more than {MAX_NESTING} levels)");
                out.push(Err(LexError {
                    message,
                    span: *l..*r,
                }));
                return out;
            }
        }
        out.push(item);
    }
    out
}

fn from_parse_error(e: ParseError<usize, Tok, LexError>, len: usize) -> SyntaxError {
    let at = |s: usize, e: usize| Span::new(s.min(len), e.min(len));
    match e {
        ParseError::InvalidToken { location } => SyntaxError {
            message: "invalid token".into(),
            span: at(location, location),
            expected: vec![],
        },
        ParseError::UnrecognizedEof { location, expected } => {
            let expected = clean(expected);
            SyntaxError {
                message: unexpected("end of input", &expected),
                span: at(location, location),
                expected,
            }
        }
        ParseError::UnrecognizedToken {
            token: (s, tok, e),
            expected,
        } => {
            let expected = clean(expected);
            SyntaxError {
                message: unexpected(&describe(&tok), &expected),
                span: at(s, e),
                expected,
            }
        }
        ParseError::ExtraToken { token: (s, tok, e) } => SyntaxError {
            message: format!("unexpected {} after the end of the program", describe(&tok)),
            span: at(s, e),
            expected: vec![],
        },
        ParseError::User { error } => SyntaxError {
            message: error.message,
            span: at(error.span.start, error.span.end),
            expected: vec![],
        },
    }
}

fn unexpected(what: &str, expected: &[String]) -> String {
    if expected == ["dialect"] {
        format!("unexpected {what}: a program starts with `dialect js;` or `dialect py;`")
    } else {
        format!("unexpected {what}")
    }
}

/// lalrpop names terminals as they are spelled in the grammar, quotes included.
fn clean(expected: Vec<String>) -> Vec<String> {
    expected
        .into_iter()
        .map(|t| {
            t.strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .map(str::to_string)
                .unwrap_or(t)
        })
        .collect()
}
