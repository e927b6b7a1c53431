import { defaultPrivacyFloor, polisMapMinimum, type KuuloResult, type PrivacyInfo } from '@kuulo/core';
import type { Translator } from '@kuulo/viz';
import type { Conversation } from './apiTypes';
import { el } from './el';

/**
 * How the privacy floor shaped the published math: `result.privacy` when the server sent it, else
 * worked out the same way from the conversation's floor (older stored math), or nothing voted yet.
 */
export function reportPrivacy(result: KuuloResult | null, conversation: Conversation): PrivacyInfo {
  const sent = (result as { privacy?: PrivacyInfo } | null)?.privacy;
  if (sent) return sent;
  const floor = conversation.privacyFloor ?? defaultPrivacyFloor;
  const participants = result?.participants.length ?? 0;
  const mapMinimum = Math.max(polisMapMinimum, floor);
  return { floor, mapMinimum, participants, published: participants >= mapMinimum && (result?.groups.length ?? 0) > 0, hiddenGroups: 0, hiddenParticipants: 0 };
}

/** The groups section's privacy sentences: why there are no groups yet, which are hidden, and the floor itself. */
export function privacyNote(privacy: PrivacyInfo, t: Translator): HTMLElement {
  const waiting = !privacy.published && privacy.participants < privacy.mapMinimum;
  return el('div', { class: 'kuulo-privacy-note' }, [
    waiting && el('p', { class: 'kuulo-notice', attrs: { 'data-privacy': 'waiting' } }, [t.t('report.privacy.waiting', { mapMinimum: privacy.mapMinimum, participants: privacy.participants })]),
    privacy.published &&
      privacy.hiddenGroups > 0 &&
      el('p', { class: 'kuulo-notice', attrs: { 'data-privacy': 'hidden' } }, [t.t('report.privacy.hidden', { groups: privacy.hiddenGroups, people: privacy.hiddenParticipants, floor: privacy.floor })]),
    el('p', { class: 'kuulo-hint', attrs: { 'data-privacy': 'floor' } }, [t.t('report.privacy.floor', { floor: privacy.floor })]),
  ]);
}
