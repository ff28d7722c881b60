//! The `.tl` printer: deterministic, two-space indentation, one block element per line.
//!
//! The output parses back to the same program. Two rules make that hold:
//! - operands of postfix forms (`.f`, `[i]`, `(args)`, and `set` targets) are parenthesised
//!   unless they are primary expressions; numbers are too (`(1).f`, since `1.f` would lex
//!   as a malformed number), and so are closures, for readability (`(clos f)()`);
//! - names are backquoted exactly when they are not plain identifiers or are keywords.

use super::lexer::KEYWORDS;
use crate::ast::{Expr, ExprKind, FunDef, LValue, Program};
use std::fmt::Write;

/// Prints a program in the `.tl` syntax.
pub fn print_program(p: &Program) -> String {
    let mut pr = Printer {
        out: String::new(),
        indent: 0,
    };
    pr.out.push_str("dialect ");
    pr.out.push_str(p.dialect.name());
    pr.out.push_str(";\n");
    for f in &p.functions {
        pr.fun(f);
    }
    for e in &p.body {
        pr.expr(e);
        pr.out.push_str(";\n");
    }
    pr.out
}

/// Writes `name`, in backquotes when it is not a plain identifier.
pub fn write_name(out: &mut String, name: &str) {
    if is_plain_name(name) {
        out.push_str(name);
        return;
    }
    out.push('`');
    for c in name.chars() {
        if c == '`' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('`');
}

/// `[A-Za-z_$][A-Za-z0-9_$#]*` and not a keyword.
pub fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    let head = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$');
    head && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '#'))
        && !KEYWORDS.contains(&name)
}

/// Writes a string literal with `"`, `\` and control characters escaped.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Floats use Rust's shortest round-trip form, which always has a `.` or an exponent.
pub fn write_float(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
    } else {
        let _ = write!(out, "{x:?}");
    }
}

struct Printer {
    out: String,
    indent: usize,
}

impl Printer {
    fn name(&mut self, name: &str) {
        write_name(&mut self.out, name);
    }

    fn names(&mut self, names: &[String]) {
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.name(n);
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn fun(&mut self, f: &FunDef) {
        self.out.push_str("fun ");
        self.name(&f.name);
        self.out.push('(');
        self.names(&f.params);
        self.out.push(')');
        if !f.captures.is_empty() {
            self.out.push_str(" [");
            self.names(&f.captures);
            self.out.push(']');
        }
        self.out.push(' ');
        self.block(&f.body);
        self.out.push('\n');
    }

    /// `{}` when empty, else one element per line, each followed by `;`.
    fn block(&mut self, body: &[Expr]) {
        if body.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push('{');
        self.indent += 1;
        for e in body {
            self.newline();
            self.expr(e);
            self.out.push(';');
        }
        self.indent -= 1;
        self.newline();
        self.out.push('}');
    }

    fn list(&mut self, items: &[Expr]) {
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(e);
        }
    }

