import { animateTransform } from '../animate';
import { labelFontSize, type MapLabel } from '../opinionMapLayout';
import { keyedGroups } from './keyedGroups';
import { markRoot, type MarkOptions } from './markRoot';

/**
 * Group badges such as "A (123)" in the group's colour, keyed by group id. Hidden from screen
 * readers because the hull they belong to already carries the same name.
 */
export function groupLabels(labels: readonly MapLabel[], options: MarkOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-labels');
  root.setAttribute('aria-hidden', 'true');
  const duration = options.duration ?? 0;
  const { entered, join } = keyedGroups(root, labels, duration);
  entered.append('rect').attr('rx', 4);
  entered
    .append('text')
    .attr('text-anchor', 'middle')
    .attr('dy', '0.35em')
    .attr('font-size', labelFontSize)
    .attr('font-weight', 700);
  const merged = entered.merge(join).order();
  merged
    .select('rect')
    .attr('x', (d) => -d.width / 2)
    .attr('y', (d) => -d.height / 2)
    .attr('width', (d) => d.width)
    .attr('height', (d) => d.height)
    .attr('fill', (d) => d.color)
    .attr('stroke', '#FFFFFF');
  merged.select('text').attr('fill', (d) => d.textColor).text((d) => d.text);
  animateTransform(merged, duration, (d) => `translate(${d.x},${d.y})`);
  return root;
}
