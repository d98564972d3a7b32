//! The ranking of a span's same-name places (`Vocabulary.ranking`) made without Python
//! where the span's variants are all of one place (most keys: a single variant), from the
//! rank rows the index marshals (`index.RankRows`), copied once a process when the first
//! ranking is asked. Where the variants name several places, Python ranks them (its
//! region preference, `early.prefer_region`, decides between them); Python's ranking stays
//! the reference, and `tests/test_engine_ranking.py` holds this one to it key by key.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use super::fxhash::FxSet;

/// What ranking reads of a variant's (lang, type, needs_context) code.
struct VariantCode {
    needs_context: bool,
    /// type canonical or official (`early.OWN_NAME_TYPES`)
    own_name: bool,
    mt_error: bool,
    /// type other than "variant": a name we curated or WOF prefers
    official: bool,
}

/// What ranking reads of a place's (kind, country) code.
struct PlaceCode {
    kind: String,
    country: String,
    /// a kind of `early.BARE_FEATURE_KINDS`
    bare_feature: bool,
}

/// The weights `early.prior` adds (`gazetteer/scan/weights.py`).
struct Priors {
    importance_factor: f64,
    cue_fits: f64,
    needs_context_penalty: f64,
    bare_feature_penalty: f64,
    own_name_bonus: f64,
    mt_error_penalty: f64,
}

/// `index.RankRows`, as the engine reads it.
pub(crate) struct RankRows {
    variant_place: Vec<i32>,
    variant_code: Vec<u32>,
    variant_codes: Vec<VariantCode>,
    place_code: Vec<u32>,
    place_codes: Vec<PlaceCode>,
    importance: Vec<f64>,
    priors: Priors,
}

/// The ranking of a span whose variants are of one place: its one reading.
pub(crate) struct OnePlace<'a> {
    pub place: i64,
    pub variant: i64,
    pub rank: f64,
    pub needs_context: bool,
    pub kind: &'a str,
    pub official: bool,
    pub country: &'a str,
}

/// A native-endian array's items (`array.tobytes()`).
fn items<const N: usize, T>(blob: &[u8], from: fn([u8; N]) -> T) -> Vec<T> {
    blob.chunks_exact(N)
        .map(|c| from(c.try_into().expect("chunks of N bytes")))
        .collect()
}

