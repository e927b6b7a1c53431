import type { Translator } from '@kuulo/viz';
import type { Conversation } from './apiTypes';
import { el, uniqueId } from './el';
import { saveChange } from './saveChange';

type Mode = NonNullable<Conversation['mode']>;
type Bridging = NonNullable<Conversation['bridging']>;
const modes: readonly Mode[] = ['polis', 'stable'];
const bridgings: readonly Bridging[] = ['auto', 'on', 'off'];
const modeTexts: Record<Mode, { label: string; hint: string }> = {
  polis: { label: 'admin.math.mode.polis', hint: 'admin.math.mode.polis.hint' },
  stable: { label: 'admin.math.mode.stable', hint: 'admin.math.mode.stable.hint' },
};
const bridgingTexts: Record<Bridging, string> = { auto: 'admin.math.bridging.auto', on: 'admin.math.bridging.on', off: 'admin.math.bridging.off' };

/**
 * The math settings: mode (Polis's or stable groups) and bridging scores. Changing either
 * recomputes the groups, so the hint says so; only changed fields are sent.
 */
export function mathSettings(t: Translator, initial: Conversation, save: (change: { mode?: Mode; bridging?: Bridging }) => Promise<Conversation>): HTMLElement {
  let current = initial;
  const headingId = uniqueId('math-settings');
  const name = uniqueId('mode');
  const radios = modes.map((mode) => {
    const id = uniqueId(`mode-${mode}`);
    const input = el('input', { attrs: { id, name, type: 'radio', value: mode, 'aria-describedby': `${id}-hint` } });
    return {
      mode,
      input,
      element: el('div', { class: 'kuulo-check' }, [input, el('div', {}, [el('label', { attrs: { for: id } }, [t.t(modeTexts[mode].label)]), el('p', { class: 'kuulo-hint', attrs: { id: `${id}-hint` } }, [t.t(modeTexts[mode].hint)])])]),
    };
  });
  const bridgingId = uniqueId('bridging');
  const bridging = el(
    'select',
    { class: 'kuulo-input', attrs: { id: bridgingId, name: 'bridging', 'aria-describedby': `${bridgingId}-hint` } },
    bridgings.map((value) => el('option', { attrs: { value } }, [t.t(bridgingTexts[value])])),
  );
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('admin.math.save')]);
  const fill = (c: Conversation): void => {
    for (const radio of radios) radio.input.checked = radio.mode === (c.mode ?? 'polis');
    bridging.value = c.bridging ?? 'auto';
  };
  fill(current);
  const form = el('form', { class: 'kuulo-settings' }, [
    el('fieldset', { class: 'kuulo-fieldset' }, [el('legend', {}, [t.t('admin.math.mode')]), ...radios.map((r) => r.element)]),
    el('label', { attrs: { for: bridgingId } }, [t.t('admin.math.bridging')]),
    bridging,
    el('p', { class: 'kuulo-hint', attrs: { id: `${bridgingId}-hint` } }, [t.t('admin.math.bridging.hint')]),
    button,
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const mode = radios.find((r) => r.input.checked)?.mode ?? 'polis';
    const change = {
      ...(mode !== (current.mode ?? 'polis') && { mode }),
      ...(bridging.value !== (current.bridging ?? 'auto') && { bridging: bridging.value as Bridging }),
    };
    saveChange(change, { button, status, t, savedKey: 'admin.math.saved' }, save, (saved) => {
      current = saved;
      fill(saved);
    });
  });
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': headingId } }, [
    el('h3', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('admin.math.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.math.hint')]),
    form,
  ]);
}
