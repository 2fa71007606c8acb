//! Thumbnails of pictures, made on the server when they are uploaded: a
//! PNG that fits [`BOX_WIDTH`] × [`BOX_HEIGHT`]. Decoding is bounded, so a
//! small file that claims a huge picture (a decompression bomb) costs no
//! more than [`MAX_DECODE_BYTES`]: the dimensions are read from the header
//! first, and a picture too large to decode is kept without a thumbnail.

use crate::domain::attachment::{FileKind, Refusal};
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;

pub const BOX_WIDTH: u32 = 320;
pub const BOX_HEIGHT: u32 = 240;
/// The most memory one decode may take (a 4K screenshot takes 33 MB).
pub const MAX_DECODE_BYTES: u64 = 128 * 1024 * 1024;
/// The most pixels decoded: 8 bytes each at most (16-bit RGBA) must fit.
const MAX_PIXELS: u64 = MAX_DECODE_BYTES / 8;

/// What the server learnt of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// `None` when it is too large to decode within the limit.
    pub thumbnail: Option<Vec<u8>>,
}

fn format(kind: FileKind) -> Option<ImageFormat> {
    match kind {
        FileKind::Png => Some(ImageFormat::Png),
        FileKind::Jpeg => Some(ImageFormat::Jpeg),
        FileKind::Gif => Some(ImageFormat::Gif),
        FileKind::Webp => Some(ImageFormat::WebP),
        _ => None,
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

/// Reads the picture `bytes` of `kind` (as sniffed, never guessed again)
/// and makes its thumbnail. A picture whose header or pixels cannot be
/// read is refused as damaged. CPU-bound: run it off the async threads.
pub fn picture(bytes: &[u8], kind: FileKind) -> Result<Picture, Refusal> {
    let format = format(kind).ok_or(Refusal::Unsupported)?;
    let reader = || {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        reader.limits(limits());
        reader
    };
    let (width, height) = reader().into_dimensions().map_err(|_| Refusal::DamagedImage)?;
    if width == 0 || height == 0 {
        return Err(Refusal::DamagedImage);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Ok(Picture { width, height, thumbnail: None });
    }
    let image = match reader().decode() {
        Ok(image) => image,
        Err(image::ImageError::Limits(_)) => return Ok(Picture { width, height, thumbnail: None }),
        Err(_) => return Err(Refusal::DamagedImage),
    };
    let small = if width <= BOX_WIDTH && height <= BOX_HEIGHT {
        image
    } else {
        image.thumbnail(BOX_WIDTH, BOX_HEIGHT)
    };
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(small.to_rgba8())
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|_| Refusal::DamagedImage)?;
    Ok(Picture { width, height, thumbnail: Some(png) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgba8(img).write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn a_screenshot_gets_a_thumbnail_that_fits_the_box() {
        let p = picture(&png(1280, 800), FileKind::Png).unwrap();
        assert_eq!((p.width, p.height), (1280, 800));
        let thumb = image::load_from_memory_with_format(&p.thumbnail.unwrap(), ImageFormat::Png).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 200));
    }

    #[test]
    fn a_small_picture_is_not_enlarged() {
        let p = picture(&png(40, 30), FileKind::Png).unwrap();
        let thumb = image::load_from_memory(&p.thumbnail.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (40, 30));
    }

    #[test]
    fn a_damaged_picture_is_refused() {
        let mut bytes = png(100, 100);
        bytes.truncate(bytes.len() / 2);
        assert_eq!(picture(&bytes, FileKind::Png), Err(Refusal::DamagedImage));
        assert_eq!(picture(b"\x89PNG\r\n\x1a\n<html>", FileKind::Png), Err(Refusal::DamagedImage));
        assert_eq!(picture(b"\xff\xd8\xff<script>", FileKind::Jpeg), Err(Refusal::DamagedImage));
    }

    #[test]
    fn a_decompression_bomb_is_kept_without_being_decoded() {
        // A valid PNG header claiming 100,000 × 100,000 pixels, in a few
        // hundred bytes: decoding it would need 40 GB.
        let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            let body = [kind, data].concat();
            bomb.extend((data.len() as u32).to_be_bytes());
            bomb.extend(&body);
            bomb.extend(crc32(&body).to_be_bytes());
        };
        let mut ihdr = Vec::new();
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend([8, 6, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        // A few bytes of compressed zeros would inflate to 40 GB.
        chunk(b"IDAT", b"\x78\x9c\x03\x00\x00\x00\x00\x01");
        chunk(b"IEND", b"");
        assert!(bomb.len() < 100);
        let p = picture(&bomb, FileKind::Png).unwrap();
        assert_eq!((p.width, p.height, p.thumbnail), (100_000, 100_000, None));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
