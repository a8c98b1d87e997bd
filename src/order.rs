//! The crate's one sort. Every sort of the core and the UI goes through [`indices`]: a
//! slice sort is generic over its element type and its comparer, so each `sort_by` with
//! its own closure would put another copy of the sort (a few KB) in the wasm. Here the
//! comparer is a `dyn` and the elements are positions, so there is one copy.

use std::cmp::Ordering;

/// Sorts positions by `cmp`; ties keep the smaller position first, so the result is
/// the stable order whatever `cmp` says of equal elements.
pub fn indices(v: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    v.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
}

/// A stable sort of `v` by `cmp`, through [`indices`].
pub fn by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    let mut old: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&p| old[p].take()));
}

/// A stable sort of `v` by a key (computed once per element, not per comparison).
pub fn by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(&mut key).collect();
    let mut order: Vec<usize> = (0..v.len()).collect();
    indices(&mut order, &mut |a, b| keys[a].cmp(&keys[b]));
    let mut old: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&p| old[p].take()));
}

/// Sorts `v` and removes repeats (`sort` + `dedup`).
pub fn unique<T: Ord>(v: &mut Vec<T>) {
    by(v, T::cmp);
    v.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_is_stable_and_by_key_orders() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
        by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        by_key(&mut v, |x| std::cmp::Reverse(x.0));
        assert_eq!(v, [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd')]);
        let mut u = vec![3, 1, 3, 2, 1];
        unique(&mut u);
        assert_eq!(u, [1, 2, 3]);
    }
}
