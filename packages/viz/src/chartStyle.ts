/** Font stack shared by every chart. */
export const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/**
 * Styles embedded in every chart: a visible keyboard-focus ring and a halo that keeps labels
 * readable over dots. Embedded so the server-rendered SVG looks the same on its own.
 */
export const chartStyle = [
  '.kuulo-focusable:focus{outline:none}',
  '.kuulo-focusable:focus>.kuulo-hull{stroke-width:3;fill-opacity:.25}',
  '.kuulo-focusable:focus>.kuulo-focus-ring{stroke:#000;stroke-width:2;stroke-dasharray:4 2;visibility:visible}',
  '.kuulo-focus-ring{visibility:hidden;fill:none;pointer-events:none}',
  '.kuulo-halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}',
].join('');
