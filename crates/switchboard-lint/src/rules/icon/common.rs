//! Reading the icon: its PNG header, and a few pixels sampled from a bounded decode.
//!
//! Each icon rule reads what it needs on its own. Icons are rare (a dozen in the corpus) and
//! small, so decoding one twice costs microseconds, far less than a cache keyed on a connector
//! would cost in complexity.

use std::io::Cursor;

/// The eight bytes every PNG file starts with.
pub(crate) const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Images with more pixels than this are not decoded: an allowed icon has at most 230 × 230,
/// and a hostile header (100000 × 100000) must not make the validator allocate gigabytes.
/// IC003 reports such images from the header alone.
const MAX_DECODE_PIXELS: u64 = 1024 * 1024;

/// What the decoder may allocate beyond the output buffer (row buffers, chunks).
const DECODER_LIMIT_BYTES: usize = 8 * 1024 * 1024;

/// The `IHDR` facts of a PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The PNG colour type byte (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA).
    pub color_type: u8,
}

/// Reads the `IHDR` chunk, which the format requires to come first, without decoding anything.
/// `None` when the bytes are not a PNG or the header is cut short.
pub(crate) fn header(bytes: &[u8]) -> Option<Header> {
    let rest = bytes.strip_prefix(&SIGNATURE)?;
    let chunk_type = rest.get(4..8)?;
    if chunk_type != b"IHDR" {
        return None;
    }
    let be = |at: usize| -> Option<u32> {
        let b: [u8; 4] = rest.get(at..at + 4)?.try_into().ok()?;
        Some(u32::from_be_bytes(b))
    };
    Some(Header { width: be(8)?, height: be(12)?, color_type: *rest.get(17)? })
}

/// An RGBA pixel.
pub(crate) type Rgba = [u8; 4];

/// Pixels sampled from the decoded image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Samples {
    /// Top-left, top-right, bottom-left, bottom-right.
    pub corners: [Rgba; 4],
    /// The middle of the top, bottom, left and right edges.
    pub edges: [Rgba; 4],
}

/// Why an icon could not be sampled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SampleError {
    /// Not a PNG at all (IC001).
    NotPng,
    /// Too many pixels to decode safely (IC003 reports the size).
    TooLarge,
    /// The decoder rejected the data: truncated, corrupt, bad checksum.
    Corrupt(String),
}

/// Decodes the icon (when its header says it is small enough) and samples corner and edge
/// pixels, converted to 8-bit RGBA.
pub(crate) fn samples(bytes: &[u8]) -> Result<Samples, SampleError> {
    let head = header(bytes).ok_or(SampleError::NotPng)?;
    if head.width == 0 || head.height == 0 {
        return Err(SampleError::Corrupt("the image has no pixels".into()));
    }
    if u64::from(head.width) * u64::from(head.height) > MAX_DECODE_PIXELS {
        return Err(SampleError::TooLarge);
    }
    let corrupt = |e: png::DecodingError| SampleError::Corrupt(e.to_string());
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits { bytes: DECODER_LIMIT_BYTES },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(corrupt)?;
    let size = reader.output_buffer_size().ok_or(SampleError::TooLarge)?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(corrupt)?;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => {
            return Err(SampleError::Corrupt("palette was not expanded".into()));
        }
    };
    let pixel = |x: u32, y: u32| -> Option<Rgba> {
        let at = y as usize * frame.line_size + x as usize * channels;
        Some(match *buf.get(at..at + channels)? {
            [grey] => [grey, grey, grey, 255],
            [grey, alpha] => [grey, grey, grey, alpha],
            [red, green, blue] => [red, green, blue, 255],
            [red, green, blue, alpha] => [red, green, blue, alpha],
            _ => return None,
        })
    };
    let short = || SampleError::Corrupt("the decoded image is shorter than its header".into());
    let (right, bottom) = (frame.width.saturating_sub(1), frame.height.saturating_sub(1));
    let (middle_x, middle_y) = (frame.width / 2, frame.height / 2);
    let corners = [pixel(0, 0), pixel(right, 0), pixel(0, bottom), pixel(right, bottom)];
    let edges =
        [pixel(middle_x, 0), pixel(middle_x, bottom), pixel(0, middle_y), pixel(right, middle_y)];
    let all = |list: [Option<Rgba>; 4]| -> Option<[Rgba; 4]> {
        Some([list[0]?, list[1]?, list[2]?, list[3]?])
    };
    Ok(Samples { corners: all(corners).ok_or_else(short)?, edges: all(edges).ok_or_else(short)? })
}

/// Whether two colours are within `tolerance` on every RGB channel.
pub(crate) fn close(a: Rgba, b: Rgba, tolerance: u8) -> bool {
    a.iter().zip(b.iter()).take(3).all(|(x, y)| x.abs_diff(*y) <= tolerance)
}

/// `#RRGGBB`.
pub(crate) fn hex(c: Rgba) -> String {
    format!("#{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

/// Test helpers: PNGs built pixel by pixel.
#[cfg(test)]
pub(crate) mod fixtures {
    /// An RGBA PNG whose pixel at `(x, y)` is `f(x, y)`.
    pub fn png_from(width: u32, height: u32, f: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, width, height);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().expect("png header");
            let mut data = Vec::with_capacity((width * height * 4) as usize);
            for y in 0..height {
                for x in 0..width {
                    data.extend_from_slice(&f(x, y));
                }
            }
            w.write_image_data(&data).expect("png data");
        }
        out
    }

    /// A PNG signature and `IHDR` claiming `width` × `height` RGBA, followed by nothing.
    pub fn header_only(width: u32, height: u32) -> Vec<u8> {
        let mut out = super::SIGNATURE.to_vec();
        out.extend_from_slice(&13u32.to_be_bytes());
        out.extend_from_slice(b"IHDR");
        out.extend_from_slice(&width.to_be_bytes());
        out.extend_from_slice(&height.to_be_bytes());
        out.extend_from_slice(&[8, 6, 0, 0, 0]);
        out.extend_from_slice(&[0, 0, 0, 0]); // CRC: wrong on purpose, the header is all we read
        out
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{header_only, png_from};
    use super::*;
    use crate::test_support::{base_icon, solid_png};

    #[test]
    fn header_reads_ihdr() {
        let h = header(&base_icon()).expect("header");
        assert_eq!((h.width, h.height, h.color_type), (230, 230, 2));
        assert_eq!(header(b"GIF89a"), None);
        assert_eq!(header(&SIGNATURE), None);
    }

    #[test]
    fn samples_take_corners_and_edges() {
        let icon =
            png_from(10, 8, |x, y| if (x, y) == (9, 7) { [1, 2, 3, 4] } else { [9, 9, 9, 255] });
        let s = samples(&icon).expect("samples");
        assert_eq!(s.corners[3], [1, 2, 3, 4]);
        assert_eq!(s.edges[0], [9, 9, 9, 255]);
        let grey = solid_png(4, 4, [7, 7, 7, 255], png::ColorType::Rgb);
        assert_eq!(samples(&grey).expect("samples").corners[0], [7, 7, 7, 255]);
    }

    #[test]
    fn hostile_and_broken_images_are_not_decoded() {
        assert_eq!(samples(&header_only(100_000, 100_000)), Err(SampleError::TooLarge));
        assert!(matches!(samples(&header_only(10, 10)), Err(SampleError::Corrupt(_))));
        let mut cut = base_icon();
        cut.truncate(cut.len() / 2);
        assert!(matches!(samples(&cut), Err(SampleError::Corrupt(_))));
        assert_eq!(samples(b"not a png"), Err(SampleError::NotPng));
    }
}
