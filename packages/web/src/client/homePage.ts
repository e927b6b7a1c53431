import { apiClient } from './apiClient';
import type { Conversation } from './apiTypes';
import { el } from './el';

// Start page: the featured conversations' topics and counts fill in; the rest works without script.
for (const item of document.querySelectorAll<HTMLLIElement>('.kuulo-featured li[data-conversation]')) {
  const id = item.dataset.conversation ?? '';
  apiClient('', id)
    .get<Conversation>('')
    .then((conversation) => {
      const link = item.querySelector('a');
      if (link) link.textContent = conversation.topic;
      const { participants, statements, votes } = conversation.counts;
      item.append(el('span', { class: 'kuulo-muted' }, [` · ${participants} participants, ${statements} statements, ${votes} votes`]));
    })
    .catch(() => {
      item.append(el('span', { class: 'kuulo-muted' }, [' (not available)']));
    });
}
