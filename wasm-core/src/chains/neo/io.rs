//! The NEO binary format every N3 structure is written in: little-endian integers, var-ints
//! (1, 3, 5 or 9 bytes) and var-bytes, read back through a bounds-checked cursor.
//!
//! Var-ints are read the way Neo's `MemoryReader.ReadVarInt` reads them: the shortest
//! encoding only, and never more than the caller's limit, so a count read from untrusted bytes
//! can never make us allocate more than the input could hold.
//!
//! Spec: <https://developers.neo.org/docs/n3/foundation/Transactions> (variable-length types),
//! `Neo.IO.MemoryReader` in <https://github.com/neo-project/neo>

/// Why bytes could not be decoded as an N3 structure (a transaction, a witness, a condition).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input ended before the structure did.
    #[error("the data ends at byte {offset}, {needed} more bytes were expected")]
    UnexpectedEnd {
        /// Where the missing bytes should have started.
        offset: usize,
        /// How many bytes were missing.
        needed: usize,
    },
    /// A length or count is larger than the format allows there.
    #[error("a length of {value} at byte {offset} is more than the {max} allowed there")]
    TooLong {
        /// Where the length was read.
        offset: usize,
        /// The length that was read.
        value: u64,
        /// The largest length allowed in that place.
        max: u64,
    },
    /// A var-int was not written in its shortest form (Neo nodes refuse these).
    #[error("the variable-length integer at byte {offset} is not in its shortest form")]
    NonCanonicalVarInt {
        /// Where the var-int starts.
        offset: usize,
    },
    /// Bytes were left over after the structure.
    #[error("{count} unexpected bytes after the end, at byte {offset}")]
    TrailingBytes {
        /// Where the extra bytes start.
        offset: usize,
        /// How many there are.
        count: usize,
    },
    /// A field holds a value the format does not allow.
    #[error("invalid {field} at byte {offset}: {reason}")]
    Invalid {
        /// The field, like `transaction version` or `witness scope`.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// A bounds-checked cursor over bytes.
#[derive(Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading at the first byte.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    /// The offset of the next byte to read.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// Fails unless every byte has been read.
    ///
    /// # Errors
    /// [`DecodeError::TrailingBytes`] if bytes are left.
    pub fn finish(&self) -> Result<(), DecodeError> {
        let count = self.data.len().saturating_sub(self.pos);
        if count == 0 {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes {
                offset: self.pos,
                count,
            })
        }
    }

    /// Reads `n` bytes.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] if fewer are left.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|end| *end <= self.data.len())
            .ok_or(DecodeError::UnexpectedEnd {
                offset: self.pos,
                needed: n - (self.data.len() - self.pos).min(n),
            })?;
        let out = &self.data[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// Reads a fixed-size array.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] if fewer bytes are left.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    /// Reads one byte.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] at the end of the input.
    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.array::<1>()?[0])
    }

    /// Reads a little-endian `u16`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] if fewer than 2 bytes are left.
    pub fn u16(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    /// Reads a little-endian `u32`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] if fewer than 4 bytes are left.
    pub fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// Reads a little-endian `u64`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] if fewer than 8 bytes are left.
    pub fn u64(&mut self) -> Result<u64, DecodeError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// Reads a little-endian `i64`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`] if fewer than 8 bytes are left.
    pub fn i64(&mut self) -> Result<i64, DecodeError> {
        Ok(i64::from_le_bytes(self.array()?))
    }

    /// Reads a var-int of at most `max`, in its shortest form.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEnd`], [`DecodeError::NonCanonicalVarInt`] or
    /// [`DecodeError::TooLong`].
    pub fn var_int(&mut self, max: u64) -> Result<u64, DecodeError> {
        let offset = self.pos;
        let value = match self.u8()? {
            0xfd => {
                let v = u64::from(self.u16()?);
                if v < 0xfd {
                    return Err(DecodeError::NonCanonicalVarInt { offset });
                }
                v
            }
            0xfe => {
                let v = u64::from(self.u32()?);
                if v <= 0xffff {
                    return Err(DecodeError::NonCanonicalVarInt { offset });
                }
                v
            }
            0xff => {
                let v = self.u64()?;
                if v <= 0xffff_ffff {
                    return Err(DecodeError::NonCanonicalVarInt { offset });
                }
                v
            }
            small => u64::from(small),
        };
        if value > max {
            return Err(DecodeError::TooLong { offset, value, max });
        }
        Ok(value)
    }

    /// Reads a count of items (a var-int of at most `max`).
    ///
    /// # Errors
    /// As [`Reader::var_int`].
    pub fn count(&mut self, max: usize) -> Result<usize, DecodeError> {
        let value = self.var_int(u64::try_from(max).unwrap_or(u64::MAX))?;
        // `value <= max`, so it fits.
        Ok(usize::try_from(value).unwrap_or(max))
    }

    /// Reads var-bytes of at most `max` bytes.
    ///
    /// # Errors
    /// As [`Reader::var_int`], or [`DecodeError::UnexpectedEnd`].
    pub fn var_bytes(&mut self, max: usize) -> Result<&'a [u8], DecodeError> {
        let len = self.count(max)?;
        self.bytes(len)
    }
}

