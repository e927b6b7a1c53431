import { textFeatures } from './textFeatures.js';

/** Another statement and how similar it is, 0–1. */
export interface Neighbour {
  tid: number;
  score: number;
}

export interface LexicalIndexOptions {
  /** Neighbours kept per statement. Default 10. */
  k?: number;
  /** Weight of the stem cosine; the character n-gram cosine gets the rest. Default 0.5. */
  stemWeight?: number;
  /** Character n-gram length. Default 4. */
  gramLength?: number;
  /** Features found in more than this share of the statements do not nominate candidates (they still count in the exact score). Default 0.02. */
  commonShare?: number;
  /** Candidates rescored exactly per new statement. Default 64. */
  candidates?: number;
  /**
   * Factor on the score when one text negates and the other does not, or their numbers differ ("I am 55 or
   * older" / "I am under 30"): such pairs share words but not meaning. 1 turns it off. Default 0.75.
   */
  contradictionFactor?: number;
}

const defaults: Required<LexicalIndexOptions> = { k: 10, stemWeight: 0.5, gramLength: 4, commonShare: 0.02, candidates: 64, contradictionFactor: 0.75 };

/** Features walked in the candidate pass however common they are, and the latest postings walked of a common one. */
const minFeatures = 4;
const maxPostings = 4000;

const STEM = 0;
const GRAM = 1;

/**
 * Incremental TF-IDF cosine index over stems and character n-grams. Adding a statement costs one walk of
 * the postings of its rarer features plus an exact rescoring of the best candidates, so it grows with the
 * statements that share words with it, not with the conversation; each statement's neighbour list is kept
 * up to date as later statements arrive. IDF is log(1 + N / df) with N as of the last refresh (every
 * 10 % of growth, amortised), and a score is not recomputed when the vocabulary shifts later.
 */
export class LexicalIndex {
  readonly #options: Required<LexicalIndexOptions>;
  readonly #featureIds = new Map<string, number>();
  readonly #featureSpace: number[] = [];
  readonly #df: number[] = [];
  readonly #postings: number[][] = [];
  // The posting's term weight (1 + ln tf), beside #postings so the candidate pass needs no lookup.
  readonly #postingWeights: number[][] = [];
  readonly #tids: number[] = [];
  readonly #slot = new Map<number, number>();
  readonly #features: Int32Array[] = [];
  readonly #counts: Float32Array[] = [];
  readonly #negated: boolean[] = [];
  readonly #numbers: string[] = [];
  // Norms per space with the IDF of the last refresh: used only to rank candidates before the exact pass.
  readonly #norms: [number[], number[]] = [[], []];
  #refreshedAt = 0;
  readonly #neighbours: Neighbour[][] = [];
  #dot: [Float64Array, Float64Array] = [new Float64Array(1024), new Float64Array(1024)];

  constructor(options: LexicalIndexOptions = {}) {
    this.#options = { ...defaults, ...options };
  }

  get size(): number {
    return this.#tids.length;
  }

  has(tid: number): boolean {
    return this.#slot.has(tid);
  }

  /** The statement's most similar statements, best first; undefined when it is not indexed. */
  neighbours(tid: number): readonly Neighbour[] | undefined {
    const slot = this.#slot.get(tid);
    return slot === undefined ? undefined : this.#neighbours[slot];
  }

  // IDF per feature against the statement count of the last refresh: a table lookup in the inner loops.
  #idfs = new Float64Array(1024);
  #idfCount = 1;

