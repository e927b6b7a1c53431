import { LexicalIndex, type LexicalIndexOptions, type Neighbour } from './lexicalIndex.js';

export type { Neighbour } from './lexicalIndex.js';

/** A statement as the similarity index sees it. */
export interface IndexedStatement {
  tid: number;
  text: string;
  /** Language of the text (BCP 47), null when unknown. */
  lang: string | null;
}

/** One conversation's statements, searchable by similarity; statements arrive in tid order and are never removed. */
export interface SimilarityIndex {
  /**
   * Adds statements. A synchronous index (the lexical one) has them searchable on return; an index that
   * calls a service (embeddings) returns a promise, and until it settles those statements have no neighbours.
   */
  add(statements: readonly IndexedStatement[]): void | Promise<void>;
  /** The statement's most similar statements (any moderation state), best first, scores 0–1; undefined while not indexed. */
  neighbours(tid: number): readonly Neighbour[] | undefined;
}

/**
 * Where similarity comes from. The default is lexical (`lexicalProvider`); a deployment can plug in an
 * embedding service by implementing this with an index that embeds each statement once and keeps its
 * nearest neighbours, calibrating `duplicateThreshold` on its own scores.
 */
export interface SimilarityProvider {
  /** For logs and the bench: 'lexical' or the service's name. */
  readonly name: string;
  /** Score at or above which a statement is said to repeat an earlier one. */
  readonly duplicateThreshold: number;
  createIndex(): SimilarityIndex;
}

export interface LexicalProviderOptions extends LexicalIndexOptions {
  /** Score at or above which a statement repeats an earlier one. Default 0.5 (see test/similarity/quality.test.ts). */
  duplicateThreshold?: number;
}

/** TF-IDF over Snowball stems (fi, sv, en) and character 4-grams, in memory, incremental (LexicalIndex). */
export function lexicalProvider(options: LexicalProviderOptions = {}): SimilarityProvider {
  const { duplicateThreshold = 0.5, ...indexOptions } = options;
  return {
    name: 'lexical',
    duplicateThreshold,
    createIndex() {
      const index = new LexicalIndex(indexOptions);
      return {
        add(statements) {
          for (const s of statements) if (!index.has(s.tid)) index.add(s.tid, s.text, s.lang);
        },
        neighbours: (tid) => index.neighbours(tid),
      };
    },
  };
}
