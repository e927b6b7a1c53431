// Temporary: @kuulo/core has no index.ts yet, so the types come straight from its types file.
// Switch to `import type { … } from '@kuulo/core'` once core exports them.
export type {
  ConsensusEntry,
  GroupResult,
  KuuloResult,
  ParticipantId,
  RepnessEntry,
  StatementId,
  VoteTallies,
} from '../../core/src/types';
