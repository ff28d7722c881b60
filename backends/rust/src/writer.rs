//! An indenting writer: generated code is formatted as it is written, so it reads well
//! without a formatter and is byte-identical for the same trace.

#[derive(Default)]
pub struct Writer {
    out: String,
    indent: usize,
}

impl Writer {
    /// One line at the current indentation, with an optional trailing comment.
    pub fn line(&mut self, code: &str, comment: Option<&str>) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(code);
        if let Some(c) = comment {
            self.out.push_str(" // ");
            self.out.push_str(c);
        }
        self.out.push('\n');
    }

    /// Opens a block: the line ends with `{` and what follows is indented.
    pub fn open(&mut self, code: &str, comment: Option<&str>) {
        self.line(code, comment);
        self.indent += 1;
    }

    /// Closes a block with `code` (usually `}` or `};`).
    pub fn close(&mut self, code: &str) {
        self.indent -= 1;
        self.line(code, None);
    }

    /// `} else {`: closes a block and opens the next at the same level.
    pub fn reopen(&mut self, code: &str) {
        self.indent -= 1;
        self.line(code, None);
        self.indent += 1;
    }

    /// An empty writer at `indent` levels.
    pub fn at(indent: usize) -> Writer {
        Writer {
            out: String::new(),
            indent,
        }
    }

    /// Appends text written by a [`Writer::at`] writer at the right level.
    pub fn splice_raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// An empty writer one level deeper, for code written before its header is known.
    pub fn nested(&self) -> Writer {
        Writer {
            out: String::new(),
            indent: self.indent + 1,
        }
    }

    /// Appends what a [`Writer::nested`] writer wrote.
    pub fn raw(&mut self, inner: Writer) {
        self.out.push_str(&inner.out);
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// Writes `lines` (already formatted, at indentation 0) at the current indentation.
    pub fn splice(&mut self, text: &str) {
        for l in text.lines() {
            if l.is_empty() {
                self.out.push('\n');
            } else {
                self.line(l, None);
            }
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}
