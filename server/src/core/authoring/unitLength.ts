/** Scales a sparse vector (term → weight) in place to length 1, so that dot products are cosines; returns it. */
export function toUnitLength<K>(vector: Map<K, number>): Map<K, number> {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  const norm = Math.sqrt(sum) || 1;
  for (const [k, w] of vector) vector.set(k, w / norm);
  return vector;
}
