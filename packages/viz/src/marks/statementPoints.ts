import { animateTransform } from '../animate';
import type { Translator } from '../i18n';
import type { MapStatement } from '../opinionMapLayout';
import { keyedGroups } from './keyedGroups';
import { markRoot, type MarkOptions } from './markRoot';

/**
 * Statement positions as small diamonds marked with the statement id; the full text is in a
 * <title> (hover tooltip), set as text so statement text can never become markup.
 */
export function statementPoints(statements: readonly MapStatement[], options: MarkOptions & { t: Translator }): SVGGElement {
  const root = markRoot(options, 'kuulo-statements');
  const duration = options.duration ?? 0;
  const { entered, join } = keyedGroups(root, statements, duration);
  entered.append('title');
  entered.append('path').attr('d', 'M0,-5L5,0L0,5L-5,0Z').attr('fill', '#FFFFFF').attr('stroke', '#555555').attr('stroke-width', 1.25);
  entered.append('text').attr('class', 'kuulo-halo').attr('x', 7).attr('dy', '0.35em').attr('font-size', 10).attr('fill', '#555555');
  const merged = entered.merge(join).order();
  merged.select('title').text((d) => options.t.t('chart.statementPoint', { id: String(d.id), text: d.text }));
  merged.select('text').text((d) => String(d.id));
  animateTransform(merged, duration, (d) => `translate(${d.x},${d.y})`);
  return root;
}