/// Appends a var-int.
pub fn write_var_int(out: &mut Vec<u8>, value: u64) {
    if value < 0xfd {
        // Checked just above.
        out.push(u8::try_from(value).unwrap_or(0));
    } else if let Ok(v) = u16::try_from(value) {
        out.push(0xfd);
        out.extend_from_slice(&v.to_le_bytes());
    } else if let Ok(v) = u32::try_from(value) {
        out.push(0xfe);
        out.extend_from_slice(&v.to_le_bytes());
    } else {
        out.push(0xff);
        out.extend_from_slice(&value.to_le_bytes());
    }
}

/// Appends a length as a var-int.
pub fn write_len(out: &mut Vec<u8>, len: usize) {
    write_var_int(out, u64::try_from(len).unwrap_or(u64::MAX));
}

/// Appends var-bytes (length, then the bytes).
pub fn write_var_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    write_len(out, bytes.len());
    out.extend_from_slice(bytes);
}

/// The size of a var-int.
pub fn var_int_size(value: u64) -> usize {
    match value {
        0..0xfd => 1,
        0xfd..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn var_ints_round_trip_at_every_boundary() {
        for v in [
            0u64,
            1,
            0xfc,
            0xfd,
            0xfe,
            0xffff,
            0x1_0000,
            0xffff_ffff,
            0x1_0000_0000,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            write_var_int(&mut out, v);
            assert_eq!(out.len(), var_int_size(v), "{v}");
            let mut r = Reader::new(&out);
            assert_eq!(r.var_int(u64::MAX).unwrap(), v);
            r.finish().unwrap();
        }
    }

    #[test]
    fn rejects_long_forms_limits_and_truncation() {
        assert_eq!(
            Reader::new(&[0xfd, 0x10, 0x00]).var_int(u64::MAX),
            Err(DecodeError::NonCanonicalVarInt { offset: 0 })
        );
        assert_eq!(
            Reader::new(&[0xfe, 0xff, 0xff, 0, 0]).var_int(u64::MAX),
            Err(DecodeError::NonCanonicalVarInt { offset: 0 })
        );
        assert_eq!(
            Reader::new(&[0x11]).var_int(16),
            Err(DecodeError::TooLong {
                offset: 0,
                value: 17,
                max: 16
            })
        );
        assert_eq!(
            Reader::new(&[0x05, 1, 2]).var_bytes(100),
            Err(DecodeError::UnexpectedEnd { offset: 1, needed: 3 })
        );
        assert_eq!(
            Reader::new(&[0xfd, 1]).var_int(u64::MAX),
            Err(DecodeError::UnexpectedEnd { offset: 1, needed: 1 })
        );
    }
}
