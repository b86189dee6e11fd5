/**
 * Hostile GraphQL documents whose expansion doubles (or worse) with every fragment:
 * the denial-of-service family that validation must measure in linear time. Shared by the
 * tests and `npm run bench -- abuse`.
 */
export interface FragmentBomb {
  readonly name: string;
  readonly query: string;
}

export interface BombTarget {
  /** The type every fragment is on: the root type, so the chain can start anywhere. */
  readonly on: string;
  /** A selection valid on that type, at the end of every chain. */
  readonly leaf: string;
}

/** F0 = leaf; F(i) spreads F(i-1) `times` times; the query spreads the last one. */
export function fragmentChain(target: BombTarget, links: number, times = 2): FragmentBomb {
  const defs = [`fragment F0 on ${target.on} { ${target.leaf} }`];
  for (let i = 1; i <= links; i++) {
    defs.push(
      `fragment F${i} on ${target.on} { ${Array(times)
        .fill(`...F${i - 1}`)
        .join(' ')} }`,
    );
  }
  return { name: `chain ${links} × ${times}`, query: `query { ...F${links} }\n${defs.join('\n')}` };
}

/** `width` fragments per level, each spreading every fragment of the level below. */
export function fragmentLattice(target: BombTarget, levels: number, width: number): FragmentBomb {
  const name = (level: number, k: number) => `L${level}_${k}`;
  const defs: string[] = [];
  for (let k = 0; k < width; k++) defs.push(`fragment ${name(0, k)} on ${target.on} { ${target.leaf} }`);
  for (let level = 1; level <= levels; level++) {
    const below = Array.from({ length: width }, (_, k) => `...${name(level - 1, k)}`).join(' ');
    for (let k = 0; k < width; k++) defs.push(`fragment ${name(level, k)} on ${target.on} { ${below} }`);
  }
  return {
    name: `lattice ${levels} × ${width}`,
    query: `query { ...${name(levels, 0)} }\n${defs.join('\n')}`,
  };
}

/** The same fragment spread many times side by side, at one level. */
export function fragmentFan(target: BombTarget, spreads: number): FragmentBomb {
  return {
    name: `fan × ${spreads}`,
    query: `query { ${Array(spreads).fill('...F').join(' ')} }\nfragment F on ${target.on} { ${target.leaf} }`,
  };
}

/** The shapes the issue names: chains of 10, 20, 40 and 1,000, spread 2 and 10 times, and lattices. */
export function fragmentBombs(target: BombTarget): FragmentBomb[] {
  return [
    ...[10, 20, 40, 1000].flatMap((n) => [fragmentChain(target, n, 2), fragmentChain(target, n, 10)]),
    fragmentLattice(target, 20, 2),
    fragmentLattice(target, 10, 4),
    fragmentFan(target, 600),
  ];
}