  #idf(feature: number): number {
    return this.#idfs[feature]!;
  }

  #setIdf(feature: number): void {
    if (feature >= this.#idfs.length) {
      const grown = new Float64Array(2 * this.#idfs.length);
      grown.set(this.#idfs);
      this.#idfs = grown;
    }
    this.#idfs[feature] = Math.log(1 + this.#idfCount / this.#df[feature]!);
  }

  /** Indexes one statement and returns its neighbours among the statements indexed so far. */
  add(tid: number, text: string, lang: string | null): readonly Neighbour[] {
    if (this.#slot.has(tid)) throw new Error(`statement ${tid} is already in the similarity index`);
    const { stems, grams, negated, numbers } = textFeatures(text, lang, { gramLength: this.#options.gramLength });
    const entries: [number, number][] = [];
    for (const [space, terms] of [[STEM, stems], [GRAM, grams]] as const) {
      for (const [term, count] of terms) {
        const key = `${space}${term}`;
        let id = this.#featureIds.get(key);
        if (id === undefined) {
          id = this.#featureSpace.length;
          this.#featureIds.set(key, id);
          this.#featureSpace.push(space);
          this.#df.push(0);
          this.#postings.push([]);
          this.#postingWeights.push([]);
        }
        this.#df[id]!++;
        this.#setIdf(id);
        entries.push([id, 1 + Math.log(count)]);
      }
    }
    entries.sort((a, b) => a[0] - b[0]);
    const features = Int32Array.from(entries, (e) => e[0]);
    const counts = Float32Array.from(entries, (e) => e[1]);
    const slot = this.#tids.length;
    this.#tids.push(tid);
    this.#slot.set(tid, slot);
    this.#features.push(features);
    this.#counts.push(counts);
    this.#negated.push(negated);
    this.#numbers.push(numbers);
    const scored = this.#score(slot);
    for (let i = 0; i < features.length; i++) {
      this.#postings[features[i]!]!.push(slot);
      this.#postingWeights[features[i]!]!.push(counts[i]!);
    }
    const norms = this.#norm(slot);
    this.#norms[STEM].push(norms[STEM]);
    this.#norms[GRAM].push(norms[GRAM]);
    const { k } = this.#options;
    const own = scored.slice(0, k);
    this.#neighbours.push(own);
    // Keep the older statements' lists current: the new one may now be among their closest.
    for (const { tid: other, score } of scored) {
      const list = this.#neighbours[this.#slot.get(other)!]!;
      if (list.length === k && list[k - 1]!.score >= score) continue;
      let at = list.findIndex((n) => n.score < score);
      if (at === -1) at = list.length;
      list.splice(at, 0, { tid, score });
      if (list.length > k) list.pop();
    }
    if (this.#tids.length >= 1.1 * this.#refreshedAt + 1) this.#refreshNorms();
    return own;
  }

  /** Norm of a statement's vector in each space with the current IDF. */
  #norm(slot: number): [number, number] {
    const sums = [0, 0];
    const features = this.#features[slot]!;
    const counts = this.#counts[slot]!;
    for (let i = 0; i < features.length; i++) {
      const w = counts[i]! * this.#idf(features[i]!);
      sums[this.#featureSpace[features[i]!]!]! += w * w;
    }
    return [Math.sqrt(sums[0]!), Math.sqrt(sums[1]!)];
  }

  #refreshNorms(): void {
    this.#idfCount = this.#tids.length;
    for (let f = 0; f < this.#df.length; f++) this.#setIdf(f);
    for (let slot = 0; slot < this.#tids.length; slot++) {
      const [s, g] = this.#norm(slot);
      this.#norms[STEM][slot] = s;
      this.#norms[GRAM][slot] = g;
    }
    this.#refreshedAt = this.#tids.length;
  }

  /** The score from the dot products and norms in each space (scalars: this runs for every candidate). */
  #combine(dotStem: number, dotGram: number, aStem: number, aGram: number, bStem: number, bGram: number): number {
    const gram = aGram > 0 && bGram > 0 ? dotGram / (aGram * bGram) : 0;
    // Texts without stems (only stop words, or no stemmer) are compared by their n-grams alone.
    if (!(aStem > 0 && bStem > 0)) return gram;
    const w = this.#options.stemWeight;
    return w * (dotStem / (aStem * bStem)) + (1 - w) * gram;
  }

  /** Exact scores of the new statement (slot) against the best candidates, best first. */
  #score(slot: number): Neighbour[] {
    const n = this.#tids.length;
    if (this.#dot[0].length < n) this.#dot = [new Float64Array(2 * n), new Float64Array(2 * n)];
    const [dotStem, dotGram] = this.#dot;
    const dots = [dotStem, dotGram];
    const features = this.#features[slot]!;
    const counts = this.#counts[slot]!;
    const queryNorm = this.#norm(slot);
    const common = n >= 200 ? this.#options.commonShare * n : Infinity;
    const touched: number[] = [];
    // Candidate pass: walk the postings of the rarer features, with stale norms. A text made only of
    // common words still walks its `minFeatures` rarest features, over their latest `maxPostings` statements.
    const order = Array.from(features.keys()).sort((a, b) => this.#df[features[a]!]! - this.#df[features[b]!]!);
    for (let rank = 0; rank < order.length; rank++) {
      const i = order[rank]!;
      const f = features[i]!;
      if (this.#df[f]! > common && rank >= minFeatures) break;
      const idf = this.#idf(f);
      const q = counts[i]! * idf * idf;
      const dot = dots[this.#featureSpace[f]!]!;
      const postings = this.#postings[f]!;
      const weights = this.#postingWeights[f]!;
      const otherDot = dots[1 - this.#featureSpace[f]!]!;
      for (let p = Math.max(0, postings.length - maxPostings); p < postings.length; p++) {
        const other = postings[p]!;
        if (dot[other] === 0 && otherDot[other] === 0) touched.push(other);
        dot[other]! += q * weights[p]!;
      }
    }
    const partial = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const other = touched[i]!;
      partial[i] = this.#combine(dotStem[other]!, dotGram[other]!, queryNorm[STEM], queryNorm[GRAM], this.#norms[STEM][other]!, this.#norms[GRAM][other]!);
      dotStem[other] = dotGram[other] = 0;
    }
    // The best `candidates` by partial score: a numeric sort of a copy gives the cut-off.
    const { candidates } = this.#options;
    const cut = touched.length > candidates ? Float64Array.from(partial).sort()[touched.length - candidates]! : -Infinity;
    // Exact pass: every shared feature with the current IDF and norms.
    const result: Neighbour[] = [];
    for (let i = 0; i < touched.length; i++) {
      if (partial[i]! < cut) continue;
      const other = touched[i]!;
      let score = this.#exact(features, counts, queryNorm, other);
      if (this.#negated[other] !== this.#negated[slot] || this.#numbers[other] !== this.#numbers[slot]) score *= this.#options.contradictionFactor;
      if (score > 0) result.push({ tid: this.#tids[other]!, score: Math.min(1, score) });
    }
    return result.sort((a, b) => b.score - a.score || a.tid - b.tid);
  }

  #exact(features: Int32Array, counts: Float32Array, queryNorm: [number, number], other: number): number {
    const of = this.#features[other]!;
    const oc = this.#counts[other]!;
    const dot: [number, number] = [0, 0];
    for (let i = 0, j = 0; i < features.length && j < of.length; ) {
      if (features[i]! < of[j]!) i++;
      else if (features[i]! > of[j]!) j++;
      else {
        const idf = this.#idf(features[i]!);
        dot[this.#featureSpace[features[i]!]!]! += counts[i]! * oc[j]! * idf * idf;
        i++;
        j++;
      }
    }
    const norm = this.#norm(other);
    return this.#combine(dot[STEM], dot[GRAM], queryNorm[STEM], queryNorm[GRAM], norm[STEM], norm[GRAM]);
  }
}
