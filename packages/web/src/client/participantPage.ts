import { pageData } from './pageData';
import { pageTranslator, reloadInLanguage } from './pageLanguage';
import { mountParticipantView } from './participantView';

// Participant page /c/:id; an iframe embed may pass the host's own participant id as ?xid=.
const { conversationId, statementMaxLength, main } = pageData();
const xid = new URLSearchParams(location.search).get('xid') ?? undefined;
void pageTranslator().then(async (t) => {
  await mountParticipantView(main, { base: '', conversationId, statementMaxLength, translator: t, onLanguage: reloadInLanguage, ...(xid && { xid }) });
  const topic = main.querySelector('.kuulo-topic')?.textContent;
  if (topic) document.title = t.t('participant.documentTitle', { topic });
});
