/**
 * Perfect hash by row displacement, for a fixed set of integer keys known at load.
 *
 * A key is split into a row, its low `rowBits` bits, and a column, the bits above. Each row gets an
 * offset so that `offsets[key & rowMask] + (key >>> rowBits)` is a distinct slot for every key.
 * Rows are placed greedily, fullest first, at the lowest offset where none of their columns hits an
 * occupied slot.
 *
 * Why low bits for the row: rank-key sums crowd the low end of their range (hands of small ranks),
 * so splitting on the HIGH bits makes a few very full rows that pack poorly (about 35% density for
 * seven cards). The low bits of the sums are evenly spread, every row gets a similar, sparse load,
 * and the table comes out fully dense: one slot per key. Lookups of keys outside the set are
 * meaningless; callers only look up valid keys.
 */
export interface DisplacementHash {
  readonly rowBits: number;
  readonly rowMask: number;
  readonly offsets: Uint16Array;
  /** The hashed values; 0 marks a slot no key uses. */
  readonly values: Uint16Array;
}

/** Values must be 1..65535. Throws if a key repeats or the table outgrows 16-bit offsets. */
export function buildDisplacementHash(
  keys: ArrayLike<number>,
  values: ArrayLike<number>,
  rowBits: number,
): DisplacementHash {
  const rowMask = (1 << rowBits) - 1;
  const rowCount = 1 << rowBits;
  let maxKey = 0;
  for (let i = 0; i < keys.length; i++) maxKey = Math.max(maxKey, keys[i]!);
  const width = (maxKey >>> rowBits) + 1;

  // Bucket key indexes by row (counting sort): members[rowStart[r] .. rowStart[r + 1]) are row r's.
  const rowStart = new Int32Array(rowCount + 1);
  for (let i = 0; i < keys.length; i++) rowStart[(keys[i]! & rowMask) + 1]!++;
  for (let row = 0; row < rowCount; row++) rowStart[row + 1]! += rowStart[row]!;
  const fill = rowStart.slice(0, rowCount);
  const members = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) members[fill[keys[i]! & rowMask]!++] = i;
  const rowSize = (row: number): number => rowStart[row + 1]! - rowStart[row]!;

  const order = Array.from({ length: rowCount }, (_, row) => row)
    .filter((row) => rowSize(row) > 0)
    .sort((a, b) => rowSize(b) - rowSize(a) || a - b);

  const offsets = new Uint16Array(rowCount);
  // nextFree[s] leads (union-find style, with path halving) to the first free slot >= s, so a
  // collision lets the search jump straight past a run of occupied slots.
  let nextFree = new Int32Array(keys.length + 2 * width);
  for (let s = 0; s < nextFree.length; s++) nextFree[s] = s;
  const findFree = (slot: number): number => {
    while (nextFree[slot] !== slot) {
      nextFree[slot] = nextFree[nextFree[slot]!]!;
      slot = nextFree[slot]!;
    }
    return slot;
  };
  let size = 0;
  for (const row of order) {
    const start = rowStart[row]!;
    const end = rowStart[row + 1]!;
    let minColumn = width;
    for (let m = start; m < end; m++) minColumn = Math.min(minColumn, keys[members[m]!]! >>> rowBits);
    let offset = Math.max(0, findFree(0) - minColumn);
    for (;;) {
      if (offset + width + 1 > nextFree.length) {
        const grown = new Int32Array(nextFree.length * 2);
        grown.set(nextFree);
        for (let s = nextFree.length; s < grown.length; s++) grown[s] = s;
        nextFree = grown;
      }
      let collision = -1;
      for (let m = start; m < end; m++) {
        const slot = offset + (keys[members[m]!]! >>> rowBits);
        if (findFree(slot) !== slot) {
          collision = m;
          break;
        }
      }
      if (collision < 0) break;
      // Check the colliding key first from now on (it tends to collide again), and jump to the
      // first offset where it lands on a free slot.
      const first = members[start]!;
      members[start] = members[collision]!;
      members[collision] = first;
      const column = keys[members[start]!]! >>> rowBits;
      offset = findFree(offset + column) - column;
    }
    offsets[row] = offset;
    if (offsets[row] !== offset) throw new Error('perfect hash: offset does not fit in 16 bits');
    for (let m = start; m < end; m++) {
      const slot = offset + (keys[members[m]!]! >>> rowBits);
      nextFree[slot] = slot + 1;
      size = Math.max(size, slot + 1);
    }
  }

  const table = new Uint16Array(size);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const slot = offsets[key & rowMask]! + (key >>> rowBits);
    // Distinct keys always land in distinct slots, so a filled slot means a repeated key.
    if (table[slot] !== 0) throw new Error(`perfect hash: key ${key} occurs more than once`);
    const value = values[i]!;
    if (!(value >= 1 && value <= 0xffff)) throw new Error(`perfect hash: value ${value} out of range`);
    table[slot] = value;
  }
  return { rowBits, rowMask, offsets, values: table };
}
