//! Attachments' rules: what a file is — decided by its bytes alone, never
//! by its name or the type its sender declared —, which kinds are
//! accepted, and how a file's name is shown and offered for download.
//!
//! [`Sniffer`] reads a file as it streams in, so the server decides without
//! holding it: the first bytes name the binary kinds (a table of magic
//! numbers), and a file that matches none is text only if every byte of it
//! is UTF-8 without a NUL and it does not open like a markup document.

use serde::{Deserialize, Serialize};

/// The default limit of one file: 20 MiB (`--attachment-max-mb`).
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// The longest name shown, in characters (the extension kept).
pub const MAX_NAME_CHARS: usize = 120;
/// How many files one comment or one new ticket carries at most.
pub const MAX_PER_POST: usize = 10;
/// How many uploads a person may hold that no comment or ticket took yet.
pub const MAX_PENDING_PER_USER: i64 = 20;
/// How many leading bytes the sniffer keeps to decide.
const HEAD_LEN: usize = 1024;

/// The kinds of file accepted (issue 13): screenshots, documents, logs,
/// archives and screen recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    /// UTF-8 text without NUL: notes, logs, CSV, JSON…
    Text,
    Zip,
    Mp4,
    Webm,
}

impl FileKind {
    pub const ALL: [FileKind; 9] = [
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Pdf,
        FileKind::Text,
        FileKind::Zip,
        FileKind::Mp4,
        FileKind::Webm,
    ];

    /// The stable code stored in the database and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Png => "png",
            FileKind::Jpeg => "jpeg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
            FileKind::Pdf => "pdf",
            FileKind::Text => "text",
            FileKind::Zip => "zip",
            FileKind::Mp4 => "mp4",
            FileKind::Webm => "webm",
        }
    }

    pub fn from_code(code: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The `Content-Type` it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Pdf => "application/pdf",
            FileKind::Text => "text/plain; charset=utf-8",
            FileKind::Zip => "application/zip",
            FileKind::Mp4 => "video/mp4",
            FileKind::Webm => "video/webm",
        }
    }

    /// Pictures: shown inline, with a thumbnail.
    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp)
    }

    /// The extensions a name of this kind may end with, the usual one first.
    /// A text may only be saved as a text: `notes.html` holding plain text
    /// would open as a page once downloaded.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            FileKind::Gif => &["gif"],
            FileKind::Webp => &["webp"],
            FileKind::Pdf => &["pdf"],
            FileKind::Text => &[
                "txt", "log", "csv", "tsv", "json", "md", "yaml", "yml", "ini", "conf", "cfg", "sql", "out",
                "err", "trace", "dump",
            ],
            FileKind::Zip => &["zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"],
            FileKind::Mp4 => &["mp4", "m4v"],
            FileKind::Webm => &["webm"],
        }
    }
}

/// Why a file is refused. Each has a stable code (the API's `refused`
/// code) and an English sentence for API users; the UI words the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// No bytes at all.
    Empty,
    /// An SVG image: it can carry scripts.
    Svg,
    /// An HTML document (whatever its name): it can carry scripts.
    Html,
    /// Another XML document (it could be an SVG or an XHTML page).
    Xml,
    /// Anything else not on the list.
    Unsupported,
    /// An image whose bytes say PNG, JPEG, GIF or WEBP but cannot be read.
    DamagedImage,
}

impl Refusal {
    pub const ALL: [Refusal; 6] = [
        Refusal::Empty,
        Refusal::Svg,
        Refusal::Html,
        Refusal::Xml,
        Refusal::Unsupported,
        Refusal::DamagedImage,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Refusal::Empty => "file_empty",
            Refusal::Svg => "file_svg",
            Refusal::Html => "file_html",
            Refusal::Xml => "file_xml",
            Refusal::Unsupported => "file_type",
            Refusal::DamagedImage => "file_damaged",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::Empty => "The file is empty.",
            Refusal::Svg => {
                "SVG images are not accepted: they can carry scripts. Send a PNG or JPEG instead."
            }
            Refusal::Html => {
                "HTML documents are not accepted, whatever their name: they can carry scripts. \
                 Send a PDF, a screenshot or plain text instead."
            }
            Refusal::Xml => "XML documents are not accepted. Send a PDF, a ZIP or plain text instead.",
            Refusal::Unsupported => {
                "This kind of file is not accepted. Accepted: PNG, JPEG, GIF, WEBP, PDF, plain text and \
                 logs (UTF-8), ZIP, MP4 and WEBM."
            }
            Refusal::DamagedImage => "The image cannot be read: the file is damaged or incomplete.",
        }
    }
}

