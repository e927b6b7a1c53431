import { apiClient } from './apiClient';
import type { Conversation, PageOf, Statement } from './apiTypes';
import { conversationText } from './conversationText';
import { el } from './el';
import { languageSwitcher } from './languageSwitcher';
import { pageTranslator, reloadInLanguage } from './pageLanguage';

// Start page: the featured conversations' topics and counts fill in; the rest works without script.
void pageTranslator().then((t) => {
  document.querySelector('.kuulo-header')?.prepend(languageSwitcher(t, reloadInLanguage));
  for (const item of document.querySelectorAll<HTMLLIElement>('.kuulo-featured li[data-conversation]')) {
    const id = item.dataset.conversation ?? '';
    const api = apiClient('', id);
    // The statement count is the one the report shows: visible statements (GET …/statements total), not every one ever written.
    Promise.all([api.get<Conversation>(''), api.get<PageOf<Statement>>('/statements?limit=1')])
      .then(([conversation, visible]) => {
        const link = item.querySelector('a');
        const topic = conversationText(conversation, t.lang).topic;
        if (link) {
          link.textContent = topic.text;
          if (topic.lang) link.lang = topic.lang;
        }
        item.append(el('span', { class: 'kuulo-muted' }, [` · ${t.t('home.counts', { ...conversation.counts, statements: visible.total })}`]));
      })
      .catch(() => {
        item.append(el('span', { class: 'kuulo-muted' }, [` ${t.t('home.unavailable')}`]));
      });
  }
});