impl RankRows {
    /// The rank rows of `host.rank_rows()` (an `index.RankRows`, or None for an index
    /// without them: then None, and Python ranks every span).
    pub(crate) fn from_host(host: &Bound<'_, PyAny>) -> PyResult<Option<RankRows>> {
        let rows = host.call_method0("rank_rows")?;
        if rows.is_none() {
            return Ok(None);
        }
        let blob = |name: &str| -> PyResult<Vec<u8>> {
            let b = rows.getattr(name)?.call_method0("tobytes")?;
            Ok(b.cast_into::<PyBytes>()?.as_bytes().to_vec())
        };
        let strings = |name: &str| -> PyResult<FxSet<String>> {
            let mut out = FxSet::default();
            for s in host.getattr(name)?.try_iter()? {
                out.insert(s?.extract()?);
            }
            Ok(out)
        };
        let own_names = strings("own_name_types")?;
        let bare_features = strings("bare_feature_kinds")?;
        let mut variant_codes = Vec::new();
        for c in rows.getattr("variant_codes")?.try_iter()? {
            let (_lang, vtype, needs): (String, String, Bound<'_, PyAny>) = c?.extract()?;
            variant_codes.push(VariantCode {
                needs_context: needs.is_truthy()?,
                own_name: own_names.contains(&vtype),
                mt_error: vtype == "mt_error",
                official: vtype != "variant",
            });
        }
        let mut place_codes = Vec::new();
        for c in rows.getattr("place_codes")?.try_iter()? {
            let (kind, country): (String, String) = c?.extract()?;
            place_codes.push(PlaceCode {
                bare_feature: bare_features.contains(&kind),
                kind,
                country,
            });
        }
        let weights = host.getattr("weights")?;
        let w = |name: &str| -> PyResult<f64> { weights.get_item(name)?.extract() };
        Ok(Some(RankRows {
            variant_place: items(&blob("variant_place")?, i32::from_ne_bytes),
            variant_code: items(&blob("variant_code")?, u32::from_ne_bytes),
            variant_codes,
            place_code: items(&blob("place_code")?, u32::from_ne_bytes),
            place_codes,
            importance: items(&blob("importance")?, f64::from_ne_bytes),
            priors: Priors {
                importance_factor: w("IMPORTANCE_FACTOR")?,
                cue_fits: w("CUE_FITS")?,
                needs_context_penalty: w("NEEDS_CONTEXT_PENALTY")?,
                bare_feature_penalty: w("BARE_FEATURE_PENALTY")?,
                own_name_bonus: w("OWN_NAME_BONUS")?,
                mt_error_penalty: w("MT_ERROR_PENALTY")?,
            },
        }))
    }

    /// `early.prior`: the match score, the place's weight, the cue (`cue_kinds`: the kinds
    /// of its group, None without one), the variant's type.
    fn prior(
        &self,
        score: f64,
        place: usize,
        pc: &PlaceCode,
        vc: &VariantCode,
        cue_kinds: Option<&FxSet<String>>,
    ) -> f64 {
        let p = &self.priors;
        let mut rank = score + p.importance_factor * self.importance[place];
        if let Some(kinds) = cue_kinds {
            rank += if kinds.contains(&pc.kind) {
                p.cue_fits
            } else {
                -p.cue_fits
            };
        } else if vc.needs_context {
            rank -= p.needs_context_penalty;
        } else if pc.bare_feature {
            rank -= p.bare_feature_penalty;
        }
        if vc.own_name {
            rank += p.own_name_bonus;
        } else if vc.mt_error && cue_kinds.is_none() {
            rank -= p.mt_error_penalty;
        }
        rank
    }

    /// `Vocabulary.ranking` of variants `ids` for a method's score and a cue group's kinds,
    /// where they are all of one place; None where they name several (or none, or one
    /// the rows do not hold): Python ranks those.
    pub(crate) fn one_place(
        &self,
        ids: &Bound<'_, PyAny>,
        score: f64,
        cue_kinds: Option<&FxSet<String>>,
    ) -> PyResult<Option<OnePlace<'_>>> {
        let ids = ids.cast::<PyTuple>()?;
        // (variant, rank, its code) of the best variant so far, the first of the best
        let mut best: Option<(usize, f64, &VariantCode)> = None;
        let mut place: Option<usize> = None;
        for v in ids.iter() {
            let v: usize = v.extract()?;
            let (Some(&p), Some(&vcode)) = (self.variant_place.get(v), self.variant_code.get(v))
            else {
                return Ok(None);
            };
            let Ok(p) = usize::try_from(p) else {
                return Ok(None);
            };
            match place {
                Some(q) if q != p => return Ok(None), // several places: Python's
                _ => place = Some(p),
            }
            let (Some(&pcode), Some(vc)) = (
                self.place_code.get(p),
                self.variant_codes.get(vcode as usize),
            ) else {
                return Ok(None);
            };
            let (Some(pc), true) = (
                self.place_codes.get(pcode as usize),
                p < self.importance.len(),
            ) else {
                return Ok(None);
            };
            let rank = self.prior(score, p, pc, vc, cue_kinds);
            let better = match best {
                None => true,
                Some((_, b, _)) => rank > b,
            };
            if better {
                best = Some((v, rank, vc));
            }
        }
        let (Some(p), Some((v, rank, vc))) = (place, best) else {
            return Ok(None);
        };
        let pc = &self.place_codes[self.place_code[p] as usize];
        Ok(Some(OnePlace {
            place: p as i64,
            variant: v as i64,
            rank,
            needs_context: vc.needs_context,
            kind: &pc.kind,
            official: vc.official,
            country: &pc.country,
        }))
    }
}
