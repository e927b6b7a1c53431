import type { Translator } from '@kuulo/viz';
import { ApiError, apiAt, apiClient, errorMessage } from './apiClient';
import { conversationList } from './adminList';
import { createForm, type CreatedConversation } from './adminCreate';
import { conversationView } from './adminConversation';
import { adminKeyStore, bearer, withHeaders, type AdminSession } from './adminSession';
import { el, replaceChildren } from './el';
import { languageSwitcher } from './languageSwitcher';
import { moderatorKeyForm } from './moderatorKey';
import { pageTranslator, reloadInLanguage } from './pageLanguage';

// Admin console /admin: asks for the admin key, then lists, creates and configures conversations.
// Views are addressed by the hash (#new, #c/<id>), so the browser's back button and links work.
const main = document.getElementById('main');
if (!main) throw new Error('page markup lacks <main id="main">');
const keys = adminKeyStore();
const conversationHash = /^c\/([a-z0-9][a-z0-9-]{0,62})$/;

void init();

async function init(): Promise<void> {
  const t = await pageTranslator();
  document.title = t.t('admin.documentTitle');
  const stored = keys.get();
  const problem = stored ? await tryKey(t, stored) : null;
  if (stored && problem === null) return;
  if (stored) keys.clear();
  replaceChildren(main!, [
    el('header', { class: 'kuulo-header' }, [languageSwitcher(t, reloadInLanguage), el('h1', {}, [t.t('admin.title')])]),
    moderatorKeyForm(t, (key) => tryKey(t, key), problem ?? '', { title: t.t('admin.key.title'), hint: t.t('admin.key.hint'), label: t.t('admin.key.label'), open: t.t('admin.key.open') }),
  ]);
}

/** Opens the console when the key is the admin key; otherwise says why. */
async function tryKey(t: Translator, key: string): Promise<string | null> {
  const root = withHeaders(apiAt('/api/v1'), bearer(key));
  try {
    await root.get('/conversations?limit=1');
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'AUTH_INVALID' || error.code === 'AUTH_REQUIRED')) return t.t('admin.key.wrong');
    return errorMessage(error, t);
  }
  keys.set(key);
  start(t, key, root);
  return null;
}

function start(t: Translator, key: string, root: AdminSession['root']): void {
  const announcer = el('p', { class: 'kuulo-announcer kuulo-visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const toast = el('p', { class: 'kuulo-toast', attrs: { 'aria-hidden': 'true' } });
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let leaving: (() => void)[] = [];
  const session: AdminSession = {
    t,
    key,
    root,
    conversationApi: (id) => withHeaders(apiClient('', id), bearer(key)),
    announce: (text) => {
      announcer.textContent = text;
      toast.textContent = text;
      clearTimeout(toastTimer);
      toastTimer = setTimeout(() => (toast.textContent = ''), 4000);
    },
    onLeave: (stop) => leaving.push(stop),
  };
  const view = el('div', { class: 'kuulo-admin-view' });
  // One-time secrets of a conversation just created, handed to its view once and then forgotten.
  let created: CreatedConversation | undefined;
  const show = (focus: boolean): void => {
    for (const stop of leaving) stop();
    leaving = [];
    const hash = decodeURIComponent(location.hash.slice(1));
    const match = conversationHash.exec(hash);
    if (hash === 'new') {
      replaceChildren(view, [
        createForm(session, (reply) => {
          created = reply;
          location.hash = `c/${reply.conversation.id}`;
        }),
      ]);
    } else if (match) {
      const id = match[1]!;
      const secrets = created?.conversation.id === id ? created : undefined;
      created = undefined;
      replaceChildren(view, [conversationView(session, id, secrets)]);
    } else {
      replaceChildren(view, [conversationList(session)]);
    }
    // A new view is like a new page: screen readers start at its heading.
    if (focus) view.querySelector<HTMLElement>('h2')?.focus();
  };
  const signOut = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('admin.forgetKey')]);
  signOut.addEventListener('click', () => {
    keys.clear();
    location.assign('/admin');
  });
  replaceChildren(main!, [
    el('header', { class: 'kuulo-header' }, [
      languageSwitcher(t, reloadInLanguage),
      el('h1', {}, [t.t('admin.title')]),
      el('nav', { class: 'kuulo-nav', attrs: { 'aria-label': t.t('admin.nav') } }, [
        el('a', { attrs: { href: '#' } }, [t.t('admin.nav.conversations')]),
        el('a', { attrs: { href: '#new' } }, [t.t('admin.nav.new')]),
        el('a', { attrs: { href: '/' } }, [t.t('admin.nav.start')]),
        el('a', { attrs: { href: '/docs' } }, [t.t('admin.nav.docs')]),
        signOut,
      ]),
    ]),
    announcer,
    toast,
    view,
  ]);
  window.addEventListener('hashchange', () => show(true));
  show(true);
}
