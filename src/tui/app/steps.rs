//! Cursor arithmetic the panes share: a step kept within the rows, and a step that wraps
//! around (mentions and search matches).

/// `at + delta`, kept within `0..=max`.
pub(super) fn offset(at: usize, delta: isize, max: usize) -> usize {
    let target = at as isize + delta;
    target.clamp(0, max as isize) as usize
}

/// The next (`step` 1) or previous (-1) of `n` places from `current`, wrapping around;
/// from none, the first or the last. `None` when there are none.
pub(super) fn cycle(current: Option<usize>, step: isize, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    Some(match current {
        Some(m) => (m as isize + step).rem_euclid(n as isize) as usize,
        None if step > 0 => 0,
        None => n - 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_the_ends_or_wrap() {
        assert_eq!(offset(3, -10, 9), 0);
        assert_eq!(offset(3, isize::MAX / 2, 9), 9);
        assert_eq!(offset(0, 1, 0), 0);
        assert_eq!(cycle(None, 1, 4), Some(0));
        assert_eq!(cycle(None, -1, 4), Some(3));
        assert_eq!(cycle(Some(3), 1, 4), Some(0));
        assert_eq!(cycle(Some(0), -1, 4), Some(3));
        assert_eq!(cycle(Some(2), 1, 0), None);
    }
}
