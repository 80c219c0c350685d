//! An article's body: its blocks, open while a loader builds them, compressed while the
//! collection is open.
//!
//! The bodies are most of a collection's memory: a paragraph per string, each with its
//! allocation overhead, came to 1.6 times the text. A [`Body`] can be packed into one
//! LZ4-compressed buffer ([`Body::pack`]); [`Body::blocks`] gives the blocks back either
//! way (borrowed when open, decoded when packed, which takes microseconds per article).
//! Loaders build open bodies; the collection loader packs them once their content keys
//! are known.

use super::{Block, Caption};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// The blocks of an article body, open or packed.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The blocks while open (empty while packed).
    open: Vec<Block>,
    /// While packed: the encoded blocks, LZ4-compressed after their raw length (4 bytes,
    /// LE), and how many blocks there are.
    packed: Option<(Box<[u8]>, u32)>,
}

/// Block kinds in the packed encoding.
const PARAGRAPH: u8 = 0;
const HEADING: u8 = 1;
const CAPTION: u8 = 2;
const CAPTION_CREDITED: u8 = 3;
const QUOTE: u8 = 4;
const CODE: u8 = 5;

/// The longest raw encoding a packed body may claim: damaged bytes (from a cache row) must
/// not make the decoder reserve gigabytes. LZ4 cannot expand input by more than 255 times.
fn plausible_raw_len(raw: usize, compressed: usize) -> bool {
    raw <= compressed.saturating_mul(255).saturating_add(64)
}

impl Body {
    /// An empty open body.
    pub fn new() -> Body {
        Body::default()
    }

    /// The blocks: borrowed when open, decoded when packed. Damaged packed bytes (only
    /// possible through [`Body::from_packed`]) give no blocks.
    pub fn blocks(&self) -> Cow<'_, [Block]> {
        match &self.packed {
            None => Cow::Borrowed(&self.open),
            Some((bytes, _)) => Cow::Owned(unpack(bytes).unwrap_or_default()),
        }
    }

    /// The blocks, open for changes (a packed body is opened first).
    pub fn blocks_mut(&mut self) -> &mut Vec<Block> {
        if let Some((bytes, _)) = self.packed.take() {
            self.open = unpack(&bytes).unwrap_or_default();
        }
        &mut self.open
    }

    /// Add a block at the end.
    pub fn push(&mut self, block: Block) {
        self.blocks_mut().push(block);
    }

    /// Number of blocks.
    pub fn len(&self) -> usize {
        match &self.packed {
            None => self.open.len(),
            Some((_, blocks)) => *blocks as usize,
        }
    }

    /// Whether there are no blocks.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Compress the blocks into one buffer (nothing happens to a packed body, or to one
    /// too large to count its blocks in 32 bits).
    pub fn pack(&mut self) {
        if self.packed.is_some() {
            return;
        }
        let Ok(count) = u32::try_from(self.open.len()) else {
            return;
        };
        if let Some(bytes) = pack(&self.open) {
            self.packed = Some((bytes.into_boxed_slice(), count));
            self.open = Vec::new();
        }
    }

    /// The packed bytes and the block count, when packed (for storing as they are).
    pub fn packed(&self) -> Option<(&[u8], u32)> {
        self.packed.as_ref().map(|(bytes, n)| (&**bytes, *n))
    }

    /// A body from bytes [`Body::packed`] gave. They are not checked here: damaged bytes
    /// read as an empty body.
    pub fn from_packed(bytes: Vec<u8>, blocks: u32) -> Body {
        Body {
            open: Vec::new(),
            packed: Some((bytes.into_boxed_slice(), blocks)),
        }
    }

    /// Bytes held on the heap.
    pub fn heap_size(&self) -> usize {
        let open: usize = self
            .open
            .iter()
            .map(|b| match b {
                Block::Caption(c) => {
                    c.text.capacity() + c.credit.as_ref().map_or(0, String::capacity)
                }
                Block::Paragraph { text }
                | Block::Heading { text }
                | Block::Quote { text }
                | Block::Code { text } => text.capacity(),
            })
            .sum();
        self.open.capacity() * std::mem::size_of::<Block>()
            + open
            + self.packed.as_ref().map_or(0, |(bytes, _)| bytes.len())
    }
}

impl From<Vec<Block>> for Body {
    fn from(blocks: Vec<Block>) -> Body {
        Body {
            open: blocks,
            packed: None,
        }
    }
}

impl FromIterator<Block> for Body {
    fn from_iter<I: IntoIterator<Item = Block>>(blocks: I) -> Body {
        Body::from(blocks.into_iter().collect::<Vec<_>>())
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.len() == other.len() && self.blocks() == other.blocks()
    }
}

impl PartialEq<Vec<Block>> for Body {
    fn eq(&self, other: &Vec<Block>) -> bool {
        self.blocks().as_ref() == other.as_slice()
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.blocks().serialize(serializer)
    }
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    let mut len = text.len();
    // LEB128 length, then the bytes.
    loop {
        let low = (len & 0x7f) as u8;
        len >>= 7;
        if len == 0 {
            out.push(low);
            break;
        }
        out.push(low | 0x80);
    }
    out.extend_from_slice(text.as_bytes());
}

