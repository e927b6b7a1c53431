import type { ParticipantView, ParticipantViewGroup, PrivacyInfo } from '@kuulo/core';
import type { BarTally } from './voteBar';

/** The view's privacy summary; undefined in math stored before the privacy floor existed (or from an older server). */
export function viewPrivacy(view: ParticipantView): PrivacyInfo | undefined {
  return (view as { privacy?: PrivacyInfo }).privacy;
}

/** A representative statement's votes within its group; undefined in math stored before views carried them. */
export function repnessTally(entry: ParticipantViewGroup['repness'][number]): BarTally | undefined {
  const { agree, disagree, pass } = entry as Partial<BarTally>;
  return typeof agree === 'number' && typeof disagree === 'number' && typeof pass === 'number' ? { agree, disagree, pass } : undefined;
}
