import { parseEmbedParts } from './embedParts';
import { postHeightToParent, watchHeight } from './embedHeight';
import { pageData } from './pageData';
import { pageTranslator, reloadInLanguage } from './pageLanguage';
import { mountParticipantView } from './participantView';

// Participant page /c/:id; an iframe embed may pass the host's own participant id as ?xid= and the parts to show as ?parts=.
const { conversationId, statementMaxLength, main } = pageData();
const query = new URLSearchParams(location.search);
const xid = query.get('xid') ?? undefined;
const parts = parseEmbedParts(query.get('parts'), '?parts');
// In another site's frame: tell the host how tall the page is, so the iframe needs no guessed height.
if (window.parent !== window) watchHeight(document.documentElement, (height) => postHeightToParent(conversationId, height));
void pageTranslator().then(async (t) => {
  await mountParticipantView(main, { base: '', conversationId, statementMaxLength, translator: t, onLanguage: reloadInLanguage, parts, ...(xid && { xid }) });
  const topic = main.querySelector('.kuulo-topic')?.textContent;
  if (topic) document.title = t.t('participant.documentTitle', { topic });
});