/// Decides what a file is from its bytes, fed in order as they arrive.
#[derive(Debug, Clone, Default)]
pub struct Sniffer {
    head: Vec<u8>,
    len: u64,
    /// Every byte so far is UTF-8 without NUL.
    text: bool,
    /// The start of a character cut by the end of the last chunk.
    carry: Vec<u8>,
}

impl Sniffer {
    pub fn new() -> Sniffer {
        Sniffer { text: true, ..Sniffer::default() }
    }

    /// How many bytes were fed.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        self.len += chunk.len() as u64;
        if self.head.len() < HEAD_LEN {
            let take = (HEAD_LEN - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        if self.text {
            self.text = self.scan_text(chunk);
        }
    }

    /// Whether `chunk` continues valid UTF-8 without NUL.
    fn scan_text(&mut self, mut chunk: &[u8]) -> bool {
        if chunk.contains(&0) {
            return false;
        }
        if let Some(&lead) = self.carry.first() {
            let need = utf8_width(lead).saturating_sub(self.carry.len());
            let take = need.min(chunk.len());
            self.carry.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.carry.len() < utf8_width(lead) {
                return true;
            }
            if std::str::from_utf8(&self.carry).is_err() {
                return false;
            }
            self.carry.clear();
        }
        match std::str::from_utf8(chunk) {
            Ok(_) => true,
            // Cut inside a character: the rest comes with the next chunk.
            Err(e) if e.error_len().is_none() => {
                self.carry = chunk[e.valid_up_to()..].to_vec();
                true
            }
            Err(_) => false,
        }
    }

    /// The kind of the whole file, or why it is refused.
    pub fn finish(self) -> Result<FileKind, Refusal> {
        let head = self.head.as_slice();
        if self.len == 0 {
            return Err(Refusal::Empty);
        }
        if let Some(kind) = binary_kind(head) {
            return kind;
        }
        if !self.text || !self.carry.is_empty() {
            return Err(Refusal::Unsupported);
        }
        match markup(head) {
            Some(refusal) => Err(refusal),
            None => Ok(FileKind::Text),
        }
    }
}

/// Sniffs a whole file held in memory.
pub fn sniff(bytes: &[u8]) -> Result<FileKind, Refusal> {
    let mut sniffer = Sniffer::new();
    sniffer.feed(bytes);
    sniffer.finish()
}

/// The length of the UTF-8 sequence `lead` starts (0: not a lead byte).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 0,
    }
}

/// The table of magic numbers: the binary kinds we know, accepted or not.
fn binary_kind(head: &[u8]) -> Option<Result<FileKind, Refusal>> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let kind = if starts(b"\x89PNG\r\n\x1a\n") {
        FileKind::Png
    } else if starts(b"\xff\xd8\xff") {
        FileKind::Jpeg
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        FileKind::Gif
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        FileKind::Webp
    } else if starts(b"%PDF-") {
        FileKind::Pdf
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        FileKind::Zip
    } else if head.get(4..8) == Some(b"ftyp") {
        // ISO media: MP4 by its major brand; QuickTime, HEIC, 3GP and
        // audio-only files share the box but are not on the list.
        let brand = head.get(8..12).unwrap_or_default();
        let mp4 = [&b"iso"[..], b"mp4", b"avc1", b"M4V", b"dash", b"mmp4", b"MSNV", b"f4v"]
            .iter()
            .any(|b| brand.starts_with(b));
        return Some(if mp4 { Ok(FileKind::Mp4) } else { Err(Refusal::Unsupported) });
    } else if starts(b"\x1a\x45\xdf\xa3") {
        // EBML: WEBM names its document type in the header; any other
        // Matroska file is not on the list.
        let webm = head.windows(4).any(|w| w == b"webm");
        return Some(if webm { Ok(FileKind::Webm) } else { Err(Refusal::Unsupported) });
    } else {
        return None;
    };
    Some(Ok(kind))
}