    /// An operand of a postfix form: primary expressions as they are, others in parentheses.
    fn operand(&mut self, e: &Expr) {
        let primary = match &e.kind {
            ExprKind::Int { .. } => false,
            ExprKind::Float { value } => !value.0.is_finite(),
            // `clos f()` would parse, but reads like a closure of a call.
            ExprKind::Closure { .. } => false,
            kind => !starts_with_keyword_form(kind),
        };
        if primary {
            self.expr(e);
        } else {
            self.out.push('(');
            self.expr(e);
            self.out.push(')');
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Undefined => self.out.push_str("undefined"),
            ExprKind::Null => self.out.push_str("null"),
            ExprKind::Bool { value } => self.out.push_str(if *value { "true" } else { "false" }),
            ExprKind::Int { value } => {
                let _ = write!(self.out, "{value}");
            }
            ExprKind::Float { value } => write_float(&mut self.out, value.0),
            ExprKind::Str { value } => write_string(&mut self.out, value),
            ExprKind::Var { name } => self.name(name),
            ExprKind::Let { name, value } => {
                self.out.push_str("let ");
                self.name(name);
                self.out.push_str(" = ");
                self.expr(value);
            }
            ExprKind::Set { target, value } => {
                self.out.push_str("set ");
                match target {
                    LValue::Var { name } => self.name(name),
                    LValue::Field { object, field } => self.get(object, field),
                    LValue::Index { object, index } => self.index(object, index),
                }
                self.out.push_str(" = ");
                self.expr(value);
            }
            ExprKind::Block { body } => {
                self.out.push_str("do ");
                self.block(body);
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.out.push_str("if ");
                self.expr(cond);
                self.out.push(' ');
                self.block(then);
                self.out.push_str(" else ");
                self.block(otherwise);
            }
            ExprKind::While { cond, body } => {
                self.out.push_str("while ");
                self.expr(cond);
                self.out.push(' ');
                self.block(body);
            }
            ExprKind::Label { name, body } => {
                self.out.push_str("label ");
                self.name(name);
                self.out.push(' ');
                self.block(body);
            }
            ExprKind::Break { label, value } => {
                self.out.push_str("break ");
                self.name(label);
                self.out.push(' ');
                self.expr(value);
            }
            ExprKind::Object { fields } => {
                self.out.push('{');
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.name(&f.name);
                    self.out.push_str(": ");
                    self.expr(&f.value);
                }
                self.out.push('}');
            }
            ExprKind::Array { items } => {
                self.out.push('[');
                self.list(items);
                self.out.push(']');
            }
            ExprKind::Get { object, field } => self.get(object, field),
            ExprKind::Index { object, index } => self.index(object, index),
            ExprKind::Prim { op, args } => {
                let _ = write!(self.out, "prim {op}(");
                self.list(args);
                self.out.push(')');
            }
            ExprKind::Closure { func } => {
                self.out.push_str("clos ");
                self.name(func);
            }
            ExprKind::Call { callee, args } => {
                self.operand(callee);
                self.out.push('(');
                self.list(args);
                self.out.push(')');
            }
            ExprKind::Throw { value } => {
                self.out.push_str("throw ");
                self.expr(value);
            }
            ExprKind::Try {
                body,
                catch,
                finally,
            } => {
                self.out.push_str("try ");
                self.block(body);
                if let Some(c) = catch {
                    self.out.push_str(" catch (");
                    self.name(&c.name);
                    self.out.push_str(") ");
                    self.block(&c.body);
                }
                if let Some(f) = finally {
                    self.out.push_str(" finally ");
                    self.block(f);
                }
            }
            ExprKind::Event { event, arg } => {
                let _ = write!(self.out, "event {}(", event.name());
                self.expr(arg);
                self.out.push(')');
            }
            ExprKind::Register {
                event,
                arg,
                callback,
            } => {
                let _ = write!(self.out, "register {}(", event.name());
                self.list_of(&[arg, callback]);
                self.out.push(')');
            }
            ExprKind::Unknown => self.out.push_str("unknown"),
            ExprKind::Guard {
                callee,
                args,
                cases,
            } => {
                self.out.push_str("guard (");
                self.expr(callee);
                self.out.push_str(")(");
                let args: Vec<&Expr> = args.iter().collect();
                self.list_of(&args);
                self.out.push_str(") {");
                for (i, case) in cases.iter().enumerate() {
                    self.out.push_str(if i == 0 { " " } else { ", " });
                    self.name(&case.func);
                    match &case.body {
                        crate::ast::CaseBody::Call => self.out.push_str(" => call"),
                        crate::ast::CaseBody::Inline { clos, params, body } => {
                            self.out.push_str(" => inline (");
                            let mut names = vec![clos.clone()];
                            names.extend(params.iter().cloned());
                            self.names(&names);
                            self.out.push_str(") ");
                            self.block(body);
                        }
                    }
                }
                self.out.push_str(if cases.is_empty() { "}" } else { " }" });
            }
            ExprKind::Alias {
                name,
                closure,
                capture,
            } => {
                self.out.push_str("alias ");
                self.name(name);
                self.out.push_str(" = ");
                self.expr(closure);
                self.out.push_str(" -> ");
                self.name(capture);
            }
            ExprKind::Callback {
                event,
                arg,
                callback,
                clos,
                param,
                body,
            } => {
                let _ = write!(self.out, "callback {}(", event.name());
                self.list_of(&[arg, callback]);
                self.out.push_str(") (");
                self.names(&[clos.clone(), param.clone()]);
                self.out.push_str(") ");
                self.block(body);
            }
            ExprKind::Typed { ty, value } => {
                let _ = write!(self.out, "typed {}(", ty.name());
                self.expr(value);
                self.out.push(')');
            }
        }
    }

    fn list_of(&mut self, items: &[&Expr]) {
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(e);
        }
    }

    fn get(&mut self, object: &Expr, field: &str) {
        self.operand(object);
        self.out.push('.');
        self.name(field);
    }

    fn index(&mut self, object: &Expr, index: &Expr) {
        self.operand(object);
        self.out.push('[');
        self.expr(index);
        self.out.push(']');
    }
}

/// Forms introduced by a keyword that the grammar parses below the postfix level.
fn starts_with_keyword_form(kind: &ExprKind) -> bool {
    matches!(
        kind,
        ExprKind::Let { .. }
            | ExprKind::Set { .. }
            | ExprKind::Block { .. }
            | ExprKind::If { .. }
            | ExprKind::While { .. }
            | ExprKind::Label { .. }
            | ExprKind::Break { .. }
            | ExprKind::Throw { .. }
            | ExprKind::Try { .. }
            | ExprKind::Guard { .. }
            | ExprKind::Alias { .. }
            | ExprKind::Callback { .. }
    )
}
