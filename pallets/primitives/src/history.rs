//! A value that changes at era boundaries, with the history a slashable window needs.

use crate::EraIndex;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// Values with the era from which each applies, oldest first, at most `Max` of them.
///
/// A change is scheduled for a future era and replaces any change still pending; entries are dropped once a later
/// one applies from an era at or before the horizon, so that the value in force at any era from the horizon on
/// stays known. Evidence and offences of the slashable window are judged by what was in force at their era.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(Max))]
#[codec(mel_bound(V: MaxEncodedLen))]
pub struct EraHistory<V: Clone + PartialEq + Eq + core::fmt::Debug, Max: Get<u32>> {
	/// `(from, value)`, `from` strictly increasing.
	pub entries: BoundedVec<(EraIndex, V), Max>,
}

impl<V: Clone + PartialEq + Eq + core::fmt::Debug, Max: Get<u32>> Default for EraHistory<V, Max> {
	fn default() -> Self {
		Self { entries: BoundedVec::default() }
	}
}

/// Why a change could not be scheduled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HistoryError {
	/// The history is full of values still needed for the window.
	Full,
}

impl<V: Clone + PartialEq + Eq + core::fmt::Debug, Max: Get<u32>> EraHistory<V, Max> {
	/// A history whose first value applies from `from`.
	pub fn starting(from: EraIndex, value: V) -> Self {
		Self { entries: BoundedVec::truncate_from(alloc::vec![(from, value)]) }
	}

	/// The value in force at `era`.
	pub fn at(&self, era: EraIndex) -> Option<&V> {
		self.entries.iter().rev().find(|(from, _)| *from <= era).map(|(_, value)| value)
	}

	/// The change scheduled after `now`, if any.
	pub fn pending(&self, now: EraIndex) -> Option<&(EraIndex, V)> {
		self.entries.last().filter(|(from, _)| *from > now)
	}

	/// Every value stored, in force or pending or still in the window.
	pub fn values(&self) -> impl Iterator<Item = &V> {
		self.entries.iter().map(|(_, value)| value)
	}

	/// Schedule `value` from `from` (after `now`), replacing what is pending, after dropping what the window no
	/// longer needs (see [`Self::prune`]). Returns the values removed, so that callers can free what they index.
	pub fn schedule(
		&mut self,
		now: EraIndex,
		from: EraIndex,
		value: V,
		horizon: EraIndex,
	) -> Result<alloc::vec::Vec<V>, HistoryError> {
		let mut removed = self.prune(horizon);
		if self.entries.last().is_some_and(|(pending, _)| *pending > now) {
			if let Some((_, replaced)) = self.entries.pop() {
				removed.push(replaced);
			}
		}
		// Changes apply in order: one scheduled before a later pending one cannot be.
		self.entries.retain(|(existing, _)| *existing < from);
		if self.entries.try_push((from, value)).is_err() {
			return Err(HistoryError::Full);
		}
		Ok(removed)
	}

	/// Drop the entries that are in force at no era from `horizon` on; returns their values.
	pub fn prune(&mut self, horizon: EraIndex) -> alloc::vec::Vec<V> {
		// The first entry still needed is the last one applying at or before the horizon.
		let keep_from = self.entries.iter().rposition(|(from, _)| *from <= horizon).unwrap_or(0);
		let removed: alloc::vec::Vec<V> =
			self.entries.iter().take(keep_from).map(|(_, value)| value.clone()).collect();
		if keep_from > 0 {
			let kept: alloc::vec::Vec<_> = self.entries.iter().skip(keep_from).cloned().collect();
			self.entries = BoundedVec::truncate_from(kept);
		}
		removed
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::ConstU32;

	type History = EraHistory<u8, ConstU32<3>>;

	#[test]
	fn values_are_known_at_every_era_of_the_window() {
		let mut history = History::starting(0, 1);
		assert_eq!(history.schedule(3, 4, 2, 0), Ok(vec![]));
		assert_eq!(history.schedule(5, 6, 3, 2), Ok(vec![]));
		assert_eq!(
			(history.at(0), history.at(4), history.at(5), history.at(6)),
			(Some(&1), Some(&2), Some(&2), Some(&3))
		);
		// Full, and every entry is in force at some era from the horizon 3 on.
		assert_eq!(history.schedule(6, 7, 4, 3), Err(HistoryError::Full));
		// Once 2 applies at the horizon, 1 is no longer needed.
		let mut history = History::starting(0, 1);
		assert_eq!(history.schedule(3, 4, 2, 0), Ok(vec![]));
		assert_eq!(history.schedule(5, 6, 3, 2), Ok(vec![]));
		assert_eq!(history.schedule(7, 8, 4, 4), Ok(vec![1]));
		assert_eq!(history.at(4), Some(&2));
		assert_eq!(history.at(3), None);
	}

	#[test]
	fn a_new_change_replaces_the_pending_one() {
		let mut history = History::starting(0, 1);
		assert_eq!(history.schedule(1, 2, 2, 0), Ok(vec![]));
		assert_eq!(history.pending(1), Some(&(2, 2)));
		assert_eq!(history.schedule(1, 2, 3, 0), Ok(vec![2]));
		assert_eq!(history.at(2), Some(&3));
		assert_eq!(history.at(1), Some(&1));
	}
}
