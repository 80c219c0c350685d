//! Little-endian reading and writing of the model file format.

use thiserror::Error;

/// Why a model file could not be read.
#[derive(Debug, Error)]
pub enum ModelError {
    /// The file ends before the data it announces.
    #[error("model file is truncated")]
    Truncated,
    /// The file does not start with the model magic bytes.
    #[error("not a warta model file")]
    BadMagic,
    /// The file was written by an incompatible version.
    #[error("unsupported model version {0}")]
    Version(u32),
    /// A field holds an impossible value.
    #[error("corrupt model file: {0}")]
    Corrupt(&'static str),
    /// No model was given for the language.
    #[error("no model for this language")]
    Absent,
}

/// A cursor over model bytes.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Start reading at the beginning of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.data.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    /// One byte.
    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    /// A little-endian `u16`.
    pub fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    /// A little-endian `i16`.
    pub fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(self.u16()? as i16)
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A little-endian `f32`.
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

/// Appending little-endian values to a byte buffer.
pub trait Writer {
    /// Append a `u16`.
    fn put_u16(&mut self, v: u16);
    /// Append a `u32`.
    fn put_u32(&mut self, v: u32);
    /// Append an `f32`.
    fn put_f32(&mut self, v: f32);
}

impl Writer for Vec<u8> {
    fn put_u16(&mut self, v: u16) {
        self.extend_from_slice(&v.to_le_bytes());
    }
    fn put_u32(&mut self, v: u32) {
        self.extend_from_slice(&v.to_le_bytes());
    }
    fn put_f32(&mut self, v: f32) {
        self.extend_from_slice(&v.to_le_bytes());
    }
}
