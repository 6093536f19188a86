//! Source files and positions.
//!
//! Every position in the frontend is a [`Span`]: a file id and a byte range.
//! Line and column numbers are computed only when a person needs them (a
//! diagnostic, a graph dump), from the line table kept beside each file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Identifies one loaded source file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: u32, end: u32) -> Span {
        Span { file, start, end }
    }
}

/// One source file: its path, its text and the byte offset of each line start.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: Arc<str>) -> SourceFile {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile { path, text, line_starts }
    }

    /// The 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(end - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }

    /// The byte range of the given 1-based line, without its newline.
    pub fn line_range(&self, line: u32) -> std::ops::Range<usize> {
        let i = (line as usize).saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[i] as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize - 1);
        start..end.max(start)
    }

    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }
}

/// All source files loaded in one translation.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file (or returns the id it already has, when the path is known).
    pub fn add(&mut self, path: PathBuf, text: Arc<str>) -> FileId {
        if let Some(i) = self.files.iter().position(|f| f.path == path) {
            if self.files[i].text == text {
                return FileId(i as u32);
            }
            self.files[i] = SourceFile::new(path, text);
            return FileId(i as u32);
        }
        self.files.push(SourceFile::new(path, text));
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(|i| FileId(i as u32))
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// `path:line:col` of the start of a span, for messages and dumps.
    pub fn describe(&self, span: Span) -> String {
        let f = self.get(span.file);
        let (line, col) = f.line_col(span.start);
        format!("{}:{}:{}", f.path.display(), line, col)
    }
}