/// Whether a text opens like a markup document a browser would render:
/// the patterns of the WHATWG sniffing rules for HTML, plus SVG and XML.
fn markup(head: &[u8]) -> Option<Refusal> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let lower: Vec<u8> = head[start..].iter().map(u8::to_ascii_lowercase).collect();
    if lower.first() != Some(&b'<') {
        return None;
    }
    let mentions_svg = lower.windows(4).any(|w| w == b"<svg");
    if lower.starts_with(b"<?xml") {
        return Some(if mentions_svg { Refusal::Svg } else { Refusal::Xml });
    }
    if lower.starts_with(b"<!--") {
        return Some(if mentions_svg { Refusal::Svg } else { Refusal::Html });
    }
    if let Some(rest) = lower.strip_prefix(b"<!doctype") {
        let rest = String::from_utf8_lossy(rest);
        let name = rest.trim_start();
        return Some(if name.starts_with("svg") {
            Refusal::Svg
        } else if name.starts_with("html") {
            Refusal::Html
        } else {
            Refusal::Xml
        });
    }
    let tag_end = lower[1..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(lower.len(), |i| i + 1);
    let tag = &lower[1..tag_end];
    // The tag must end where a tag name ends (`<b>`, `<a href`), so a log
    // line such as `<134>Oct 11 …` or `<br0ken` stays text.
    let closed = matches!(lower.get(tag_end), Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r'));
    if !closed {
        return None;
    }
    const HTML_TAGS: &[&[u8]] = &[
        b"html",
        b"head",
        b"script",
        b"iframe",
        b"h1",
        b"div",
        b"font",
        b"table",
        b"a",
        b"style",
        b"title",
        b"b",
        b"body",
        b"br",
        b"p",
        b"img",
        b"object",
        b"embed",
        b"meta",
        b"link",
        b"form",
        b"frameset",
        b"base",
        b"span",
        b"template",
        b"math",
    ];
    if tag == b"svg" {
        Some(Refusal::Svg)
    } else if HTML_TAGS.contains(&tag) {
        Some(Refusal::Html)
    } else {
        None
    }
}

/// The name a file is shown and downloaded under: the last part of what the
/// sender called it, without control, bidirectional or invisible
/// characters, blanks folded, at most [`MAX_NAME_CHARS`] characters, and
/// ending in an extension of its real kind (`photo.png` holding a PDF is
/// shown as `photo.png.pdf`). Storage never uses it.
pub fn display_name(raw: &str, kind: FileKind) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name = String::with_capacity(last.len());
    let mut blank = false;
    for c in last.chars() {
        if c.is_control() || is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            blank = true;
            continue;
        }
        if blank && !name.is_empty() {
            name.push(' ');
        }
        blank = false;
        name.push(c);
    }
    let name = name.trim_matches(|c: char| c == '.' || c == ' ');
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if kind.extensions().iter().any(|e| e.eq_ignore_ascii_case(ext)) => {
            (stem.trim_end_matches([' ', '.']).to_string(), ext.to_ascii_lowercase())
        }
        _ => (name.to_string(), kind.extensions()[0].to_string()),
    };
    let stem = if stem.is_empty() { "attachment".to_string() } else { stem };
    let room = MAX_NAME_CHARS - ext.chars().count() - 1;
    let stem: String = stem.chars().take(room).collect();
    format!("{}.{ext}", stem.trim_end_matches([' ', '.']))
}