fn pack(blocks: &[Block]) -> Option<Vec<u8>> {
    let mut raw = Vec::with_capacity(blocks.iter().map(|b| b.text().len() + 3).sum());
    for block in blocks {
        match block {
            Block::Paragraph { text } => {
                raw.push(PARAGRAPH);
                put_text(&mut raw, text);
            }
            Block::Heading { text } => {
                raw.push(HEADING);
                put_text(&mut raw, text);
            }
            Block::Quote { text } => {
                raw.push(QUOTE);
                put_text(&mut raw, text);
            }
            Block::Code { text } => {
                raw.push(CODE);
                put_text(&mut raw, text);
            }
            Block::Caption(Caption { text, credit }) => match credit {
                Some(credit) => {
                    raw.push(CAPTION_CREDITED);
                    put_text(&mut raw, text);
                    put_text(&mut raw, credit);
                }
                None => {
                    raw.push(CAPTION);
                    put_text(&mut raw, text);
                }
            },
        }
    }
    let len = u32::try_from(raw.len()).ok()?;
    let mut out = len.to_le_bytes().to_vec();
    out.extend(lz4_flex::block::compress(&raw));
    Some(out)
}

/// Reads the raw encoding: a kind byte, then one or two length-prefixed texts.
struct Reader<'a> {
    raw: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.raw.split_first()?;
        self.raw = rest;
        Some(b)
    }

    fn text(&mut self) -> Option<String> {
        let mut len = 0usize;
        for shift in (0..).step_by(7).take(5) {
            let b = self.byte()?;
            len |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
        }
        if len > self.raw.len() {
            return None;
        }
        let (text, rest) = self.raw.split_at(len);
        self.raw = rest;
        String::from_utf8(text.to_vec()).ok()
    }
}

fn unpack(bytes: &[u8]) -> Option<Vec<Block>> {
    let (len, compressed) = bytes.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
    if !plausible_raw_len(len, compressed.len()) {
        return None;
    }
    let raw = lz4_flex::block::decompress(compressed, len).ok()?;
    let mut reader = Reader { raw: &raw };
    let mut blocks = Vec::new();
    while let Some(kind) = reader.byte() {
        blocks.push(match kind {
            PARAGRAPH => Block::Paragraph {
                text: reader.text()?,
            },
            HEADING => Block::Heading {
                text: reader.text()?,
            },
            QUOTE => Block::Quote {
                text: reader.text()?,
            },
            CODE => Block::Code {
                text: reader.text()?,
            },
            CAPTION => Block::Caption(Caption {
                text: reader.text()?,
                credit: None,
            }),
            CAPTION_CREDITED => Block::Caption(Caption {
                text: reader.text()?,
                credit: Some(reader.text()?),
            }),
            _ => return None,
        });
    }
    Some(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading {
                text: "Rapat di Jakarta".into(),
            },
            Block::Paragraph {
                text: "Paragraf pertama dengan é, 日本 dan emoji 🇮🇩.".into(),
            },
            Block::Caption(Caption {
                text: "Foto rapat".into(),
                credit: Some("Dok. Panitia".into()),
            }),
            Block::Caption(Caption {
                text: "Tanpa kredit".into(),
                credit: None,
            }),
            Block::Quote {
                text: "x".repeat(300),
            },
            Block::Code {
                text: "fn main() {\n    println!();\n}".into(),
            },
            Block::Paragraph {
                text: String::new(),
            },
        ]
    }

    #[test]
    fn a_packed_body_gives_back_its_blocks() {
        let mut body = Body::from(sample());
        body.pack();
        assert!(body.packed().is_some());
        assert_eq!(body.len(), 7);
        assert_eq!(body.blocks().as_ref(), sample().as_slice());
        assert_eq!(body, sample());
        assert_eq!(body, Body::from(sample()));
        let (bytes, blocks) = body
            .packed()
            .map(|(b, n)| (b.to_vec(), n))
            .unwrap_or_default();
        assert_eq!(Body::from_packed(bytes, blocks), body);
    }

    #[test]
    fn a_packed_body_opens_for_changes() {
        let mut body = Body::from(sample());
        body.pack();
        body.push(Block::Paragraph {
            text: "akhir".into(),
        });
        assert!(body.packed().is_none());
        assert_eq!(body.len(), 8);
        assert_eq!(body.blocks().last().map(Block::text), Some("akhir"));
    }

    #[test]
    fn an_empty_body_packs_and_unpacks() {
        let mut body = Body::new();
        body.pack();
        assert!(body.is_empty());
        assert!(body.blocks().is_empty());
    }

    #[test]
    fn damaged_bytes_read_as_no_blocks() {
        let mut body = Body::from(sample());
        body.pack();
        let (bytes, n) = body
            .packed()
            .map(|(b, n)| (b.to_vec(), n))
            .unwrap_or_default();
        for cut in [0, 3, 4, bytes.len() / 2] {
            assert!(
                Body::from_packed(bytes[..cut].to_vec(), n)
                    .blocks()
                    .is_empty()
            );
        }
        // A raw length no compressed input could give.
        let mut huge = bytes.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Body::from_packed(huge, n).blocks().is_empty());
        let mut flipped = bytes;
        if let Some(last) = flipped.last_mut() {
            *last ^= 0xff;
        }
        // Whatever the damage gives, it is not a panic.
        let _ = Body::from_packed(flipped, n).blocks();
    }

    #[test]
    fn long_texts_keep_their_lengths() {
        let long = "kata ".repeat(40_000);
        let mut body = Body::from(vec![Block::Paragraph { text: long.clone() }]);
        body.pack();
        assert_eq!(body.blocks()[0].text(), long);
        assert!(body.heap_size() < long.len() / 4);
    }
}
