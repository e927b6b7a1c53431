import { apiClient } from './apiClient';
import type { Conversation } from './apiTypes';
import { conversationText } from './conversationText';
import { el } from './el';
import { languageSwitcher } from './languageSwitcher';
import { pageTranslator, reloadInLanguage } from './pageLanguage';

// Start page: the featured conversations' topics and counts fill in; the rest works without script.
void pageTranslator().then((t) => {
  document.querySelector('.kuulo-header')?.prepend(languageSwitcher(t, reloadInLanguage));
  for (const item of document.querySelectorAll<HTMLLIElement>('.kuulo-featured li[data-conversation]')) {
    const id = item.dataset.conversation ?? '';
    apiClient('', id)
      .get<Conversation>('')
      .then((conversation) => {
        const link = item.querySelector('a');
        const topic = conversationText(conversation, t.lang).topic;
        if (link) {
          link.textContent = topic.text;
          if (topic.lang) link.lang = topic.lang;
        }
        item.append(el('span', { class: 'kuulo-muted' }, [` · ${t.t('home.counts', conversation.counts)}`]));
      })
      .catch(() => {
        item.append(el('span', { class: 'kuulo-muted' }, [` ${t.t('home.unavailable')}`]));
      });
  }
});
