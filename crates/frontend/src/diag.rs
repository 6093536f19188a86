//! User-facing diagnostics: a message, labelled spans and notes, rendered
//! with source snippets by `codespan-reporting`.
//!
//! Every mistake in a user's program ends here, never in a panic. Internal
//! invariant failures are not diagnostics; they are our bugs.

use crate::source::{FileId, SourceMap, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::NoColor};

/// One labelled span of a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The primary label is where the problem is; secondary ones explain it.
    pub primary: bool,
}

/// A problem in the user's program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic { message: message.into(), labels: Vec::new(), notes: Vec::new() }
    }

    pub fn at(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into(), primary: true });
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into(), primary: false });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// The primary span, if any.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).or(self.labels.first()).map(|l| l.span)
    }

    /// Renders the diagnostic as a user sees it: `error: ...`, then
    /// `--> file:line:col` with a source snippet per label, then the notes.
    pub fn render(&self, sources: &SourceMap) -> String {
        let files = FilesAdapter(sources);
        let mut cs = CsDiagnostic::error().with_message(&self.message);
        cs = cs.with_labels(
            self.labels
                .iter()
                .map(|l| {
                    let range = l.span.start as usize..l.span.end as usize;
                    let label = if l.primary {
                        CsLabel::primary(l.span.file, range)
                    } else {
                        CsLabel::secondary(l.span.file, range)
                    };
                    label.with_message(&l.message)
                })
                .collect(),
        );
        cs = cs.with_notes(self.notes.clone());
        let mut out = NoColor::new(Vec::new());
        let config = term::Config::default();
        if term::emit(&mut out, &config, &files, &cs).is_err() {
            return self.render_plain(sources);
        }
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }

    /// A one-line-per-label rendering with no snippets (fallback and logs).
    pub fn render_plain(&self, sources: &SourceMap) -> String {
        let mut s = format!("error: {}\n", self.message);
        for l in &self.labels {
            s.push_str(&format!("  --> {}  {}\n", sources.describe(l.span), l.message));
        }
        for n in &self.notes {
            s.push_str(&format!("  = note: {n}\n"));
        }
        s
    }
}

/// Lets codespan-reporting read our [`SourceMap`].
struct FilesAdapter<'a>(&'a SourceMap);

impl<'a> Files<'a> for FilesAdapter<'a> {
    type FileId = FileId;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<String, FilesError> {
        Ok(self.0.get(id).path.display().to_string())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.0.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let starts = self.0.get(id).line_starts();
        Ok(match starts.binary_search(&(byte_index as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        })
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<std::ops::Range<usize>, FilesError> {
        let f = self.0.get(id);
        let starts = f.line_starts();
        if line_index >= starts.len() {
            return Err(FilesError::LineTooLarge { given: line_index, max: starts.len() - 1 });
        }
        let start = starts[line_index] as usize;
        let end = starts.get(line_index + 1).map_or(f.text.len(), |&e| e as usize);
        Ok(start..end)
    }
}