/// Characters that change how a name reads without being seen: direction
/// overrides (`invoice` U+202E `fdp.exe` reads as `invoiceexe.pdf`), zero-width
/// joiners, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// The `Content-Disposition` value for a download of `name`: `inline` for
/// images (they open in the browser), `attachment` for everything else;
/// an ASCII `filename` for old clients and the exact `filename*` (RFC 6266,
/// RFC 8187).
pub fn content_disposition(name: &str, kind: FileKind) -> String {
    let disposition = if kind.is_image() { "inline" } else { "attachment" };
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn fed_in_pieces(bytes: &[u8], piece: usize) -> Result<FileKind, Refusal> {
        let mut s = Sniffer::new();
        for chunk in bytes.chunks(piece.max(1)) {
            s.feed(chunk);
        }
        assert_eq!(s.len(), bytes.len() as u64);
        s.finish()
    }

    #[test]
    fn binary_kinds_are_known_by_their_magic_numbers() {
        let cases: &[(&[u8], FileKind)] = &[
            (PNG, FileKind::Png),
            (b"\xff\xd8\xff\xe0\0\x10JFIF", FileKind::Jpeg),
            (b"GIF89a\x01\0\x01\0", FileKind::Gif),
            (b"GIF87a\x01\0\x01\0", FileKind::Gif),
            (b"RIFF\x24\0\0\0WEBPVP8 ", FileKind::Webp),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", FileKind::Pdf),
            (b"PK\x03\x04\x14\0\0\0", FileKind::Zip),
            (b"PK\x05\x06\0\0\0\0", FileKind::Zip),
            (b"\0\0\0\x20ftypisom\0\0\x02\0", FileKind::Mp4),
            (b"\0\0\0\x18ftypmp42\0\0\0\0", FileKind::Mp4),
            (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", FileKind::Webm),
        ];
        for (bytes, kind) in cases {
            assert_eq!(sniff(bytes), Ok(*kind), "{bytes:?}");
            assert_eq!(FileKind::from_code(kind.code()), Some(*kind));
        }
    }

    #[test]
    fn look_alikes_of_accepted_kinds_are_refused() {
        assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0"), Err(Refusal::Unsupported), "QuickTime");
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Err(Refusal::Unsupported), "HEIC");
        assert_eq!(sniff(b"\x1a\x45\xdf\xa3\x42\x82\x88matroska"), Err(Refusal::Unsupported), "MKV");
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), Err(Refusal::Unsupported), "WAV");
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), Err(Refusal::Unsupported), "a Windows program");
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\0"), Err(Refusal::Unsupported), "an ELF program");
        assert_eq!(sniff(b"\x1f\x8b\x08\0"), Err(Refusal::Unsupported), "gzip (an svgz too)");
        assert_eq!(sniff(b""), Err(Refusal::Empty));
    }

    #[test]
    fn html_is_refused_whatever_it_is_called_and_however_it_opens() {
        for html in [
            &b"<!DOCTYPE html><html><body>x</body></html>"[..],
            b"\xef\xbb\xbf  \n<html>",
            b"<HTML lang=en>",
            b"<script>alert(1)</script>",
            b"<iframe src=//evil>",
            b"<!-- a comment -->\n<p>hi",
            b"<a href=\"javascript:alert(1)\">x</a>",
            b"<body onload=alert(1)>",
            b"<img src=x onerror=alert(1)>",
            b"<b>bold</b>",
        ] {
            assert_eq!(sniff(html), Err(Refusal::Html), "{}", String::from_utf8_lossy(html));
        }
    }

    #[test]
    fn svg_and_xml_are_refused() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(sniff(svg), Err(Refusal::Svg));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), Err(Refusal::Svg));
        assert_eq!(sniff(b"  <SVG\nwidth=1>"), Err(Refusal::Svg));
        assert_eq!(sniff(b"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\">"), Err(Refusal::Svg));
        assert_eq!(sniff(b"<!-- made by hand --><svg>"), Err(Refusal::Svg));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><note/>"), Err(Refusal::Xml));
    }

    #[test]
    fn text_and_logs_are_text_even_with_angle_brackets() {
        for text in [
            &b"2026-11-22 10:15:30 ERROR payment gateway timeout\n"[..],
            "Ошибка: не удаётся подключиться к серверу 1С\r\n".as_bytes(),
            b"<134>Oct 11 22:14:15 host app: started",
            b"<br0ken tag",
            b"a < b and b > c",
            b"{\"level\":\"warn\",\"msg\":\"<script> in a field is just text here\"}",
            b"\x1b[31mred\x1b[0m ANSI colours in a log",
        ] {
            assert_eq!(sniff(text), Ok(FileKind::Text), "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn not_utf8_or_with_nul_is_not_text() {
        assert_eq!(sniff(b"plain\0text"), Err(Refusal::Unsupported), "NUL");
        assert_eq!(sniff(b"caf\xe9 latin-1"), Err(Refusal::Unsupported));
        assert_eq!(sniff(b"\xff\xfeh\0i\0"), Err(Refusal::Unsupported), "UTF-16");
        assert_eq!(
            sniff("ends inside a character: ж".as_bytes().split_last().unwrap().1),
            Err(Refusal::Unsupported)
        );
    }

    #[test]
    fn the_decision_does_not_depend_on_how_the_bytes_arrive() {
        let mut log = String::new();
        for i in 0..3000 {
            log.push_str(&format!("{i} строка журнала — ошибка №{i} 🚨\n"));
        }
        let mut html = "\n".repeat(10);
        html.push_str("<html><body>");
        html.push_str(&"x".repeat(5000));
        let mut png = PNG.to_vec();
        png.extend(std::iter::repeat_n(0x41, 10_000));
        for piece in [1, 2, 3, 5, 7, 64, 1000, 1 << 20] {
            assert_eq!(fed_in_pieces(log.as_bytes(), piece), Ok(FileKind::Text), "{piece}");
            assert_eq!(fed_in_pieces(html.as_bytes(), piece), Err(Refusal::Html), "{piece}");
            assert_eq!(fed_in_pieces(&png, piece), Ok(FileKind::Png), "{piece}");
            let mut bad = log.clone().into_bytes();
            bad.push(0xff);
            bad.extend_from_slice(b"tail");
            assert_eq!(fed_in_pieces(&bad, piece), Err(Refusal::Unsupported), "{piece}");
        }
    }

    #[test]
    fn a_name_is_cleaned_for_display_and_ends_in_its_real_kind() {
        assert_eq!(display_name("screenshot.png", FileKind::Png), "screenshot.png");
        assert_eq!(display_name("C:\\Users\\anna\\Desktop\\Отчёт.PDF", FileKind::Pdf), "Отчёт.pdf");
        assert_eq!(display_name("../../etc/passwd", FileKind::Text), "passwd.txt");
        assert_eq!(display_name("photo.png", FileKind::Pdf), "photo.png.pdf", "a PDF called .png");
        assert_eq!(display_name("notes.html", FileKind::Text), "notes.html.txt");
        assert_eq!(display_name("invoice\u{202e}fdp.exe", FileKind::Pdf), "invoicefdp.exe.pdf");
        assert_eq!(display_name("a\0b\r\n  c\t.log", FileKind::Text), "ab c.log");
        assert_eq!(display_name("", FileKind::Png), "attachment.png");
        assert_eq!(display_name("...", FileKind::Zip), "attachment.zip");
        assert_eq!(display_name(".bashrc", FileKind::Text), "bashrc.txt");
        assert_eq!(display_name("image.JPEG", FileKind::Jpeg), "image.jpeg");
        let long = format!("{}.log", "ж".repeat(500));
        let shown = display_name(&long, FileKind::Text);
        assert_eq!(shown.chars().count(), MAX_NAME_CHARS);
        assert!(shown.ends_with("жж.log"));
        let huge = "x".repeat(1 << 20);
        assert_eq!(display_name(&huge, FileKind::Zip).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn a_download_names_the_file_safely_in_ascii_and_exactly_in_utf8() {
        assert_eq!(
            content_disposition("Отчёт за май.pdf", FileKind::Pdf),
            "attachment; filename=\"_____ __ ___.pdf\"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%B7%D0%B0%20%D0%BC%D0%B0%D0%B9.pdf"
        );
        assert_eq!(
            content_disposition("a\"b;c.png", FileKind::Png),
            "inline; filename=\"a_b;c.png\"; filename*=UTF-8''a%22b%3Bc.png"
        );
        assert!(content_disposition("x.txt", FileKind::Text).starts_with("attachment;"));
        assert!(content_disposition("x.mp4", FileKind::Mp4).starts_with("attachment;"));
    }

    #[test]
    fn refusals_have_distinct_codes_and_messages() {
        let codes: std::collections::HashSet<_> = Refusal::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), Refusal::ALL.len());
        assert!(Refusal::ALL.iter().all(|r| r.message().ends_with('.')));
    }
}
