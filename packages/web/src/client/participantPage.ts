import { mountParticipantView } from './participantView';
import { pageData } from './pageData';

// Participant page /c/:id; an iframe embed may pass the host's own participant id as ?xid=.
const { conversationId, statementMaxLength, main } = pageData();
const xid = new URLSearchParams(location.search).get('xid') ?? undefined;
void mountParticipantView(main, { base: '', conversationId, statementMaxLength, ...(xid && { xid }) }).then(() => {
  const topic = main.querySelector('.kuulo-topic')?.textContent;
  if (topic) document.title = `${topic} · Kuulo`;
});
